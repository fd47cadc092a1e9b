"""The interactive API docs render in a real browser with no internet and under their policy.

Chromium (Debian's, never downloaded) asks for every URL; the test answers requests for the
site from the Django test client (so the test database is the one in use) and refuses
everything else, so a script or style fetched from a CDN would show as a refused request.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders

pytestmark = [pytest.mark.django_db, pytest.mark.browser]
CHROMIUM = Path(os.environ.get("PRACTICEHUB_CHROMIUM", "/usr/bin/chromium"))


def test_the_docs_list_every_endpoint_offline(client, plain_static, monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    # Playwright calls the route handler from its event loop, in this same thread; Django's
    # guard against database calls from async code does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    refused: list[str] = []
    problems: list[str] = []

    def answer(route) -> None:
        url = urlsplit(route.request.url)
        if url.netloc != "localhost":
            refused.append(route.request.url)
            route.abort()
            return
        if url.path.startswith("/static/"):
            found = finders.find(url.path.removeprefix("/static/"))
            if found:
                route.fulfill(path=found)
            else:
                route.fulfill(status=404)
            return
        response = client.get(url.path, query_string=url.query, SERVER_NAME="localhost")
        route.fulfill(
            status=response.status_code, headers=dict(response.items()), body=response.content
        )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.on("console", lambda m: m.type == "error" and problems.append(m.text))
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.route("**/*", answer)
            # localhost: a trustworthy origin, as the browser treats the real site's HTTPS one.
            page.goto("http://localhost/api/docs")
            page.wait_for_selector(".opblock-summary-path", timeout=30_000)
            paths = set(page.locator(".opblock-summary-path").all_inner_texts())
            # Open one operation and run it (the docs start in try-it-out mode): the request
            # goes to our API and the answer shows.
            page.locator(".opblock-summary", has_text="/api/vocabularies").click()
            page.get_by_role("button", name="Execute").click()
            # The server's answer, not the documented example beside it (which is there
            # from the start: a slow answer would otherwise be read as the example).
            answered = ".live-responses-table .response .highlight-code"
            page.wait_for_selector(answered, timeout=30_000)
            shown = page.locator(answered).first.inner_text()
        finally:
            browser.close()
    assert {
        "/api/records",
        "/api/records/{record_id}",
        "/api/organisations",
        "/api/organisations/{organisation_id}",
        "/api/vocabularies",
        "/api/export",
    } <= {p.replace("\u200b", "") for p in paths}
    assert "gender-equality" in shown
    assert not refused, refused
    assert not problems, problems

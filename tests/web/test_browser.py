"""The site in a real browser: the user's path from a search to a spreadsheet in both
languages, markup from documents that never runs, accessibility and phone width."""

from __future__ import annotations

import csv
import os
import re
from urllib.parse import parse_qs, urlparse

import pytest

from practicehub.catalogue.models import Organisation, Record
from practicehub.documents.pipeline import ingest_path
from tests.web.browser import CHROMIUM, chromium
from tests.web.conftest import ingest_samples

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # are still plain synchronous ones.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with chromium() as b:
            yield b
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(plain_static, live_server):
    """The live server with the sample catalogue in its (transactional) database."""
    ingest_samples()
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.errors = errors
    yield page
    context.close()


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


@pytest.mark.parametrize(
    "language, query, words",
    [
        ("en", "training", {"search": "Search", "records": "record", "partners": "Partners"}),
        ("lt", "Kaunas", {"search": "Paieška", "records": "įraš", "partners": "Partneriai"}),
    ],
)
def test_a_user_searches_narrows_reads_follows_an_organisation_and_exports(
    site, page, tmp_path, language, query, words
):
    page.goto(site + "/")
    if language == "lt":
        page.locator(".language-switch button[value=lt]").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("link", name=words["search"], exact=True).is_visible()

    # Search: the query goes into the URL, results say how many.
    page.locator("#q").fill(query)
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="))
    count_text = page.locator("#result-count").inner_text()
    total = int(re.search(r"\d+", count_text).group())
    assert total >= 2 and words["records"] in count_text
    assert page.locator(".result").count() == total
    assert page.locator(".snippet mark").count() > 0  # matches highlighted

    # Facet: ticking "good practice" narrows the result in place (htmx) and the URL keeps it.
    facet = page.locator("input[name=kind][value=good_practice]")
    facet_count = int(
        page.locator("label:has(input[name=kind][value=good_practice]) .count").inner_text()
    )
    assert 0 < facet_count < total
    facet.focus()
    page.keyboard.press("Space")  # by keyboard
    page.wait_for_url(re.compile(r"kind=good_practice"))
    page.wait_for_function(
        "n => document.querySelectorAll('.result').length === n", arg=facet_count
    )
    assert _query(page.url)["q"] == [query]
    assert page.locator("input[name=kind][value=good_practice]").is_checked()
    # Screen readers are told the new count through a live region that stays in the page.
    status = page.locator("#search-status[role=status]")
    assert re.search(rf"\b{facet_count}\b", status.inner_text())
    # The results were replaced around the checkbox; the keyboard focus stays on it.
    page.wait_for_function("() => document.activeElement.value === 'good_practice'", timeout=5000)
    titles = page.locator(".result h3 a").all_inner_texts()
    good_practices = set(
        Record.objects.filter(kind="good_practice").values_list("title", flat=True)
    )
    assert titles and set(titles) <= good_practices

    # The bookmarked address gives the same page.
    bookmarked = page.url
    page.goto(bookmarked)
    assert page.locator(".result h3 a").all_inner_texts() == titles

    # Open a record; its text is marked with its own language.
    page.locator(".result h3 a").first.click()
    page.wait_for_url(re.compile(r"/records/"))
    record = Record.objects.get(pk=page.url.rsplit("/", 1)[1])
    assert page.locator("h1").inner_text() == record.title
    assert page.locator("h1").get_attribute("lang") == record.language
    assert page.locator(".form-part").count() >= 5

    # Follow its first organisation to the organisation's page.
    link = page.locator(".record-facts a[href^='/organisations/']").first
    organisation = Organisation.objects.get(pk=link.get_attribute("href").rsplit("/", 1)[1])
    link.click()
    page.wait_for_url(re.compile(r"/organisations/"))
    assert organisation.name in page.locator("h1").inner_text()
    assert page.get_by_role("heading", name=words["partners"]).is_visible()
    assert page.locator(f".result-list a[href='/records/{record.pk}']").count() == 1

    # Back to the result and take it away as CSV: one row per record of the result.
    page.goto(bookmarked)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    path = tmp_path / "result.csv"
    download_info.value.save_as(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == facet_count
    assert {row["title"] for row in rows} == set(titles)
    assert {row["kind"] for row in rows} == {"good_practice"}
    assert page.errors == []


def test_search_facets_and_language_switch_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(site + "/")
    page.locator("#q").fill("training")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"q=training"))
    total = page.locator(".result").count()
    page.locator("input[name=kind][value=good_practice]").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"kind=good_practice"))
    assert 0 < page.locator(".result").count() < total
    page.locator(".language-switch button[value=lt]").click()
    page.wait_for_url(re.compile(r"kind=good_practice"))  # back where the reader was
    assert page.locator("html").get_attribute("lang") == "lt"
    assert page.get_by_role("button", name="Taikyti filtrus").is_visible()
    context.close()


MARKUP_DOCUMENT = """<!doctype html>
<html lang="en"><head><title>Project</title>
<script>window.pwnedByHead = 1</script></head>
<body>
<h1>Safe &lt;b&gt;Spaces&lt;/b&gt; &lt;script&gt;window.pwned = 1&lt;/script&gt; for women</h1>
<p>Safe Spaces is a project that opens evening drop-in rooms for women in three districts of
Kaunas. &lt;img src=x onerror="window.pwned = 2"&gt; Volunteers keep the rooms open from 2021
to 2023 and run workshops on digital safety.</p>
<script>window.pwnedByBody = 1</script>
<h2>Activities</h2>
<ul>
<li>Open evening rooms in three districts &lt;iframe src="https://example.org"&gt;&lt;/iframe&gt;</li>
<li>Run workshops on digital safety</li>
</ul>
<p>The project is run by the Kaunas Women's Community Saulėgrąža and funded by the Kaunas City
Municipality.</p>
<p>Contact: info@saulegraza.lt</p>
</body></html>
"""


def test_markup_and_scripts_in_a_document_show_as_text_and_never_run(site, page, tmp_path):
    source = tmp_path / "en-markup-project.html"
    source.write_text(MARKUP_DOCUMENT, encoding="utf-8")
    outcome = ingest_path(source)
    assert outcome.status == "stored", outcome.reason
    (record,) = outcome.document.records.all()
    assert "<script>" in record.title

    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(f"{site}/records/{record.pk}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("h1").inner_text() == record.title  # shown as the text it is
    assert page.locator("main script, main img, main iframe, main b").count() == 0
    assert "onerror" in page.locator("main").inner_text()

    page.goto(f"{site}/?q=spaces")
    assert page.locator(".result h3 a").first.inner_text() == record.title
    assert page.locator(".snippet script, .snippet img").count() == 0

    # The original downloads as an attachment, never as a page of the site.
    with page.expect_download() as download_info:
        page.goto(f"{site}/records/{record.pk}")
        page.locator("a.download").click()
    assert download_info.value.suggested_filename == "en-markup-project.html"

    ran = page.evaluate("[window.pwned, window.pwnedByHead, window.pwnedByBody]")
    assert ran == [None, None, None] and dialogs == []


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _main_pages(site: str) -> list[str]:
    good_practice = Record.objects.filter(kind="good_practice").order_by("pk").first()
    project = Record.objects.filter(kind="project").order_by("pk").first()
    return [
        site + "/",
        site + "/?q=training&kind=good_practice&kind=project&sort=title",
        f"{site}/records/{good_practice.pk}",
        f"{site}/records/{project.pk}",
        f"{site}/organisations/centre-for-equality-initiatives",
        site + "/about",
        site + "/records/no-such-record",
    ]


@pytest.mark.parametrize("language", ["en", "lt"])
def test_axe_finds_no_serious_accessibility_violation_on_the_main_pages(site, browser, language):
    context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    found = {}
    for url in _main_pages(site):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        violations = _serious_violations(page)
        if violations:
            found[url] = violations
    context.close()
    assert found == {}


@pytest.mark.parametrize("language", ["en", "lt"])
def test_at_phone_width_no_page_scrolls_sideways(site, browser, language):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    too_wide = {}
    for url in _main_pages(site):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[url] = width
    # The search box and its button stay usable on a phone.
    page.goto(site + "/")
    assert page.locator("#q").bounding_box()["width"] > 250
    context.close()
    assert too_wide == {}

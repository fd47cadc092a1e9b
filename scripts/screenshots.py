#!/usr/bin/env python
"""Screenshots of the site for the README: the search page and a record page, desktop and phone.

Builds a throw-away instance (a temporary data folder with a SQLite database), loads the sample
collection, serves it with the production static-file set-up (collectstatic + WhiteNoise) and
photographs it with Debian's Chromium through Playwright. Nothing of a real instance is touched.

Usage: .venv/bin/python scripts/screenshots.py [--output docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("PRACTICEHUB_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SIZES = {"desktop": (1280, 1000), "phone": (360, 780)}
RECORD_DOCUMENT = "lt-gp-moteru-lyderyste-savivaldybese.txt"


def build_instance(data_dir: Path) -> str:
    """Migrate, ingest the samples, collect static files; the record id to photograph."""
    os.environ["PRACTICEHUB_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("SECRET_KEY", "screenshots-only-secret-key-0123456789abcdef")
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'db.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "practicehub.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from practicehub.documents.pipeline import ingest_path, iter_files

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    record_id = ""
    for path in iter_files([ROOT / "examples" / "documents"]):
        outcome = ingest_path(path)
        if path.name == RECORD_DOCUMENT and outcome.document is not None:
            record_id = outcome.document.records.order_by("ordinal").first().id
    return record_id


def serve() -> tuple[str, object]:
    from waitress.server import create_server

    from practicehub.wsgi import application

    server = create_server(application, host="127.0.0.1", port=0, threads=2)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", server


def photograph(base: str, record_id: str, output: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    pages = {
        "search": "/?q=women+leadership&kind=good_practice&kind=project",
        "record": f"/records/{record_id}",
    }
    written = []
    output.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for size, (width, height) in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height},
                locale="en-GB",
                is_mobile=size == "phone",
                device_scale_factor=1,
            )
            page = context.new_page()
            for name, path in pages.items():
                page.goto(base + path)
                target = output / f"{name}-{size}.png"
                page.screenshot(path=str(target))
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="practicehub-screenshots-") as tmp:
        record_id = build_instance(Path(tmp))
        if not record_id:
            print(f"{RECORD_DOCUMENT} made no record", file=sys.stderr)
            return 1
        base, server = serve()
        try:
            for path in photograph(base, record_id, args.output):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

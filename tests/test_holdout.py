"""The held-out evaluation set stays usable: it ingests, and its expected files describe it.

The set (examples/holdout/) measures extraction on documents nobody tuned it on, with
``bench/extraction_eval.py --docs examples/holdout/documents --expected examples/holdout/expected``.
A document that no longer ingests or an expected file that points at nothing would make that
measure quietly wrong. On purpose there is no quality floor here: a floor would invite tuning on
the set, and then it would no longer be held out.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from practicehub.documents.models import Document
from practicehub.vocab import programmes, themes

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "examples" / "holdout"
DOCUMENTS = HOLDOUT / "documents"
SOURCES = HOLDOUT / "sources"
EXPECTED = HOLDOUT / "expected"

FORMATS = {".txt", ".html", ".docx", ".odt", ".pdf"}
RECORD_KEYS = {
    "kind", "language", "title", "title_any_of", "objectives_count", "activities_min",
    "sections_in_order", "organisations", "funding_programmes", "funding_text_contains",
    "project_numbers", "period", "emails", "websites", "addresses_contain",
    "target_groups_mentioned", "themes_expected", "period_note",
}  # fmt: skip
DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


def documents() -> list[Path]:
    return sorted(p for p in DOCUMENTS.iterdir() if not p.name.startswith("."))


def expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def source_text(document_name: str) -> str:
    """The document's words as its source gives them (with a PDF's running header and footer),
    markup, tags and runs of spaces removed."""
    head, _, body = (
        (SOURCES / f"{document_name}.src").read_text(encoding="utf-8").partition("\n---\n")
    )
    running = [
        line.partition(":")[2]
        for line in head.splitlines()
        if line.startswith(("header:", "footer:"))
    ]
    text = re.sub(r"<[^>]+>", " ", " ".join([body, *running]).replace("**", ""))
    return re.sub(r"\s+", " ", text)


def load_builder():
    spec = importlib.util.spec_from_file_location("holdout_build", HOLDOUT / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_every_holdout_document_is_ingested_without_rejection():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", "--quiet", str(DOCUMENTS), stdout=out, stderr=err)
    except SystemExit as exc:  # exit code 1 means a file was rejected
        pytest.fail(f"ingest exited with {exc.code}: {err.getvalue()}")
    count = len(documents())
    assert f"{count} files: {count} stored" in out.getvalue(), out.getvalue()
    assert Document.objects.count() == count


def test_the_set_holds_every_format_and_only_documents_built_from_a_source():
    names = {p.name for p in documents()}
    assert {Path(n).suffix for n in names} == FORMATS
    assert len(names) == 24
    assert names == {p.name.removesuffix(".src") for p in SOURCES.glob("*.src")}
    assert names == {p.name.removesuffix(".json") for p in expected_files()}


def test_text_and_html_documents_match_their_sources():
    # Only the formats rendered without third-party libraries: their bytes cannot drift with a
    # library upgrade, so a difference means a source was edited without rebuilding.
    build = load_builder()
    for path in documents():
        if path.suffix in {".txt", ".html"}:
            source = build.sample.read_source(SOURCES / f"{path.name}.src")
            rendered = build.RENDERERS[path.suffix](source)
            assert rendered == path.read_bytes(), f"{path.name}: run examples/holdout/build.py"


def test_every_expected_file_names_a_document_of_the_set_and_only_what_it_says(record_schema):
    fields = record_schema["properties"]
    roles = set(fields["organisations"]["items"]["properties"]["role"]["enum"])
    section_keys = set(fields["sections"]["items"]["properties"]["key"]["enum"])
    theme_ids = {t["id"] for t in themes()}
    programme_ids = {p["id"] for p in programmes()}
    kinds = set()
    for path in expected_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert path.name == f"{data['document']}.json"
        assert (DOCUMENTS / data["document"]).is_file(), path.name
        words = source_text(data["document"])
        assert data["records"], path.name
        for record in data["records"]:
            where = f"{path.name}: {record.get('title') or record.get('title_any_of')}"
            assert set(record) <= RECORD_KEYS, (where, set(record) - RECORD_KEYS)
            assert record["kind"] in fields["kind"]["enum"], where
            kinds.add(record["kind"])
            titles = record.get("title_any_of") or [record["title"]]
            assert any(re.sub(r"\s+", " ", t) in words for t in titles), where
            assert set(record.get("themes_expected", [])) <= theme_ids, where
            assert set(record.get("funding_programmes", [])) <= programme_ids, where
            assert set(record.get("sections_in_order", [])) <= section_keys, where
            for organisation in record.get("organisations", []):
                assert organisation["role"] in roles, (where, organisation)
            for value in (record.get("period") or {}).values():
                assert value is None or DATE.match(value), (where, value)
            for key in ("emails", "websites", "project_numbers", "addresses_contain"):
                for value in record.get(key, []):
                    assert value in words, (where, value)
    assert kinds == {"project", "good_practice"}

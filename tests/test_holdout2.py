"""The second held-out set (examples/holdout2/) is well-formed, so its measure means something.

The set is scored with ``bench/extraction_eval.py --docs examples/holdout2/documents --expected
examples/holdout2/expected``. A document our readers reject, an expected file that points at
nothing, or an expected value the document does not contain would make that score quietly wrong.
These tests check only that; there is deliberately no extraction-quality assertion here, so the
set is never tuned on and stays held out.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from practicehub.documents.readers import read_document
from practicehub.vocab import programmes, themes

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "examples" / "holdout2"
DOCUMENTS = SET / "documents"
EXPECTED = SET / "expected"
SOURCES = SET / "sources"

# The keys of the expected-file format (shared/seeds-expected) that a record may carry.
RECORD_KEYS = frozenset(
    {
        "kind",
        "language",
        "title",
        "title_any_of",
        "sections_in_order",
        "objectives_count",
        "activities_min",
        "organisations",
        "funding_text_contains",
        "funding_programmes",
        "project_numbers",
        "period",
        "period_note",
        "emails",
        "websites",
        "addresses_contain",
        "target_groups_mentioned",
        "themes_expected",
    }
)
QUOTES = re.compile(r"[„“”\"«»]")


def document_paths() -> list[Path]:
    return sorted(p for p in DOCUMENTS.iterdir() if not p.name.startswith("."))


def expected_paths() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def flat(text: str) -> str:
    """Text compared loosely: case, quotes and runs of white space do not matter."""
    return re.sub(r"\s+", " ", QUOTES.sub("", text)).strip().casefold()


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Every document read once by the same readers ingest uses."""
    return {p.name: read_document(p.read_bytes(), p.name).text for p in document_paths()}


@pytest.fixture(scope="module")
def expected() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in expected_paths()}


def as_schema_record(document: str, data: bytes, number: int, wanted: dict) -> dict:
    """The record an extractor would have to export to meet this expectation, in the exchange
    format, so the expectation can be checked against record.schema.json itself."""
    titles = [t for t in [wanted.get("title"), *wanted.get("title_any_of", [])] if t]
    funding_text = wanted.get("funding_text_contains", "")
    return {
        "id": f"{hashlib.sha256(data).hexdigest()[:12]}-{number}",
        "kind": wanted["kind"],
        "title": titles[0] if titles else "",
        "language": wanted["language"],
        "summary": "",
        "sections": [
            {"key": key, "heading": None, "text": ""} for key in wanted.get("sections_in_order", [])
        ],
        "organisations": [
            {
                "name": o["name"],
                "role": o["role"],
                "acronym": o.get("acronym"),
                "country": o.get("country"),
            }
            for o in wanted.get("organisations", [])
        ],
        "funding": [
            {"programme": programme, "text": funding_text}
            for programme in wanted.get("funding_programmes", [])
        ],
        "project_numbers": wanted.get("project_numbers", []),
        "period": wanted.get("period", {"start": None, "end": None}),
        "target_groups": wanted.get("target_groups_mentioned", []),
        "themes": wanted.get("themes_expected", []),
        "contacts": {
            "emails": wanted.get("emails", []),
            "websites": wanted.get("websites", []),
            "addresses": wanted.get("addresses_contain", []),
        },
        "source": {"file": document, "sha256": hashlib.sha256(data).hexdigest(), "span": None},
        "status": "published",
    }


def test_every_document_has_an_expected_file_and_every_expected_file_a_document(expected):
    documents = {p.name for p in document_paths()}
    assert documents, "examples/holdout2/documents is empty"
    assert {name.removesuffix(".json") for name in expected} == documents
    for name, data in expected.items():
        assert data["document"] == name.removesuffix(".json"), name


def test_every_document_is_read_without_rejection(texts):
    for name, text in texts.items():
        assert len(text.split()) >= 80, f"{name}: only {len(text.split())} words were read"


def test_the_set_spans_the_formats_languages_and_kinds_it_claims(expected):
    suffixes = {Path(p.name).suffix for p in document_paths()}
    assert suffixes == {".txt", ".html", ".docx", ".odt", ".pdf"}
    records = [r for data in expected.values() for r in data["records"]]
    assert {r["kind"] for r in records} == {"project", "good_practice"}
    assert {"lt", "en"} <= {r["language"] for r in records}
    raw = {p.name: p.read_bytes() for p in document_paths() if p.suffix == ".txt"}
    assert any(data.startswith(b"\xff\xfe") for data in raw.values()), "no UTF-16 text file"
    assert any(_is_windows_1257_only(data) for data in raw.values()), "no Windows-1257 text file"


def _is_windows_1257_only(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return any(ch in data.decode("cp1257") for ch in "ąčęėįšųūž")
    return False


def test_every_expected_record_validates_against_the_record_schema(expected, record_schema):
    validator = Draft202012Validator(record_schema)
    theme_ids = {t["id"] for t in themes()}
    programme_ids = {p["id"] for p in programmes()}
    for name, data in expected.items():
        assert set(data) <= {"document", "note", "records", "cross_record"}, name
        assert data["note"].strip() and data["records"], name
        content = (DOCUMENTS / data["document"]).read_bytes()
        for number, wanted in enumerate(data["records"]):
            where = f"{name} record {number}"
            assert set(wanted) <= RECORD_KEYS, (where, set(wanted) - RECORD_KEYS)
            assert wanted.get("title") or wanted.get("title_any_of"), where
            record = as_schema_record(data["document"], content, number, wanted)
            errors = [e.message for e in validator.iter_errors(record)]
            assert not errors, (where, errors)
            assert set(record["themes"]) <= theme_ids, (where, record["themes"])
            assert record["themes"], (where, "no theme expected")
            assert {f["programme"] for f in record["funding"]} <= programme_ids, where
            for organisation in record["organisations"]:
                country = organisation["country"]
                assert country is None or re.fullmatch(r"[A-Z]{2}", country), (where, country)


def test_every_expected_value_is_written_in_its_document(expected, texts):
    """Nothing invented in the expected files either: what they ask for is in the text."""
    for name, data in expected.items():
        text = flat(texts[data["document"]])
        for wanted in data["records"]:
            where = f"{name}: {wanted.get('title') or wanted.get('title_any_of')}"
            titles = [t for t in [wanted.get("title"), *wanted.get("title_any_of", [])] if t]
            assert any(flat(t) in text for t in titles), (where, "title not in the text")
            for key in (
                "emails",
                "websites",
                "project_numbers",
                "addresses_contain",
                "target_groups_mentioned",
            ):
                for value in wanted.get(key, []):
                    assert flat(value) in text, (where, key, value)
            if wanted.get("funding_text_contains"):
                assert flat(wanted["funding_text_contains"]) in text, where
            for organisation in wanted.get("organisations", []):
                acronym = organisation.get("acronym")
                assert acronym is None or acronym.casefold() in text, (where, acronym)


def _builder():
    spec = importlib.util.spec_from_file_location("holdout2_build", SET / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_text_and_html_documents_are_what_their_sources_build():
    # Binary formats are left out: their bytes may change with a library upgrade, while a
    # text or HTML file that differs from its source means a source was edited without a rebuild.
    build = _builder()
    assert {p.name for p in document_paths()} == {
        p.name.removesuffix(".src") for p in SOURCES.glob("*.src")
    }
    for path in document_paths():
        if path.suffix in {".txt", ".html"}:
            assert build.build(path.name) == path.read_bytes(), (
                f"{path.name}: run examples/holdout2/build.py"
            )

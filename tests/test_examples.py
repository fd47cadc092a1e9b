"""The sample collection stays usable: it ingests, and its expected files and queries point at it.

The collection (examples/documents/) is what `scripts/run.sh` loads and what the extraction and
search evaluations run on, so a document that no longer ingests, an expected file for a document
that was renamed, or a judged query whose record vanished would quietly skew every figure.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from practicehub.documents.models import Document
from practicehub.vocab import programmes, themes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOCUMENTS = EXAMPLES / "documents"
SOURCES = EXAMPLES / "sources"
EXPECTED = EXAMPLES / "expected"
QUERIES = ROOT / "bench" / "queries" / "dev.json"

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


def source_text(document_name: str) -> str:
    """The document's words as its source gives them, markup and runs of spaces removed."""
    text = (SOURCES / f"{document_name}.src").read_text(encoding="utf-8").partition("\n---\n")[2]
    return re.sub(r"\s+", " ", text.replace("**", ""))


def expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def load_builder():
    spec = importlib.util.spec_from_file_location("examples_build", EXAMPLES / "build.py")
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up by name while the module runs.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_every_sample_document_is_ingested_without_rejection():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", "--quiet", str(DOCUMENTS), stdout=out, stderr=err)
    except SystemExit as exc:  # exit code 1 means a file was rejected
        pytest.fail(f"ingest exited with {exc.code}: {err.getvalue()}")
    count = len(documents())
    assert f"{count} files: {count} stored" in out.getvalue(), out.getvalue()
    assert Document.objects.count() == count
    languages = Counter(Document.objects.values_list("language", flat=True))
    assert languages["lt"] >= 25 and languages["en"] >= 25, languages
    assert len(set(languages) - {"lt", "en"}) >= 2, languages


def test_the_collection_holds_only_documents_each_built_from_a_source():
    names = {p.name for p in documents()}
    assert {Path(n).suffix for n in names} == FORMATS
    assert len(names) >= 64
    sources = {p.name.removesuffix(".src") for p in SOURCES.glob("*.src")}
    assert names == sources
    total = sum(p.stat().st_size for p in documents())
    assert total < 5_000_000, f"the collection has grown to {total:,} bytes"


def test_text_and_html_documents_match_their_sources():
    # Only the formats rendered without third-party libraries: their bytes cannot drift with a
    # library upgrade, so a difference means a source was edited without rebuilding.
    build = load_builder()
    for path in documents():
        if path.suffix in {".txt", ".html"}:
            source = build.read_source(SOURCES / f"{path.name}.src")
            rendered = build.RENDERERS[path.suffix](source)
            assert rendered == path.read_bytes(), f"{path.name}: run examples/build.py"


def test_every_expected_file_describes_a_document_of_the_collection(record_schema):
    fields = record_schema["properties"]
    roles = set(fields["organisations"]["items"]["properties"]["role"]["enum"])
    section_keys = set(fields["sections"]["items"]["properties"]["key"]["enum"])
    files = expected_files()
    assert len(files) >= 24
    theme_ids = {t["id"] for t in themes()}
    programme_ids = {p["id"] for p in programmes()}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert path.name == f"{data['document']}.json"
        assert (DOCUMENTS / data["document"]).is_file(), path.name
        words = source_text(data["document"])
        assert data["records"], path.name
        for record in data["records"]:
            where = f"{path.name}: {record.get('title') or record.get('title_any_of')}"
            assert set(record) <= RECORD_KEYS, (where, set(record) - RECORD_KEYS)
            assert record["kind"] in fields["kind"]["enum"], where
            titles = record.get("title_any_of") or [record["title"]]
            assert any(re.sub(r"\s+", " ", t) in words for t in titles), where
            assert set(record.get("themes_expected", [])) <= theme_ids, where
            assert set(record.get("funding_programmes", [])) <= programme_ids, where
            assert set(record.get("sections_in_order", [])) <= section_keys, where
            for organisation in record.get("organisations", []):
                assert organisation["role"] in roles, (where, organisation)
            for value in (record.get("period") or {}).values():
                assert value is None or DATE.match(value), (where, value)
            for key in ("emails", "project_numbers", "addresses_contain"):
                for value in record.get(key, []):
                    assert value in words, (where, value)


def test_the_expected_files_cover_both_families_languages_and_formats():
    kinds, languages, formats = set(), set(), set()
    for path in expected_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        formats.add(Path(data["document"]).suffix)
        for record in data["records"]:
            kinds.add(record["kind"])
            languages.add(record["language"])
    assert kinds == {"project", "good_practice"}
    assert {"lt", "en"} <= languages
    assert formats == FORMATS


def test_every_judged_query_points_at_a_record_in_the_collection():
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    assert len(queries) >= 48
    assert len({q["id"] for q in queries}) == len(queries)
    assert sum(q["type"] == "cross-language" for q in queries) >= 14
    for query in queries:
        assert query["language"] in {"lt", "en"}, query["id"]
        assert query["relevant"], query["id"]
        for judged in query["relevant"]:
            assert (DOCUMENTS / judged["file"]).is_file(), (query["id"], judged["file"])
            assert judged["title"] in source_text(judged["file"]), (query["id"], judged["title"])
            assert judged["grade"] in {1, 2, 3}, query["id"]


def test_a_query_typed_without_diacritics_keeps_the_judgements_of_its_pair():
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    pairs: dict[str, list[dict]] = {}
    for query in queries:
        if "pair" in query:
            pairs.setdefault(query["pair"], []).append(query)
    assert len(pairs) >= 10
    for name, members in pairs.items():
        assert len(members) == 2, name
        first, second = members
        assert first["relevant"] == second["relevant"], name
        folded = {q["id"]: q["query"] for q in members if q["type"] == "no-diacritics"}
        assert len(folded) == 1 and folded.popitem()[1].isascii(), name

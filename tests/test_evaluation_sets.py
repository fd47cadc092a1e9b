"""Our three evaluation sets stay well-formed, so the figures measured on them mean something.

- ``examples/`` (dev): the sample collection that ``scripts/run.sh`` loads, whose expected files
  extraction is tuned on and whose judged queries (``bench/queries/dev.json``) search is tuned on;
- ``examples/holdout/`` and ``examples/holdout2/``: documents nobody tuned on, measured with
  ``bench/extraction_eval.py --docs examples/holdout*/documents --expected ...``.

A document that no longer ingests, a text file edited without a rebuild, an expected file that
points at nothing or asks for a value its document does not contain would make those figures
quietly wrong; every set gets the same checks. On purpose there is no extraction-quality
assertion here: a floor on a held-out set would invite tuning on it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from practicehub.documents.language import detect_languages
from practicehub.documents.models import Document
from practicehub.documents.readers import read_document
from practicehub.vocab import programmes, themes

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "queries" / "dev.json"
FORMATS = {".txt", ".html", ".docx", ".odt", ".pdf"}
# The keys of the expected-file format (shared/seeds-expected) that a record may carry.
RECORD_KEYS = frozenset(
    {
        "kind", "language", "title", "title_any_of", "sections_in_order", "objectives_count",
        "activities_min", "organisations", "funding_text_contains", "funding_programmes",
        "project_numbers", "period", "period_note", "emails", "websites", "addresses_contain",
        "target_groups_mentioned", "themes_expected",
    }
)  # fmt: skip
QUOTES = re.compile(r"[„“”\"«»]")


@dataclass(frozen=True)
class EvaluationSet:
    name: str
    folder: Path
    documents_min: int
    # Held-out sets describe every document; the dev set describes a part of its collection.
    every_document_expected: bool

    @property
    def documents(self) -> list[Path]:
        return sorted(p for p in (self.folder / "documents").iterdir() if p.name[0] != ".")

    @property
    def expected(self) -> dict[str, dict]:
        return {
            p.name: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((self.folder / "expected").glob("*.json"))
        }

    def builder(self) -> ModuleType:
        return _builder(self.folder / "build.py")


SETS = [
    EvaluationSet("dev", ROOT / "examples", documents_min=64, every_document_expected=False),
    EvaluationSet(
        "holdout", ROOT / "examples" / "holdout", documents_min=24, every_document_expected=True
    ),
    EvaluationSet(
        "holdout2", ROOT / "examples" / "holdout2", documents_min=12, every_document_expected=True
    ),
]
DEV = SETS[0]


@cache
def _builder(path: Path) -> ModuleType:
    name = f"build_{path.parent.name}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up by name while the module runs.
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@cache
def _texts(folder: Path) -> dict[str, str]:
    """Every document of a set read once, by the readers ingest uses."""
    documents = sorted(p for p in (folder / "documents").iterdir() if p.name[0] != ".")
    return {p.name: read_document(p.read_bytes(), p.name).text for p in documents}


def flat(text: str) -> str:
    """Text compared loosely: case, quotes and runs of white space do not matter."""
    return re.sub(r"\s+", " ", QUOTES.sub("", text)).strip().casefold()


parametrize_sets = pytest.mark.parametrize("evaluation_set", SETS, ids=lambda s: s.name)


@parametrize_sets
@pytest.mark.django_db
def test_every_document_is_ingested_without_rejection(evaluation_set):
    out, err = io.StringIO(), io.StringIO()
    folder = evaluation_set.folder / "documents"
    try:
        call_command("ingest", "--quiet", str(folder), stdout=out, stderr=err)
    except SystemExit as exc:  # exit code 1 means a file was rejected
        pytest.fail(f"ingest exited with {exc.code}: {err.getvalue()}")
    count = len(evaluation_set.documents)
    assert f"{count} files: {count} stored" in out.getvalue(), out.getvalue()
    assert Document.objects.count() == count


@parametrize_sets
def test_every_document_is_built_from_its_source(evaluation_set):
    names = {p.name for p in evaluation_set.documents}
    assert len(names) >= evaluation_set.documents_min
    assert {Path(n).suffix for n in names} == FORMATS
    sources = evaluation_set.folder / "sources"
    assert names == {p.name.removesuffix(".src") for p in sources.glob("*.src")}
    # Only the formats rendered without third-party libraries are compared byte for byte:
    # theirs cannot drift with a library upgrade, so a difference means a source was edited
    # without a rebuild.
    render = evaluation_set.builder().render
    for path in evaluation_set.documents:
        if path.suffix in {".txt", ".html"}:
            assert render(path.name) == path.read_bytes(), (
                f"{path.name}: run {evaluation_set.folder.relative_to(ROOT)}/build.py"
            )


@parametrize_sets
def test_every_expected_file_names_a_document_of_its_set(evaluation_set):
    documents = {p.name for p in evaluation_set.documents}
    expected = evaluation_set.expected
    assert len(expected) >= 12
    for name, data in expected.items():
        assert name == f"{data['document']}.json"
        assert data["document"] in documents, name
        assert set(data) <= {"document", "note", "records", "cross_record"}, name
        assert data["records"], name
    if evaluation_set.every_document_expected:
        assert {name.removesuffix(".json") for name in expected} == documents


def as_schema_record(document: str, data: bytes, number: int, wanted: dict) -> dict:
    """The record an extractor would have to export to meet this expectation, in the exchange
    format, so the expectation can be checked against record.schema.json itself."""
    titles = [t for t in [wanted.get("title"), *wanted.get("title_any_of", [])] if t]
    digest = hashlib.sha256(data).hexdigest()
    return {
        "id": f"{digest[:12]}-{number}",
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
            {"programme": programme, "text": wanted.get("funding_text_contains", "")}
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
        "source": {"file": document, "sha256": digest, "span": None},
        "status": "published",
    }


@parametrize_sets
def test_every_expected_record_validates_against_the_record_schema(evaluation_set, record_schema):
    validator = Draft202012Validator(record_schema)
    theme_ids = {t["id"] for t in themes()}
    programme_ids = {p["id"] for p in programmes()}
    for name, data in evaluation_set.expected.items():
        content = (evaluation_set.folder / "documents" / data["document"]).read_bytes()
        for number, wanted in enumerate(data["records"]):
            where = f"{name} record {number}"
            assert set(wanted) <= RECORD_KEYS, (where, set(wanted) - RECORD_KEYS)
            assert wanted.get("title") or wanted.get("title_any_of"), where
            record = as_schema_record(data["document"], content, number, wanted)
            errors = [e.message for e in validator.iter_errors(record)]
            assert not errors, (where, errors)
            assert set(record["themes"]) <= theme_ids, (where, record["themes"])
            assert {f["programme"] for f in record["funding"]} <= programme_ids, where
            for organisation in record["organisations"]:
                country = organisation["country"]
                assert country is None or re.fullmatch(r"[A-Z]{2}", country), (where, country)


@parametrize_sets
def test_every_expected_value_is_written_in_its_document(evaluation_set):
    """Nothing invented in the expected files either: what they ask for is in the text as our
    readers give it."""
    texts = _texts(evaluation_set.folder)
    for name, data in evaluation_set.expected.items():
        text = flat(texts[data["document"]])
        for wanted in data["records"]:
            where = f"{name}: {wanted.get('title') or wanted.get('title_any_of')}"
            titles = [t for t in [wanted.get("title"), *wanted.get("title_any_of", [])] if t]
            assert any(flat(t) in text for t in titles), (where, "title not in the text")
            for key in ("emails", "websites", "project_numbers", "addresses_contain"):
                for value in wanted.get(key, []):
                    assert flat(value) in text, (where, key, value)
            if wanted.get("funding_text_contains"):
                assert flat(wanted["funding_text_contains"]) in text, where
            for organisation in wanted.get("organisations", []):
                acronym = organisation.get("acronym")
                assert acronym is None or acronym.casefold() in text, (where, acronym)


@parametrize_sets
def test_the_expected_files_cover_both_families_both_languages_and_every_format(evaluation_set):
    kinds, languages, formats = set(), set(), set()
    for data in evaluation_set.expected.values():
        formats.add(Path(data["document"]).suffix)
        for record in data["records"]:
            kinds.add(record["kind"])
            languages.add(record["language"])
    assert kinds == {"project", "good_practice"}
    assert {"lt", "en"} <= languages
    assert formats == FORMATS


# --- what only one set promises ----------------------------------------------------------------


def test_the_sample_collection_is_bilingual_with_other_languages_and_small():
    languages = Counter(
        detect_languages(read_document(p.read_bytes(), p.name)).language for p in DEV.documents
    )
    assert languages["lt"] >= 25 and languages["en"] >= 25, languages
    assert len(set(languages) - {"lt", "en"}) >= 2, languages
    total = sum(p.stat().st_size for p in DEV.documents)
    assert total < 5_000_000, f"the collection has grown to {total:,} bytes"


def test_the_second_holdout_holds_text_files_in_legacy_encodings():
    raw = [p.read_bytes() for p in SETS[2].documents if p.suffix == ".txt"]
    assert any(data.startswith(b"\xff\xfe") for data in raw), "no UTF-16 text file"
    assert any(_is_windows_1257_only(data) for data in raw), "no Windows-1257 text file"


def _is_windows_1257_only(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return any(ch in data.decode("cp1257") for ch in "ąčęėįšųūž")
    return False


def test_every_judged_query_points_at_a_record_in_the_collection():
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    assert len(queries) >= 48
    assert len({q["id"] for q in queries}) == len(queries)
    assert sum(q["type"] == "cross-language" for q in queries) >= 14
    texts = _texts(DEV.folder)
    for query in queries:
        assert query["language"] in {"lt", "en"}, query["id"]
        assert query["relevant"], query["id"]
        for judged in query["relevant"]:
            assert judged["file"] in texts, (query["id"], judged["file"])
            assert flat(judged["title"]) in flat(texts[judged["file"]]), (query["id"], judged)
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

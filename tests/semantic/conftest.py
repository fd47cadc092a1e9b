"""Fixtures of the semantic tests: a few short sample documents, ingested as a user would.

The embedding model is real. Its vectors also go to the vector cache in the suite's data
folder, so a text is run through the model once per suite run (the PostgreSQL half takes the
SQLite half's vectors), and the model-heavy tests stay few and small.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from practicehub.catalogue.models import Record
from practicehub.documents.pipeline import ingest_path
from practicehub.semantic import services
from practicehub.semantic.embedder import get_embedder
from practicehub.semantic.services import query_cache_clear

# Two English and two Lithuanian records, two about violence, two about other things.
GARDENS = "en-community-gardens.txt"  # community gardens in courtyards (English)
SAFE_HOMES = "en-project-sheet-safe-homes.txt"  # domestic violence in rural areas (English)
SENIORS = "lt-gp-senjoru-savanoryste.txt"  # older volunteers in schools (Lithuanian)
DATING = "lt-gp-smurto-prevencija-mokyklose.txt"  # teenage dating violence (Lithuanian)


@pytest.fixture(autouse=True)
def _no_semantic_state_from_elsewhere(request):
    """Each test starts from no vectors, word forms or queued tasks (inside its transaction).

    Modules that commit a collection for their own tests (tests/search) remove the records,
    which takes the passages along; this makes sure nothing else they left is counted here.
    """
    if not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    from django_tasks_db.models import DBTaskResult

    from practicehub.semantic.models import IndexVersion, PassageVector, WordForm

    for model in (PassageVector, WordForm, IndexVersion, DBTaskResult):
        model.objects.all().delete()


@pytest.fixture
def ingest(examples_dir: Path, django_capture_on_commit_callbacks) -> Callable[..., list[Record]]:
    """Ingest sample documents, running what waits for the commit (the catalogue's signals)."""

    def run(*names: str) -> list[Record]:
        records: list[Record] = []
        with django_capture_on_commit_callbacks(execute=True):
            for name in names:
                outcome = ingest_path(examples_dir / "documents" / name)
                assert outcome.status in {"stored", "updated", "unchanged"}, outcome.reason
                records.extend(outcome.document.records.all())
        return records

    return run


@pytest.fixture
def record_of() -> Callable[[str], Record]:
    def find(filename: str) -> Record:
        return Record.objects.get(document__filename=filename, ordinal=1)

    return find


@pytest.fixture
def model_calls(monkeypatch) -> list[list[str]]:
    """The texts each call of the (real) model is given."""
    embedder = get_embedder()
    real = embedder.embed_queries
    calls: list[list[str]] = []

    def counted(texts):
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(embedder, "embed_queries", counted)
    # What this process knew before the test: forgotten, as after a restart.
    monkeypatch.setattr(services, "_glossary_vectors", services._GlossaryVectors())
    query_cache_clear()
    yield calls
    query_cache_clear()

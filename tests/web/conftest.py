"""A small real catalogue for the page tests: five sample documents in four formats, ingested
through the real pipeline (records, registry, search index) into the test database."""

from __future__ import annotations

from pathlib import Path

import pytest

from practicehub.catalogue.models import Record
from practicehub.documents.pipeline import ingest_path
from tests.conftest import EXAMPLES

SAMPLES = (
    "lt-gp-moteru-lyderyste-savivaldybese.txt",  # Lithuanian nine-part form
    "lt-gp-nvo-valstybes-bendradarbiavimas.docx",  # Lithuanian form, shares organisations
    "en-gp-digital-buddies.odt",  # English form
    "en-projects-2013.txt",  # three projects, activities nested under lead-ins
    "en-project-sheet-safe-online.pdf",  # a project sheet
)


def ingest_samples(names: tuple[str, ...] = SAMPLES) -> dict[str, list[Record]]:
    """File name -> its published records, in document order."""
    out = {}
    for name in names:
        outcome = ingest_path(EXAMPLES / "documents" / name)
        assert outcome.status == "stored", f"{name}: {outcome.status} {outcome.reason}"
        out[name] = list(outcome.document.records.order_by("ordinal"))
    return out


@pytest.fixture(scope="session", autouse=True)
def _static_root_exists():
    """WhiteNoise warns about a missing static folder when the (session-wide) live server
    starts; a test run has nothing collected there, but the folder may as well exist."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def plain_static(settings):
    """Pages render without collectstatic having run (no manifest in a test run)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def catalogue(db, plain_static, django_capture_on_commit_callbacks) -> dict[str, list[Record]]:
    # The search index follows the records after their transaction commits; inside a test's
    # transaction those callbacks run when the block ends.
    with django_capture_on_commit_callbacks(execute=True):
        return ingest_samples()


def sample_path(name: str) -> Path:
    return EXAMPLES / "documents" / name

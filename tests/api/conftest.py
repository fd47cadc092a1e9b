"""A small catalogue of real sample documents, ingested once per test module.

The documents go through the real ``practicehub ingest`` into the real test database (SQLite or
PostgreSQL); the rows are committed so every test of the module reads them, and are removed
afterwards the way the catalogue removes records (the search app hears of it first).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import EXAMPLES, SHARED

SAMPLES = [
    SHARED / "seeds",
    EXAMPLES / "documents" / "lt-gp-moteru-lyderyste-savivaldybese.txt",
    EXAMPLES / "documents" / "en-lic-projects-2016.html",
    EXAMPLES / "documents" / "lt-projektai-2020-2022.odt",
    EXAMPLES / "documents" / "en-gp-candidate-mentoring.docx",
    EXAMPLES / "documents" / "en-final-report-equal-voices.pdf",
]


# Rows an ingest leaves in other apps that deleting the records does not remove: the word
# forms the semantic app learns from passages and the queued background tasks.
_ALSO_WIPED = ("semantic.wordform", "django_tasks_database.dbtaskresult")


def catalogue_wipe() -> None:
    from django.apps import apps

    from practicehub.catalogue.models import Organisation, Record
    from practicehub.catalogue.signals import records_deleted
    from practicehub.documents.models import Document

    ids = list(Record.objects.values_list("id", flat=True))
    if ids:
        records_deleted.send(sender=Record, record_ids=ids)
    Record.objects.all().delete()
    Document.objects.all().delete()
    Organisation.objects.all().delete()
    for label in _ALSO_WIPED:
        with contextlib.suppress(LookupError):  # the app is not installed
            apps.get_model(label)._default_manager.all().delete()


def ingest(paths: list[Path]) -> str:
    out, err = io.StringIO(), io.StringIO()
    # A rejected file exits 1 after the others are stored; its reason is in the report.
    with contextlib.suppress(SystemExit):
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@dataclass(frozen=True)
class SampleCatalogue:
    report: str  # what `practicehub ingest` said
    originals: Path  # where it kept the original files


@pytest.fixture(scope="module")
def sample_catalogue(django_db_setup, django_db_blocker, tmp_path_factory):
    """The sample documents, ingested and published."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"the shared seed documents are not here ({SHARED})")
    originals = tmp_path_factory.mktemp("originals")
    with django_db_blocker.unblock(), override_settings(ORIGINALS_DIR=originals):
        catalogue_wipe()
        report = ingest(SAMPLES)
        try:
            yield SampleCatalogue(report, originals)
        finally:
            catalogue_wipe()


@pytest.fixture
def plain_static(settings):
    """Static files straight from the apps: the manifest storage would need collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

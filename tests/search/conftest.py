"""A small real collection, ingested once per test module and committed, so the search index
is built by the same signal receivers a running instance uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

# Lithuanian and English records on shared subjects (women's leadership, violence, Roma
# children, hate speech, gender budgeting), plus a German one (folded, not stemmed).
SAMPLE = [
    "lt-gp-moteru-lyderyste-savivaldybese.txt",
    "lt-gp-nvo-valstybes-bendradarbiavimas.docx",
    "lt-gp-smurto-prevencija-mokyklose.txt",
    "lt-gp-romu-vaiku-ugdymas.pdf",
    "en-project-sheet-safe-homes.txt",
    "en-gp-hate-speech-schools.odt",
    "en-practice-gender-budgeting.html",
    "en-gp-candidate-mentoring.docx",
    "de-gute-praxis-elternlotsen.txt",
]


def ingest_committed(paths: list[Path]) -> None:
    from practicehub.documents.pipeline import ingest_path

    for path in paths:
        outcome = ingest_path(path)
        assert outcome.status != "rejected", outcome.reason


def remove_everything_ingested(before_orgs: set[str]) -> None:
    """Leave the committed database as the module found it: no records, documents, index rows
    or passages (every model of the search and semantic apps), the vocabulary untouched."""
    from django.apps import apps

    from practicehub.catalogue.models import Organisation, Record
    from practicehub.documents.models import Document

    Record.objects.all().delete()
    Document.objects.all().delete()
    Organisation.objects.exclude(id__in=before_orgs).delete()
    for label in ("search", "semantic"):
        if apps.is_installed(f"practicehub.{label}"):
            for model in apps.get_app_config(label).get_models():
                model.objects.all().delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # embedding tasks the ingest queued


@pytest.fixture(scope="module")
def collection(django_db_setup, django_db_blocker, tmp_path_factory):
    """Record id by sample file name, for a committed collection removed after the module."""
    from django.test import override_settings

    from practicehub.catalogue.models import Organisation, Record

    with (
        django_db_blocker.unblock(),
        override_settings(ORIGINALS_DIR=tmp_path_factory.mktemp("originals")),
    ):
        before = set(Organisation.objects.values_list("id", flat=True))
        assert not Record.objects.exists(), "the search tests expect an empty catalogue"
        ingest_committed([EXAMPLES / "documents" / name for name in SAMPLE])
        ids: dict[str, list[str]] = {}
        for record_id, filename in Record.objects.values_list("id", "document__filename"):
            ids.setdefault(filename, []).append(record_id)
        try:
            yield ids
        finally:
            remove_everything_ingested(before)

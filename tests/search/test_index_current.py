"""The index follows the catalogue: ingest, an editor's correction, deletion, unpublishing,
and `practicehub reindex`."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from practicehub.catalogue.models import Record
from practicehub.catalogue.services import record_correct, record_delete
from practicehub.documents.pipeline import ingest_path
from practicehub.search.models import SearchEntry
from practicehub.search.services import record_search
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

DOCUMENT = EXAMPLES / "documents" / "lt-gp-smurto-prevencija-mokyklose.txt"


@pytest.fixture
def ingested(django_capture_on_commit_callbacks) -> Record:
    with django_capture_on_commit_callbacks(execute=True):
        ingest_path(DOCUMENT)
    return Record.objects.get(document__filename=DOCUMENT.name)


def ids(query: str) -> set[str]:
    return {h.record_id for h in record_search(query=query, per_page=100).hits}


def test_an_ingested_record_is_found_at_once(ingested):
    assert ingested.id in ids("smurto prevencija")


def test_a_corrected_title_is_found_by_its_new_words(ingested, django_capture_on_commit_callbacks):
    assert ingested.id not in ids("zebrakalnis")
    with django_capture_on_commit_callbacks(execute=True):
        record_correct(record=ingested, values={"title": "Zebrakalnio mokyklų programa"})
    assert ingested.id in ids("zebrakalnis")
    assert ingested.id in ids("zebrakalnio")


def test_a_deleted_record_is_no_longer_found(ingested, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record_delete(record=ingested)
    assert ingested.id not in ids("smurto prevencija")
    assert not SearchEntry.objects.filter(record_id=ingested.id).exists()
    assert record_search().total == 0


def test_a_draft_is_not_searchable(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ingest_path(DOCUMENT, status=Record.Status.DRAFT)
    assert record_search(query="smurto").total == 0
    assert record_search().total == 0


def test_reindex_rebuilds_a_lost_index(ingested, capsys):
    SearchEntry.objects.all().delete()
    assert ingested.id not in ids("smurto")
    call_command("reindex")
    assert "indexed 1 records" in capsys.readouterr().out
    assert ingested.id in ids("smurto")

"""The in-memory keyword index answers as the database's own full-text index does: the same
records for every query form, on SQLite and on PostgreSQL, and on SQLite the same scores as
FTS5's bm25 (the formula it reproduces), before and after the catalogue changes."""

from __future__ import annotations

import pytest
from django.db import connection

from practicehub.catalogue.models import Record
from practicehub.catalogue.services import record_correct
from practicehub.search import facets, query
from practicehub.search.backends import backend
from practicehub.search.models import SearchEntry

pytestmark = pytest.mark.django_db

QUERIES = [
    "moterų lyderystė",
    "moteru lyderyste",
    "smurto prevencija mokyklose",
    "women's leadership in municipalities",
    '"hate speech"',
    '"speech hate"',
    '"moterų lyderystė" savivaldybė',
    "moterų -lyderystė",
    "romų OR hate",
    "Elternlotsen Bildung",
    "elternlotsen bildung",
    "the of and",
    "zzzunknownword",
    "2019",
]


def database_answer(parsed, mode) -> dict[str, float]:
    entry_ids, scores = backend().match(parsed, mode)
    records = dict(
        SearchEntry.objects.filter(id__in=entry_ids.tolist()).values_list("id", "record_id")
    )
    return {records[e]: s for e, s in zip(entry_ids.tolist(), scores.tolist(), strict=True)}


def memory_answer(parsed, mode) -> dict[str, float]:
    table = facets.table()
    positions, scores = table.keywords.match(parsed, mode)
    return {
        table.record_ids[p]: s for p, s in zip(positions.tolist(), scores.tolist(), strict=True)
    }


def assert_agree(text: str) -> None:
    parsed = query.parse(text)
    for mode in ("all", "any"):
        expected = database_answer(parsed, mode)
        found = memory_answer(parsed, mode)
        assert found.keys() == expected.keys(), (text, mode)
        if connection.vendor == "sqlite":
            for record_id, score in expected.items():
                assert found[record_id] == pytest.approx(score, rel=1e-6), (text, record_id)


@pytest.mark.parametrize("text", QUERIES)
def test_the_same_records_as_the_database_index(collection, text):
    assert_agree(text)


def test_they_still_agree_after_an_editor_changes_a_record(
    collection, django_capture_on_commit_callbacks
):
    facets.table()  # loaded before the change, so the change is applied to it in place
    record = Record.objects.get(id=collection["lt-gp-smurto-prevencija-mokyklose.txt"][0])
    with django_capture_on_commit_callbacks(execute=True):
        record_correct(record=record, values={"title": "Zebrakalnio mokyklų smurto programa"})
    for text in ["zebrakalnio", "smurto prevencija mokyklose", '"mokyklų smurto"']:
        assert_agree(text)
    assert facets.table().keywords.segments[1:], "the change went to the small segment"

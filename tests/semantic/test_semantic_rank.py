"""Search by meaning, as the search service calls it."""

from __future__ import annotations

import pytest

from practicehub.semantic.embedding import embed_pending
from practicehub.semantic.services import semantic_rank, semantic_similar
from tests.semantic.conftest import DATING, GARDENS, SAFE_HOMES, SENIORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_records(ingest, record_of):
    ingest(GARDENS, SAFE_HOMES, SENIORS, DATING)
    embed_pending()
    return {name: record_of(name) for name in (GARDENS, SAFE_HOMES, SENIORS, DATING)}


def test_a_lithuanian_query_finds_the_english_record_about_the_same_thing(four_records):
    # Domestic violence in the countryside: the English record answers it; the Lithuanian one
    # on violence in teenagers' relationships only shares the word "violence".
    hits = semantic_rank("smurto artimoje aplinkoje prevencija kaimo vietovėse")
    assert hits[0].record_id == four_records[SAFE_HOMES].id
    assert hits[0].language == "en"
    assert hits[0].passage and hits[0].passage in " ".join(
        four_records[SAFE_HOMES].passages.values_list("text", flat=True)
    )


def test_an_english_query_finds_the_lithuanian_record_about_the_same_thing(four_records):
    hits = semantic_rank("seniors volunteering in schools")
    assert hits[0].record_id == four_records[SENIORS].id
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.record_id for h in hits}) == len(hits) == 4


def test_record_ids_narrow_the_search_and_limit_cuts_it(four_records):
    allowed = {four_records[GARDENS].id, four_records[DATING].id}
    hits = semantic_rank("violence", record_ids=allowed)
    assert {h.record_id for h in hits} == allowed
    assert hits[0].record_id == four_records[DATING].id
    assert len(semantic_rank("violence", limit=1)) == 1
    assert semantic_rank("violence", record_ids=[]) == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "?!.,;:",
        '"unclosed phrase AND OR NOT (',
        "title:* NEAR/3 -- ; DROP TABLE semantic_passage; --",
        "the of and in",
        "ir su apie",
        "x" * 20000,
        "moterų \x00 lyderystė \x1b[31m",
        "🙂👩‍👩‍👧",
    ],
)
def test_odd_query_text_never_raises(four_records, query):
    hits = semantic_rank(query)
    assert isinstance(hits, list)
    if not any(ch.isalnum() for ch in query):
        assert hits == []


def test_records_not_yet_embedded_are_simply_not_found(ingest):
    ingest(GARDENS)
    assert semantic_rank("community gardens") == []


def test_similar_records_come_from_the_records_vectors(four_records):
    ids = {name: record.id for name, record in four_records.items()}
    similar = [rid for rid, _ in semantic_similar(ids[SAFE_HOMES], limit=3)]
    assert len(similar) == 3 and ids[SAFE_HOMES] not in similar
    # Within each language, the record about violence comes before the one that is not.
    assert similar.index(ids[DATING]) < similar.index(ids[SENIORS])
    similar = [rid for rid, _ in semantic_similar(ids[DATING], limit=3)]
    assert similar.index(ids[SAFE_HOMES]) < similar.index(ids[GARDENS])
    assert semantic_similar("no-such-record") == []

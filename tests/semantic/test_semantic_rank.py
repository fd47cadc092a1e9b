"""Search by meaning, as the search service calls it."""

from __future__ import annotations

import numpy as np
import pytest

from practicehub.semantic import services
from practicehub.semantic.embedder import get_embedder
from practicehub.semantic.embedding import embed_pending
from practicehub.semantic.services import query_cache_clear, semantic_rank, semantic_similar
from tests.semantic.conftest import DATING, GARDENS, SAFE_HOMES, SENIORS
from tests.semantic.test_embedder_swap import LetterEmbedder

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


def test_a_mask_over_the_callers_list_of_records_narrows_the_search_like_ids(four_records):
    # The search page filters with a boolean mask over its own list of records.
    ids = [record.id for record in four_records.values()] + ["not-embedded-record"]
    mask = np.array([name in (GARDENS, DATING) for name in four_records] + [True])
    hits = semantic_rank("violence", within=(ids, mask))
    assert [h.record_id for h in hits] == [
        h.record_id
        for h in semantic_rank(
            "violence", record_ids={four_records[GARDENS].id, four_records[DATING].id}
        )
    ]
    assert hits[0].record_id == four_records[DATING].id
    mask[:] = False
    assert semantic_rank("violence", within=(ids, mask)) == []


class CountingEmbedder(LetterEmbedder):
    """The letter-count model of test_embedder_swap.py, counting the query texts it embeds."""

    name = "letter-counts-counted"
    queries: list[str] = []

    def embed_queries(self, texts):
        type(self).queries += list(texts)
        return self._embed(texts)


def test_a_repeated_query_is_answered_without_running_the_model_again(
    ingest, settings, monkeypatch
):
    ingest(GARDENS, DATING)
    settings.SEMANTIC_EMBEDDER = "tests.semantic.test_semantic_rank.CountingEmbedder"
    # Glossary terms' vectors as on a new machine: none in this process, none in a file.
    settings.SEMANTIC_VECTOR_CACHE = None
    monkeypatch.setattr(services, "_glossary_vectors", services._GlossaryVectors())
    get_embedder.cache_clear()
    query_cache_clear()
    CountingEmbedder.queries = []
    try:
        embed_pending()
        first = semantic_rank("violence against women")
        # The query and its glossary translation, in one call.
        assert len(CountingEmbedder.queries) == 2
        assert semantic_rank("violence against women") == first
        assert len(CountingEmbedder.queries) == 2
        # The Lithuanian query's texts are the English query's, the other way round.
        assert semantic_rank("smurtas prieš moteris")
        assert len(CountingEmbedder.queries) == 2
        semantic_rank("community gardens")
        assert CountingEmbedder.queries[2:] == ["community gardens", "bendruomenė gardens"]
    finally:
        get_embedder.cache_clear()
        query_cache_clear()


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

"""A search starts the model on its query before it reads anything else, and the semantic list
takes those vectors: the query goes through the model once."""

from __future__ import annotations

import time

import pytest

from practicehub.search import services
from practicehub.search.services import record_search
from practicehub.semantic.embedder import get_embedder
from practicehub.semantic.embedding import embed_pending
from practicehub.semantic.services import query_cache_clear
from tests.semantic.conftest import DATING, GARDENS, SAFE_HOMES, SENIORS

pytestmark = pytest.mark.django_db


def test_a_new_query_goes_through_the_model_once(ingest, record_of, model_calls):
    ingest(GARDENS, SAFE_HOMES, SENIORS, DATING)
    embed_pending()
    # No word of the query is in the Lithuanian record, which answers it: only the semantic
    # list can bring it.
    page = record_search(query="older people helping pupils")
    assert record_of(SENIORS).id in [hit.record_id for hit in page.hits]
    assert len(model_calls) == 1  # the query and its translation, in one call


def test_nothing_embedded_no_model(ingest, record_of, model_calls):
    ingest(GARDENS, SAFE_HOMES)  # no vectors: embedding has not run
    first = record_search(query="community gardens in courtyards")
    assert first.hits[0].record_id == record_of(GARDENS).id
    model_calls.clear()
    # The process has seen the vector index empty: a new query is not embedded for nothing.
    again = record_search(query="gardens for neighbours")
    assert again.hits[0].record_id == record_of(GARDENS).id
    assert model_calls == []


def test_records_read_while_the_model_works_show_as_if_read_after(ingest, monkeypatch, model_calls):
    ingest(GARDENS, SAFE_HOMES, SENIORS, DATING)
    embed_pending()
    embedder = get_embedder()
    counted = embedder.embed_queries  # model_calls' wrapper of the real model

    def slow(texts):
        time.sleep(0.3)  # the model still at work when the keyword lists are done
        return counted(texts)

    monkeypatch.setattr(embedder, "embed_queries", slow)
    real_ahead = services._PageReading.ahead
    read_ahead: list[int] = []

    def ahead(self, likely):
        read_ahead.append(len(likely))
        real_ahead(self, likely)

    def pages() -> list:
        out = []
        for page in (1, 2):
            query_cache_clear()
            out.append(record_search(query="violence in schools", page=page, per_page=2))
        return out

    monkeypatch.setattr(services._PageReading, "ahead", ahead)
    early = pages()
    assert len(read_ahead) == 2  # both pages read their likely records early
    monkeypatch.setattr(services._PageReading, "ahead", lambda self, likely: None)
    late = pages()
    assert [p.hits for p in early] == [p.hits for p in late]
    assert [p.facets for p in early] == [p.facets for p in late]
    assert sum(len(p.hits) for p in early) == 4

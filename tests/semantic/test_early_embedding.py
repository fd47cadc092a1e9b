"""A search starts the model on its query before it reads anything else, and the semantic list
takes those vectors: the query goes through the model once."""

from __future__ import annotations

import pytest

from practicehub.search.services import record_search
from practicehub.semantic.embedding import embed_pending
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

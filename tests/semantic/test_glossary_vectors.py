"""Glossary terms are embedded once per machine: a short query and its translation, when they
are glossary terms, are read rather than run through the model, with the model's own vectors."""

from __future__ import annotations

import numpy as np
import pytest

from practicehub.semantic import services
from practicehub.semantic.embedder import get_embedder
from practicehub.semantic.services import query_cache_clear, query_vectors

pytestmark = pytest.mark.django_db


def test_a_query_and_translation_in_the_glossary_are_embedded_once(model_calls):
    # Both are glossary terms: the query and its translation, "women's leadership".
    vectors = query_vectors("moterų lyderystė")
    expected = get_embedder()._encode(["moterų lyderystė", "women's leadership"], True)
    np.testing.assert_array_equal(vectors, expected)  # the model's own vectors

    model_calls.clear()
    query_cache_clear()
    np.testing.assert_array_equal(query_vectors("moterų lyderystė"), expected)
    assert model_calls == []  # read, not computed

    # A new process (the store empty) reads them from the vector cache file.
    services._glossary_vectors = services._GlossaryVectors()
    query_cache_clear()
    np.testing.assert_array_equal(query_vectors("moterų lyderystė"), expected)
    assert model_calls == []


def test_words_outside_the_glossary_still_go_to_the_model(model_calls):
    query_vectors("Kaunas Vilnius")  # no glossary word: no translation either
    assert model_calls == [["Kaunas Vilnius"]]
    model_calls.clear()
    # Neither the query nor its translation is a glossary term: both in one call.
    query_vectors("women's leadership Kaunas")
    assert model_calls == [["women's leadership Kaunas", "moterų lyderystė Kaunas"]]
    model_calls.clear()
    # Capitalised, the query is not a glossary term; its translation is, and is read.
    query_vectors("Moterų lyderystė")
    assert model_calls == [["Moterų lyderystė"]]


def test_many_new_terms_go_to_the_model_a_batch_at_a_time(
    model_calls, monkeypatch, settings, tmp_path
):
    # The first start on a machine (no vector cache file yet) embeds the whole glossary: in
    # batches, so the model's activations for all of it are never held at once (a server's
    # peak memory).
    settings.SEMANTIC_VECTOR_CACHE = tmp_path / "vector-cache.sqlite3"
    monkeypatch.setattr(services, "GLOSSARY_BATCH", 2)
    terms = ["smurtas", "moterys", "savivaldybė", "integracija", "jaunimas"]
    vectors = services._glossary_vectors.vectors(get_embedder(), terms)
    assert model_calls == [terms[0:2], terms[2:4], terms[4:]]
    np.testing.assert_array_equal(vectors, get_embedder()._encode(terms, True))

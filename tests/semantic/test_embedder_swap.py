"""Another model can take e5's place: passages and vectors follow the model's name."""

from __future__ import annotations

import string
from collections.abc import Sequence

import numpy as np
import pytest

from practicehub.semantic.embedder import get_embedder
from practicehub.semantic.embedding import embed_pending
from practicehub.semantic.models import Passage, PassageVector
from practicehub.semantic.services import semantic_rank
from tests.semantic.conftest import DATING, GARDENS

pytestmark = pytest.mark.django_db


class LetterEmbedder:
    """A tiny model of our own for this test: how often each letter occurs."""

    name = "letter-counts"
    dim = 26

    @classmethod
    def model_name(cls) -> str:
        return cls.name

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for ch in text.lower():
                if ch in string.ascii_lowercase:
                    out[row, ord(ch) - 97] += 1
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out

    embed_queries = _embed
    embed_passages = _embed


def test_passages_written_for_another_model_are_embedded_again_by_the_new_one(ingest, settings):
    ingest(GARDENS, DATING)
    e5_name = Passage.objects.values_list("model", flat=True).first()
    assert e5_name.startswith("multilingual-e5-small")
    settings.SEMANTIC_EMBEDDER = "tests.semantic.test_embedder_swap.LetterEmbedder"
    get_embedder.cache_clear()
    try:
        assert embed_pending() == Passage.objects.values("content_hash").distinct().count()
        assert set(Passage.objects.values_list("model", flat=True)) == {"letter-counts"}
        vectors = PassageVector.objects.filter(model="letter-counts")
        assert {len(v.as_array()) for v in vectors} == {26}
        hits = semantic_rank("community gardens")
        assert {h.record_id for h in hits} == set(Passage.objects.values_list("record", flat=True))
    finally:
        get_embedder.cache_clear()

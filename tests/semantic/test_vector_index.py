"""The in-memory vector matrix: half precision, and scores as exact as the stored vectors allow."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from practicehub.semantic.embedder import get_embedder
from practicehub.semantic.embedding import embed_pending
from practicehub.semantic.index import VectorIndex, index_current, quantised
from practicehub.semantic.models import Passage, PassageVector
from practicehub.semantic.services import _calibrated, _record_scores, _top, query_vectors
from tests.semantic.conftest import DATING, GARDENS, SAFE_HOMES, SENIORS

pytestmark = pytest.mark.django_db


def _stored_vectors(index) -> np.ndarray:
    """The float32 vectors as the database holds them, in the matrix's row order."""
    hashes = dict(
        Passage.objects.filter(pk__in=index.passage_ids.tolist()).values_list("pk", "content_hash")
    )
    blobs = dict(
        PassageVector.objects.filter(model=index.model).values_list("content_hash", "vector")
    )
    return np.stack([np.frombuffer(bytes(blobs[hashes[int(p)]]), "<f4") for p in index.passage_ids])


def test_the_matrix_halves_the_memory_and_scores_like_the_stored_vectors(ingest):
    ingest(GARDENS, SAFE_HOMES, SENIORS, DATING)
    embed_pending()
    embedder = get_embedder()
    index = index_current(embedder.name, embedder.dim)
    stored = _stored_vectors(index)
    assert index.matrix.dtype == np.float16
    assert index.matrix.nbytes * 2 == stored.nbytes

    queries = np.vstack(
        [query_vectors("smurtas prieš moteris kaimo vietovėse"), query_vectors("community gardens")]
    )
    exact = queries.astype(np.float64) @ stored.T.astype(np.float64)
    scores = index.scores(queries)
    # The rounding to half precision moves a cosine by far less than the gaps that order them.
    assert np.abs(scores - exact).max() < 1e-3
    for row, brute in zip(scores, exact, strict=True):
        gaps = np.diff(np.sort(brute))
        if gaps.min() > 2e-3:
            assert list(np.argsort(-row)) == list(np.argsort(-brute))
    # The int8 first pass, built while loading, stays within a small fraction of the spread.
    assert np.abs(index.coarse_scores(queries) - exact).max() < 0.05 * exact.std()


def test_scores_on_random_vectors_match_the_half_precision_product():
    rng = np.random.default_rng(5)
    rows = rng.standard_normal((1000, 384)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    index = VectorIndex(
        model="random",
        version=None,
        matrix=rows.astype(np.float16),
        passage_ids=np.arange(1000),
        record_starts=np.arange(0, 1000, 2),
        record_ids=[f"r{i}" for i in range(500)],
        record_languages=np.zeros(500, dtype=np.int32),
        languages=["en"],
    )
    queries = rng.standard_normal((3, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    half = queries.astype(np.float16).astype(np.float64) @ index.matrix.astype(np.float64).T
    assert np.abs(index.scores(queries) - half).max() < 1e-5
    assert np.abs(index.scores(queries) - queries @ rows.T).max() < 2e-3


def test_each_record_gets_its_best_passage_whatever_its_number_of_passages():
    rng = np.random.default_rng(3)
    counts = rng.integers(1, 11, 2000)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rows = int(counts.sum())
    index = VectorIndex(
        model="random",
        version=None,
        matrix=np.zeros((rows, 4), dtype=np.float16),
        passage_ids=np.arange(rows),
        record_starts=starts,
        record_ids=[f"r{i}" for i in range(len(counts))],
        record_languages=np.zeros(len(counts), dtype=np.int32),
        languages=["en"],
    )
    scores = rng.standard_normal(rows).astype(np.float32)
    expected = [scores[s : s + c].max() for s, c in zip(starts, counts, strict=True)]
    assert index.best_per_record(scores).tolist() == expected


def test_scoring_many_queries_leaves_none_alone():
    """A server scores a query per request for months: the scan may not use up ``None``'s
    references (the interpreter aborts when they run out)."""
    index = VectorIndex(
        model="random",
        version=None,
        matrix=np.ones((4, 384), dtype=np.float16),
        passage_ids=np.arange(4),
        record_starts=np.arange(0, 4, 2),
        record_ids=["r0", "r1"],
        record_languages=np.zeros(2, dtype=np.int32),
        languages=["en"],
    )
    query = np.ones((2, 384), dtype=np.float32)
    before = sys.getrefcount(None)
    for _ in range(1000):
        scores = index.scores(query)
    assert sys.getrefcount(None) >= before - 10
    assert scores.shape == (2, 4) and scores.dtype == np.float32


def _random_index(records: int, passages: int, seed: int) -> VectorIndex:
    """Records of ``passages`` unit vectors sharing one large mean direction, as e5's do,
    half of them in each of two languages."""
    rng = np.random.default_rng(seed)
    shared = rng.standard_normal(384).astype(np.float32)
    rows = rng.standard_normal((records * passages, 384)).astype(np.float32) * 0.03 + shared / 20
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return VectorIndex(
        model="random",
        version=None,
        matrix=rows.astype(np.float16),
        passage_ids=np.arange(records * passages),
        record_starts=np.arange(0, records * passages, passages),
        record_ids=[f"r{i}" for i in range(records)],
        record_languages=(np.arange(records) % 2).astype(np.int32),
        languages=["lt", "en"],
    )


def test_the_first_pass_is_close_to_the_exact_scores_and_leaves_none_alone():
    index = _random_index(2000, 2, seed=8)
    rng = np.random.default_rng(9)
    queries = index.matrix[rng.choice(4000, 3)].astype(np.float32) + rng.normal(0, 0.01, (3, 384))
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    exact = index.scores(queries)
    before = sys.getrefcount(None)
    for _ in range(1000):
        coarse = index.coarse_scores(queries)
    assert sys.getrefcount(None) >= before - 10
    assert coarse.shape == exact.shape
    spread = exact.std(axis=1).min()
    assert (coarse - exact).std() < 0.03 * spread
    assert np.abs(coarse - exact).max() < 0.1 * spread


def test_the_rows_of_records_come_together_in_the_order_asked():
    index = VectorIndex(
        model="random",
        version=None,
        matrix=np.zeros((6, 4), dtype=np.float16),
        passage_ids=np.arange(6),
        record_starts=np.array([0, 1, 4]),
        record_ids=["a", "b", "c"],
        record_languages=np.zeros(3, dtype=np.int32),
        languages=["en"],
    )
    assert index.rows_of(np.array([2, 0, 1])).tolist() == [4, 5, 0, 1, 2, 3]


def test_the_two_passes_rank_the_records_an_exact_scan_ranks():
    """Only the best records' passages are scored exactly: at 4,000 records the second pass
    sees a quarter of them, and the records found and their scores are the exact scan's."""
    index = _random_index(4000, 2, seed=4)
    rng = np.random.default_rng(6)
    for allowed in [None, None, None, rng.random(4000) < 0.6, rng.random(4000) < 0.4]:
        queries = index.matrix[rng.choice(8000, 2)].astype(np.float32)
        queries += rng.normal(0, 0.02, queries.shape)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        exact = np.maximum(
            *[_calibrated(index, index.best_per_record(s), allowed) for s in index.scores(queries)]
        )
        scores, _ = _record_scores(index, queries, allowed, True, 100)
        expected, found = _top(exact, allowed, 100), _top(scores, allowed, 100)
        assert len(set(expected.tolist()) & set(found.tolist())) >= 98
        assert found[:10].tolist() == expected[:10].tolist()
        assert np.abs(scores[found] - exact[found]).max() < 0.02


def test_the_first_pass_products_are_exactly_the_signed_int8_ones():
    # The int8 rows are stored as unsigned bytes (+128) for a faster kernel; what that adds to
    # each product must come off exactly, whatever the rows and queries hold.
    index = _random_index(500, 3, seed=11)
    rng = np.random.default_rng(12)
    queries = rng.standard_normal((2, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    signed_rows, row_scale = quantised(index.matrix.astype(np.float32), index.centre)
    signed_queries, query_scale = quantised(queries, np.zeros_like(index.centre))
    products = signed_queries.astype(np.int64) @ signed_rows.astype(np.int64).T
    expected = products.astype(np.float32) * row_scale * query_scale[:, None]
    expected += (queries @ index.centre)[:, None]
    assert index.coarse.dtype == np.uint8
    np.testing.assert_array_equal(index.coarse_scores(queries), expected)

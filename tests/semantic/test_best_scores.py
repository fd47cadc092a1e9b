"""The best scores of a scan are picked from a sample-guided shortlist: the same records as
a partition of every score, whatever the scores, the ties and the records allowed."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from practicehub.semantic.services import _best_unordered, _top


def _expected(scores: np.ndarray, allowed: np.ndarray | None, limit: int) -> list[float]:
    masked = scores if allowed is None else np.where(allowed, scores, -np.inf)
    return sorted(masked, reverse=True)[:limit]


@pytest.mark.parametrize("seed", range(24))
def test_the_best_scores_are_those_of_a_full_partition(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.choice([7, 500, 40_000, 100_000]))
    limit = int(rng.choice([1, 100, 1000]))
    scores = rng.normal(size=size).astype(np.float32)
    if seed % 3 == 0:  # many equal scores
        scores = np.round(scores, 1)
    if seed % 4 == 1:  # the best ones all at one end: a strided sample sees few of them
        scores = np.sort(scores)
    if seed % 4 == 2:  # the best ones all where the sample looks: it guesses too high
        scores[::8] += 100
    allowed = None
    if seed % 2:
        allowed = rng.random(size) < rng.choice([0.002, 0.05, 0.5])
    wanted = min(limit, int(allowed.sum()) if allowed is not None else size)
    if not wanted:
        assert len(_top(scores, allowed, limit)) == 0
        return
    picked = _best_unordered(scores, allowed, wanted)
    assert len(set(picked.tolist())) == wanted
    if allowed is not None:
        assert allowed[picked].all()
    assert sorted(scores[picked], reverse=True) == _expected(scores, allowed, wanted)
    top = _top(scores, allowed, limit)
    assert list(scores[top]) == _expected(scores, allowed, wanted)
    # Equal scores in position order.
    for a, b in itertools.pairwise(top):
        assert scores[a] > scores[b] or a < b

"""Ranked lists come out best first with equal scores in record order, the order a stable sort
gives, whatever the scores: ties, negatives, zeros of either sign, large lists; and so does a
list's head taken from a shortlist of its best scores."""

from __future__ import annotations

import numpy as np
import pytest

from practicehub.search.ranking import best_first, descending


@pytest.mark.parametrize("seed", range(12))
def test_descending_is_the_stable_order_of_the_scores(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.choice([0, 1, 2, 17, 5000, 70_000, 140_000]))
    scores = rng.normal(size=size) * 10 ** float(rng.integers(-3, 4))
    if seed % 3 == 0:  # few distinct scores: long runs of ties
        scores = np.round(scores, 0)
    if seed % 4 == 1:
        scores[::7] = 0.0
        scores[::11] = -0.0
    expected = np.argsort(-scores, kind="stable")
    np.testing.assert_array_equal(descending(scores), expected)


def test_fused_scores_of_a_search_keep_their_ties_in_record_order():
    # Reciprocal-rank sums: many records share a score exactly.
    ranks = np.arange(1, 30_001)
    scores = np.concatenate([1 / (20 + ranks), 0.5 / (20 + ranks), 1 / (20 + ranks)])
    np.testing.assert_array_equal(descending(scores), np.argsort(-scores, kind="stable"))


@pytest.mark.parametrize("seed", range(16))
def test_the_head_of_a_list_is_the_head_of_its_stable_order(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.choice([3, 60, 4000, 90_000]))
    limit = int(rng.choice([1, 20, 50, 400]))
    scores = rng.normal(size=size)
    if seed % 3 == 0:  # few distinct scores: the limit-th best is tied with many
        scores = np.round(scores, 0)
    if seed % 4 == 1:  # the best scores all at one end, where a strided sample sees few
        scores = np.sort(scores)
    if seed % 4 == 2:  # the best scores all where the sample looks: it guesses too high
        scores[::8] += 100
    positions = np.flatnonzero(rng.random(size) < 0.7)  # ascending, as the callers pass them
    expected = positions[np.argsort(-scores[positions], kind="stable")][:limit]
    np.testing.assert_array_equal(best_first(positions, scores, limit), expected)

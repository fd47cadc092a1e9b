"""The facet table's counts: the few records a search by meaning adds to the keyword matches
are counted by position, and must agree with counting the whole matched set."""

from __future__ import annotations

import numpy as np
import pytest

from practicehub.search import facets

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_counting_a_few_records_by_position_agrees_with_counting_a_mask(collection, seed):
    table = facets.table()
    rng = np.random.default_rng(seed)
    few = np.sort(rng.choice(table.size, size=max(1, table.size // 3), replace=False))
    mask = np.zeros(table.size, dtype=bool)
    mask[few] = True
    for key in facets.FACETS:
        column = table.columns[key]
        assert column.counts_of(few).tolist() == column.counts(mask).tolist(), key
        assert column.counts_of(few[:0]).sum() == 0


@pytest.mark.parametrize("values", [1, 3, 64, 65, 300])
@pytest.mark.parametrize("size", [1, 63, 64, 1000, 4097])
def test_counts_are_the_matched_records_holding_each_value(values, size):
    # Few values are counted on bit sets, many by a pass over the pairs: the same numbers.
    rng = np.random.default_rng(values * size)
    pairs = facets._Pairs()
    for position in range(size):
        held = int(rng.integers(0, min(values, 2) + 1))
        for value in rng.choice(values, size=held, replace=False):
            pairs.add(position, f"v{value:03d}", {})
    column = facets.Column.build(pairs)
    matched = rng.random(size) < 0.4
    expected = [
        sum(1 for p, v in zip(pairs.rec, pairs.vals, strict=True) if v == name and matched[p])
        for name in column.values
    ]
    assert column.counts(matched).tolist() == expected
    assert column.counts(np.zeros(size, dtype=bool)).sum() == 0

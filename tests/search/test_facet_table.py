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

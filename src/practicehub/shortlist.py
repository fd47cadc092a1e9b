"""The few scores that can be among the best ``limit``, found without partitioning them all.

Both rankings (the keyword and fused lists in search, the vector scan in semantic) keep the
best few dozen or hundred of up to 100,000 scores several times a query, and a partition of
every score costs about 0.6 ms at that size. A threshold read off every 8th score is a
tenth of that, and a cheap comparison keeps the scores at or above it.
"""

from __future__ import annotations

import numpy as np

# Every how many scores one is read to guess where the best ones begin.
SAMPLE_STEP = 8


def shortlist(values: np.ndarray, limit: int) -> np.ndarray:
    """Indices (ascending) of about twice ``limit`` values that hold every value at least as
    high as the ``limit``-th highest, ties with it included: the best ``limit`` in any order
    of ties are among them. All indices when there are no more than ``limit`` values.

    A threshold a little below the ``limit``-th best is the (2 x limit / step + 8)-th best of
    every 8th value. When at least ``limit`` values reach it, the ``limit``-th best reaches it
    too, so nothing better is left out; otherwise (the best values gathered where the sample
    does not look) the threshold comes from a partition of every value."""
    count = len(values)
    if count <= limit:
        return np.arange(count)
    if count > 32 * limit:
        sample = values[::SAMPLE_STEP]
        rank = len(sample) - 1 - min(len(sample) - 1, 2 * limit // SAMPLE_STEP + 8)
        above = np.flatnonzero(values >= np.partition(sample, rank)[rank])
        if len(above) >= limit:
            return above
    return np.flatnonzero(values >= np.partition(values, count - limit)[count - limit])

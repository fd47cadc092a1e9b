"""Ranking: from a parsed query to record positions, best first, with scores.

The keyword list asks for every query group (AND); when that finds fewer than
``MIN_ALL_MATCHES`` records it is followed by the records that match any group (OR), so a
long natural-language query still finds something.
"""

from __future__ import annotations

import numpy as np

from practicehub.search.backends import backend
from practicehub.search.facets import FacetTable
from practicehub.search.query import ParsedQuery

MIN_ALL_MATCHES = 10


def _positions(table: FacetTable, entry_ids: np.ndarray, scores: np.ndarray):
    positions = table.positions_of_entries(entry_ids)
    keep = positions >= 0
    return positions[keep], scores[keep]


def keyword_rank(table: FacetTable, query: ParsedQuery) -> tuple[np.ndarray, np.ndarray]:
    """Record positions and keyword scores, best first."""
    engine = backend()
    positions, scores = _positions(table, *engine.match(query, "all"))
    order = np.argsort(-scores, kind="stable")
    positions, scores = positions[order], scores[order]
    if len(query.groups) > 1 and len(positions) < MIN_ALL_MATCHES:
        more, more_scores = _positions(table, *engine.match(query, "any"))
        fresh = ~np.isin(more, positions)
        more, more_scores = more[fresh], more_scores[fresh]
        order = np.argsort(-more_scores, kind="stable")
        # Below every record that matched all groups.
        floor = (scores.min() if len(scores) else 0.0) - 1.0
        shifted = floor - (more_scores.max() - more_scores[order]) if len(order) else more_scores
        positions = np.concatenate([positions, more[order]])
        scores = np.concatenate([scores, shifted])
    return positions, scores


def excluded_positions(table: FacetTable, query: ParsedQuery) -> np.ndarray:
    if not query.excluded:
        return np.zeros(0, dtype=np.int64)
    only = ParsedQuery(groups=[[t] for t in query.excluded])
    positions, _ = _positions(table, *backend().match(only, "any"))
    return positions

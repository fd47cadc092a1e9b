"""Similar records: close in meaning (the semantic index, when installed) and sharing
organisations, themes and programmes."""

from __future__ import annotations

import numpy as np
from django.apps import apps

from practicehub.search import facets as facet_table

# What each kind of evidence adds to a candidate's score.
SHARED_WEIGHTS = {"organisation": 2.0, "theme": 1.0, "programme": 1.0}
SEMANTIC_WEIGHT = 4.0


def similar_scores(record_id: str) -> tuple[facet_table.FacetTable, np.ndarray] | None:
    table = facet_table.table()
    me = table.position.get(record_id)
    if me is None:
        return None
    scores = np.zeros(table.size)
    for key, weight in SHARED_WEIGHTS.items():
        column = table.columns[key]
        mine = column.val[column.rec == me]
        if len(mine):
            shared = column.rec[np.isin(column.val, mine)]
            scores += weight * np.bincount(shared, minlength=table.size)
    if apps.is_installed("practicehub.semantic"):
        from practicehub.semantic.services import semantic_similar

        for other, score in semantic_similar(record_id, limit=50):
            position = table.position.get(other)
            if position is not None:
                scores[position] += SEMANTIC_WEIGHT * max(0.0, float(score))
    scores[me] = 0.0
    return table, scores


def similar(record_id: str, *, limit: int = 5):
    from practicehub.search.services import Hit

    found = similar_scores(record_id)
    if found is None:
        return []
    table, scores = found
    best = np.argsort(-scores, kind="stable")[:limit]
    return [
        Hit(record_id=table.record_ids[p], score=round(float(scores[p]), 6), snippet="")
        for p in best.tolist()
        if scores[p] > 0
    ]

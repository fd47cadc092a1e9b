"""Search by meaning: the entry points other apps call.

``semantic_rank`` embeds the query once (with its glossary translation, see expansion.py), scores
every passage exactly against the in-memory matrix (index.py), keeps each record's best passage
and calibrates the scores within each record language, so the best match written in the other
language is not pushed out by weaker ones in the query's language.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from practicehub.semantic.embedder import get_embedder, model_name
from practicehub.semantic.embedding import embed_pending
from practicehub.semantic.expansion import diacritics_restored, glossary_translation
from practicehub.semantic.index import VectorIndex, index_current
from practicehub.semantic.models import Passage
from practicehub.semantic.passages import passages_rebuild

__all__ = [
    "SemanticHit",
    "embed_pending",
    "passages_reindex",
    "semantic_rank",
    "semantic_similar",
]

# Longer queries say nothing more to a 512-token model and only cost time.
MAX_QUERY_CHARS = 1000
# A language with fewer records than this is calibrated with the statistics of all records:
# the mean and spread of a handful of scores say little.
MIN_RECORDS_PER_LANGUAGE = 20

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class SemanticHit:
    record_id: str
    score: float
    passage: str
    language: str


def _calibrated(index: VectorIndex, scores: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
    """Scores as standard scores within each record language (z = (s - mean) / spread).

    e5 scores every text in the query's language higher than texts in other languages, whatever
    they say; measured against the other records of its own language, a record's score says
    how well it answers the query, and that compares across languages.
    """
    out = np.empty_like(scores)
    considered = allowed if allowed is not None else np.ones(len(scores), dtype=bool)
    pool = scores[considered]
    if not len(pool):
        return scores
    overall = (float(pool.mean()), float(pool.std()) or 1.0)
    for code in range(len(index.languages)):
        members = index.record_languages == code
        sample = scores[members & considered]
        if len(sample) >= MIN_RECORDS_PER_LANGUAGE:
            mean, spread = float(sample.mean()), float(sample.std()) or 1.0
        else:
            mean, spread = overall
        out[members] = (scores[members] - mean) / spread
    return out


def _query_texts(query: str, expand: bool, restore: bool = True) -> list[str]:
    """The query, the query with its diacritics restored, and its glossary translation."""
    text = " ".join(_CONTROL.sub(" ", query or "").split())[:MAX_QUERY_CHARS]
    if not any(ch.isalnum() for ch in text):
        return []
    texts = [text]
    if restore:
        restored = diacritics_restored(text)
        if restored and restored.casefold() != text.casefold():
            texts.append(restored)
    if expand:
        translation = glossary_translation(texts[-1])
        if translation and translation[1].casefold() != text.casefold():
            texts.append(translation[1])
    return texts


def _allowed(index: VectorIndex, record_ids: Collection[str] | None) -> np.ndarray | None:
    if record_ids is None:
        return None
    allowed = np.zeros(index.size, dtype=bool)
    positions = [index.position(rid) for rid in record_ids]
    allowed[[p for p in positions if p is not None]] = True
    return allowed


def _record_scores(
    index: VectorIndex, queries: np.ndarray, allowed: np.ndarray | None, calibrate: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Each record's score (best over query variants) and the passage scores behind it."""
    # One pass over the matrix for all variants; rows of the result are contiguous per variant.
    by_variant = queries @ index.matrix.T  # (variants, passages)
    record_scores = None
    passage_scores = by_variant[0]
    for variant in by_variant:
        best = index.best_per_record(variant)
        if calibrate:
            best = _calibrated(index, best, allowed)
        if record_scores is None:
            record_scores = best
        else:
            np.maximum(record_scores, best, out=record_scores)
            passage_scores = np.maximum(passage_scores, variant)
    return record_scores, passage_scores


def _top(scores: np.ndarray, allowed: np.ndarray | None, limit: int) -> np.ndarray:
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    candidates = int(allowed.sum()) if allowed is not None else len(scores)
    limit = min(limit, candidates)
    if limit <= 0:
        return np.empty(0, dtype=np.int64)
    top = (
        np.argpartition(-scores, limit - 1)[:limit]
        if limit < len(scores)
        else np.arange(len(scores))
    )
    return top[np.argsort(-scores[top], kind="stable")]


def _best_passages(index: VectorIndex, positions: np.ndarray, passage_scores: np.ndarray) -> dict:
    rows = {}
    for position in positions:
        span = index.record_rows(int(position))
        rows[int(position)] = int(
            index.passage_ids[span.start + int(np.argmax(passage_scores[span]))]
        )
    texts = dict(Passage.objects.filter(pk__in=list(rows.values())).values_list("pk", "text"))
    return {position: texts.get(pid, "") for position, pid in rows.items()}


def semantic_rank(
    query: str,
    *,
    limit: int = 200,
    record_ids: Collection[str] | None = None,
    expand: bool = True,
    calibrate: bool = True,
    restore: bool = True,
) -> list[SemanticHit]:
    """Records closest in meaning to the query, best first, one (best) passage each.

    Only embedded passages of published records take part; ``record_ids`` narrows the search
    to those records (the filters of a search page). Never raises on odd query text: a query
    with no letters or digits finds nothing. ``expand`` and ``calibrate`` exist for the
    evaluation (bench/semantic_eval.py), which measures what each part gains.
    """
    texts = _query_texts(query, expand, restore)
    if not texts or limit <= 0:
        return []
    embedder = get_embedder()
    index = index_current(embedder.name, embedder.dim)
    if index.size == 0:
        return []
    allowed = _allowed(index, record_ids)
    if allowed is not None and not allowed.any():
        return []
    queries = embedder.embed_queries(texts)
    scores, passage_scores = _record_scores(index, queries, allowed, calibrate)
    top = _top(scores, allowed, limit)
    passages = _best_passages(index, top, passage_scores)
    return [
        SemanticHit(
            record_id=index.record_ids[p],
            score=float(scores[p]),
            passage=passages.get(int(p), ""),
            language=index.languages[int(index.record_languages[p])],
        )
        for p in top
    ]


def semantic_similar(record_id: str, limit: int = 20) -> list[tuple[str, float]]:
    """Records whose passages are closest to this record's, best first, itself left out.

    Each passage of the record votes with the mean of its similarities; scores are calibrated
    per language like a query's, so similar records in the other language are found too.
    """
    embedder = get_embedder()
    index = index_current(embedder.name, embedder.dim)
    position = index.position(record_id)
    if position is None or limit <= 0:
        return []
    own = index.matrix[index.record_rows(position)]
    centre = own.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm == 0:
        return []
    passage_scores = index.matrix @ (centre / norm)
    scores = _calibrated(index, index.best_per_record(passage_scores), None)
    allowed = np.ones(index.size, dtype=bool)
    allowed[position] = False
    top = _top(scores, allowed, limit)
    return [(index.record_ids[p], float(scores[p])) for p in top]


def passages_reindex() -> int:
    """Cut every record into passages again (after the passage rules change, or for
    ``practicehub reindex``); passages of records that are gone or unpublished are dropped.
    Returns how many passages are new, changed or gone; vectors of unchanged texts are kept.
    """
    from practicehub.catalogue.models import Record

    ids = set(Record.objects.values_list("id", flat=True))
    ids |= set(Passage.objects.values_list("record_id", flat=True).distinct())
    changed = 0
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        changed += passages_rebuild(ordered[start : start + 500], model=model_name())
    return changed

"""Search by meaning: the entry points other apps call.

``semantic_rank`` embeds the query as the collection spells it (diacritics restored) and its
glossary translation (expansion.py) in one model call, cached for repeated queries; scores
every passage exactly against the in-memory matrix (index.py) in one pass for both texts; keeps
each record's best passage, calibrates the scores within each record language, and gives each
record the better of its two calibrated scores, so the best match written in the other language
is not pushed out by weaker ones in the query's language.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from practicehub.semantic.cache import cache_get, cache_put
from practicehub.semantic.embedder import Embedder, get_embedder, model_name
from practicehub.semantic.embedding import embed_pending
from practicehub.semantic.expansion import (
    diacritics_restored,
    glossary_terms,
    glossary_translation,
    translation_terms,
)
from practicehub.semantic.index import (
    VectorIndex,
    index_current,
    index_known_empty,
    index_version_sql,
)
from practicehub.semantic.models import Passage
from practicehub.semantic.passages import passages_rebuild, text_hash
from practicehub.shortlist import shortlist

__all__ = [
    "PendingRank",
    "SemanticHit",
    "embed_pending",
    "glossary_vectors_warm",
    "index_version_sql",
    "passages_reindex",
    "query_cache_clear",
    "query_vectors",
    "query_vectors_start",
    "semantic_rank",
    "semantic_rank_start",
    "semantic_similar",
]

# Longer queries say nothing more to a 512-token model and only cost time.
MAX_QUERY_CHARS = 1000
# A language with fewer records than this is calibrated with the statistics of all records:
# the mean and spread of a handful of scores say little.
MIN_RECORDS_PER_LANGUAGE = 20
# Query texts whose vectors are kept: a repeated query (the next page, a filter added, the
# same popular search by someone else) costs no model time. 384 floats each: 1.5 MB in all.
QUERY_CACHE_SIZE = 1000
# Glossary terms not in the vector cache go to the model this many at a time. The model holds
# its activations for every token of a call at once: the whole glossary (~1,300 terms) in one
# call took 230 MB more at its peak, carrying a server at 100,000 records to 1,008 MiB (of the
# 1 GiB it may use) the first time it starts on a machine; 128 terms a call take about 50 MB.
GLOSSARY_BATCH = 128
# The records scored exactly after the approximate first pass (``_record_scores``).
RESCORE_FACTOR = 4
RESCORE_MIN = 1000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class SemanticHit:
    record_id: str
    score: float
    passage: str
    language: str


def _language_stats(
    index: VectorIndex, scores: np.ndarray, allowed: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray] | None:
    """The mean and spread of the records' scores in each record language (indexed by
    language code), over the allowed records; None when no record is allowed.

    e5 scores every text in the query's language higher than texts in other languages, whatever
    they say; measured against the other records of its own language, a record's score says
    how well it answers the query, and that compares across languages.
    """
    # Sums per language as products with each language's 0/1 row: numpy's bincount with
    # weights took 4-20 ms at 100,000 records, these take 0.3.
    weights = index.language_rows if allowed is None else index.language_rows * allowed
    count = weights.sum(axis=1)
    total = float(count.sum())
    if not total:
        return None
    wide = scores.astype(np.float64)
    sums = weights @ wide
    squares = weights @ (wide * wide)
    mean_all = sums.sum() / total
    spread_all = np.sqrt(max(squares.sum() / total - mean_all * mean_all, 0.0)) or 1.0
    enough = count >= MIN_RECORDS_PER_LANGUAGE
    safe = np.maximum(count, 1)
    mean = np.where(enough, sums / safe, mean_all)
    spread = np.sqrt(np.maximum(squares / safe - (sums / safe) ** 2, 0.0))
    spread = np.where(enough, np.where(spread > 0, spread, 1.0), spread_all)
    return mean, spread


def _standardised(
    scores: np.ndarray, codes: np.ndarray, stats: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray:
    """Scores as standard scores within each record language, z = (s - mean) / spread;
    ``codes`` are the records' language codes."""
    if stats is None:
        return scores
    mean, spread = stats
    return ((scores - mean[codes]) / spread[codes]).astype(np.float32)


def _calibrated(index: VectorIndex, scores: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
    """Every record's score calibrated within its language (``_language_stats``)."""
    stats = _language_stats(index, scores, allowed)
    return _standardised(scores, index.record_languages, stats)


def _clean_query(query: str) -> str:
    """The query on one line, without control characters, cut to MAX_QUERY_CHARS; empty when
    it has no letter or digit."""
    text = " ".join(_CONTROL.sub(" ", query or "").split())[:MAX_QUERY_CHARS]
    return text if any(ch.isalnum() for ch in text) else ""


def _query_texts(
    query: str, expand: bool, restore: bool = True, version: int | None = None
) -> list[str]:
    """The query as the collection spells it (diacritics restored when ``restore``), and its
    glossary translation when ``expand``; ``version``: the ``IndexVersion`` the caller read.

    The query typed without diacritics is not embedded beside its restored form: the model
    reads the restored form better (no-diacritics nDCG@10 0.572 -> 0.642 on the development set).
    """
    text = _clean_query(query)
    if not text:
        return []
    if restore:
        text = diacritics_restored(text, version) or text
    texts = [text]
    if expand:
        translation = glossary_translation(text)
        if translation and translation[1].casefold() != text.casefold():
            texts.append(translation[1])
    return texts


class _GlossaryVectors:
    """Query vectors of glossary terms, by model: each term embedded once on this machine and
    kept in the vector cache file (cache.py) beside the passages' vectors.

    A short query's glossary translation is often one term ("moterų lyderystė" -> "women's
    leadership"), and short queries are often a term themselves: their vectors are then read,
    not computed, and a new query costs the model one text or none instead of two (the model
    takes ~10 ms a text on one core, a third of a new query's CPU at 100,000 records). The
    vectors are the model's own for those texts, so results do not change.
    """

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        self._lock = threading.Lock()

    def vectors(self, embedder: Embedder, terms: Sequence[str]) -> np.ndarray:
        """One row per term; terms not known yet come from the file or the model."""
        missing = [t for t in dict.fromkeys(terms) if (embedder.name, t) not in self._vectors]
        if missing:
            self._fill(embedder, missing)
        return np.stack([self._vectors[embedder.name, t] for t in terms])

    def _fill(self, embedder: Embedder, terms: list[str]) -> None:
        model = f"{embedder.name}|query"  # a query's vector, not a passage's
        by_hash = {text_hash(t): t for t in terms}
        found = {
            by_hash[h]: np.frombuffer(blob, dtype=np.float32)
            for h, blob in cache_get(model, by_hash).items()
            if len(blob) == 4 * embedder.dim
        }
        new = [t for t in terms if t not in found]
        for first in range(0, len(new), GLOSSARY_BATCH):
            batch = new[first : first + GLOSSARY_BATCH]
            rows = embedder.embed_queries(batch)
            found.update(zip(batch, rows, strict=True))
            cache_put(
                model, {text_hash(t): row.tobytes() for t, row in zip(batch, rows, strict=True)}
            )
        with self._lock:
            for term, row in found.items():
                self._vectors[embedder.name, term] = row


_glossary_vectors = _GlossaryVectors()


class _QueryCache:
    """Vectors of recent query texts, least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        """One row per text; glossary terms from ``_GlossaryVectors``, the other texts not
        cached to the model in one call."""
        keys = [(embedder.name, t) for t in texts]
        with self._lock:
            found = {k: self._vectors[k] for k in keys if k in self._vectors}
            for k in found:
                self._vectors.move_to_end(k)
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            terms = glossary_terms()
            known = [t for _, t in missing if t in terms]
            other = [t for _, t in missing if t not in terms]
            fresh = {}
            if known:
                fresh.update(zip(known, _glossary_vectors.vectors(embedder, known), strict=True))
            if other:
                fresh.update(zip(other, embedder.embed_queries(other), strict=True))
            with self._lock:
                for k in missing:
                    found[k] = self._vectors[k] = fresh[k[1]]
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        return np.stack([found[k] for k in keys])

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


_query_cache = _QueryCache(QUERY_CACHE_SIZE)


def glossary_vectors_warm() -> None:
    """Have the vectors of the terms a glossary translation puts in (a server does so before
    it listens; the first time on a machine the model embeds ~1,300 short terms, a few
    seconds)."""
    _glossary_vectors.vectors(get_embedder(), translation_terms())


def query_cache_clear() -> None:
    """Forget the cached query vectors (the benchmarks time the model with it empty)."""
    _query_cache.clear()


def query_vectors(
    query: str, *, expand: bool = True, restore: bool = True, embedder: Embedder | None = None
) -> np.ndarray:
    """Unit vectors of the query's texts (``_query_texts``), one row each; no rows when the
    query has no letters or digits."""
    embedder = embedder or get_embedder()
    texts = _query_texts(query, expand, restore)
    if not texts:
        return np.empty((0, embedder.dim), dtype=np.float32)
    return _query_cache.vectors(embedder, texts)


@dataclass(frozen=True)
class QueryVectors:
    """The vectors of a query's texts, being computed in a worker thread."""

    texts: list[str]
    work: Future


def query_vectors_start(
    query: str, *, expand: bool = True, version: int | None = None
) -> QueryVectors | None:
    """Start embedding the query's texts (``_query_texts``) in a worker thread and return at
    once; None when the query has nothing to embed or the loaded index is empty.

    A search starts this before it reads its tables, so the model (most of a new query's
    time) is not kept waiting for them; ``semantic_rank_start(vectors=...)`` then takes
    the vectors instead of embedding the texts again. ``version``: the current
    ``IndexVersion``, when the caller has read it (the spellings are then looked up once per
    word and version).
    """
    embedder = get_embedder()
    if index_known_empty(embedder.name):
        return None
    texts = _query_texts(query, expand, version=version)
    if not texts:
        return None
    return QueryVectors(texts, _workers.submit(_query_cache.vectors, embedder, texts))


def _allowed(
    index: VectorIndex,
    record_ids: Collection[str] | None,
    within: tuple[Sequence[str], np.ndarray] | None,
) -> np.ndarray | None:
    if within is not None:
        ids, mask = within
        allowed = np.zeros(index.size, dtype=bool)
        positions = index.positions_of(ids)[np.asarray(mask, dtype=bool)]
        allowed[positions[positions >= 0]] = True
        return allowed
    if record_ids is None:
        return None
    allowed = np.zeros(index.size, dtype=bool)
    positions = [index.position(rid) for rid in record_ids]
    allowed[[p for p in positions if p is not None]] = True
    return allowed


def _record_scores(
    index: VectorIndex,
    queries: np.ndarray,
    allowed: np.ndarray | None,
    calibrate: bool,
    limit: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Each record's score (best over the query's texts) and the passage scores behind it.

    Two passes: every passage scored approximately (``VectorIndex.coarse_scores``), which
    also gives each language's mean and spread for the calibration; then the passages of the
    best ``RESCORE_FACTOR`` x ``limit`` records (at least ``RESCORE_MIN``) scored exactly, and
    those records' scores computed again from them. The approximation errs by about 1% of the
    spread of the scores, while the records ranked ``limit``-th and ``RESCORE_FACTOR`` x
    ``limit``-th lie far further apart, so the records found are those of an exact scan; their
    calibrated scores differ from it by a few thousandths, as the approximate mean and spread
    do (bench/semantic_rescore.py measures both). When no more records than that may be
    found (a small collection, a narrow filter), they are all scored exactly at once.
    """
    rescore = max(RESCORE_FACTOR * limit, RESCORE_MIN)
    if (int(allowed.sum()) if allowed is not None else index.size) <= rescore:
        return _exact_record_scores(index, queries, allowed, calibrate)
    approx = index.coarse_scores(queries)  # (texts, passages)
    bests = [index.best_per_record(scores) for scores in approx]
    stats = [_language_stats(index, best, allowed) if calibrate else None for best in bests]

    def combined(per_text: list[np.ndarray], codes: np.ndarray) -> np.ndarray:
        out = None
        for scores, text_stats in zip(per_text, stats, strict=True):
            scores = _standardised(scores, codes, text_stats)
            out = scores if out is None else np.maximum(out, scores)
        return out

    record_scores = combined(bests, index.record_languages)
    passage_scores = approx.max(axis=0)
    candidates = _best_unordered(record_scores, allowed, rescore)
    rows = index.rows_of(candidates)
    exact = index.scores_of(queries, rows)  # (texts, rows of the candidates)
    counts = index.row_counts[candidates]
    firsts = np.cumsum(counts) - counts
    record_scores[candidates] = combined(
        [np.maximum.reduceat(scores, firsts) for scores in exact],
        index.record_languages[candidates],
    )
    passage_scores[rows] = exact.max(axis=0)
    return record_scores, passage_scores


def _exact_record_scores(
    index: VectorIndex, queries: np.ndarray, allowed: np.ndarray | None, calibrate: bool
) -> tuple[np.ndarray, np.ndarray]:
    """``_record_scores`` with every allowed passage scored exactly (the others score 0)."""
    if allowed is None:
        by_text = index.scores(queries)
    else:
        rows = index.rows_of(np.flatnonzero(allowed))
        by_text = np.zeros((len(queries), len(index.passage_ids)), dtype=np.float32)
        by_text[:, rows] = index.scores_of(queries, rows)
    record_scores = None
    for scores in by_text:
        best = index.best_per_record(scores)
        if calibrate:
            best = _calibrated(index, best, allowed)
        record_scores = best if record_scores is None else np.maximum(record_scores, best)
    return record_scores, by_text.max(axis=0)


def _best_unordered(scores: np.ndarray, allowed: np.ndarray | None, limit: int) -> np.ndarray:
    """The positions of the ``limit`` best allowed scores, in no particular order (at least
    ``limit`` records are allowed): partitioned within their shortlist (shortlist.py)."""
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    above = shortlist(scores, limit)
    return above[np.argpartition(-scores[above], limit - 1)[:limit]]


def _top(scores: np.ndarray, allowed: np.ndarray | None, limit: int) -> np.ndarray:
    """The positions of the ``limit`` best allowed scores, best first, equal scores in
    position order."""
    candidates = int(allowed.sum()) if allowed is not None else len(scores)
    limit = min(limit, candidates)
    if limit <= 0:
        return np.empty(0, dtype=np.int64)
    top = np.sort(_best_unordered(scores, allowed, limit))
    return top[np.argsort(-scores[top], kind="stable")]


def _best_passages(index: VectorIndex, positions: np.ndarray, passage_scores: np.ndarray) -> dict:
    """The text of each record's best passage: one query for these records' passages."""
    rows = {}
    for position in positions:
        span = index.record_rows(int(position))
        rows[int(position)] = int(
            index.passage_ids[span.start + int(np.argmax(passage_scores[span]))]
        )
    if not rows:
        return {}
    # No ordering: Passage's default (by record, then position) joins the records' table.
    found = Passage.objects.filter(pk__in=list(rows.values())).order_by()
    texts = dict(found.values_list("pk", "text"))
    return {position: texts.get(pid, "") for position, pid in rows.items()}


# Query embedding and the matrix scan run here while the caller goes on with its own work (the
# keyword lists and the facets of the search page): the model engine and numpy let go of the
# interpreter lock while they compute, so the two overlap on two cores. Two workers, so one
# request's scan does not wait behind another request's model call.
_workers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="semantic")


@dataclass
class PendingRank:
    """A semantic ranking under way (``semantic_rank_start``); ``hits()`` waits for it."""

    index: VectorIndex | None
    work: Future | None
    vectors: Future | None = None  # the query's vectors, when embedded apart from ``work``

    def embedding(self) -> bool:
        """Whether the model is still embedding the query: the scan, several milliseconds at a
        large collection, comes after it."""
        if self.work is None:
            return False
        embedding = self.vectors if self.vectors is not None else self.work
        return not embedding.done()

    def hits(self, passages: bool = True) -> list[SemanticHit]:
        """The records found, best first; without ``passages`` their passage texts are left
        empty (a search page asks ``passages_of`` for the few records it shows)."""
        if self.index is None or self.work is None:
            return []
        top, scores, passage_scores = self.work.result()
        index = self.index
        # The passage texts are read here, in the caller's thread: a worker holds no database
        # connection (nor would it see the caller's open transaction).
        texts = _best_passages(index, top, passage_scores) if passages else {}
        return [
            SemanticHit(
                record_id=index.record_ids[p],
                score=float(scores[p]),
                passage=texts.get(int(p), ""),
                language=index.languages[int(index.record_languages[p])],
            )
            for p in top
        ]

    def passages_of(self, record_ids: Collection[str]) -> dict[str, str]:
        """The best passage of each of these records that the ranking found: one query for
        the records a page shows instead of one for every record found."""
        if self.index is None or self.work is None:
            return {}
        top, _, passage_scores = self.work.result()
        index = self.index
        found = {index.record_ids[p]: p for p in top}
        wanted = np.array([found[r] for r in record_ids if r in found], dtype=np.int64)
        texts = _best_passages(index, wanted, passage_scores)
        return {index.record_ids[p]: text for p, text in texts.items()}


def _ranked(
    index: VectorIndex,
    embedder: Embedder,
    texts: list[str],
    allowed: np.ndarray | None,
    calibrate: bool,
    limit: int,
    vectors: Future | None = None,
):
    """The database-free part of a ranking: embed (or wait for ``vectors``), score, pick the
    best ``limit`` records."""
    queries = vectors.result() if vectors is not None else _query_cache.vectors(embedder, texts)
    scores, passage_scores = _record_scores(index, queries, allowed, calibrate, limit)
    return _top(scores, allowed, limit), scores, passage_scores


def semantic_rank_start(
    query: str,
    *,
    limit: int = 200,
    record_ids: Collection[str] | None = None,
    within: tuple[Sequence[str], np.ndarray] | None = None,
    expand: bool = True,
    calibrate: bool = True,
    restore: bool = True,
    background: bool = True,
    vectors: QueryVectors | None = None,
    version: int | None = None,
) -> PendingRank:
    """Start ``semantic_rank`` in a worker thread (``background``) and return at once.

    What needs the database (the index version, the restored spelling of the query) is read
    here, in the caller's thread; the model call and the scan run in the worker, while the
    caller does other work; ``hits()`` waits for them and reads the passage texts.
    ``vectors``: the query's texts already being embedded (``query_vectors_start``);
    ``version``: the current ``IndexVersion``, when the caller has read it.
    """
    nothing = PendingRank(index=None, work=None)
    if limit <= 0 or not _clean_query(query):
        return nothing
    embedder = get_embedder()
    index = index_current(embedder.name, embedder.dim, version)
    if index.size == 0:
        return nothing
    allowed = _allowed(index, record_ids, within)
    if allowed is not None and not allowed.any():
        return nothing
    if vectors is not None:
        texts, work = vectors.texts, vectors.work
    else:
        texts, work = _query_texts(query, expand, restore, version), None  # not empty: see above
    args = (index, embedder, texts, allowed, calibrate, limit, work)
    if background:
        work = _workers.submit(_ranked, *args)
    else:
        work = Future()
        work.set_result(_ranked(*args))
    return PendingRank(index=index, work=work, vectors=vectors.work if vectors else None)


def semantic_rank(
    query: str,
    *,
    limit: int = 200,
    record_ids: Collection[str] | None = None,
    within: tuple[Sequence[str], np.ndarray] | None = None,
    expand: bool = True,
    calibrate: bool = True,
    restore: bool = True,
) -> list[SemanticHit]:
    """Records closest in meaning to the query, best first, one (best) passage each.

    Only embedded passages of published records take part. ``record_ids`` narrows the search
    to those records; ``within`` = (ids, mask) does the same for ``ids[mask]`` - a caller
    that filters with a boolean mask over its own list of records (the search page's filters)
    passes that list and mask, and the alignment of the list with the matrix is computed once
    per list, not per query. Never raises on odd query text: a query with no letters or
    digits finds nothing. ``expand``, ``calibrate`` and ``restore`` exist for the evaluation
    (bench/semantic_eval.py), which measures what each part gains.
    """
    return semantic_rank_start(
        query,
        limit=limit,
        record_ids=record_ids,
        within=within,
        expand=expand,
        calibrate=calibrate,
        restore=restore,
        background=False,
    ).hits()


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
    own = index.matrix[index.record_rows(position)].astype(np.float32)
    centre = own.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm == 0:
        return []
    passage_scores = index.scores(centre / norm)[0]
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

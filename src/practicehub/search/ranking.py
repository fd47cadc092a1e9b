"""Ranking: from query text to record positions, best first.

Several ranked lists are fused with reciprocal rank fusion (each list adds
``weight / (FUSION_K + rank)`` to a record's score):

- ``keyword``: the query as typed, every group required (AND); when that finds fewer than
  ``MIN_ALL_MATCHES`` records, followed by records matching any group (OR).
- ``bilingual``: the query with glossary alternatives (the other language's terms) for its
  words, any group may match.
- ``concepts``: records carrying a theme, programme or organisation the query names.
- ``semantic``: the semantic index (``practicehub.semantic``), when that app is installed.

A record whose title holds every query word, or whose text holds the whole query as a
phrase, gets ``EXACT_BONUS`` so fusion does not bury it. Last, the fused list is ranked within
the query's language and within all other languages, and the two alternate (``mix``), the side
holding the best record first, so the best record in another language is not pushed out by
weaker ones in the query's: on the
development set that took the keyword cross-language top-5 rate from 0.29 to 0.82 and its
nDCG@10 from 0.61 to 0.71.
The keyword lists are matched and scored (BM25, FTS5's formula and column weights) by the
in-memory index of the search table (keyword_index.py), the same on both databases.
All weights live in ``FUSION`` and the constants below, chosen on ``bench/queries/dev.json``
with ``bench/search_eval.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from django.apps import apps

from practicehub.search import bridge
from practicehub.search.facets import FacetTable
from practicehub.search.keyword_index import EXACT, TITLE, Leaf, nonzero
from practicehub.search.query import ParsedQuery, Term, Word, make_term, meaning_text
from practicehub.shortlist import shortlist

if TYPE_CHECKING:  # the semantic app is optional
    from practicehub.semantic.services import QueryVectors

MIN_ALL_MATCHES = 10
# Chosen on the development set (bench/search_eval.py): k=20 over 60 and 10, the semantic list
# above the keyword list (fused nDCG@10 0.717 against 0.698 with every weight 1 and k=60).
FUSION_K = 20
FUSION = {"keyword": 1.0, "bilingual": 1.0, "concepts": 0.5, "semantic": 1.5}
# Reaches the score of a record ranked first by the keyword list.
EXACT_BONUS = FUSION["keyword"] / (FUSION_K + 1)
# How many of the fused records are checked for a title or whole-phrase match.
EXACT_CHECK = 50
SEMANTIC_LIMIT = 100


@dataclass(frozen=True)
class RankingOptions:
    """Which parts take part; the evaluation switches them one by one."""

    keyword: bool = True
    glossary: bool = True
    concepts: bool = True
    balance: str = "none"  # "none", "interleave" or "calibrate"
    semantic: bool = True
    exact: bool = True
    # The fused list, ranked within the query's language and within the others, merged by
    # alternating ("interleave") or left as fused ("none").
    mix: str = "interleave"


DEFAULT = RankingOptions()


def descending(scores: np.ndarray) -> np.ndarray:
    """Indices of ``scores`` from the highest score to the lowest, equal scores in index order:
    the order ``np.argsort(-scores, kind="stable")`` gives, at a fraction of its cost.

    Numpy's stable sort of floats is slow. Here each score becomes an unsigned integer that
    sorts the way the scores do, highest first (the bits of a float64, flipped by sign); its
    lowest bits are replaced by the score's index, and the keys are sorted with numpy's
    vectorised sort of plain integers, which leaves the indices in order. Scores that differ
    only in those lowest bits (less than a ten-billionth of their size, at 100,000 scores)
    count as equal and keep their index order: 1.0 ms for 64,000 scores where ordering the
    distinct values first and sorting their ranks stably took 3.6."""
    count = len(scores)
    bits = np.uint64(max(1, (count - 1).bit_length()))
    # + 0.0 makes -0.0 a plain zero: the two are equal scores.
    raw = (np.asarray(scores, dtype=np.float64) + 0.0).view(np.uint64)
    sign = np.uint64(1 << 63)
    key = np.where(raw & sign, raw, ~raw & ~sign)
    key = (key >> bits) << bits | np.arange(count, dtype=np.uint64)
    return (np.sort(key) & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.intp)


def _sorted(positions: np.ndarray, scores: np.ndarray):
    order = descending(scores)
    return positions[order], scores[order]


def keyword_rank(
    table: FacetTable, query: ParsedQuery, memo: dict | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The query as typed: record positions and keyword scores, best first."""
    index = table.keywords
    positions, scores = _sorted(*index.match(query, "all", memo))
    if len(query.groups) > 1 and len(positions) < MIN_ALL_MATCHES:
        more, more_scores = index.match(query, "any", memo)
        fresh = ~np.isin(more, positions)
        more, more_scores = _sorted(more[fresh], more_scores[fresh])
        # Below every record that matched all groups.
        floor = (scores.min() if len(scores) else 0.0) - 1.0
        if len(more):
            more_scores = floor - (more_scores.max() - more_scores)
        positions = np.concatenate([positions, more])
        scores = np.concatenate([scores, more_scores])
    return positions, scores


def excluded_positions(table: FacetTable, query: ParsedQuery) -> np.ndarray:
    if not query.excluded:
        return np.zeros(0, dtype=np.int64)
    return table.keywords.holding(query.excluded)


def bilingual_query(query: ParsedQuery, expansions: list[bridge.Expansion], words) -> ParsedQuery:
    """Each typed word with the glossary terms of the phrases it is part of (analysed in the
    term's own language; single words of one group merged into one set of keys)."""
    expanded = ParsedQuery(excluded=query.excluded)
    covered: dict[str, list[bridge.Expansion]] = {}
    for e in expansions:
        for w in words[e.start : e.end]:
            covered.setdefault(w.text, []).append(e)
    for group in query.groups:
        alternatives: list[Term] = []
        single_keys: set[str] = set()
        for term in group:
            if term.is_phrase:
                alternatives.append(term)
                continue
            single_keys |= term.words[0].keys
            for e in covered.get(term.words[0].text, []):
                other = "lt" if e.matched_language == "en" else "en"
                for text, language in [(t, other) for t in e.other] + [
                    (t, e.matched_language) for t in e.same
                ]:
                    extra = make_term(text, weight=0.5, languages=(language,))
                    if extra is None:
                        continue
                    if extra.is_phrase:
                        if extra not in alternatives:
                            alternatives.append(extra)
                    else:
                        single_keys |= extra.words[0].keys
        if single_keys:
            merged = Word(text="", keys=frozenset(single_keys), exact="")
            alternatives.insert(0, Term(words=(merged,)))
        expanded.groups.append(alternatives)
    return expanded


def _within_languages(table: FacetTable, positions: np.ndarray, scores: np.ndarray, how: str):
    """Rank a list within each record language and merge: by rank (interleave) or by score
    divided by the language's best (calibrate)."""
    if how == "none" or not len(positions):
        return positions
    languages = table.language_of[positions]
    if how == "calibrate":
        best = np.zeros(languages.max() + 2)
        np.maximum.at(best, languages + 1, np.abs(scores))
        calibrated = scores / np.where(best[languages + 1] > 0, best[languages + 1], 1.0)
        return positions[np.argsort(-calibrated, kind="stable")]
    rank_in_language = np.zeros(len(positions), dtype=np.int64)
    for language in np.unique(languages):
        where = np.flatnonzero(languages == language)
        rank_in_language[where] = np.arange(len(where))
    return positions[np.lexsort((np.arange(len(positions)), rank_in_language))]


def semantic_version_sql(options: RankingOptions = DEFAULT) -> list[str]:
    """The semantic index's version as a scalar subquery, for the caller to read with its own
    markers and pass on as ``version`` (none without a semantic list)."""
    if not (options.semantic and apps.is_installed("practicehub.semantic")):
        return []
    from practicehub.semantic.services import index_version_sql

    return [index_version_sql()]


def semantic_vectors_start(
    text: str, options: RankingOptions = DEFAULT, version: int | None = None
) -> QueryVectors | None:
    """Start embedding the query for its semantic list (``rank``'s ``vectors``), so the model
    runs while the caller reads its tables; None without a semantic list. ``version``: the
    semantic index's version (``semantic_version_sql``), when read."""
    if not (options.semantic and apps.is_installed("practicehub.semantic")):
        return None
    from practicehub.semantic.services import query_vectors_start

    return query_vectors_start(meaning_text(text), version=version)


def _semantic_start(
    table: FacetTable,
    text: str,
    allowed: np.ndarray,
    filtered: bool,
    vectors: QueryVectors | None,
    version: int | None,
):
    """Start the semantic list in a worker thread; the keyword lists are built meanwhile."""
    from practicehub.semantic.services import semantic_rank_start

    within = (table.record_ids, allowed) if filtered else None
    return semantic_rank_start(
        text, limit=SEMANTIC_LIMIT, within=within, vectors=vectors, version=version
    )


def _semantic(table: FacetTable, pending, notes: dict) -> np.ndarray:
    hits = pending.hits(passages=False)
    notes["passages"] = pending.passages_of
    positions = [table.position.get(h.record_id) for h in hits]
    return np.array([p for p in positions if p is not None], dtype=np.int64)


def _exact_matches(
    table: FacetTable, candidates: np.ndarray, query: ParsedQuery, text: str, memo: dict
) -> np.ndarray:
    """Candidates whose title holds every query group, or whose text holds the whole query as
    typed (folded), found in the keyword index's title and exact-word postings."""
    if not len(candidates) or not query.groups:
        return np.zeros(0, dtype=np.int64)
    index = table.keywords
    hit = np.ones(table.size, dtype=bool)
    for group in query.groups:
        in_title = np.zeros(table.size, dtype=bool)
        for key in {k for t in group if not t.is_phrase for k in t.words[0].keys}:
            in_title[index.leaf(Leaf((key,), TITLE), memo)[0]] = True
        hit &= in_title
    phrase = make_term(text)
    if phrase is not None and phrase.is_phrase:
        hit[index.leaf(Leaf(tuple(w.exact for w in phrase.words), EXACT), memo)[0]] = True
    return candidates[hit[candidates]]


def rank(
    table: FacetTable,
    text: str,
    query: ParsedQuery,
    allowed: np.ndarray,
    *,
    filtered: bool = False,
    options: RankingOptions = DEFAULT,
    notes: dict | None = None,
    depth: int | None = None,
    hidden: np.ndarray | None = None,
    meanwhile: Callable[[np.ndarray], None] | None = None,
    ahead: Callable[[np.ndarray], None] | None = None,
    vectors: QueryVectors | None = None,
    semantic_version: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the allowed records that match, best first, with fused scores.

    ``notes`` receives what snippets need: the query with its glossary alternatives
    ("highlight") and a function giving the best semantic passage of records by id
    ("passages": only a page's records need one). With ``depth``
    only the first ``depth`` positions are in order (those a page shows), the rest follow in
    any order: ordering a hundred thousand matches costs more than the rest of a query.
    ``hidden`` positions (those a -word excludes) take part in fusion but are not returned.
    ``meanwhile`` is the caller's own work to do while the semantic list is computed in its
    worker thread: it is given a mask of the records returned so far (every list but the
    semantic one); the semantic list only adds records to them. It is not called when there
    is no semantic list to wait for. ``ahead`` is given, with ``depth``, the positions likely
    to head the order (best first, by the lists so far) when the query is still being embedded
    by then: the caller may read their records while the model and the scan finish. ``vectors``: the
    query's texts already being embedded (``semantic_vectors_start``); ``semantic_version``:
    the semantic index's version, when the caller has read it (``semantic_version_sql``)."""
    notes = notes if notes is not None else {}
    memo: dict = {}  # keyword index answers shared by the lists below
    fused = np.zeros(table.size)
    matched = np.zeros(table.size, dtype=bool)

    def add(name: str, positions: np.ndarray) -> None:
        positions = positions[allowed[positions]]
        if not len(positions):
            return
        fused[positions] += FUSION[name] / (FUSION_K + np.arange(1, len(positions) + 1))
        matched[positions] = True

    semantic = options.semantic and apps.is_installed("practicehub.semantic")
    # The model, the glossary and the concepts read the wanted words only: an excluded word
    # is not something the query is about.
    meaning = meaning_text(text)
    pending = (
        _semantic_start(table, meaning, allowed, filtered, vectors, semantic_version)
        if semantic
        else None
    )
    if options.keyword:
        add("keyword", keyword_rank(table, query, memo)[0])
    words = bridge.query_words(meaning)
    expansions = (
        bridge.glossary_expansions(words) if options.glossary or options.mix != "none" else []
    )
    if options.glossary and expansions:
        expanded = bilingual_query(query, expansions, words)
        notes["highlight"] = expanded
        positions, scores = _sorted(*table.keywords.match(expanded, "any", memo))
        add("bilingual", _within_languages(table, positions, scores, options.balance))
    if options.concepts:
        found = bridge.concepts(words, table.version)
        if found:
            counts = np.zeros(table.size)
            for facet, value in found:
                counts += table.columns[facet].mask((value,), table.size)
            positions = nonzero(counts)
            # Most concepts first; among equals, what the other lists already rank higher.
            positions = positions[descending(fused[positions])]
            # Concepts named are few: a stable sort of small integers (a radix sort).
            named = counts[positions].astype(np.int16)
            positions = positions[np.argsort(-named, kind="stable")]
            add("concepts", positions)
    language = bridge.query_language(meaning, words, expansions)
    # The records that can head the final order, when known to be fewer than all (None).
    leaders = None
    if pending is not None:
        so_far = matched.copy()
        if hidden is not None:
            so_far[hidden] = False
        if meanwhile is not None:
            meanwhile(so_far)
        if depth is not None:
            leaders = _leaders(table, matched, so_far, fused, depth, options.mix, language)
            if ahead is not None and pending.embedding():
                shown = leaders[so_far[leaders]]
                ahead(_head_first(table, shown, fused, depth, options.mix, language)[:depth])
        found = _semantic(table, pending, notes)
        add("semantic", found)
        if leaders is not None:
            # The semantic list only raises the scores of the records it holds.
            leaders = np.union1d(leaders, found[allowed[found]])
    if options.exact:
        checked = np.flatnonzero(matched) if leaders is None else leaders
        top = best_first(checked, fused, EXACT_CHECK)
        fused[_exact_matches(table, top, query, text, memo)] += EXACT_BONUS

    if hidden is not None:
        matched[hidden] = False
    positions = np.flatnonzero(matched)
    if depth is not None and options.mix in ("none", "interleave") and len(positions) > 2 * depth:
        if leaders is not None:
            leaders = leaders[matched[leaders]]
        positions = _head_first(table, positions, fused, depth, options.mix, language, leaders)
        return positions, fused[positions]
    positions = positions[descending(fused[positions])]
    if options.mix != "none" and len(positions):
        if options.mix == "interleave":
            positions = _interleave(table, positions, language)
        else:
            positions = _calibrate(table, positions, fused[positions])
    return positions, fused[positions]


def best_first(positions: np.ndarray, scores: np.ndarray, limit: int) -> np.ndarray:
    """The ``limit`` of the (ascending) positions with the highest scores, best first, ties
    in position order: what a stable sort of them all begins with, without sorting them all."""
    values = scores[positions]
    keep = shortlist(values, limit)
    positions, values = positions[keep], values[keep]
    return positions[np.argsort(-values, kind="stable")][:limit]


def _leaders(
    table: FacetTable,
    matched: np.ndarray,
    shown: np.ndarray,
    fused: np.ndarray,
    depth: int,
    mix: str,
    language: str | None,
) -> np.ndarray:
    """The records that lead the lists so far (ascending): the best ``EXACT_CHECK`` of those
    ``matched`` and each side's best ``depth`` of those ``shown``. Found while the semantic
    list is computed, they spare the ranking two passes over every match after it: a record
    outside them and outside the semantic list stays behind them, since lists only add to
    scores, so the final heads are taken from them and the records the semantic list holds."""
    heads = [best_first(np.flatnonzero(matched), fused, EXACT_CHECK)]
    positions = np.flatnonzero(shown)
    if mix == "none":
        heads.append(best_first(positions, fused, depth))
    else:
        other = _other_side(table, positions, language)
        heads += [best_first(positions[other == side], fused, depth) for side in (False, True)]
    return np.unique(np.concatenate(heads))


def _head_first(
    table: FacetTable,
    positions: np.ndarray,
    fused: np.ndarray,
    depth: int,
    mix: str,
    language: str | None,
    leaders: np.ndarray | None = None,
) -> np.ndarray:
    """The first ``depth`` positions of the full order, then the others unordered. Interleaving
    takes at most ``depth`` from each side into its first ``depth``, so each side's best
    ``depth`` decide them; they are among ``leaders`` (ascending) when those are given."""
    pool = positions if leaders is None else leaders
    if mix == "none":
        head = best_first(pool, fused, depth)
    else:
        other = _other_side(table, pool, language)
        sides = [best_first(pool[other == side], fused, depth) for side in (False, True)]
        head = np.sort(np.concatenate(sides))
        head = _interleave(table, head[np.argsort(-fused[head], kind="stable")], language)
        head = head[:depth]
    # ``positions`` are ascending and hold every head position.
    rest = np.ones(len(positions), dtype=bool)
    rest[np.searchsorted(positions, head)] = False
    return np.concatenate([head, positions[rest]])


def _calibrate(table: FacetTable, positions: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Merge by each record's fused score over the best score in its language."""
    of = table.language_of[positions] + 1
    best = np.zeros(of.max() + 1)
    np.maximum.at(best, of, scores)
    return positions[np.argsort(-(scores / best[of]), kind="stable")]


def _interleave(table: FacetTable, positions: np.ndarray, language: str | None) -> np.ndarray:
    """Alternate records in the query's language with records in any other language, each side
    in fused order (Lithuanian counts as the query's language when it is not known), the side
    holding the best fused record first: when the one record that answers is in the other
    language, the best of the weaker ones in the query's does not go before it (fused nDCG@10
    0.748 -> 0.756, MRR 0.841 -> 0.850 on the development set, against the query's language
    always first). A strong record in a third language (German, Polish, ...) competes on the
    other side like an English or Lithuanian one, rather than being given or denied a fixed
    place. ``positions`` come in fused order."""
    other = _other_side(table, positions, language)
    slot = np.zeros(len(positions))
    for side in (False, True):
        where = np.flatnonzero(other == side)
        slot[where] = np.arange(len(where))
    lead = other[0] if len(other) else False
    return positions[np.lexsort((other != lead, slot))]


def _other_side(table: FacetTable, positions: np.ndarray, language: str | None) -> np.ndarray:
    """True where a record is not in the query's language (Lithuanian when not known)."""
    first = language if language in ("lt", "en") else "lt"
    return table.language_of[positions] != _code(table.columns["language"].values, first)


def _code(codes: list[str], language: str) -> int:
    return codes.index(language) if language in codes else -2

"""The keyword index in the process's memory: the search entries' analysed streams as
positional postings in numpy arrays, matched and scored with BM25 the way SQLite's FTS5 does.

Why not ask the database: ranking needs every matching record with its score, up to three
times a query (all words, any word, the glossary-expanded query). For a common word at 100,000
records that is tens of thousands of rows through the database driver each time, and
PostgreSQL's ``ts_rank_cd`` reads every matching row's tsvector. Here a term's postings are one
slice of an array, and a query is a handful of vectorised operations, the same on both
databases. The database's own full-text index stays (and stays current): it is what the
``search/backends`` build queries for, and the tests check this index against it.

Layout: per field (title, names, body, exact), for each term the (record position, word
offset) pairs of its occurrences, sorted, in two flat arrays (CSR: ``starts[t]`` to
``starts[t+1]``). Term frequencies are run lengths over the positions; a phrase is a run of
offsets. Offsets are kept modulo 65,536 (two bytes each): in a record longer than that a phrase
may match words that are 65,536 apart, which is harmless. The index is made of segments: a large
one built from every entry, and a small one for entries added since, rebuilt on each change;
entries removed since are masked out (``alive``) until the next full build.
"""

from __future__ import annotations

import itertools
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from practicehub.search.backends import Mode, phrase_key_rows
from practicehub.search.backends.sqlite import WEIGHTS
from practicehub.search.query import ParsedQuery, Term

# The streams of a SearchEntry, in the order of FTS5's columns and of WEIGHTS.
FIELDS = ("title_stems", "names_stems", "body_stems", "exact")
STEMS = (0, 1, 2)
TITLE = (0,)
EXACT = (3,)
# FTS5's bm25 constants.
K1 = 1.2
B = 0.75
# Offsets are stored in two bytes.
_OFFSET_BITS = 16
# Words per part of a build (bounds the memory a build needs besides its result).
_PART_WORDS = 1 << 20


@dataclass(frozen=True)
class Postings:
    """One field of a segment: term -> sorted (position, offset) pairs."""

    starts: np.ndarray  # int64, len(vocabulary) + 1
    positions: np.ndarray  # int32 record positions
    offsets: np.ndarray  # uint16 word offsets within the field, modulo 65,536

    def of(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        if term + 1 >= len(self.starts):  # a term first seen in a later field
            return self.positions[:0], self.offsets[:0]
        a, b = self.starts[term], self.starts[term + 1]
        return self.positions[a:b], self.offsets[a:b]


@dataclass(frozen=True)
class Segment:
    vocabulary: dict[str, int]
    fields: tuple[Postings, ...]

    @property
    def nbytes(self) -> int:
        return sum(p.starts.nbytes + p.positions.nbytes + p.offsets.nbytes for p in self.fields)


class _FieldTokens:
    """One field's term ids in record order, gathered in a list (fast to extend) and moved to
    an int32 array, a part, at the first record end after every million words."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, int]] = []  # (term ids, records in the part)
        self.pending: list[int] = []
        self.pending_records = 0
        self.positions = array("i")
        self.counts = array("i")

    def add(self, position: int, text: str, lookup) -> int:
        before = len(self.pending)
        self.pending.extend(map(lookup, text.split()))
        count = len(self.pending) - before
        if count:
            self.positions.append(position)
            self.counts.append(count)
            self.pending_records += 1
            if len(self.pending) >= _PART_WORDS:
                self._close_part()
        return count

    def _close_part(self) -> None:
        self.parts.append((np.array(self.pending, dtype=np.int32), self.pending_records))
        self.pending, self.pending_records = [], 0

    def postings(self, size: int) -> Postings:
        """CSR postings; the parts are freed as they are placed."""
        self._close_part()
        per_doc = np.array(self.counts, dtype=np.int64)
        docs = np.array(self.positions, dtype=np.int32)
        totals = np.zeros(size, dtype=np.int64)
        for terms, _ in self.parts:
            totals += np.bincount(terms, minlength=size)
        starts = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(totals, out=starts[1:])
        out_positions = np.empty(starts[-1], dtype=np.int32)
        out_offsets = np.empty(starts[-1], dtype=np.uint16)
        filled = starts[:-1].copy()
        first = 0
        # Each part's words stably sorted by term and placed after the term's earlier ones, so
        # a term's occurrences are in record order and, within a record, in word order.
        while self.parts:
            terms, records = self.parts.pop(0)
            counts = per_doc[first : first + records]
            part_docs = np.repeat(docs[first : first + records], counts)
            record_starts = np.cumsum(counts) - counts
            offsets = np.arange(len(terms), dtype=np.int64) - np.repeat(record_starts, counts)
            first += records
            order = np.argsort(terms, kind="stable")
            sorted_terms = terms[order]
            in_part = np.bincount(sorted_terms, minlength=size)
            part_starts = np.zeros(size, dtype=np.int64)
            np.cumsum(in_part[:-1], out=part_starts[1:])
            rank = np.arange(len(order), dtype=np.int64) - part_starts[sorted_terms]
            target = filled[sorted_terms] + rank
            out_positions[target] = part_docs[order]
            out_offsets[target] = offsets[order].astype(np.uint16, casting="unsafe")
            filled += in_part
        return Postings(starts=starts, positions=out_positions, offsets=out_offsets)


def build_segment(
    rows: Iterable[tuple[int, Sequence[str]]], size: int
) -> tuple[Segment, np.ndarray]:
    """A segment from (position, the four streams) rows in increasing position order (read
    as a stream: a large build holds term ids, not text), and the word count per position
    (an array of ``size``)."""
    vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    lookup = vocabulary.__getitem__
    lengths = np.zeros(size, dtype=np.int64)
    tokens = [_FieldTokens() for _ in FIELDS]
    for position, streams in rows:
        lengths[position] = sum(
            field.add(position, text, lookup) for field, text in zip(tokens, streams, strict=True)
        )
    fields = tuple(field.postings(len(vocabulary)) for field in tokens)
    return Segment(vocabulary=dict(vocabulary), fields=fields), lengths


@dataclass(frozen=True)
class Leaf:
    """What FTS5 calls a phrase: a sequence of keys looked for in some fields. Each leaf of a
    query adds its own BM25 term to a record's score, as in FTS5."""

    keys: tuple[str, ...]
    fields: tuple[int, ...]


def nonzero(values: np.ndarray) -> np.ndarray:
    """The indices of the non-zero values. ``np.flatnonzero`` walks a float or integer array
    value by value (0.5 ms over 100,000 floats) and a boolean one with SIMD (0.05 ms)."""
    return np.flatnonzero(values != 0)


def term_leaves(term: Term) -> list[Leaf]:
    """The leaves of one query term, in the order the database backends compile them."""
    if not term.is_phrase:
        word = term.words[0]
        leaves = [Leaf((k,), STEMS) for k in sorted(word.keys)]
        if word.exact:  # a merged set of expansion keys has no typed form
            leaves.append(Leaf((word.exact,), EXACT))
        return leaves
    leaves = [Leaf(row, STEMS) for row in phrase_key_rows(term)]
    leaves.append(Leaf(tuple(w.exact for w in term.words), EXACT))
    return leaves


class KeywordIndex:
    """Segments, which positions are alive, and each position's word count; immutable (a
    change makes a new index sharing the unchanged segments)."""

    def __init__(self, segments: Sequence[Segment], alive: np.ndarray, lengths: np.ndarray):
        self.segments = tuple(segments)
        self.alive = alive
        self.lengths = lengths
        self.count = int(alive.sum())
        self._all_alive = self.count == len(alive)
        live_words = float(lengths[alive].sum())
        self.average_length = live_words / self.count if self.count else 1.0
        # Per position: the part of BM25's denominator that depends on the record's length.
        self._norm = K1 * (1 - B + B * lengths / (self.average_length or 1.0))

    @property
    def nbytes(self) -> int:
        return sum(s.nbytes for s in self.segments) + self.lengths.nbytes + self._norm.nbytes

    def _occurrences(self, key: str, field: int) -> tuple[np.ndarray, np.ndarray]:
        parts = []
        for segment in self.segments:
            term = segment.vocabulary.get(key)
            if term is not None:
                parts.append(segment.fields[field].of(term))
        if not parts:
            return np.zeros(0, np.int32), np.zeros(0, np.uint16)
        if len(parts) == 1:
            return parts[0]
        # Later segments hold later positions: concatenating keeps record order.
        return np.concatenate([p for p, _ in parts]), np.concatenate([o for _, o in parts])

    def _phrase_hits(self, keys: tuple[str, ...], field: int) -> np.ndarray:
        """Record positions, sorted, one per occurrence of the key sequence in the field."""
        found = [self._occurrences(k, field) for k in keys]
        if any(not len(p) for p, _ in found):
            return np.zeros(0, np.int32)
        if len(keys) == 1:
            return found[0][0]
        # (position, offset - i) of the i-th key: equal for all keys where the phrase occurs.
        runs = [
            (p.astype(np.int64) << _OFFSET_BITS) + o.astype(np.int64) - i
            for i, (p, o) in enumerate(found)
        ]
        order = sorted(range(len(runs)), key=lambda i: len(runs[i]))
        hits = runs[order[0]]
        for i in order[1:]:
            other = runs[i]
            at = np.searchsorted(other, hits)
            inside = at < len(other)
            hits = hits[inside][other[at[inside]] == hits[inside]]
            if not len(hits):
                break
        return np.sort(hits) >> _OFFSET_BITS

    def leaf(self, leaf: Leaf, memo: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Live record positions holding the leaf, and its BM25 contribution to each.
        ``memo`` keeps the answers for one query (its lists share most leaves)."""
        if memo is not None and leaf in memo:
            return memo[leaf]
        docs, freq = self._frequencies(leaf)
        if not self._all_alive:
            live = self.alive[docs]
            docs, freq = docs[live], freq[live]
        found = len(docs)
        idf = math.log((self.count - found + 0.5) / (found + 0.5)) if found else 0.0
        idf = idf if idf > 0 else 1e-6
        result = (docs, idf * freq * (K1 + 1) / (freq + self._norm[docs]))
        if memo is not None:
            memo[leaf] = result
        return result

    def _frequencies(self, leaf: Leaf) -> tuple[np.ndarray, np.ndarray]:
        """The records (ascending) holding the leaf, and its frequency in each, weighted by
        field and summed over the leaf's fields.

        Where the leaf occurs in more than 1/16 of the positions over several fields (a common
        word), its occurrences are counted in one pass into a table of every position;
        otherwise each field's frequencies are run lengths, merged. The two give the same
        sums: the fields that go together are the stem fields, whose weights are whole."""
        size = len(self.alive)
        hits = [(self._phrase_hits(leaf.keys, field), WEIGHTS[field]) for field in leaf.fields]
        if len(hits) > 1 and sum(len(h) for h, _ in hits) > size // 16:
            weights = np.repeat([w for _, w in hits], [len(h) for h, _ in hits])
            dense = np.bincount(np.concatenate([h for h, _ in hits]), weights, minlength=size)
            docs = nonzero(dense)
            return docs, dense[docs]
        per_field = []
        for field_hits, weight in hits:
            if len(field_hits):
                # Occurrences are sorted by position: frequencies are run lengths.
                first = np.empty(len(field_hits), dtype=bool)
                first[0] = True
                np.not_equal(field_hits[1:], field_hits[:-1], out=first[1:])
                starts = np.flatnonzero(first)
                counts = np.diff(starts, append=len(field_hits))
                per_field.append((field_hits[starts], weight * counts))
        if not per_field:
            return np.zeros(0, np.int64), np.zeros(0)
        if len(per_field) == 1:
            return per_field[0]
        docs, inverse = np.unique(np.concatenate([d for d, _ in per_field]), return_inverse=True)
        return docs, np.bincount(inverse, weights=np.concatenate([f for _, f in per_field]))

    def _term_mask(self, term: Term, scores: np.ndarray | None, memo: dict | None) -> np.ndarray:
        mask = np.zeros(len(self.alive), dtype=bool)
        for leaf in term_leaves(term):
            docs, contribution = self.leaf(leaf, memo)
            mask[docs] = True
            if scores is not None:
                scores[docs] += contribution
        return mask

    def match(
        self, query: ParsedQuery, mode: Mode = "all", memo: dict | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the live records matching the query (every group, or any), with BM25
        scores summed over all the query's leaves, higher better; unordered."""
        if not query.groups:
            return np.zeros(0, np.int64), np.zeros(0)
        scores = np.zeros(len(self.alive))
        matched = None
        for group in query.groups:
            in_group = np.zeros(len(self.alive), dtype=bool)
            for term in group:
                in_group |= self._term_mask(term, scores, memo)
            if matched is None:
                matched = in_group
            elif mode == "all":
                matched &= in_group
            else:
                matched |= in_group
        for term in query.excluded:
            matched &= ~self._term_mask(term, None, memo)
        positions = np.flatnonzero(matched)
        return positions, scores[positions]

    def holding(self, terms: Sequence[Term], memo: dict | None = None) -> np.ndarray:
        """Positions of the live records holding any of the terms."""
        mask = np.zeros(len(self.alive), dtype=bool)
        for term in terms:
            mask |= self._term_mask(term, None, memo)
        return np.flatnonzero(mask)

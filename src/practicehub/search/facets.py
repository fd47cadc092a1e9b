"""The search table: the indexed records' facet values and keyword index, in memory.

Counting seven facets with GROUP BY queries over a large result costs a query each; here every
facet is a pair of integer arrays (record position, value id), so a filter is one ``np.isin``
and the counts over any matched set are one ``np.bincount``. Keyword matching and scoring use
the in-memory index of keyword_index.py, built from the same rows.

One position per search entry: a record that is re-indexed gets a new entry and so a new
position, and its old position is marked dead. The table is loaded lazily and brought up to
date whenever ``SearchState.version`` or the newest entry id moves (any process that changes the
index bumps the version): the entries added and removed since are read and applied, and only a
large change (or many dead positions) loads everything again. Entries are told apart by id and
a random stamp, as SQLite can give a rolled-back entry's id to a later one.
"""

from __future__ import annotations

import bisect
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from practicehub.catalogue.models import Funding, Participation, Record
from practicehub.memory import release_free_memory
from practicehub.search import keyword_index
from practicehub.search.models import SearchEntry, SearchState

FACETS = ("kind", "language", "theme", "programme", "organisation", "year", "target_group")
# A period longer than this is not spread over every year it names (likely a mistake).
MAX_PERIOD_YEARS = 30
# Changes applied in place up to this many entries (or this share of the table) since the last
# full load; beyond, and when this share of positions is dead, everything is loaded again.
MAX_RECENT = 5000
MAX_RECENT_SHARE = 0.1
MAX_DEAD_SHARE = 0.2
_IN_BATCH = 500
# A facet with at most this many values counts with a bit set per value (``Column.counts``).
BIT_VALUES = 64


@dataclass
class Column:
    """One facet: value names (sorted) and the (record position, value id) pairs."""

    values: list[str]
    rec: np.ndarray
    val: np.ndarray
    # The pairs sorted by position (positions, value ids), made on first use (by_position).
    _by_position: tuple[np.ndarray, np.ndarray] | None = field(
        default=None, repr=False, compare=False
    )
    # Per value, its records as a bit set over that many positions, made on first use by counts.
    _bits: tuple[int, np.ndarray] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, pairs: _Pairs) -> Column:
        """A column from gathered pairs, each (position, value) once."""
        values = sorted(set(pairs.vals))
        index = {v: i for i, v in enumerate(values)}
        rec = np.frombuffer(pairs.rec, dtype=np.int32) if pairs.rec else np.zeros(0, np.int32)
        val = np.fromiter((index[v] for v in pairs.vals), dtype=np.int32, count=len(pairs.vals))
        key = rec.astype(np.int64) * max(1, len(values)) + val
        _, first = np.unique(key, return_index=True)
        first.sort()
        return cls(values=values, rec=rec[first].copy(), val=val[first])

    def changed(self, alive: np.ndarray, added: _Pairs) -> Column:
        """This column without the dead positions' pairs and with the ``added`` ones."""
        fresh = Column.build(added)
        values = sorted(set(self.values).union(fresh.values))
        index = {v: i for i, v in enumerate(values)}
        old_ids = np.array([index[v] for v in self.values], dtype=np.int32)
        new_ids = np.array([index[v] for v in fresh.values], dtype=np.int32)
        keep = alive[self.rec]
        return Column(
            values=values,
            rec=np.concatenate([self.rec[keep], fresh.rec]),
            val=np.concatenate([old_ids[self.val[keep]], new_ids[fresh.val]]),
        )

    def index_of(self, value: str) -> int | None:
        """The value's id (values are sorted: found by bisection), None when absent."""
        i = bisect.bisect_left(self.values, value)
        return i if i < len(self.values) and self.values[i] == value else None

    def mask(self, wanted: tuple[str, ...], size: int) -> np.ndarray:
        ids = [i for i in map(self.index_of, wanted) if i is not None]
        out = np.zeros(size, dtype=bool)
        if ids:
            out[self.rec[np.isin(self.val, ids)]] = True
        return out

    def counts(self, matched: np.ndarray) -> np.ndarray:
        """Matched records per value.

        A facet with few values (kind, language, theme, programme, year) keeps each value's
        records as a bit set: the counts are the bits each set shares with the matched
        records', 64 records a step (the year facet at 100,000 records: 0.06 ms against 1.0
        for a pass over its 250,000 pairs). Others count each pair under ``2 * value +
        matched``: one pass over the pairs, without picking out the matched ones (a branchy,
        slow step)."""
        if len(self.values) <= BIT_VALUES:
            shared = self._bit_sets(len(matched)) & _bit_set(matched)
            return np.bitwise_count(shared).sum(axis=1, dtype=np.int64)
        paired = np.bincount(self.val * 2 + matched[self.rec], minlength=2 * len(self.values))
        return paired[1::2]

    def _bit_sets(self, size: int) -> np.ndarray:
        """(values, words) uint64: bit p of value v's row is set where record p has it."""
        if self._bits is None or self._bits[0] != size:
            rows = np.zeros((len(self.values), size), dtype=bool)
            rows[self.val, self.rec] = True
            self._bits = (size, _bit_set(rows))
        return self._bits[1]

    def counts_of(self, positions: np.ndarray) -> np.ndarray:
        """Records per value among a few (unique) positions, such as the records the semantic
        list adds to a search's keyword matches: their pairs are looked up by position, so the
        cost follows the positions given, not the size of the table."""
        rec, val = self.by_position()
        first = np.searchsorted(rec, positions, side="left")
        last = np.searchsorted(rec, positions, side="right")
        runs = last - first
        # The k-th pair of a run sits at the run's first index + k.
        shift = np.repeat(first - (np.cumsum(runs) - runs), runs)
        return np.bincount(val[np.arange(len(shift)) + shift], minlength=len(self.values))

    def values_at(self, positions: list[int]) -> list[list[str]]:
        """The values of each of a few positions (a page's records), as its pairs hold them."""
        rec, val = self.by_position()
        first = np.searchsorted(rec, positions, side="left").tolist()
        last = np.searchsorted(rec, positions, side="right").tolist()
        return [
            [self.values[v] for v in val[a:b].tolist()] for a, b in zip(first, last, strict=True)
        ]

    def by_position(self) -> tuple[np.ndarray, np.ndarray]:
        """The pairs sorted by position: (positions, value ids), made on first use."""
        if self._by_position is None:
            if np.all(self.rec[1:] >= self.rec[:-1]):  # gathered in position order
                self._by_position = (self.rec, self.val)
            else:
                order = np.argsort(self.rec, kind="stable")
                self._by_position = (self.rec[order], self.val[order])
        return self._by_position


def _bit_set(flags: np.ndarray) -> np.ndarray:
    """Boolean rows packed into 64-bit words (the last one padded with zeros)."""
    packed = np.packbits(flags, axis=-1)
    padding = -packed.shape[-1] % 8
    if padding:
        packed = np.pad(packed, [(0, 0)] * (packed.ndim - 1) + [(0, padding)])
    return packed.view(np.uint64)


@dataclass
class FacetTable:
    marker: tuple[str, int]  # the index version and newest entry id it reflects
    record_ids: list[str]  # per position (a dead position keeps its record's id)
    position: dict[str, int]  # record id -> its live position
    alive: np.ndarray
    entries: dict[tuple[int, int], int]  # (entry id, stamp) -> position
    columns: dict[str, Column]
    # Sort keys per position: period start ("2019-03" -> 201903, 0 when unknown), creation
    # time (microseconds), title folded for sorting.
    start: np.ndarray
    created: np.ndarray
    titles: list[str]
    # Language value id (of the "language" column) per position, -1 when unknown.
    language_of: np.ndarray
    keywords: keyword_index.KeywordIndex
    # The large segment's word counts, and the rows of the small one (entries since).
    base_lengths: np.ndarray
    recent: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    # Sort name -> every position in that order, made on first use (sort_order).
    sort_orders: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.marker[0]

    @property
    def size(self) -> int:
        return len(self.record_ids)

    def sort_order(self, sort: str) -> np.ndarray:
        """Every position in the order of a sort other than relevance ("newest", "oldest",
        "title"), made once per table: a search keeps the ones it matched, in this order."""
        orders = self.sort_orders
        if sort not in orders:
            if sort == "title":
                order = np.argsort(np.array(self.titles, dtype=object), kind="stable")
            elif sort == "oldest":  # earliest period start first, undated records last
                order = np.lexsort((self.created, self.start, self.start == 0))
            elif sort == "newest":  # latest period start, then the most recently added
                order = np.lexsort((-self.created, -self.start))
            else:
                raise ValueError(f"unknown sort: {sort}")
            orders[sort] = order
        return orders[sort]


def _years(start: str, end: str) -> list[str]:
    first = int(start[:4]) if start[:4].isdigit() else None
    last = int(end[:4]) if end[:4].isdigit() else None
    if first is None and last is None:
        return []
    first = first or last
    last = last or first
    if last < first or last - first > MAX_PERIOD_YEARS:
        return [str(first)]
    return [str(y) for y in range(first, last + 1)]


def _start_key(start: str) -> int:
    digits = "".join(c for c in start if c.isdigit())[:8]
    return int(digits.ljust(8, "0")) if digits else 0


def marker_sql(extra: Sequence[str] = ()) -> str:
    """The index version and the newest entry id in one query: every search asks. ``extra``
    scalar subqueries are read in the same query (another index's version)."""
    quote = connection.ops.quote_name
    state, entry = SearchState._meta.db_table, SearchEntry._meta.db_table
    return (
        f"SELECT (SELECT {quote('version')} FROM {quote(state)} WHERE {quote('id')} = 1),"
        f" (SELECT MAX({quote('id')}) FROM {quote(entry)})"
    ) + "".join(f", {sql}" for sql in extra)


def markers(extra: Sequence[str] = ()) -> tuple[tuple[str, int], tuple]:
    """The table's marker (for ``table``) and the values of the ``extra`` subqueries."""
    with connection.cursor() as cursor:
        cursor.execute(marker_sql(extra))
        version, top, *values = cursor.fetchone()
    return (version or "", top or 0), tuple(values)


def _marker() -> tuple[str, int]:
    return markers()[0]


def _batches(ids: list[str] | None) -> Iterable[list[str] | None]:
    if ids is None:
        yield None
        return
    for first in range(0, len(ids), _IN_BATCH):
        yield ids[first : first + _IN_BATCH]


class _Pairs:
    """(position, value) pairs of one facet as they are gathered: positions in an int array,
    values in a list sharing one string object per distinct value."""

    def __init__(self) -> None:
        self.rec = array("i")
        self.vals: list[str] = []

    def add(self, position: int, value: str, shared: dict[str, str]) -> None:
        self.rec.append(position)
        self.vals.append(shared.setdefault(value, value))


@dataclass
class _Facts:
    """What the facet columns and sort keys need of some records: per record id (kind,
    language, period start key, years, target groups, folded title, creation time), and the
    (record id, value) links of the facets kept in other tables."""

    rows: dict[str, tuple] = field(default_factory=dict)
    links: dict[str, list[tuple[str, str]]] = field(
        default_factory=lambda: {"theme": [], "programme": [], "organisation": []}
    )


def _facts(record_ids: list[str] | None) -> _Facts:
    """Facet values of the published records (all, or those of ``record_ids``)."""
    facts = _Facts()
    shared: dict[str, str] = {}
    for ids in _batches(record_ids):
        published = Record.objects.filter(status=Record.Status.PUBLISHED)
        if ids is not None:
            published = published.filter(id__in=ids)
        fields = ("id", "kind", "language", "period_start", "period_end", "target_groups")
        for rid, kind, language, start, end, groups, title, created in published.values_list(
            *fields, "title", "created_at"
        ).iterator(5000):
            facts.rows[rid] = (
                shared.setdefault(kind, kind),
                shared.setdefault(language, language),
                _start_key(start or end or ""),
                _years(start or "", end or ""),
                [str(g) for g in dict.fromkeys(groups or []) if g],
                title.casefold(),
                int(created.timestamp() * 1_000_000),
            )
        through = Record.themes.through.objects.filter(record__in=published)
        links = {
            "theme": through.values_list("record_id", "theme_id"),
            "programme": Funding.objects.filter(
                record__in=published, programme__isnull=False
            ).values_list("record_id", "programme_id"),
            "organisation": Participation.objects.filter(record__in=published).values_list(
                "record_id", "organisation_id"
            ),
        }
        for facet, query in links.items():
            facts.links[facet] += [
                (rid, shared.setdefault(v, v)) for rid, v in query.iterator(5000)
            ]
    return facts


@dataclass
class _Added:
    """Positions appended for new entries: their records, facet pairs and sort keys."""

    record_ids: list[str] = field(default_factory=list)
    entries: dict[tuple[int, int], int] = field(default_factory=dict)
    pairs: dict[str, _Pairs] = field(default_factory=lambda: {name: _Pairs() for name in FACETS})
    start: list[int] = field(default_factory=list)
    created: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def _append(added: _Added, facts: _Facts, entries: list[tuple[int, int, str]], first: int):
    """Give each entry whose record is published the next position (from ``first``)."""
    shared: dict[str, str] = {}
    position_of: dict[str, int] = {}
    pairs = added.pairs
    for entry_id, stamp, record_id in entries:
        row = facts.rows.get(record_id)
        if row is None:
            continue
        kind, language, start, years, groups, title, created = row
        position = first + len(added.record_ids)
        position_of[record_id] = position
        added.record_ids.append(record_id)
        added.entries[(entry_id, stamp or 0)] = position
        pairs["kind"].add(position, kind, shared)
        if language:
            pairs["language"].add(position, language, shared)
        for year in years:
            pairs["year"].add(position, year, shared)
        for group in groups:
            pairs["target_group"].add(position, group, shared)
        added.start.append(start)
        added.created.append(created)
        added.titles.append(title)
    for facet, links in facts.links.items():
        for record_id, value in links:
            position = position_of.get(record_id)
            if position is not None:
                pairs[facet].add(position, value, shared)


def _language_of(column: Column, size: int) -> np.ndarray:
    out = np.full(size, -1, dtype=np.int64)
    out[column.rec] = column.val
    return out


def load() -> FacetTable:
    """Everything, from the database."""
    marker = _marker()
    entries = list(SearchEntry.objects.order_by("id").values_list("id", "stamp", "record_id"))
    facts = _facts(None)
    added = _Added()
    _append(added, facts, entries, 0)
    del facts, entries  # the facet columns first, so their makings are freed before the index
    size = len(added.record_ids)
    columns = {name: Column.build(added.pairs[name]) for name in FACETS}
    added.pairs.clear()
    by_entry = {entry_id: p for (entry_id, _), p in added.entries.items()}

    def rows() -> Iterator[tuple[int, tuple[str, ...]]]:
        # Entry order is position order; entries added meanwhile have no position yet.
        streams = SearchEntry.objects.order_by("id").values_list("id", *keyword_index.FIELDS)
        for entry_id, *texts in streams.iterator(2000):
            position = by_entry.get(entry_id)
            if position is not None:
                yield position, tuple(texts)

    segment, lengths = keyword_index.build_segment(rows(), size)
    alive = np.ones(size, dtype=bool)
    release_free_memory()  # the rows and texts read to build it
    return FacetTable(
        marker=marker,
        record_ids=added.record_ids,
        position={rid: p for p, rid in enumerate(added.record_ids)},
        alive=alive,
        entries=added.entries,
        columns=columns,
        start=np.array(added.start, dtype=np.int64),
        created=np.array(added.created, dtype=np.int64),
        titles=added.titles,
        language_of=_language_of(columns["language"], size),
        keywords=keyword_index.KeywordIndex([segment], alive, lengths),
        base_lengths=lengths,
    )


def _updated(old: FacetTable, marker: tuple[str, int]) -> FacetTable | None:
    """The table with the entries added and removed since applied, or None when the change is
    too large for that (then everything is loaded again)."""
    current = {(i, s or 0): None for i, s in SearchEntry.objects.values_list("id", "stamp")}
    removed = [key for key in old.entries if key not in current]
    fresh = [key for key in current if key not in old.entries]
    limit = min(MAX_RECENT, max(100, int(MAX_RECENT_SHARE * old.size)))
    if len(old.recent) + len(fresh) > limit:
        return None
    alive = old.alive.copy()
    alive[[old.entries[key] for key in removed]] = False
    if (old.size - int(alive.sum()) + len(fresh)) > MAX_DEAD_SHARE * max(old.size, 1000):
        return None
    rows = list(
        SearchEntry.objects.filter(id__in=[i for i, _ in fresh]).values_list(
            "id", "stamp", "record_id", *keyword_index.FIELDS
        )
    )
    facts = _facts([r[2] for r in rows])
    added = _Added()
    _append(added, facts, [r[:3] for r in rows], old.size)
    size = old.size + len(added.record_ids)
    alive = np.concatenate([alive, np.ones(len(added.record_ids), dtype=bool)])
    streams = {(r[0], r[1] or 0): tuple(r[3:]) for r in rows}
    recent = [(p, s) for p, s in old.recent if alive[p]]
    recent += [(p, streams[key]) for key, p in added.entries.items()]
    entries = {key: p for key, p in old.entries.items() if alive[p]}
    entries.update(added.entries)
    record_ids = old.record_ids + added.record_ids
    position = {rid: p for rid, p in old.position.items() if alive[p]}
    position.update({rid: old.size + i for i, rid in enumerate(added.record_ids)})
    columns = {name: old.columns[name].changed(alive, added.pairs[name]) for name in FACETS}
    lengths = np.zeros(size, dtype=np.int64)
    lengths[: len(old.base_lengths)] = old.base_lengths
    segments = [old.keywords.segments[0]]
    if recent:
        small, small_lengths = keyword_index.build_segment(recent, size)
        segments.append(small)
        lengths += small_lengths
    return FacetTable(
        marker=marker,
        record_ids=record_ids,
        position=position,
        alive=alive,
        entries=entries,
        columns=columns,
        start=np.concatenate([old.start, np.array(added.start, dtype=np.int64)]),
        created=np.concatenate([old.created, np.array(added.created, dtype=np.int64)]),
        titles=old.titles + added.titles,
        language_of=_language_of(columns["language"], size),
        keywords=keyword_index.KeywordIndex(segments, alive, lengths),
        base_lengths=old.base_lengths,
        recent=recent,
    )


_lock = threading.Lock()
_table: FacetTable | None = None


def table(marker: tuple[str, int] | None = None) -> FacetTable:
    """The current table, brought up to date when the index changed since it was loaded;
    ``marker``: the current one, when the caller has read it (``markers``)."""
    global _table
    marker = marker or _marker()
    with _lock:
        if _table is None:
            _table = load()
        elif _table.marker != marker:
            _table = _updated(_table, marker) or load()
        return _table


def invalidate() -> None:
    global _table
    with _lock:
        _table = None

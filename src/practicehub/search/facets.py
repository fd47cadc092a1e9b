"""An in-memory table of the published records' facet values, for filtering and counting.

Counting seven facets with GROUP BY queries over a large result costs a query each; here every
facet is a pair of integer arrays (record position, value id), so a filter is one ``np.isin``
and the counts over any matched set are one ``np.bincount``. The table is loaded lazily and
reloaded when ``SearchState.version`` moves (any process that changes the index bumps it).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from practicehub.catalogue.models import Funding, Participation, Record
from practicehub.search.indexing import index_version
from practicehub.search.models import SearchEntry

FACETS = ("kind", "language", "theme", "programme", "organisation", "year", "target_group")
# A period longer than this is not spread over every year it names (likely a mistake).
MAX_PERIOD_YEARS = 30


@dataclass
class Column:
    """One facet: value names and the (record position, value id) pairs."""

    values: list[str]
    rec: np.ndarray
    val: np.ndarray

    @classmethod
    def build(cls, pairs: list[tuple[int, str]]) -> Column:
        values = sorted({v for _, v in pairs})
        index = {v: i for i, v in enumerate(values)}
        rec = np.fromiter((p for p, _ in pairs), dtype=np.int32, count=len(pairs))
        val = np.fromiter((index[v] for _, v in pairs), dtype=np.int32, count=len(pairs))
        return cls(values=values, rec=rec, val=val)

    def mask(self, wanted: tuple[str, ...], size: int) -> np.ndarray:
        ids = [i for i, v in enumerate(self.values) if v in set(wanted)]
        out = np.zeros(size, dtype=bool)
        if ids:
            out[self.rec[np.isin(self.val, ids)]] = True
        return out

    def counts(self, matched: np.ndarray) -> np.ndarray:
        return np.bincount(self.val[matched[self.rec]], minlength=len(self.values))


@dataclass
class FacetTable:
    version: str
    record_ids: list[str]
    position: dict[str, int]
    entry_position: np.ndarray  # entry id -> record position, -1 where none
    columns: dict[str, Column]
    # Sort keys per position: period start ("2019-03" -> 201903, 0 when unknown), created
    # order, title order.
    start: np.ndarray
    created: np.ndarray
    title_order: np.ndarray
    # Language value id (of the "language" column) per position, -1 when unknown.
    language_of: np.ndarray

    @property
    def size(self) -> int:
        return len(self.record_ids)

    def positions_of_entries(self, entry_ids: np.ndarray) -> np.ndarray:
        inside = entry_ids < len(self.entry_position)
        out = np.full(len(entry_ids), -1, dtype=np.int64)
        out[inside] = self.entry_position[entry_ids[inside]]
        return out


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


def load() -> FacetTable:
    version = index_version()
    rows = list(
        Record.objects.filter(status=Record.Status.PUBLISHED)
        .order_by("created_at", "id")
        .values_list(
            "id", "kind", "language", "period_start", "period_end", "target_groups", "title"
        )
    )
    record_ids = [r[0] for r in rows]
    position = {rid: i for i, rid in enumerate(record_ids)}
    pairs: dict[str, list[tuple[int, str]]] = {name: [] for name in FACETS}
    starts = np.zeros(len(rows), dtype=np.int64)
    for i, (_, kind, language, start, end, groups, _title) in enumerate(rows):
        pairs["kind"].append((i, kind))
        if language:
            pairs["language"].append((i, language))
        pairs["year"] += [(i, y) for y in _years(start or "", end or "")]
        pairs["target_group"] += [(i, str(g)) for g in dict.fromkeys(groups or []) if g]
        starts[i] = _start_key(start or end or "")
    published = Record.objects.filter(status=Record.Status.PUBLISHED)
    through = Record.themes.through.objects.filter(record__in=published)
    for rid, theme in through.values_list("record_id", "theme_id").iterator(chunk_size=5000):
        pairs["theme"].append((position[rid], theme))
    fundings = Funding.objects.filter(record__in=published, programme__isnull=False)
    seen: set[tuple[int, str]] = set()
    for rid, programme in fundings.values_list("record_id", "programme_id").iterator(5000):
        seen.add((position[rid], programme))
    pairs["programme"] = sorted(seen)
    seen = set()
    parts = Participation.objects.filter(record__in=published)
    for rid, org in parts.values_list("record_id", "organisation_id").iterator(chunk_size=5000):
        seen.add((position[rid], org))
    pairs["organisation"] = sorted(seen)

    entries = list(SearchEntry.objects.values_list("id", "record_id"))
    top = max((e for e, _ in entries), default=0)
    entry_position = np.full(top + 1, -1, dtype=np.int64)
    for entry_id, rid in entries:
        entry_position[entry_id] = position.get(rid, -1)
    titles = [r[6].casefold() for r in rows]
    title_order = np.empty(len(rows), dtype=np.int64)
    title_order[np.argsort(np.array(titles, dtype=object), kind="stable")] = np.arange(len(rows))
    columns = {name: Column.build(p) for name, p in pairs.items()}
    language_of = np.full(len(rows), -1, dtype=np.int64)
    language_of[columns["language"].rec] = columns["language"].val
    return FacetTable(
        version=version,
        record_ids=record_ids,
        position=position,
        entry_position=entry_position,
        columns=columns,
        start=starts,
        created=np.arange(len(rows), dtype=np.int64),
        title_order=title_order,
        language_of=language_of,
    )


_lock = threading.Lock()
_table: FacetTable | None = None


def table() -> FacetTable:
    """The current table, reloaded when the index changed since it was loaded."""
    global _table
    version = index_version()
    with _lock:
        if _table is None or _table.version != version:
            _table = load()
        return _table


def invalidate() -> None:
    global _table
    with _lock:
        _table = None

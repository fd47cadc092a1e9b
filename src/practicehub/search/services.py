"""Search over the published records: the interface the web pages, the API and the command
line call.

``record_search`` parses the query (query.py), ranks with the keyword backend of the database
(ranking.py), filters and counts facets on the in-memory facet table (facets.py) and builds
highlighted snippets for the page (snippets.py).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields

import numpy as np
from django.apps import apps
from django.db import connection
from django.utils.translation import get_language, gettext

from practicehub.catalogue.models import Organisation, Programme, Record, Theme
from practicehub.search import facets as facet_table
from practicehub.search import query as query_parser
from practicehub.search import ranking
from practicehub.search.keyword_index import nonzero
from practicehub.search.snippets import Highlighter

SORTS = ("relevance", "newest", "oldest", "title")
MAX_PER_PAGE = 100

# URL parameter -> SearchFilters field.
PARAMS = {
    "kind": "kinds",
    "language": "languages",
    "theme": "themes",
    "programme": "programmes",
    "organisation": "organisations",
    "year": "years",
    "target_group": "target_groups",
}


@dataclass(frozen=True)
class SearchFilters:
    """Facet values a record must have: any value within a field, every non-empty field."""

    kinds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> SearchFilters:
        """Read URL parameters (each may repeat); a bad value raises ValueError naming it."""
        values: dict[str, tuple[str, ...]] = {}
        for param, name in PARAMS.items():
            raw = params.get(param) or ()
            if isinstance(raw, str):
                raw = (raw,)
            given = tuple(dict.fromkeys(v.strip() for v in raw if v and v.strip()))
            _validate(param, given)
            values[name] = given
        return cls(**values)

    def as_dict(self) -> dict[str, tuple[str, ...]]:
        """Facet key -> wanted values."""
        by_field = {name: param for param, name in PARAMS.items()}
        return {by_field[f.name]: getattr(self, f.name) for f in fields(self)}


def _validate(param: str, given: tuple[str, ...]) -> None:
    if not given:
        return
    for value in given:
        if any(ch < " " for ch in value):  # no id or year holds a control character
            raise ValueError(f"unknown {param.replace('_', ' ')}: {value!r}")
    known: set[str] | None = None
    if param == "kind":
        known = set(Record.Kind.values)
    elif param == "theme":
        known = set(Theme.objects.filter(id__in=given).values_list("id", flat=True))
    elif param == "programme":
        known = set(Programme.objects.filter(id__in=given).values_list("id", flat=True))
    elif param == "organisation":
        known = set(Organisation.objects.filter(id__in=given).values_list("id", flat=True))
    for value in given:
        if known is not None and value not in known:
            raise ValueError(f"unknown {param.replace('_', ' ')}: {value}")
        if param == "language" and not re.fullmatch(r"[a-z]{2,3}", value):
            raise ValueError(f"unknown language: {value}")
        if param == "year" and not re.fullmatch(r"\d{4}", value):
            raise ValueError(f"not a year: {value}")


@dataclass(frozen=True)
class Hit:
    record_id: str
    score: float
    snippet: str  # safe HTML: the text escaped, matches in <mark>
    # The columns a list of results shows, read with the text the snippet comes from, so a
    # caller need not read the page's records again ("" where not read).
    kind: str = ""
    title: str = ""
    language: str = ""
    summary: str = ""
    period_start: str = ""
    period_end: str = ""
    # Theme ids, from the search table (as indexed with the record, as the facets count them).
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


@dataclass
class SearchPage:
    query: str
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)


def _filter_mask(table: facet_table.FacetTable, filters: SearchFilters) -> np.ndarray:
    mask = table.alive.copy()  # a re-indexed or removed record's old position is dead
    for key, wanted in filters.as_dict().items():
        if wanted:
            mask &= table.columns[key].mask(wanted, table.size)
    return mask


def _in_order(
    table: facet_table.FacetTable, positions: np.ndarray, scores: np.ndarray, sort: str
) -> tuple[np.ndarray, np.ndarray]:
    """The (unique) positions and their scores in the order of a sort other than relevance."""
    score_of = np.zeros(table.size)
    score_of[positions] = scores
    keep = np.zeros(table.size, dtype=bool)
    keep[positions] = True
    order = table.sort_order(sort)
    ordered = order[keep[order]]
    return ordered, score_of[ordered]


def record_search(
    *,
    query: str = "",
    filters: SearchFilters | None = None,
    page: int = 1,
    per_page: int = 20,
    sort: str = "relevance",
    options: ranking.RankingOptions = ranking.DEFAULT,
) -> SearchPage:
    """One page of published records for the query and filters, with facet counts."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort: {sort} (one of {', '.join(SORTS)})")
    page = max(1, int(page))
    per_page = min(MAX_PER_PAGE, max(1, int(per_page)))
    filters = filters or SearchFilters()
    # A NUL cannot be a word, and PostgreSQL refuses it in any text it is given.
    query = query.replace("\x00", " ")
    parsed = query_parser.parse(query)
    # The table's marker and the semantic index's version in one query (on PostgreSQL each
    # query is a round trip), then the model: it is most of a new query's time.
    marker, versions = facet_table.markers(ranking.semantic_version_sql(options))
    semantic_version = versions[0] if versions else None
    vectors = (
        ranking.semantic_vectors_start(query, options, semantic_version) if parsed.groups else None
    )
    table = facet_table.table(marker)
    allowed = _filter_mask(table, filters)

    notes: dict = {}
    reading = _PageReading(table, parsed, notes, first=(page - 1) * per_page, per_page=per_page)
    excluded = ranking.excluded_positions(table, parsed)
    if parsed.groups:
        positions, scores = ranking.rank(
            table,
            query,
            parsed,
            allowed,
            filtered=any(filters.as_dict().values()),
            options=options,
            notes=notes,
            # Another sort orders the matches itself; relevance needs this page's in order.
            depth=page * per_page if sort == "relevance" else 1,
            hidden=excluded,
            meanwhile=reading.meanwhile,
            ahead=reading.ahead if sort == "relevance" else None,
            vectors=vectors,
            semantic_version=semantic_version,
        )
    else:
        positions = np.arange(table.size, dtype=np.int64)
        scores = np.zeros(table.size)
    allowed[excluded] = False
    keep = allowed[positions]
    positions, scores = positions[keep], scores[keep]
    if sort != "relevance" or not parsed.groups:
        order_sort = "newest" if sort == "relevance" else sort
        positions, scores = _in_order(table, positions, scores, order_sort)
    counts = reading.counts(positions)
    return SearchPage(
        query=query,
        hits=reading.hits(positions, scores),
        total=len(positions),  # unique: each matched record once
        page=page,
        per_page=per_page,
        facets=reading.facets(counts, filters),
    )


class _PageReading:
    """What a search reads for its page: facet counts, the shown records with their snippets,
    facet labels. What does not need the semantic list is done while its worker computes it
    (``meanwhile``, ``ahead``, called by ``ranking.rank``), so only the rest is left after it."""

    def __init__(
        self,
        table: facet_table.FacetTable,
        parsed: query_parser.ParsedQuery,
        notes: dict,
        *,
        first: int,
        per_page: int,
    ) -> None:
        self.table, self.parsed, self.notes = table, parsed, notes
        self.first, self.per_page = first, per_page
        # The records matched before the semantic list came, and their facet counts.
        self._early: tuple[np.ndarray, dict[str, np.ndarray]] | None = None
        self._highlighter: Highlighter | None = None
        self._read: dict[str, _Shown] = {}  # records read ahead
        self._labels: dict[str, dict[str, str]] = {}  # facet -> value -> label, read ahead

    def meanwhile(self, so_far: np.ndarray) -> None:
        """Count the facets of the records matched so far."""
        self._early = (so_far, _counts(self.table, so_far))

    def ahead(self, likely: np.ndarray) -> None:
        """Read the page's likely records, with their snippets, and the labels of the facet
        values likely to be shown: the records and values the semantic list does not
        displace need not be read after it."""
        window = likely[self.first : self.first + self.per_page].tolist()
        self._read.update(_shown([self.table.record_ids[p] for p in window], self.highlighter()))
        if self._early is not None:
            # The semantic list adds a hundred records at most: the values shown at the end
            # are nearly all among the largest counts so far.
            largest = _largest(self.table, self._early[1], 2 * MAX_FACET_VALUES)
            self._labels.update(_labels(largest))

    def highlighter(self) -> Highlighter:
        if self._highlighter is None:
            self._highlighter = Highlighter(self.notes.get("highlight", self.parsed))
        return self._highlighter

    def counts(self, positions: np.ndarray) -> dict[str, np.ndarray]:
        """Facet -> records per value among the result's ``positions``."""
        if self._early is not None:
            # Only the semantic list's additions are left to count.
            so_far, counted = self._early
            added = positions[~so_far[positions]]
            return {key: n + self.table.columns[key].counts_of(added) for key, n in counted.items()}
        matched = np.zeros(self.table.size, dtype=bool)
        matched[positions] = True
        return _counts(self.table, matched)

    def hits(self, positions: np.ndarray, scores: np.ndarray) -> list[Hit]:
        """The page's hits, in the result's order."""
        window = positions[self.first : self.first + self.per_page].tolist()
        record_ids = [self.table.record_ids[p] for p in window]
        themes = self.table.columns["theme"].values_at(window)
        return _hits(
            record_ids,
            scores[self.first : self.first + self.per_page].tolist(),
            self.highlighter(),
            self.notes.get("passages"),
            self._read,
            dict(zip(record_ids, themes, strict=True)),
        )

    def facets(
        self, counts: Mapping[str, np.ndarray], filters: SearchFilters
    ) -> dict[str, list[FacetCount]]:
        return _facet_counts(self.table, counts, filters, self._labels)


def search_warm() -> None:
    """Load what a server's first search would (the facet table, the passage vectors, the query
    model, stemmers and glossary, the glossary terms' vectors), so no visitor waits for it;
    then exempt everything loaded so far from the garbage collector's full passes
    (``gc.freeze``). A full pass walks every tracked object of the process, and with the index
    loaded it stalled an occasional request by over 100 ms; what the server makes per request
    is still collected as before."""
    if apps.is_installed("practicehub.semantic"):
        from practicehub.semantic.services import glossary_vectors_warm

        glossary_vectors_warm()
    record_search(query="lygybė equality")
    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class _Shown:
    """A record as a list of results shows it: its columns and its snippet."""

    columns: dict[str, str]
    snippet: str


_SHOWN_COLUMNS = ("kind", "title", "language", "summary", "period_start", "period_end")


def _shown(record_ids: list[str], highlighter: Highlighter) -> dict[str, _Shown]:
    """The records' columns, read in one query, and each one's snippet of its own text."""
    if not record_ids:
        return {}
    found = Record.objects.filter(id__in=record_ids).values_list("id", "sections", *_SHOWN_COLUMNS)
    shown = {}
    for record_id, sections, *values in found:
        columns = dict(zip(_SHOWN_COLUMNS, values, strict=True))
        parts = [columns["summary"]] + [s.get("text") or "" for s in sections or []]
        text = "\n".join(p for p in parts if p) or columns["title"]
        shown[record_id] = _Shown(columns, highlighter.snippet(text, columns["language"]))
    return shown


def _hits(
    record_ids: list[str],
    scores: list[float],
    highlighter: Highlighter,
    passages: Callable[[list[str]], dict[str, str]] | None,
    read: Mapping[str, _Shown] | None = None,
    themes: Mapping[str, Sequence[str]] | None = None,
) -> list[Hit]:
    """The page's hits; ``passages`` gives the best semantic passage of records by id;
    ``read`` holds records read already; ``themes``: each record's theme ids."""
    read = read or {}
    themes = themes or {}
    shown = {r: read[r] for r in record_ids if r in read}
    shown.update(_shown([r for r in record_ids if r not in shown], highlighter))
    snippets = {r: s.snippet for r, s in shown.items()}
    # Found by meaning, not by its words: the passage that meant it.
    unmarked = [r for r, text in snippets.items() if "<mark>" not in text]
    found = passages(unmarked) if passages is not None and unmarked else {}
    for record_id, passage in found.items():
        if passage:
            language = shown[record_id].columns["language"]
            snippets[record_id] = highlighter.snippet(passage, language)
    return [
        Hit(
            record_id=record_id,
            score=round(float(score), 6),
            snippet=snippets[record_id],
            **{k: v or "" for k, v in shown[record_id].columns.items()},
            themes=tuple(sorted(themes.get(record_id, ()))),
        )
        for record_id, score in zip(record_ids, scores, strict=True)
        if record_id in snippets
    ]


LANGUAGE_NAMES = {
    "lt": ("Lithuanian", "lietuvių"),
    "en": ("English", "anglų"),
    "de": ("German", "vokiečių"),
    "fr": ("French", "prancūzų"),
    "pl": ("Polish", "lenkų"),
    "ru": ("Russian", "rusų"),
    "lv": ("Latvian", "latvių"),
    "et": ("Estonian", "estų"),
}


# Facets whose labels are kept in a table: (model, English label, Lithuanian label).
LABEL_SOURCES = {
    "theme": (Theme, "label_en", "label_lt"),
    "programme": (Programme, "name_en", "name_lt"),
    "organisation": (Organisation, "name", "name"),
}


def labels_sql(wanted: Mapping[str, Sequence[str]]) -> tuple[str, list[str]] | None:
    """One query for the labels of the shown values of every facet kept in a table: rows of
    (facet, id, English label, Lithuanian label). None when no such value is shown."""
    quote = connection.ops.quote_name
    selects, params = [], []
    for facet, (model, english, lithuanian) in LABEL_SOURCES.items():
        values = list(wanted.get(facet) or ())
        if not values:
            continue
        columns = [model._meta.get_field(f).column for f in ("id", english, lithuanian)]
        marks = ", ".join(["%s"] * len(values))
        selects.append(
            f"SELECT '{facet}', {', '.join(map(quote, columns))}"
            f" FROM {quote(model._meta.db_table)} WHERE {quote(columns[0])} IN ({marks})"
        )
        params += values
    return (" UNION ALL ".join(selects), params) if selects else None


def _labels(wanted: Mapping[str, Sequence[str]]) -> dict[str, dict[str, str]]:
    """Facet -> value -> label in the current language, for the values shown."""
    lithuanian = (get_language() or "en").startswith("lt")
    out: dict[str, dict[str, str]] = {facet: {} for facet in facet_table.FACETS}
    built = labels_sql(wanted)
    if built is not None:
        with connection.cursor() as cursor:
            cursor.execute(*built)
            for facet, value, english, lithuanian_label in cursor.fetchall():
                out[facet][value] = lithuanian_label if lithuanian and lithuanian_label else english
    out["language"] = {
        v: LANGUAGE_NAMES.get(v, (v, v))[1 if lithuanian else 0] for v in wanted.get("language", ())
    }
    kinds = Record.Kind.values
    out["kind"] = {v: gettext(Record.Kind(v).label) for v in wanted.get("kind", ()) if v in kinds}
    for facet in ("year", "target_group"):
        out[facet] = {v: v for v in wanted.get(facet, ())}
    return out


# Facets with many values (organisations, target groups) show their largest counts only.
MAX_FACET_VALUES = 50


def _counts(table: facet_table.FacetTable, matched: np.ndarray) -> dict[str, np.ndarray]:
    """Facet -> matched records per value (by value id)."""
    return {key: table.columns[key].counts(matched) for key in facet_table.FACETS}


def _largest(
    table: facet_table.FacetTable, counts: Mapping[str, np.ndarray], limit: int
) -> dict[str, list[str]]:
    """Facet -> its values with the ``limit`` largest counts, largest first."""
    out = {}
    for key in facet_table.FACETS:
        top = ranking.best_first(nonzero(counts[key]), counts[key], limit)
        out[key] = [table.columns[key].values[i] for i in top.tolist()]
    return out


def _facet_counts(
    table,
    counts: Mapping[str, np.ndarray],
    filters: SearchFilters,
    known: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, list[FacetCount]]:
    """The largest counts of each facet, the chosen values always among them, with labels;
    ``known`` labels (facet -> value -> label) are not read again."""
    chosen: dict[str, list[tuple[str, int]]] = {}
    wanted = filters.as_dict()
    for key in facet_table.FACETS:
        column = table.columns[key]
        top = ranking.best_first(nonzero(counts[key]), counts[key], MAX_FACET_VALUES)
        shown = [(column.values[i], int(counts[key][i])) for i in top.tolist()]
        values = {v for v, _ in shown}
        for value in wanted[key]:
            if value not in values:
                i = column.index_of(value)
                shown.append((value, int(counts[key][i]) if i is not None else 0))
        chosen[key] = shown
    known = known or {}
    labels = _labels(
        {key: [v for v, _ in shown if v not in known.get(key, {})] for key, shown in chosen.items()}
    )
    for key, found in known.items():
        labels[key] = {**found, **labels[key]}
    out: dict[str, list[FacetCount]] = {}
    for key, shown in chosen.items():
        items = [FacetCount(value=v, label=labels[key].get(v, v), count=c) for v, c in shown]
        if key == "year":
            items.sort(key=lambda f: f.value, reverse=True)
        out[key] = items
    return out


def records_similar(record_id: str, limit: int = 5) -> list[Hit]:
    """Records like this one: those sharing its organisations and themes (and, once the
    semantic index exists, its meaning)."""
    from practicehub.search.similar import similar

    return similar(record_id, limit=limit)

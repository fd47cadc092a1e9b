"""Keeping the keyword index in step with the catalogue.

Only published records are indexed; a record that leaves that state leaves the index. Every
change bumps ``SearchState.version`` so cached facet tables in any process reload.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction

from practicehub.catalogue.models import Funding, Participation, Record
from practicehub.rows import rows_insert
from practicehub.search import analysis
from practicehub.search.models import SearchEntry, SearchState

BATCH = 500

# The columns of the entry rows ``_entry`` makes.
ENTRY_FIELDS = (
    "record_id",
    "language",
    "title_stems",
    "names_stems",
    "body_stems",
    "exact",
    "stamp",
)


def record_texts(record: Record) -> tuple[str, str, str]:
    """Title, names (organisations as written and as registered, acronyms, programmes) and
    body (everything else a reader would search for) of a record."""
    participations = [
        (p.name, p.acronym, p.organisation.name, p.organisation.acronym)
        for p in record.participations.all()
    ]
    funding = [
        (
            f.text,
            f.programme.name_en if f.programme else "",
            f.programme.name_lt if f.programme else "",
        )
        for f in record.funding.all()
    ]
    values = {f: getattr(record, f) for f in _FIELDS}
    return _texts(values, participations, funding)


_FIELDS = (
    "id",
    "title",
    "language",
    "summary",
    "sections",
    "objectives",
    "activities",
    "target_groups",
)


def _names(language: str, participations: list[tuple], funding: list[tuple]) -> str:
    names: list[str] = [n for row in participations for n in row]
    english = language == "en"
    names += [name_en if english else name_lt for _, name_en, name_lt in funding]
    return analysis.join_texts(dict.fromkeys(n for n in names if n))


def _texts(values: dict, participations: list[tuple], funding: list[tuple]) -> tuple[str, str, str]:
    body: list[str] = [values["summary"]]
    for section in values["sections"] or []:
        body += [section.get("heading") or "", section.get("text") or ""]
    body += [str(x) for x in values["objectives"] or []]
    body += [str(x) for x in values["activities"] or []]
    body += [str(x) for x in values["target_groups"] or []]
    body += [text for text, _, _ in funding]
    names = _names(values["language"], participations, funding)
    return values["title"], names, analysis.join_texts(body)


@dataclass(frozen=True, slots=True)
class Analysed:
    """A record's title and body analysed (stem and exact streams): most of the work of its
    entry, which ``record_analysis`` does from the record's values alone, so that ingest does
    it in its worker processes. Only the names stream needs the database (the registry)."""

    title_stems: str
    body_stems: str
    title_exact: str
    body_exact: str


def record_analysis(values: dict, funding_texts: list[str]) -> Analysed:
    """``Analysed`` of a record's values (``_FIELDS``) and the texts of its funding."""
    title, _, body = _texts(values, [], [(text, "", "") for text in funding_texts])
    language = values["language"] or ""
    title_stems, title_exact = analysis.analyse_both(title, language)
    body_stems, body_exact = analysis.analyse_both(body, language)
    return Analysed(
        title_stems=title_stems,
        body_stems=body_stems,
        title_exact=title_exact,
        body_exact=body_exact,
    )


def _entry(
    values: dict,
    participations: list[tuple],
    funding: list[tuple],
    analysed: Analysed | None = None,
) -> tuple:
    """The record's entry, a row of ``ENTRY_FIELDS``."""
    language = values["language"] or ""
    if analysed is None:
        analysed = record_analysis(values, [text for text, _, _ in funding])
    names = _names(values["language"], participations, funding)
    names_exact = analysis.analyse_exact(names)
    # The exact stream of title, names and body joined: words never span the parts.
    exact = " ".join(p for p in (analysed.title_exact, names_exact, analysed.body_exact) if p)
    return (
        values["id"],
        language,
        analysed.title_stems,
        analysis.analyse(names, language),
        analysed.body_stems,
        exact,
        secrets.randbits(62),
    )


def _entries(
    ids: list[str] | None, analysed: dict[str, Analysed] | None = None
) -> Iterator[list[tuple]]:
    """Entries of the published records (all, or those of ``ids``), a batch at a time.
    Plain values rather than model instances, read and written: at 100,000 records that is
    most of the time.
    ``analysed``: records' texts analysed already; when it holds a whole batch, their texts
    are not read."""
    analysed = analysed or {}
    published = Record.objects.filter(status=Record.Status.PUBLISHED)
    if ids is not None:
        published = published.filter(id__in=ids)
    all_ids = list(published.order_by("id").values_list("id", flat=True))
    for start in range(0, len(all_ids), BATCH):
        chunk = all_ids[start : start + BATCH]
        known = all(rid in analysed for rid in chunk)
        rows = Record.objects.filter(id__in=chunk).values(
            *(("id", "language") if known else _FIELDS)
        )
        parts: dict[str, list[tuple]] = {}
        for rid, *row in Participation.objects.filter(record_id__in=chunk).values_list(
            "record_id", "name", "acronym", "organisation__name", "organisation__acronym"
        ):
            parts.setdefault(rid, []).append(tuple(row))
        funds: dict[str, list[tuple]] = {}
        for rid, *row in Funding.objects.filter(record_id__in=chunk).values_list(
            "record_id", "text", "programme__name_en", "programme__name_lt"
        ):
            funds.setdefault(rid, []).append(tuple(v or "" for v in row))
        yield [
            _entry(v, parts.get(v["id"], []), funds.get(v["id"], []), analysed.get(v["id"]))
            for v in rows
        ]


def _bump() -> None:
    SearchState.objects.update_or_create(id=1, defaults={"version": uuid.uuid4().hex})


@transaction.atomic
def records_index(record_ids: Iterable[str], *, analysed: dict[str, Analysed] | None = None) -> int:
    """(Re)index the given records; those not published are removed. Returns entries written.
    ``analysed``: the texts of some of them analysed already (``record_analysis``), by record
    id; they must be the records' current values."""
    ids = list(dict.fromkeys(record_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        SearchEntry.objects.filter(record_id__in=chunk).delete()
        for entries in _entries(chunk, analysed):
            rows_insert(SearchEntry, ENTRY_FIELDS, entries)
            written += len(entries)
    _bump()
    return written


@transaction.atomic
def records_unindex(record_ids: Iterable[str]) -> None:
    ids = list(record_ids)
    for start in range(0, len(ids), BATCH):
        SearchEntry.objects.filter(record_id__in=ids[start : start + BATCH]).delete()
    _bump()


@transaction.atomic
def index_rebuild() -> int:
    """Empty the index and index every published record again."""
    SearchEntry.objects.all().delete()
    written = 0
    for entries in _entries(None):
        rows_insert(SearchEntry, ENTRY_FIELDS, entries)
        written += len(entries)
    _bump()
    return written


def index_version() -> str:
    return SearchState.objects.filter(id=1).values_list("version", flat=True).first() or ""

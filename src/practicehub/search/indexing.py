"""Keeping the keyword index in step with the catalogue.

Only published records are indexed; a record that leaves that state leaves the index. Every
change bumps ``SearchState.version`` so cached facet tables in any process reload.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator

from django.db import transaction

from practicehub.catalogue.models import Record
from practicehub.search import analysis
from practicehub.search.models import SearchEntry, SearchState

BATCH = 500


def record_texts(record: Record) -> tuple[str, str, str]:
    """Title, names (organisations as written and as registered, acronyms, programmes) and
    body (everything else a reader would search for) of a record."""
    names: list[str] = []
    for p in record.participations.all():
        names += [p.name, p.acronym, p.organisation.name, p.organisation.acronym]
    for f in record.funding.all():
        if f.programme is not None:
            names.append(f.programme.name_en if record.language == "en" else f.programme.name_lt)
    body: list[str] = [record.summary]
    for section in record.sections or []:
        body += [section.get("heading") or "", section.get("text") or ""]
    body += [str(x) for x in record.objectives or []]
    body += [str(x) for x in record.activities or []]
    body += [str(x) for x in record.target_groups or []]
    body += [f.text for f in record.funding.all()]
    unique_names = list(dict.fromkeys(n for n in names if n))
    return record.title, analysis.join_texts(unique_names), analysis.join_texts(body)


def entry_for(record: Record) -> SearchEntry:
    title, names, body = record_texts(record)
    language = record.language or ""
    return SearchEntry(
        record_id=record.id,
        language=language,
        title_stems=analysis.analyse(title, language),
        names_stems=analysis.analyse(names, language),
        body_stems=analysis.analyse(body, language),
        exact=analysis.analyse_exact(analysis.join_texts([title, names, body])),
    )


def _records(ids: Iterable[str] | None) -> Iterator[Record]:
    qs = Record.objects.filter(status=Record.Status.PUBLISHED).prefetch_related(
        "participations__organisation", "funding__programme"
    )
    if ids is not None:
        qs = qs.filter(id__in=list(ids))
    yield from qs.order_by("id").iterator(chunk_size=BATCH)


def _bump() -> None:
    SearchState.objects.update_or_create(id=1, defaults={"version": uuid.uuid4().hex})


@transaction.atomic
def records_index(record_ids: Iterable[str]) -> int:
    """(Re)index the given records; those not published are removed. Returns entries written."""
    ids = list(dict.fromkeys(record_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        SearchEntry.objects.filter(record_id__in=chunk).delete()
        entries = [entry_for(r) for r in _records(chunk)]
        SearchEntry.objects.bulk_create(entries)
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
    batch: list[SearchEntry] = []
    for record in _records(None):
        batch.append(entry_for(record))
        if len(batch) >= BATCH:
            SearchEntry.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)
    written += len(batch)
    _bump()
    return written


def index_version() -> str:
    return SearchState.objects.filter(id=1).values_list("version", flat=True).first() or ""

"""Writes to the catalogue. Every function is keyword-only and named ``<entity>_<action>``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from practicehub.catalogue.extract.draft import RecordDraft
from practicehub.catalogue.models import (
    Correction,
    Funding,
    Participation,
    Programme,
    Record,
    Revision,
    Theme,
)
from practicehub.catalogue.registry import Mention, RegistryTable, organisation_resolve
from practicehub.catalogue.signals import records_changed, records_deleted
from practicehub.documents.models import Document
from practicehub.rows import instances_insert, rows_insert

# Fields an editor may correct, in the order of the exchange format.
CORRECTABLE_FIELDS = (
    "kind",
    "title",
    "language",
    "summary",
    "sections",
    "objectives",
    "activities",
    "organisations",
    "funding",
    "project_numbers",
    "period_start",
    "period_end",
    "target_groups",
    "themes",
    "emails",
    "websites",
    "addresses",
)
_PLAIN_FIELDS = tuple(
    f for f in CORRECTABLE_FIELDS if f not in {"organisations", "funding", "themes"}
)


def draft_values(draft: RecordDraft) -> dict[str, Any]:
    """The draft's values in the form they are stored and corrected in (JSON-ready)."""
    return {
        "kind": draft.kind,
        "title": draft.title,
        "language": draft.language,
        "summary": draft.summary,
        "sections": [
            {
                "key": s.key,
                "heading": s.heading,
                "text": s.text,
                "span": list(s.span) if s.span else None,
            }
            for s in draft.sections
        ],
        "objectives": list(draft.objectives),
        "activities": list(draft.activities),
        "organisations": [
            {
                "name": o.name,
                "role": o.role,
                "acronym": o.acronym,
                "country": o.country,
                "span": list(o.span) if o.span else None,
            }
            for o in draft.organisations
        ],
        "funding": [
            {"programme": f.programme, "text": f.text, "span": list(f.span) if f.span else None}
            for f in draft.funding
        ],
        "project_numbers": list(draft.project_numbers),
        "period_start": draft.period_start or "",
        "period_end": draft.period_end or "",
        "target_groups": list(draft.target_groups),
        "themes": list(draft.themes),
        "emails": list(draft.emails),
        "websites": list(draft.websites),
        "addresses": list(draft.addresses),
    }


def record_current_values(record: Record) -> dict[str, Any]:
    """The record's values in the same form as ``draft_values``."""
    values: dict[str, Any] = {f: getattr(record, f) for f in _PLAIN_FIELDS}
    values["organisations"] = [
        {
            "name": p.name,
            "role": p.role,
            "acronym": p.acronym or None,
            "country": p.country or None,
            "span": [p.span_start, p.span_end] if p.span_start is not None else None,
        }
        for p in record.participations.all()
    ]
    values["funding"] = [
        {
            "programme": f.programme_id,
            "text": f.text,
            "span": [f.span_start, f.span_end] if f.span_start is not None else None,
        }
        for f in record.funding.all()
    ]
    values["themes"] = sorted(t.id for t in record.themes.all())
    return values


def _apply(
    record: Record,
    values: dict[str, Any],
    registry: RegistryTable | None = None,
    *,
    fresh: bool = False,
) -> None:
    """Write values (any subset of CORRECTABLE_FIELDS) to a saved record and its relations;
    ``fresh`` for a record just made, which has no relations to replace."""
    plain = {f: values[f] for f in _PLAIN_FIELDS if f in values}
    for name, value in plain.items():
        setattr(record, name, value)
    if plain:
        record.save()
    if "organisations" in values and not fresh:
        record.participations.all().delete()
    if "organisations" in values:
        participations = _participations(record, values["organisations"], registry)
        if registry is not None:
            registry.flush()  # the organisations the participations name
        rows_insert(Participation, PARTICIPATION_FIELDS, participations)
    if "funding" in values and not fresh:
        record.funding.all().delete()
    if "funding" in values:
        named = {item.get("programme") for item in values["funding"]} - {None}
        known = set(Programme.objects.filter(id__in=named).values_list("id", flat=True))
        rows_insert(Funding, FUNDING_FIELDS, _funding(record, values["funding"], known))
    if "themes" in values and fresh:
        known = Theme.objects.filter(id__in=values["themes"]).values_list("id", flat=True)
        rows_insert(Record.themes.through, THEME_FIELDS, [(record.id, theme) for theme in known])
    elif "themes" in values:
        record.themes.set(Theme.objects.filter(id__in=values["themes"]))


# The columns of the relation rows ``_participations``, ``_funding`` and ``records_build`` make.
PARTICIPATION_FIELDS = (
    "record_id",
    "organisation_id",
    "name",
    "role",
    "acronym",
    "country",
    "position",
    "span_start",
    "span_end",
)
FUNDING_FIELDS = ("record_id", "programme_id", "text", "position", "span_start", "span_end")
THEME_FIELDS = ("record_id", "theme_id")


def _participations(
    record: Record, organisations: list[dict[str, Any]], registry: RegistryTable | None
) -> list[tuple]:
    """The record's participation rows (``PARTICIPATION_FIELDS``), each organisation resolved
    in the registry (in order: which organisation a name joins depends on the names resolved
    before it)."""
    participations = []
    for position, org in enumerate(organisations):
        organisation = organisation_resolve(
            name=org["name"],
            acronym=org.get("acronym"),
            country=org.get("country"),
            language=record.language,
            table=registry,
        )
        span = org.get("span") or [None, None]
        participations.append(
            (
                record.id,
                organisation.id,
                org["name"],
                org["role"],
                org.get("acronym") or "",
                org.get("country") or "",
                position,
                span[0],
                span[1],
            )
        )
    return participations


def _funding(record: Record, items: list[dict[str, Any]], known: set[str]) -> list[tuple]:
    """The record's funding rows (``FUNDING_FIELDS``); a programme the database lacks is left
    out."""
    rows = []
    for position, item in enumerate(items):
        programme = item.get("programme")
        span = item.get("span") or [None, None]
        rows.append(
            (record.id, programme if programme in known else None, item["text"], position, *span)
        )
    return rows


def draft_mentions(drafts: list[RecordDraft]) -> list[Mention]:
    """The organisation names of these drafts, to load a ``RegistryTable`` for them at once."""
    return [
        Mention(name=o.name, acronym=o.acronym, country=o.country, aliases=tuple(o.aliases))
        for draft in drafts
        for o in draft.organisations
    ]


def _register_aliases(draft: RecordDraft, registry: RegistryTable) -> None:
    """Names the text links to an organisation ("X (Centre for ...)") join the registry first,
    so that the record's own spelling resolves to the organisation that holds them all."""
    for org in draft.organisations:
        if org.aliases:
            organisation_resolve(
                name=org.name,
                acronym=org.acronym,
                country=org.country,
                language=draft.language,
                aliases=org.aliases,
                table=registry,
            )


def _provenance(draft: RecordDraft) -> dict[str, list[list[int]]]:
    return {name: [list(span) for span in spans] for name, spans in draft.provenance.items()}


def _diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


@dataclass(slots=True)
class Vocabulary:
    """Which programme and theme ids the database holds, looked up once for many drafts."""

    programmes: set[str]
    themes: set[str]


def vocabulary_known(*, drafts: list[RecordDraft]) -> Vocabulary:
    """The programmes and themes these drafts name that the database holds (two queries)."""
    named = {f.programme for d in drafts for f in d.funding} - {None}
    themes = {t for d in drafts for t in d.themes}
    return Vocabulary(
        programmes=set(Programme.objects.filter(id__in=named).values_list("id", flat=True)),
        themes=set(Theme.objects.filter(id__in=themes).values_list("id", flat=True)),
    )


@transaction.atomic(savepoint=False)
def records_save_from_drafts(
    *,
    document: Document,
    drafts: list[RecordDraft],
    status: str,
    previous: Document | None = None,
    announce: bool = True,
    registry: RegistryTable | None = None,
    vocabulary: Vocabulary | None = None,
) -> list[Record]:
    """Store the drafts of a document as records.

    When ``previous`` is the document this one replaces (a changed file at the same source),
    its records are updated in place, matched by their position in the document: ids stay, an
    editor's corrections stay, and records the new text no longer holds are archived, not lost.
    ``announce=False`` leaves sending ``records_changed`` to the caller, who stores many
    documents and announces them all at once; ``registry`` is the organisation registry in
    memory for the drafts of all those documents (loaded here for these drafts when not given)
    and ``vocabulary`` the programmes and themes known for them. No savepoint of its own: a
    caller that stores many files keeps each in a savepoint (the pipeline does, for a file that
    replaces another; it writes new files' rows with ``records_build`` and ``RecordRows``).
    """
    registry = registry or RegistryTable().load(draft_mentions(drafts))
    if previous is None:
        saved = _records_create(document, drafts, status, registry, vocabulary)
    else:
        saved = _records_update(document, drafts, status, previous, registry)
    registry.flush()
    if announce:
        ids = [r.id for r in saved]
        transaction.on_commit(lambda: records_changed.send(sender=Record, record_ids=ids))
    return saved


# A new record's columns but its timestamps (set as the row is written).
RECORD_FIELDS = tuple(
    f.attname for f in Record._meta.concrete_fields if f.name not in {"created_at", "updated_at"}
)


@dataclass(slots=True)
class RecordRows:
    """New records and their relations, not written yet: the rows of many documents are
    written together, one query per table (per row, the queries cost more than the rows), and
    the relations as plain rows (``rows_insert``), not model instances nobody reads."""

    records: list[Record] = field(default_factory=list)
    participations: list[tuple] = field(default_factory=list)
    funding: list[tuple] = field(default_factory=list)
    themes: list[tuple] = field(default_factory=list)

    def write(self) -> None:
        """Insert the rows; the documents and the organisations they name must be written
        already."""
        for record in self.records:
            # The document was written after the record was made: its id is known now.
            record.document = record.document
        instances_insert(Record, RECORD_FIELDS, self.records)
        rows_insert(Participation, PARTICIPATION_FIELDS, self.participations)
        rows_insert(Funding, FUNDING_FIELDS, self.funding)
        rows_insert(Record.themes.through, THEME_FIELDS, self.themes)
        rows_insert(
            Revision,
            ("record_id", "action", "changes"),
            [(r.id, "ingest", {}) for r in self.records],
        )


def records_build(
    *,
    document: Document,
    drafts: list[RecordDraft],
    status: str,
    registry: RegistryTable,
    vocabulary: Vocabulary,
    rows: RecordRows,
) -> list[Record]:
    """A new document's records with their relations, added to ``rows`` unwritten; the
    organisations they name are resolved in ``registry`` (which the caller flushes before
    ``rows.write``). The document may be unsaved: its id is read when the rows are written."""
    records: list[Record] = []
    for ordinal, draft in enumerate(drafts, start=1):
        values = draft_values(draft)
        _register_aliases(draft, registry)
        record = Record(
            id=f"{document.sha256[:12]}-{ordinal}",
            document=document,
            ordinal=ordinal,
            status=status,
            span_start=draft.span[0],
            span_end=draft.span[1],
            provenance=_provenance(draft),
            extracted=values,
            **{f: values[f] for f in _PLAIN_FIELDS},
        )
        records.append(record)
        rows.participations += _participations(record, values["organisations"], registry)
        rows.funding += _funding(record, values["funding"], vocabulary.programmes)
        rows.themes += [
            (record.id, theme) for theme in sorted(vocabulary.themes.intersection(values["themes"]))
        ]
    rows.records += records
    return records


def _records_create(
    document: Document,
    drafts: list[RecordDraft],
    status: str,
    registry: RegistryTable,
    vocabulary: Vocabulary | None,
) -> list[Record]:
    rows = RecordRows()
    records = records_build(
        document=document,
        drafts=drafts,
        status=status,
        registry=registry,
        vocabulary=vocabulary or vocabulary_known(drafts=drafts),
        rows=rows,
    )
    registry.flush()  # the organisations the participations name
    rows.write()
    return records


def _records_update(
    document: Document,
    drafts: list[RecordDraft],
    status: str,
    previous: Document,
    registry: RegistryTable,
) -> list[Record]:
    """The records of the document ``document`` replaces, updated in place (see above)."""
    existing = {r.ordinal: r for r in previous.records.all()}
    saved: list[Record] = []
    for ordinal, draft in enumerate(drafts, start=1):
        values = draft_values(draft)
        _register_aliases(draft, registry)
        record = existing.pop(ordinal, None)
        span = draft.span
        if record is None:
            # The plain fields go in with the row; _apply writes the relations.
            record = Record.objects.create(
                id=f"{document.sha256[:12]}-{ordinal}",
                document=document,
                ordinal=ordinal,
                status=status,
                span_start=span[0],
                span_end=span[1],
                provenance=_provenance(draft),
                extracted=values,
                **{f: values[f] for f in _PLAIN_FIELDS},
            )
            relations = {k: v for k, v in values.items() if k not in _PLAIN_FIELDS}
            _apply(record, relations, registry, fresh=True)
            Revision.objects.create(record=record, action="ingest", changes={})
        else:
            before = record_current_values(record)
            corrections = {c.field: c.value for c in record.corrections.all()}
            record.document = document
            record.span_start, record.span_end = span
            record.provenance = _provenance(draft)
            record.extracted = values
            merged = {**values, **corrections}
            _apply(record, merged, registry)
            record.save()
            changes = _diff(before, merged)
            if changes:
                Revision.objects.create(record=record, action="reingest", changes=changes)
        saved.append(record)
    for leftover in existing.values():
        leftover.status = Record.Status.ARCHIVED
        leftover.save(update_fields=["status", "updated_at"])
        Revision.objects.create(
            record=leftover, action="archive", changes={"status": ["", "archived"]}
        )
        saved.append(leftover)
    return saved


@transaction.atomic
def record_correct(*, record: Record, values: dict[str, Any], editor=None) -> Record:
    """An editor sets fields; each becomes a correction that later re-ingests keep."""
    unknown = set(values) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable: {', '.join(sorted(unknown))}")
    before = record_current_values(record)
    for name, value in values.items():
        Correction.objects.update_or_create(
            record=record, field=name, defaults={"value": value, "editor": editor}
        )
    _apply(record, values)
    changes = _diff(before, values)
    if changes:
        Revision.objects.create(record=record, author=editor, action="edit", changes=changes)
    transaction.on_commit(lambda: records_changed.send(sender=Record, record_ids=[record.id]))
    return record


@transaction.atomic
def record_set_status(*, record: Record, status: str, editor=None) -> Record:
    """Publish, unpublish or archive a record; the search indexes follow on commit."""
    if status not in Record.Status.values:
        raise ValueError(f"unknown status: {status}")
    if status != record.status:
        changes = {"status": [record.status, status]}
        Revision.objects.create(record=record, author=editor, action="status", changes=changes)
        Record.objects.filter(pk=record.pk).update(status=status)
        record.status = status
        transaction.on_commit(lambda: records_changed.send(sender=Record, record_ids=[record.id]))
    return record


@transaction.atomic
def record_delete(*, record: Record) -> None:
    """Delete a record; the search app drops it from its indexes first."""
    records_deleted.send(sender=Record, record_ids=[record.id])
    record.delete()

"""Reads from the catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from practicehub.catalogue.models import Record


def records_for_export(*, statuses: tuple[str, ...] = ("published",)) -> QuerySet[Record]:
    return (
        Record.objects.filter(status__in=statuses)
        .select_related("document")
        .prefetch_related("participations", "funding", "themes")
        .order_by("id")
    )


def record_to_dict(record: Record) -> dict[str, Any]:
    """The record in the exchange format of ``shared/schema/record.schema.json``."""
    document = record.document
    return {
        "id": record.id,
        "kind": record.kind,
        "title": record.title,
        "language": record.language,
        "summary": record.summary,
        "sections": [
            {"key": s["key"], "heading": s.get("heading"), "text": s["text"]}
            for s in record.sections
        ],
        "objectives": list(record.objectives),
        "activities": list(record.activities),
        "organisations": [
            {
                "name": p.name,
                "role": p.role,
                "acronym": p.acronym or None,
                "country": p.country or None,
                "organisation_id": p.organisation_id,
            }
            for p in record.participations.all()
        ],
        "funding": [{"programme": f.programme_id, "text": f.text} for f in record.funding.all()],
        "project_numbers": list(record.project_numbers),
        "period": {"start": record.period_start or None, "end": record.period_end or None},
        "target_groups": list(record.target_groups),
        "themes": sorted(t.id for t in record.themes.all()),
        "contacts": {
            "emails": list(record.emails),
            "websites": list(record.websites),
            "addresses": list(record.addresses),
        },
        "source": {
            "file": document.filename if document else "",
            "sha256": document.sha256 if document else "",
            "span": [record.span_start, record.span_end] if record.span_start is not None else None,
        },
        "status": record.status,
    }


def records_as_dicts(**filters: Any) -> Iterator[dict[str, Any]]:
    for record in records_for_export(**filters).iterator(chunk_size=500):
        yield record_to_dict(record)

"""Reads behind the pages: one function per page, each returning what its template shows.

Public pages show published records only; staff also see drafts and records in review, so an
editor can look at a record before publishing it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from practicehub.catalogue.models import Organisation, Participation, Programme, Record, Theme
from practicehub.web.labels import (
    FORM_KEYS,
    in_interface_language,
    kind_label,
    language_name,
    role_label,
    section_label,
)
from practicehub.web.text_layout import Block, layout_text

_NUMBERING = re.compile(r"^\s*\(?\d{1,2}[.)]?\s*")


def visible_records(*, include_unpublished: bool = False) -> QuerySet[Record]:
    records = Record.objects.all()
    if not include_unpublished:
        records = records.filter(status=Record.Status.PUBLISHED)
    return records


@dataclass
class Section:
    key: str
    label: str
    heading: str | None
    blocks: list[Block]
    number: int | None = None  # place in the nine-part form

    @property
    def heading_adds(self) -> bool:
        """The document's heading says more than the label above it (another language,
        other words), so the page shows it too."""
        if not self.heading:
            return False
        bare = _NUMBERING.sub("", self.heading).strip(" :.–-").casefold()
        return bare != self.label.casefold()


@dataclass
class RecordPage:
    record: Record
    kind_label: str
    language_name: str
    sections: list[Section]
    organisations: list[dict[str, Any]]
    funding: list[dict[str, Any]]
    themes: list[dict[str, str]]
    objectives: list[Block] = field(default_factory=list)
    activities: list[Block] = field(default_factory=list)


def _list_blocks(items: list[str]) -> list[Block]:
    return layout_text("\n".join(f"- {item}" for item in items)) if items else []


def _section_blocks(sections: list[Section], key: str) -> list[Block]:
    return [block for s in sections if s.key == key for block in s.blocks]


def record_page(record_id: str, *, include_unpublished: bool = False) -> RecordPage | None:
    record = (
        visible_records(include_unpublished=include_unpublished)
        .select_related("document")
        .prefetch_related("participations__organisation", "funding__programme", "themes")
        .filter(pk=record_id)
        .first()
    )
    if record is None:
        return None
    good_practice = record.kind == Record.Kind.GOOD_PRACTICE
    sections = []
    for s in record.sections:
        if not s.get("text", "").strip() and s["key"] == "other":
            continue  # a bare title line the form repeats above its parts
        number = FORM_KEYS.index(s["key"]) + 1 if s["key"] in FORM_KEYS else None
        sections.append(
            Section(
                key=s["key"],
                label=section_label(s["key"], kind=record.kind),
                heading=s.get("heading"),
                blocks=layout_text(s.get("text", "")),
                number=number if good_practice else None,
            )
        )
    objectives = _list_blocks(record.objectives)
    activities = _list_blocks(record.activities)
    if not good_practice:
        # A project's own objectives and activities parts show as written, nesting and all;
        # the extracted lists stand in where the document has no such part.
        objectives = _section_blocks(sections, "objectives") or objectives
        activities = _section_blocks(sections, "activities") or activities
        shown = {"objectives"} if objectives else set()
        shown |= {"activities"} if activities else set()
        sections = [s for s in sections if s.key not in shown]
    organisations = [
        {
            "name": p.name,
            "role": p.role,
            "role_label": role_label(p.role),
            "acronym": p.acronym,
            "country": p.country,
            "organisation": p.organisation,
        }
        for p in record.participations.all()
    ]
    funding = [
        {
            "text": f.text,
            "programme": f.programme,
            "programme_label": (
                in_interface_language(f.programme.name_en, f.programme.name_lt)
                if f.programme
                else ""
            ),
        }
        for f in record.funding.all()
    ]
    themes = [
        {"id": t.id, "label": in_interface_language(t.label_en, t.label_lt)}
        for t in record.themes.all()
    ]
    return RecordPage(
        record=record,
        kind_label=kind_label(record.kind),
        language_name=language_name(record.language),
        sections=sections,
        organisations=organisations,
        funding=funding,
        themes=sorted(themes, key=lambda t: t["label"]),
        objectives=objectives,
        activities=activities,
    )


def records_by_id(ids: list[str]) -> dict[str, Record]:
    """Published records for a list of search hits, with what a result line shows."""
    records = (
        visible_records()
        .filter(pk__in=ids)
        .prefetch_related("participations")
        .only("id", "title", "kind", "language", "period_start", "period_end", "summary")
    )
    return {r.id: r for r in records}


@dataclass
class OrganisationPage:
    organisation: Organisation
    names: list[str]
    records: list[dict[str, Any]]
    partners: list[dict[str, Any]]


def organisation_page(organisation_id: str) -> OrganisationPage | None:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return None
    names = sorted(
        {n.name for n in organisation.names.all()} | {organisation.name}, key=str.casefold
    )
    participations = (
        Participation.objects.filter(
            organisation=organisation, record__status=Record.Status.PUBLISHED
        )
        .select_related("record")
        .order_by("-record__period_start", "record__title", "position")
    )
    by_record: dict[str, dict[str, Any]] = {}
    for p in participations:
        entry = by_record.setdefault(p.record_id, {"record": p.record, "roles": []})
        label = role_label(p.role)
        if label not in entry["roles"]:
            entry["roles"].append(label)
    record_ids = list(by_record)
    pairs = set(
        Participation.objects.filter(record_id__in=record_ids)
        .exclude(organisation=organisation)
        .values_list("organisation_id", "record_id")
    )
    shared = Counter(org_id for org_id, _ in pairs)
    partner_orgs = Organisation.objects.in_bulk(list(shared))
    partners = sorted(
        (
            {"organisation": partner_orgs[oid], "count": count}
            for oid, count in shared.items()
            if oid in partner_orgs
        ),
        key=lambda p: (-p["count"], p["organisation"].name.casefold()),
    )
    return OrganisationPage(
        organisation=organisation,
        names=names,
        records=list(by_record.values()),
        partners=partners,
    )


def catalogue_counts() -> dict[str, Any]:
    """What the catalogue holds, counted live for the about page."""
    published = visible_records()
    kinds = dict(published.values_list("kind").annotate(n=Count("id")).order_by())
    languages = sorted(
        (
            {"code": code, "name": language_name(code), "count": n}
            for code, n in published.values_list("language").annotate(n=Count("id")).order_by()
        ),
        key=lambda x: -x["count"],
    )
    return {
        "records": sum(kinds.values()),
        "projects": kinds.get(Record.Kind.PROJECT, 0),
        "good_practices": kinds.get(Record.Kind.GOOD_PRACTICE, 0),
        "languages": languages,
        "organisations": Organisation.objects.filter(
            participations__record__status=Record.Status.PUBLISHED
        )
        .distinct()
        .count(),
        "themes": Theme.objects.filter(records__status=Record.Status.PUBLISHED).distinct().count(),
        "programmes": Programme.objects.filter(Q(funding__record__status=Record.Status.PUBLISHED))
        .distinct()
        .count(),
    }

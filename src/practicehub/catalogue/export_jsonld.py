"""The linked-data export: records as schema.org ``Project`` nodes, organisations as
``Organization`` nodes, in one JSON-LD ``@graph``.

Every node has a stable URI built on ``settings.BASE_URL``: ``<base>/records/<id>``,
``<base>/organisations/<id>``, ``<base>/themes/<id>``, ``<base>/programmes/<id>`` (the record
and organisation URIs are the site's own pages). A record's part in an organisation's work is a
schema.org ``OrganizationRole`` (the Role pattern: the project's ``member`` is a role whose
``member`` is the organisation). What schema.org has no term for (kind, status, sections' keys,
objectives, activities, the record's span in its document) uses terms of our own, under
``<base>/vocab#``, so every field of the exchange format is in the graph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from django.conf import settings

from practicehub.catalogue.export import writer


def _context(base: str) -> dict[str, Any]:
    return {
        "@vocab": "https://schema.org/",
        "ph": f"{base}/vocab#",
        "kind": "ph:kind",
        "status": "ph:status",
        "objectives": {"@id": "ph:objective", "@container": "@list"},
        "activities": {"@id": "ph:activity", "@container": "@list"},
        "projectNumbers": {"@id": "ph:projectNumber", "@container": "@set"},
        "sectionKey": "ph:sectionKey",
        "span": {"@id": "ph:span", "@container": "@list"},
        "nameAsWritten": "ph:nameAsWritten",
        "acronym": "ph:acronym",
        "hasPart": {"@id": "hasPart", "@container": "@list"},
        "member": {"@id": "member", "@container": "@list"},
        "funding": {"@id": "funding", "@container": "@list"},
        "audience": {"@container": "@list"},
        "email": {"@container": "@list"},
        "url": {"@container": "@list"},
        "address": {"@container": "@list"},
        "alternateName": {"@container": "@set"},
    }


def uri(kind: str, identifier: str) -> str:
    """The stable URI of a record, organisation, theme or programme."""
    return f"{settings.BASE_URL}/{kind}/{identifier}"


def record_node(record: dict[str, Any], theme_labels: dict[str, tuple[str, str]]) -> dict:
    period = record["period"]
    source = record["source"]
    node: dict[str, Any] = {
        "@id": uri("records", record["id"]),
        "@type": "Project",
        "identifier": record["id"],
        "kind": record["kind"],
        "name": record["title"],
        "inLanguage": record["language"],
        "description": record["summary"],
        "hasPart": [
            {
                "@type": "CreativeWork",
                "sectionKey": s["key"],
                "headline": s["heading"],
                "text": s["text"],
            }
            for s in record["sections"]
        ],
        "objectives": list(record.get("objectives", [])),
        "activities": list(record.get("activities", [])),
        "member": [
            {
                "@type": "OrganizationRole",
                "roleName": o["role"],
                "nameAsWritten": o["name"],
                "acronym": o.get("acronym"),
                "member": {"@id": uri("organisations", o["organisation_id"])}
                if o.get("organisation_id")
                else {
                    "@type": "Organization",
                    "name": o["name"],
                    "address": [{"@type": "PostalAddress", "addressCountry": o.get("country")}]
                    if o.get("country")
                    else [],
                },
                "ph:country": o.get("country"),
            }
            for o in record["organisations"]
        ],
        "funding": [
            {
                "@type": "Grant",
                "description": f["text"],
                "isPartOf": {"@id": uri("programmes", f["programme"])} if f["programme"] else None,
            }
            for f in record["funding"]
        ],
        "projectNumbers": list(record["project_numbers"]),
        "startDate": period["start"],
        "endDate": period["end"],
        "audience": [{"@type": "Audience", "audienceType": t} for t in record["target_groups"]],
        "keywords": [
            {
                "@id": uri("themes", theme),
                "@type": "DefinedTerm",
                "termCode": theme,
                "name": [
                    {"@value": theme_labels.get(theme, (theme, theme))[0], "@language": "en"},
                    {"@value": theme_labels.get(theme, (theme, theme))[1], "@language": "lt"},
                ],
            }
            for theme in record["themes"]
        ],
        "email": list(record["contacts"]["emails"]),
        "url": list(record["contacts"]["websites"]),
        "address": list(record["contacts"]["addresses"]),
        "subjectOf": {
            "@type": "MediaObject",
            "name": source["file"],
            "sha256": source["sha256"],
            "span": source.get("span"),
        },
        "status": record["status"],
    }
    return node


def organisation_nodes(organisation_ids: set[str]) -> Iterable[dict[str, Any]]:
    from practicehub.catalogue.models import Organisation

    organisations = (
        Organisation.objects.filter(id__in=organisation_ids)
        .prefetch_related("names")
        .order_by("id")
    )
    for org in organisations.iterator(chunk_size=500):
        names = sorted({n.name for n in org.names.all()} - {org.name})
        yield {
            "@id": uri("organisations", org.id),
            "@type": "Organization",
            "identifier": org.id,
            "name": org.name,
            "alternateName": names,
            "acronym": org.acronym or None,
            "address": [{"@type": "PostalAddress", "addressCountry": org.country}]
            if org.country
            else [],
        }


@writer("jsonld", "application/ld+json", extension="jsonld")
def write_jsonld(records: Iterable[dict[str, Any]], out: BinaryIO) -> None:
    from practicehub.catalogue.models import Theme

    labels = {t.id: (t.label_en, t.label_lt) for t in Theme.objects.all()}
    header = {"@context": _context(settings.BASE_URL)}
    out.write(json.dumps(header, ensure_ascii=False, indent=1)[:-2].encode())
    out.write(b',\n "@graph": [')
    seen: set[str] = set()
    first = True
    # Streamed node by node; the organisations follow the records that name them.
    for record in records:
        seen.update(o["organisation_id"] for o in record["organisations"] if o["organisation_id"])
        out.write((b"" if first else b",") + b"\n")
        out.write(json.dumps(record_node(record, labels), ensure_ascii=False).encode())
        first = False
    for node in organisation_nodes(seen):
        out.write((b"" if first else b",") + b"\n")
        out.write(json.dumps(node, ensure_ascii=False).encode())
        first = False
    out.write(b"\n ]\n}\n")

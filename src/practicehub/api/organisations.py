"""``/api/organisations``: the registry, found by any spelling, with records and partners."""

from __future__ import annotations

import math

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router

from practicehub.api.schemas import ErrorOut, OrganisationOut, OrganisationPageOut
from practicehub.catalogue.organisations import (
    organisation_partners,
    organisation_records,
    organisations_matching,
    organisations_published,
)

router = Router(tags=["organisations"])


def _url(organisation_id: str) -> str:
    return reverse("api:organisation", kwargs={"organisation_id": organisation_id})


@router.get(
    "/organisations",
    response={200: OrganisationPageOut, 400: ErrorOut},
    url_name="organisations",
    summary="Organisations of the registry",
)
def organisations_list(
    request: HttpRequest,
    q: str = Query("", description="Part of a name in any spelling, language or case."),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(50, ge=1, le=200),
):
    """Organisations named by published records whose name, in any spelling the registry has
    seen, contains `q`: case, diacritics, quotes, legal forms and Lithuanian case endings do
    not matter."""
    matching = organisations_matching(q)
    total = matching.count()
    start = (page - 1) * per_page
    return {
        "query": q,
        "total": total,
        "page": page,
        "per_page": per_page,
        "pages": math.ceil(total / per_page),
        "items": [
            {
                "id": o.id,
                "name": o.name,
                "acronym": o.acronym or None,
                "country": o.country or None,
                "records": o.record_count,
                "url": _url(o.id),
            }
            for o in matching[start : start + per_page]
        ],
    }


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 404: ErrorOut},
    url_name="organisation",
    summary="One organisation: its names, records and partners",
)
def organisation_detail(request: HttpRequest, organisation_id: str):
    organisation = organisations_published().filter(id=organisation_id).first()
    if organisation is None:
        raise Http404(f"no organisation with id {organisation_id!r} in the published records")
    return {
        "id": organisation.id,
        "name": organisation.name,
        "acronym": organisation.acronym or None,
        "country": organisation.country or None,
        "names": [
            {"name": n.name, "language": n.language or None}
            for n in organisation.names.order_by("name", "id")
        ],
        "records": [
            {
                "id": r.id,
                "title": r.title,
                "kind": r.kind,
                "language": r.language,
                "roles": list(r.roles),
                "url": reverse("api:record", kwargs={"record_id": r.id}),
            }
            for r in organisation_records(organisation)
        ],
        "partners": [
            {"id": p.id, "name": p.name, "shared_records": p.shared_records, "url": _url(p.id)}
            for p in organisation_partners(organisation)
        ],
    }

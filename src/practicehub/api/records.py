"""``/api/records``: search with the search page's filters and facets, and one record by id."""

from __future__ import annotations

import json
import math

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder

from practicehub.api.params import RecordQuery
from practicehub.api.schemas import ErrorOut, RecordOut, RecordPageOut
from practicehub.catalogue.selectors import record_to_dict, records_for_export
from practicehub.search.services import record_search

router = Router(tags=["records"])
MAX_PER_PAGE = 100


@router.get(
    "/records",
    response={200: RecordPageOut, 400: ErrorOut},
    url_name="records",
    summary="Search the published records",
)
def records_list(
    request: HttpRequest,
    params: Query[RecordQuery],
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(20, ge=1, le=MAX_PER_PAGE),
):
    """Published records matching `q` and the filters (OR within a filter, AND across
    filters), best first or in the order `sort` says, with facet counts over the whole result."""
    try:
        result = record_search(
            query=params.q, filters=params.filters(), page=page, per_page=per_page, sort=params.sort
        )
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    hits = result.hits
    page_out = {
        "query": params.q,
        "total": result.total,
        "page": page,
        "per_page": per_page,
        "pages": math.ceil(result.total / per_page),
        "items": [
            {
                "id": hit.record_id,
                "kind": hit.kind,
                "title": hit.title,
                "language": hit.language,
                "summary": hit.summary,
                "period": {"start": hit.period_start or None, "end": hit.period_end or None},
                "themes": list(hit.themes),
                "score": hit.score,
                "snippet": hit.snippet,
                "url": reverse("api:record", kwargs={"record_id": hit.record_id}),
            }
            for hit in hits
        ],
        "facets": {
            key: [{"value": f.value, "label": f.label, "count": f.count} for f in counts]
            for key, counts in result.facets.items()
        },
    }
    # Built here in RecordPageOut's shape from values whose types the search service fixes,
    # so the page goes out as JSON as it is: validating each of its few hundred fields
    # against the schema cost more than the rest of the view. The schema still documents
    # it, and the schema tests check the responses against that document.
    return HttpResponse(
        json.dumps(page_out, cls=NinjaJSONEncoder), content_type="application/json; charset=utf-8"
    )


@router.get(
    "/records/{record_id}",
    response={200: RecordOut, 404: ErrorOut},
    url_name="record",
    summary="One published record in the exchange format",
)
def record_detail(request: HttpRequest, record_id: str):
    """The record as `record.schema.json` describes it (the same JSON as the export)."""
    record = records_for_export().filter(id=record_id).first()
    if record is None:
        raise Http404(f"no published record with id {record_id!r}")
    return record_to_dict(record)

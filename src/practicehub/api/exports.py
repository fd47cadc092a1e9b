"""``/api/export``: a search result, or the whole published catalogue, as a download.

The same writers as ``practicehub export``; the web page's download buttons link here with the
search page's own parameters, so what is downloaded is what the page shows, in its order.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Any, Literal

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from practicehub.api.params import FILTER_NAMES, RecordQuery
from practicehub.api.schemas import ErrorOut
from practicehub.catalogue.export import EXTENSIONS, MEDIA_TYPES, WRITERS
from practicehub.catalogue.selectors import record_to_dict, records_as_dicts, records_for_export
from practicehub.search.services import record_search

router = Router(tags=["export"])
Format = Literal["csv", "xlsx", "json", "jsonl", "jsonld"]
_PAGE = 100
_BINARY = {"type": "string", "format": "binary"}
# What a client may parse: a JSON export is an array of records in the exchange format.
_FILE_SCHEMAS = {
    "json": {"type": "array", "items": {"$ref": "#/components/schemas/RecordOut"}},
    "jsonld": {"type": "object", "required": ["@context", "@graph"]},
}
# Kept in memory up to this size, then in a temporary file.
_SPOOL_BYTES = 8 * 1024 * 1024


def _searched(params: RecordQuery) -> Iterator[dict[str, Any]]:
    """The records of every page of the search, in the search's order."""
    filters, page = params.filters(), 1
    while True:
        try:
            result = record_search(
                query=params.q, filters=filters, page=page, per_page=_PAGE, sort=params.sort
            )
        except ValueError as exc:
            raise HttpError(400, str(exc)) from exc
        ids = [hit.record_id for hit in result.hits]
        found = records_for_export().in_bulk(ids)
        yield from (record_to_dict(found[i]) for i in ids if i in found)
        # The search may give fewer per page than asked; its own per_page says how many.
        if page * result.per_page >= result.total or not ids:
            return
        page += 1


def _is_whole_catalogue(params: RecordQuery) -> bool:
    """No query, filter or sort: the catalogue as `practicehub export` writes it (by id)."""
    return (
        not params.q.strip()
        and not any(getattr(params, name) for name in FILTER_NAMES)
        and params.sort == "relevance"
    )


@router.get(
    "/export",
    response={200: None, 400: ErrorOut},
    url_name="export",
    summary="Download records as CSV, XLSX, JSON, JSON Lines or JSON-LD",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment.",
                "content": {
                    MEDIA_TYPES[name]: {"schema": _FILE_SCHEMAS.get(name, _BINARY)}
                    for name in sorted(WRITERS)
                },
            }
        }
    },
)
def export(request: HttpRequest, params: Query[RecordQuery], format: Format = "csv"):
    """The published records matching `q` and the filters, in the search's order (or in the
    `sort` order), as a file download; with none of them, the whole catalogue by id."""
    whole = _is_whole_catalogue(params)
    if not whole:
        # Check the filters before writing starts: a bad one is a 400, not a broken file.
        params.filters()
    records = records_as_dicts() if whole else _searched(params)
    # FileResponse closes the file once it is sent.
    out = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
    WRITERS[format](records, out)
    out.seek(0)
    stamp = timezone.localdate().isoformat()
    name = f"practicehub-{'records' if whole else 'search'}-{stamp}.{EXTENSIONS[format]}"
    return FileResponse(out, as_attachment=True, filename=name, content_type=MEDIA_TYPES[format])

"""The pages: search, record, organisation, about, the original file and the result export.

Views stay thin: they read parameters, call a selector or the search service, and render.
A request made by htmx (the search form updating in place) gets only the results fragment.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from practicehub.catalogue import export as catalogue_export
from practicehub.catalogue.selectors import record_to_dict, records_for_export
from practicehub.documents.storage import original_path
from practicehub.web import search_page
from practicehub.web.selectors import catalogue_counts, organisation_page, record_page


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    context = search_page.context(request.GET)
    # htmx asks for the fragment, except when it restores a page from history (back button).
    fragment = request.htmx and not request.htmx.history_restore_request
    # A bad filter is a client error; htmx only swaps in a 2xx answer, so its fragment says so
    # in words instead.
    status = 400 if context.get("error") and not fragment else 200
    context["fragment"] = fragment
    template = "web/_results.html" if fragment else "web/search.html"
    response = render(request, template, context, status=status)
    # The same address answers with a fragment or a page: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def record_detail(request: HttpRequest, record_id: str) -> HttpResponse:
    page = record_page(record_id, include_unpublished=request.user.is_staff)
    if page is None:
        raise Http404(_("There is no record with this identifier."))
    similar = search_page.similar(page.record.id)
    return render(
        request,
        "web/record.html",
        {"page": page, "record": page.record, "similar": similar},
    )


_UNSAFE_FILENAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


def _download_name(filename: str) -> str:
    name = _UNSAFE_FILENAME.sub("_", Path(filename).name).strip(" .") or "document"
    return name[:200]


@require_safe
def record_original(request: HttpRequest, record_id: str) -> FileResponse:
    """The document the record came from, exactly as received, always as a download."""
    page = record_page(record_id, include_unpublished=request.user.is_staff)
    document = page.record.document if page else None
    if document is None:
        raise Http404(_("There is no original document for this record."))
    path = original_path(document.sha256)
    if not path.is_file():
        raise Http404(_("The original document is missing from the store."))
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=_download_name(document.filename),
        content_type=document.media_type or "application/octet-stream",
    )
    # An HTML original must never run as a page of this site, even if a browser renders it.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@require_safe
def organisation_detail(request: HttpRequest, organisation_id: str) -> HttpResponse:
    page = organisation_page(organisation_id)
    if page is None:
        raise Http404(_("There is no organisation with this identifier."))
    return render(
        request, "web/organisation.html", {"page": page, "organisation": page.organisation}
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/about.html",
        {
            "counts": catalogue_counts(),
            "formats": sorted(catalogue_export.WRITERS),
            "export_url": reverse("web:export"),
        },
    )


@require_safe
def export(request: HttpRequest) -> HttpResponse:
    """The current search result (every page of it) in one of the export formats."""
    fmt = request.GET.get("format", "csv")
    if fmt not in catalogue_export.WRITERS:
        return HttpResponse(
            _("Unknown export format: %(format)s") % {"format": fmt},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    if set(request.GET) <= {"format"}:
        # No search: the whole published catalogue, as `practicehub export` writes it.
        records = list(records_for_export())
    else:
        try:
            ids = search_page.all_result_ids(request.GET)
        except ValueError as exc:
            return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
        order = {rid: i for i, rid in enumerate(ids)}
        records = sorted(records_for_export().filter(pk__in=ids), key=lambda r: order[r.id])
    out = io.BytesIO()
    catalogue_export.WRITERS[fmt]((record_to_dict(r) for r in records), out)
    extension = {"jsonld": "jsonld", "jsonl": "jsonl"}.get(fmt, fmt)
    response = HttpResponse(out.getvalue(), content_type=catalogue_export.MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="practicehub-records.{extension}"'
    return response

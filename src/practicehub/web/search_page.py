"""The search page's state: URL parameters in, the search service's page and facets out.

Everything the page shows is decided by its GET parameters (q, the facet filters, sort, page),
so a search can be bookmarked, shared and reloaded; the export links carry the same filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue import export as catalogue_export
from practicehub.search.services import Hit, SearchFilters, record_search, records_similar
from practicehub.web.labels import kind_label, language_name
from practicehub.web.selectors import records_by_id

PER_PAGE = 20
FILTER_PARAMS = (
    "kind",
    "language",
    "theme",
    "programme",
    "organisation",
    "year",
    "target_group",
)
FACET_TITLES = {
    "kind": _("Kind"),
    "language": _("Language"),
    "theme": _("Theme"),
    "programme": _("Funding programme"),
    "organisation": _("Organisation"),
    "year": _("Year"),
    "target_group": _("Target group"),
}
SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
    "title": _("Title A–Z"),
}
# Facet values shown before the rest fold away under "more".
FACET_VISIBLE = 8


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _filter_params(params: QueryDict) -> dict[str, list[str]]:
    return {k: [v for v in params.getlist(k) if v] for k in FILTER_PARAMS if params.getlist(k)}


def context(params: QueryDict) -> dict[str, Any]:
    query = params.get("q", "").strip()
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        sort = "relevance"
    page = _page_number(params.get("page"))
    selected = _filter_params(params)
    error = ""
    try:
        filters = SearchFilters.from_params(selected)
    except ValueError as exc:
        error, filters, selected = str(exc), SearchFilters(), {}
    result = record_search(query=query, filters=filters, page=page, per_page=PER_PAGE, sort=sort)
    last_page = max(1, -(-result.total // PER_PAGE))
    if page > last_page and result.total:
        page = last_page
        result = record_search(
            query=query, filters=filters, page=page, per_page=PER_PAGE, sort=sort
        )
    records = records_by_id([h.record_id for h in result.hits])
    hits = [
        {
            "hit": h,
            "record": records[h.record_id],
            "kind_label": kind_label(records[h.record_id].kind),
            "language_name": language_name(records[h.record_id].language),
        }
        for h in result.hits
        if h.record_id in records
    ]
    facets = []
    for key in FILTER_PARAMS:
        values = result.facets.get(key, [])
        chosen = set(selected.get(key, []))
        options = [
            {"value": fc.value, "label": fc.label, "count": fc.count, "checked": fc.value in chosen}
            for fc in values
        ]
        # Chosen values always show, then the largest counts, the rest under "more".
        shown = [o for o in options if o["checked"]]
        shown += [o for o in options if not o["checked"]][: max(0, FACET_VISIBLE - len(shown))]
        more = [o for o in options if o not in shown]
        if options:
            facets.append({"key": key, "title": FACET_TITLES[key], "shown": shown, "more": more})
    state: list[tuple[str, str]] = [("q", query)] if query else []
    state += [(k, v) for k, vs in selected.items() for v in vs]
    if sort != "relevance":
        state.append(("sort", sort))
    return {
        "query": query,
        "sort": sort,
        "sorts": SORTS,
        "page": page,
        "last_page": last_page,
        "total": result.total,
        "first": (page - 1) * PER_PAGE + 1 if result.total else 0,
        "last": min(page * PER_PAGE, result.total),
        "hits": hits,
        "facets": facets,
        "selected": [
            {"key": k, "value": v, "label": _chosen_label(k, v, result.facets)}
            for k, vs in selected.items()
            for v in vs
        ],
        "error": error,
        "state": urlencode(state),
        "pages": _page_links(page, last_page),
        "export_formats": export_formats(),
    }


def export_formats() -> list[str]:
    """The registered export writers, spreadsheet formats first."""
    preferred = ["csv", "xlsx", "json", "jsonld", "jsonl"]
    known = set(catalogue_export.WRITERS)
    return [f for f in preferred if f in known] + sorted(known - set(preferred))


def _chosen_label(key: str, value: str, facets: Mapping[str, list[Any]]) -> str:
    for fc in facets.get(key, []):
        if fc.value == value:
            return fc.label
    if key == "language":
        return language_name(value)
    if key == "kind":
        return kind_label(value)
    return value


def _page_links(page: int, last_page: int) -> list[int | None]:
    """Page numbers to link, None where a run is left out: 1 … 4 5 [6] 7 8 … 20."""
    wanted = {1, last_page, *range(page - 2, page + 3)}
    out: list[int | None] = []
    for n in range(1, last_page + 1):
        if n in wanted:
            out.append(n)
        elif out and out[-1] is not None:
            out.append(None)
    return out


def all_result_ids(params: QueryDict) -> list[str]:
    """Every record id of the search the parameters describe, in result order."""
    filters = SearchFilters.from_params(_filter_params(params))
    sort = params.get("sort") or "relevance"
    query = params.get("q", "").strip()
    ids: list[str] = []
    page = 1
    while True:
        result = record_search(query=query, filters=filters, page=page, per_page=200, sort=sort)
        ids += [h.record_id for h in result.hits]
        if not result.hits or len(ids) >= result.total:
            return ids
        page += 1


def similar(record_id: str, limit: int = 5) -> list[dict[str, Any]]:
    hits: list[Hit] = records_similar(record_id, limit=limit)
    records = records_by_id([h.record_id for h in hits])
    return [
        {"record": records[h.record_id], "kind_label": kind_label(records[h.record_id].kind)}
        for h in hits
        if h.record_id in records
    ]

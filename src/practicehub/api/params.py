"""The query parameters shared by the record list and the export: the search page's filters."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from ninja.errors import HttpError

from practicehub.search.services import SearchFilters

Sort = Literal["relevance", "newest", "oldest", "title"]
FILTER_NAMES = ("kind", "language", "theme", "programme", "organisation", "year", "target_group")


class RecordQuery(Schema):
    q: str = Field("", description="Words to search for, in any language; empty for all.")
    kind: list[str] = Field([], description="project or good_practice; repeat for either.")
    language: list[str] = Field([], description="Language code of the record, e.g. lt, en.")
    theme: list[str] = Field([], description="Theme id (see /api/vocabularies).")
    programme: list[str] = Field([], description="Funding programme id (see /api/vocabularies).")
    organisation: list[str] = Field([], description="Organisation id (see /api/organisations).")
    year: list[str] = Field([], description="A year the record's period covers, e.g. 2019.")
    target_group: list[str] = Field([], description="Target group as the facet lists it.")
    sort: Sort = "relevance"

    def filters(self) -> SearchFilters:
        """The filters, checked: an unknown value is the client's mistake (HTTP 400)."""
        try:
            return SearchFilters.from_params({name: getattr(self, name) for name in FILTER_NAMES})
        except ValueError as exc:
            raise HttpError(400, str(exc)) from exc

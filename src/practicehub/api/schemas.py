"""The API's output shapes, so the OpenAPI document says exactly what each endpoint returns.

``RecordOut`` mirrors ``shared/schema/record.schema.json`` (the exchange format of
``catalogue.selectors.record_to_dict``) field for field.
"""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

Kind = Literal["project", "good_practice"]
Role = Literal["provider", "coordinator", "partner", "funder", "implementer", "member", "other"]
SectionKey = Literal[
    "organisation",
    "contacts",
    "aim",
    "objectives",
    "partners",
    "target_group",
    "duration",
    "description",
    "activities",
    "impact",
    "advice",
    "funding",
    "other",
]
Status = Literal["draft", "review", "published", "archived"]
_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


class ErrorOut(Schema):
    status: int = Field(description="The HTTP status code, repeated.")
    detail: str = Field(description="What was wrong, in words.")


class SectionOut(Schema):
    key: SectionKey
    heading: str | None
    text: str


class RecordOrganisationOut(Schema):
    name: str
    role: Role
    acronym: str | None
    country: str | None
    organisation_id: str | None


class FundingOut(Schema):
    programme: str | None = Field(description="Programme id (see /api/vocabularies) or null.")
    text: str


class PeriodOut(Schema):
    start: str | None = Field(pattern=_DATE)
    end: str | None = Field(pattern=_DATE)


class ContactsOut(Schema):
    emails: list[str]
    websites: list[str]
    addresses: list[str]


class SourceOut(Schema):
    file: str
    sha256: str
    span: list[int] | None


class RecordOut(Schema):
    """One record in the exchange format (``record.schema.json``)."""

    id: str
    kind: Kind
    title: str = Field(min_length=1)
    language: str = Field(pattern=r"^[a-z]{2}$")
    summary: str
    sections: list[SectionOut]
    objectives: list[str]
    activities: list[str]
    organisations: list[RecordOrganisationOut]
    funding: list[FundingOut]
    project_numbers: list[str]
    period: PeriodOut
    target_groups: list[str]
    themes: list[str]
    contacts: ContactsOut
    source: SourceOut
    status: Status


class RecordHitOut(Schema):
    id: str
    kind: Kind
    title: str
    language: str
    summary: str
    period: PeriodOut
    themes: list[str]
    score: float = Field(description="Relevance to the query; higher is better.")
    snippet: str = Field(description="Safe HTML: text escaped, matches in <mark>...</mark>.")
    url: str = Field(description="This record in the API.")


class FacetCountOut(Schema):
    value: str = Field(description="The value to pass back as a filter.")
    label: str
    count: int


class RecordPageOut(Schema):
    query: str
    total: int
    page: int
    per_page: int
    pages: int
    items: list[RecordHitOut]
    facets: dict[str, list[FacetCountOut]] = Field(
        description="Per filter (kind, language, theme, programme, organisation, year, "
        "target_group): the values in the filtered result and how many records have each."
    )


class OrganisationSummaryOut(Schema):
    id: str
    name: str
    acronym: str | None
    country: str | None
    records: int = Field(description="How many published records name it.")
    url: str


class OrganisationPageOut(Schema):
    query: str
    total: int
    page: int
    per_page: int
    pages: int
    items: list[OrganisationSummaryOut]


class OrganisationNameOut(Schema):
    name: str
    language: str | None


class OrganisationRecordOut(Schema):
    id: str
    title: str
    kind: Kind
    language: str
    roles: list[Role]
    url: str


class PartnerOut(Schema):
    id: str
    name: str
    shared_records: int
    url: str


class OrganisationOut(Schema):
    id: str
    name: str
    acronym: str | None
    country: str | None
    names: list[OrganisationNameOut] = Field(description="Every spelling the registry has seen.")
    records: list[OrganisationRecordOut]
    partners: list[PartnerOut] = Field(description="Organisations it shares records with.")


class ThemeOut(Schema):
    id: str
    label_en: str
    label_lt: str
    eurovoc: str | None


class ProgrammeOut(Schema):
    id: str
    name_en: str
    name_lt: str
    scope: str | None
    parent: str | None


class VocabulariesOut(Schema):
    themes: list[ThemeOut]
    programmes: list[ProgrammeOut]

"""What extraction hands to storage: one ``RecordDraft`` per record found in a document.

Offsets are in the document's text (not the record's), so a value can be shown in its place.
Empty strings, empty lists and ``None`` mean "the text does not say"; extraction never guesses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Span = tuple[int, int]


@dataclass(slots=True)
class Section:
    key: str
    heading: str | None
    text: str
    span: Span | None = None


@dataclass(slots=True)
class OrganisationMention:
    name: str
    role: str
    acronym: str | None = None
    country: str | None = None
    span: Span | None = None
    # The same organisation's name in another language, where the text links the two.
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FundingMention:
    text: str
    programme: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class RecordDraft:
    kind: str
    title: str
    language: str
    span: Span
    summary: str = ""
    sections: list[Section] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    organisations: list[OrganisationMention] = field(default_factory=list)
    funding: list[FundingMention] = field(default_factory=list)
    project_numbers: list[str] = field(default_factory=list)
    period_start: str | None = None
    period_end: str | None = None
    target_groups: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    # Field name -> spans of the text each value was taken from.
    provenance: dict[str, list[Span]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

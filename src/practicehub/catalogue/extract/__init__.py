"""From a document's text and blocks to the records it holds.

``extract_records`` runs the stages in order; each stage is a module with one job:

1. ``lines``     blocks -> lines with offsets and shape (bullets, numbers, blank lines before).
2. ``segment``   lines -> one group of lines per record (separators, repeated forms, pages,
                 headings); a document without such signals is one record.
3. ``form``      a record's lines -> its parts, at the labels of the nine-part good-practice form
                 and of labelled project pages; the lines before the first label are its head.
4. ``kind``      project or good practice; the family's rules (``FAMILIES``) then say how the
                 head is keyed and where role phrases are read.
5. ``fields``, ``organisations``, ``programmes``, ``dates``, ``themes``: the values, each with
                 the spans it came from (``RecordDraft.provenance``).

A stage that finds nothing leaves its field empty: no value is ever made up. Offsets are in the
document's text, so every value can be shown in its place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from practicehub.catalogue.extract import fields, organisations, programmes, themes
from practicehub.catalogue.extract.countries import countries_in
from practicehub.catalogue.extract.dates import (
    EVENT_CUE,
    EVENT_WORD,
    ONLY_A_RANGE,
    PERIOD_CUE,
    is_dateline,
    only_year,
    period_in,
)
from practicehub.catalogue.extract.draft import (
    FundingMention,
    OrganisationMention,
    RecordDraft,
    Section,
    Span,
)
from practicehub.catalogue.extract.form import Part, label_at, split_parts
from practicehub.catalogue.extract.kind import record_kind
from practicehub.catalogue.extract.labels import match_label
from practicehub.catalogue.extract.lines import Line, lines_from_blocks, split_embedded_labels
from practicehub.catalogue.extract.literals import may_match, needed
from practicehub.catalogue.extract.names import (
    has_head,
    has_legal_form,
    head_concepts,
    is_acronym,
    name_key,
    quoted_part,
)
from practicehub.catalogue.extract.owner import carry_intro_roles, carry_owner
from practicehub.catalogue.extract.roster import read_rosters
from practicehub.catalogue.extract.segment import Segment, segment
from practicehub.catalogue.extract.text import fold, sentences
from practicehub.documents.readers.base import Block

__all__ = ["FAMILIES", "extract_records"]


@dataclass(frozen=True, slots=True)
class Family:
    """How one family of documents is read where the families differ."""

    head_key: str
    # Role of the organisations listed under an "organisation" label ("Organizacija:").
    organisation_role: str
    # Parts whose running text tells stories about other projects and events (a form's
    # description): role phrases there do not name the record's own organisations.
    narrative_keys: frozenset[str]
    # Role of the organisation a contacts part opens with, where no part names the record's
    # organisation (a form's provider is whoever gives its contacts), or None.
    contacts_role: str | None = None


FAMILIES: dict[str, Family] = {}


def family(kind: str, spec: Family) -> None:
    FAMILIES[kind] = spec


family(
    "good_practice",
    Family(
        head_key="other",
        organisation_role="provider",
        narrative_keys=frozenset({"description", "impact", "activities", "aim"}),
        contacts_role="provider",
    ),
)
family(
    "project",
    Family(head_key="description", organisation_role="implementer", narrative_keys=frozenset()),
)


def extract_records(text: str, blocks: list[Block], language: str) -> list[RecordDraft]:
    """One draft per record found in the document, in document order."""
    lines, _page_breaks = lines_from_blocks(text, blocks)
    lines = split_embedded_labels(lines)
    if not lines:
        return []
    drafts = [_record(text, seg, _language(seg, blocks, language)) for seg in segment(lines)]
    drafts = [d for d in drafts if d is not None]
    # Programme and call descriptions beside real records are not records; a document that
    # holds nothing else keeps them (it is still stored, for an editor to judge).
    projects = [d for d in drafts if not _describes_a_programme(d) and not _editorial(d)]
    drafts = projects or drafts
    _resolve_elliptic_funding(drafts)
    carry_owner(text, drafts)
    carry_intro_roles(text, drafts)
    return drafts


def _describes_a_programme(draft: RecordDraft) -> bool:
    """A programme's or a call's description ("Asylum, Migration and Integration Fund (AMIF)"
    and what it pays for) is no project: its title is a programme's name and it names
    no organisation that runs anything, no period, no project number and no contact."""
    runs = [o for o in draft.organisations if o.role != "funder"]
    if runs or draft.project_numbers:
        return False
    if _CALL.search(fold(draft.title)):
        return True  # "Call for proposals – summary for applicants"
    matches = programmes.find_programmes(draft.title, keep_parents=True)
    covered = sum(m.end - m.start for m in matches)
    return covered >= 0.6 * len(draft.title) and not (draft.period_start or draft.emails)


# The sections of a newsletter, bulletin or annual report around its records: the editor's or
# chair's word, contents, calendars, calls, thanks, the team, finances, subscription footers.
_EDITORIAL = re.compile(
    r"^(?:(?:a )?word (?:from|of) the \w+|foreword|editorial|(?:table of )?contents|in this issue"
    r"|(?:upcoming )?events|calendar|funding opportunities|opportunities|news in brief|thank you"
    r"|thanks|acknowledg\w+|(?:board|staff|our team|team)(?: and (?:team|staff|board))?"
    r"|about us|who we are|finances?|financial (?:information|report|summary)|\d{4} in numbers"
    r"|in numbers|advocacy and campaigns|membership|annual general meeting|general assembly"
    r"|turinys|pratarme|\w+ zodis|padekos?(?: ir kontaktai)?|renginiai|naujienos trumpai"
    r"|finansine informacija|apie (?:mus|asociacija|organizacija)|inhalt|vorwort|impressum"
    r"|sommaire|edito(?:rial)?|spis tresci|saturs)\W*$"
    r"|\b(?:unsubscribe|newsletter as a member|you receive this|atsisakyti naujienlaiskio)\b"
)


def _editorial(draft: RecordDraft) -> bool:
    """A section around the records, not a record, by its heading; it names no project
    number and no period of its own."""
    if draft.project_numbers or draft.period_start:
        return False
    title = fold(draft.title).strip()
    return bool(_EDITORIAL.search(title)) or "@" in title  # "Network | bulletin@..."


_CALL = re.compile(
    r"\b(?:call for (?:proposals|applications)|kvietim\w* teikti|aufruf|ausschreibung"
    r"|uzaicinajum\w*|nabor wnioskow|konkurs na)\b"
)


def _language(seg: Segment, blocks: list[Block], default: str) -> str:
    counts: Counter[str] = Counter()
    for b in blocks:
        if b.language and b.start < seg.end and seg.start < b.end and b.kind != "page_break":
            counts[b.language] += min(b.end, seg.end) - max(b.start, seg.start)
    return counts.most_common(1)[0][0] if counts else default


def _record(text: str, seg: Segment, language: str) -> RecordDraft | None:
    lines = seg.lines
    parts = split_parts(lines)
    prov: dict[str, list[Span]] = {}

    title, title_span = _title(parts, lines)
    kind = record_kind(title, parts, "\n".join(ln.text for ln in lines))
    rules = FAMILIES[kind]
    if kind == "good_practice" and fields.is_generic_title(title):
        named = _title_from_aim(parts)
        if named is not None:
            title, title_span = named
    if not title:
        return None
    for part in parts:
        if part.label is None and part.key == "description":
            part.key = rules.head_key if part is parts[0] else part.key
    prov["title"] = [title_span]

    draft = RecordDraft(
        kind=kind, title=title, language=language, span=(seg.start, seg.end), provenance=prov
    )
    roster = _rosters(parts)
    draft.sections = _sections(parts)
    if kind == "good_practice":
        _form_keys(draft.sections, parts)
    _summary(draft, parts, title_span)
    _organisations(draft, text, parts, rules, roster)
    _lists(draft, parts)
    _funding(draft, text, parts, rules)
    _numbers_and_contacts(draft, text, seg, parts)
    _period(draft, text, parts)
    _themes(draft, text, parts)
    return draft


def _rosters(parts: list[Part]) -> tuple[list[OrganisationMention], list[Span]]:
    """The record's rosters of organisations; a "Participants" heading over one lists partners,
    not the people a project is for."""
    is_prog = programmes.is_programme_name
    found, taken = read_rosters(
        [ln for p in parts for ln in ([p.heading_line] if p.heading_line else []) + p.lines],
        lambda raw, at, role: organisations.parse_name(raw, at, role, is_programme=is_prog),
    )
    for part in parts:
        if (
            part.key == "target_group"
            and part.lines
            and _inside((part.lines[0].start, part.lines[0].end), taken)
        ):
            part.key = "partners"
    return found, taken


# --- title, sections, summary --------------------------------------------------------------------


def _title(parts: list[Part], lines: list[Line]) -> tuple[str, Span]:
    for part in parts:
        if part.label is not None and part.label.kind.special == "title":
            pieces = part.body_pieces()
            if pieces:
                start, end, body = pieces[0]
                return fields.clean_title(body), (start, end)
    head = parts[0].lines if parts and parts[0].label is None else []
    # A heading that names the document's type or collection ("Good practice example", "Baza
    # dobrych praktyk", "FICHE PROJET") stands above the record's own title.
    shaped = [ln for ln in head[:4] if ln.kind == "heading" or ln.title_shaped(30)]
    while len(shaped) > 1 and fields.is_generic_title(shaped[0].text):
        shaped = shaped[1:]
        return fields.clean_title(shaped[0].text), (shaped[0].start, shaped[0].end)
    # A generic heading over a named one ("Ficha de projeto" above the project's name, under a
    # running header): the named one.
    headings = [ln for ln in head if ln.kind == "heading"]
    named = [ln for ln in headings[:3] if not fields.is_generic_title(ln.text)]
    heading = named[0] if named else next(iter(headings), None)
    if heading is not None:
        return fields.clean_title(heading.text), (heading.start, heading.end)
    first = lines[0]
    if first.marker and not first.bullet and first.word_count <= 20 and not first.ends_sentence:
        return fields.clean_title(first.text), (first.start, first.end)  # a numbered title
    if label_at(lines, 0) is None and first.title_shaped(30):
        return fields.clean_title(first.text), (first.start, first.end)
    if label_at(lines, 0) is None:
        value = fields.first_sentence(first.text, first.start)
        if value is not None:
            return fields.clean_title(value.text), value.span
    # The record opens with a label: its first line is the only name the source gives.
    return fields.clean_title(first.text[:200]), (
        first.start,
        first.start + min(len(first.text), 200),
    )


def _title_from_aim(parts: list[Part]) -> tuple[str, Span] | None:
    """A form under a generic heading is named by its practice's aim (its first line)."""
    for part in parts:
        if part.key == "aim":
            for start, end, body in part.body_pieces():
                if 0 < len(body.split()) <= 30:
                    return fields.clean_title(body), (start, end)
                value = fields.first_sentence(body, start)
                if value is not None:
                    return fields.clean_title(value.text), value.span
    return None


def _sections(parts: list[Part]) -> list[Section]:
    out = []
    for i, part in enumerate(parts):
        pieces = part.body_pieces()
        heading = part.label.heading if part.label else None
        if heading is None and part.lines and part.lines[0].column:
            heading = part.lines[0].column  # a table's cell under a heading no label knows
        if i == 0 and part.label is None and pieces:
            # The head: its first line (the title) is the section's heading.
            first = part.lines[0]
            if first.title_shaped(30):
                heading = first.text
                pieces = pieces[1:]
        body = "\n".join(p[2] for p in pieces)
        start = part.heading_line.start if part.heading_line else (part.lines[0].start)
        end = pieces[-1][1] if pieces else (part.heading_line or part.lines[0]).end
        out.append(Section(key=part.key, heading=heading, text=body, span=(start, end)))
    return out


# The nine-part form has no activities, objectives, background or budget parts: what was done
# is its description, its objectives are its aim, the problem it answers and what it cost are
# none of the nine.
_FORM_KEYS = {"activities": "description", "objectives": "aim"}


def _form_keys(sections: list[Section], parts: list[Part]) -> None:
    for section, part in zip(sections, parts, strict=True):
        if part.label is not None and part.label.kind.special in ("background", "budget"):
            section.key = "other"
        else:
            section.key = _FORM_KEYS.get(section.key, section.key)


def _summary(draft: RecordDraft, parts: list[Part], title_span: Span) -> None:
    order = ("description", "aim", "other") if draft.kind == "good_practice" else ()
    candidates: list[tuple[int, int, str]] = []
    for key in order:
        for part in parts:
            if part.key == key and (part.label is not None or key != "other"):
                candidates.extend(p for p in part.body_pieces() if not _is_list_piece(part, p))
        if candidates:
            break
    if not candidates:
        for part in parts:
            if part.label is None or part.key in ("description", "aim"):
                candidates.extend(
                    p
                    for p in part.body_pieces()
                    if p[0] >= title_span[1] and not _is_list_piece(part, p)
                )
    # A news page's dateline ("Published 14 March 2024") opens its text but says nothing of
    # the project.
    # A generator: a piece is tested only until the summary is found.
    value = fields.summary_of(
        _facts_last(p for p in candidates if len(p[2].split()) >= 4 and not is_dateline(p[2]))
    )
    if value is not None:
        draft.summary = value.text
        draft.provenance["summary"] = [value.span]


def _facts_last(
    pieces: Iterable[tuple[int, int, str]],
) -> Iterator[tuple[int, int, str]]:
    """The pieces in order, those that only say who paid and under which number ("Projektas
    finansuojamas iš PMIF lėšų. Projekto Nr. PMIF-2.1.3-K-02-0012.") after the others: a
    summary says what the project does, and only a record with nothing else gets those."""
    held = []
    for piece in pieces:
        said = sentences(piece[2], piece[0])
        if said and all(
            programmes.is_funding_statement(s[2])
            or (len(s[2].split()) <= 8 and fields.project_numbers_of(s[2], s[0]))
            for s in said
        ):
            held.append(piece)
        else:
            yield piece
    yield from held


def _is_list_piece(part: Part, piece: tuple[int, int, str]) -> bool:
    return any(ln.start == piece[0] and ln.is_list_item for ln in part.lines)


def _lists(draft: RecordDraft, parts: list[Part]) -> None:
    found = fields.lists_of(parts)
    names = [o.span for o in draft.organisations if o.span]
    targets = found["target_groups"] + fields.target_groups_of(
        parts, lithuanian=draft.language == "lt", english=draft.language == "en", avoid=names
    )
    for name, values in (
        ("objectives", found["objectives"]),
        ("activities", found["activities"]),
        ("target_groups", targets),
    ):
        seen: set[str] = set()
        kept = []
        for v in values:
            key = fold(v.text)
            if key not in seen:
                seen.add(key)
                kept.append(v)
        setattr(draft, name, [v.text for v in kept])
        if kept:
            draft.provenance[name] = [v.span for v in kept]


# --- organisations and funding -------------------------------------------------------------------


def _organisations(
    draft: RecordDraft,
    text: str,
    parts: list[Part],
    rules: Family,
    roster: tuple[list[OrganisationMention], list[Span]],
) -> None:
    found: list[OrganisationMention] = []
    is_prog = programmes.is_programme_name
    own_part = 0  # organisations named under an "organisation" label
    for part in parts:
        if part.key == "organisation" and part.label is not None:
            role = part.role if part.role != "provider" else rules.organisation_role
            if rules.contacts_role and role in ("coordinator", "implementer"):
                # A form's "Vykdytojas" or "Coordinator" is the practice's provider.
                role = rules.contacts_role
            for start, _end, body in part.body_pieces()[:3]:
                first = sentences(body, start)[:1]
                for s_start, _s_end, sentence in first:
                    sentence = sentence[: organisations.list_extent(_unjoined(sentence))]
                    if len(sentence.split()) <= 25:
                        named = organisations.names_in(
                            sentence, s_start, role, is_programme=is_prog, joiners=True
                        )
                        found.extend(named)
                        own_part += len(named)
        elif part.key == "partners" and part.label is not None:
            role = part.role or "partner"
            for start, _end, body, numbered in _unmarked(part):
                one = _one_partner(body, start, role, is_prog) if numbered else None
                if one is not None:
                    # "Partner 3. Kaunas territorial division of ... and Adoption Service (LT)":
                    # a numbered line holds one partner, "and" and all.
                    found.append(one)
                    continue
                for s_start, _s_end, sentence in sentences(body, start)[:1]:
                    sentence = sentence[: organisations.list_extent(sentence)]
                    if len(sentence.split()) <= 60:
                        found.extend(
                            organisations.names_in(sentence, s_start, role, is_programme=is_prog)
                        )
                # Later sentences that list names after a copula ("Community organisations
                # that nominate members are the X, the Y and the Z.").
                for s_start, _s_end, sentence in sentences(body, start)[1:]:
                    cue = _LIST_CUE.search(sentence)
                    if cue is None:
                        continue
                    rest = sentence[cue.end() :]
                    rest = rest[: organisations.list_extent(rest)]
                    for mention in organisations.names_in(
                        rest, s_start + cue.end(), role, is_programme=is_prog
                    ):
                        if has_head(mention.name) or has_legal_form(mention.name):
                            found.append(mention)
                # Items that describe their organisation ("X, which refers clients; the Y,
                # whose nurses ..."): the name opens each item.
                taken = [o.span for o in found if o.span]
                for at, head in organisations.item_heads(body):
                    mention = organisations.parse_name(head, start + at, role, is_programme=is_prog)
                    if mention is None or not mention.span:
                        continue
                    if any(a < mention.span[1] and mention.span[0] < b for a, b in taken):
                        continue  # read already from the list
                    if has_head(mention.name) or has_legal_form(mention.name) or quoted_part(head):
                        found.append(mention)
        elif part.key == "funding" and part.label is not None:
            for start, _end, body in part.body_pieces():
                found.extend(
                    organisations.names_in(body, start, "funder", is_programme=is_prog, funder=True)
                )
    if rules.contacts_role and not own_part:
        # No organisation part, or one that names a person ("Coordinator: Laima S."): the
        # organisation the contacts open with provides the practice, whatever other part
        # names it too ("Who is involved: Šiauliai City Municipality runs ...").
        found[:0] = _contacts_organisation(parts, rules.contacts_role)
    for part in parts:
        # In a form's narrative parts only "funded by" speaks of the record itself.
        roles = {"funder"} if part.key in rules.narrative_keys else None
        for start, _end, body in part.body_pieces():
            found.extend(organisations.from_phrases(body, start, roles=roles, is_programme=is_prog))
    rostered, taken = roster
    if rostered:
        # A roster says each name's role and country line by line: what other readings took
        # from those lines gives way to it.
        found = [o for o in found if not o.span or not _inside(o.span, taken)] + rostered
    draft.organisations = organisations.dedupe(found)
    for o in draft.organisations:
        if o.acronym is None and is_acronym(o.name):
            o.acronym = o.name  # "WRAC implements the project ...": known by its acronym only
    _municipal_budget(draft.organisations, parts)
    if rules.contacts_role:
        _provider_country(draft.organisations, parts, rules.contacts_role)
    else:
        _lead_country(draft.organisations, parts)
    if draft.organisations:
        draft.provenance["organisations"] = [o.span for o in draft.organisations if o.span]


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


_MUNICIPAL_BUDGET = re.compile(
    r"\b(?:municipal|city|council|district|town) budget|\bbudget of the (?:municipality|city)"
    r"|\b(?:savivaldybes|miesto|rajono) (?:biudzet|lesomis|lesu)|\bbudzet\w* (?:gminy|miasta)"
    r"|\bpasvaldibas budzet|\b(?:kommunal|stadt)haushalt"
)
# The strings a match needs: most records lack them, and looking for them costs less.
_MUNICIPAL_BUDGET_NEEDS = needed(_MUNICIPAL_BUDGET)


def _municipal_budget(found: list[OrganisationMention], parts: list[Part]) -> None:
    """ "Covered by the municipal budget", "savivaldybės biudžeto lėšomis": the one municipality
    the record names pays too, whatever else it does."""
    text = fold("\n".join(p.body_text() for p in parts))
    if not may_match(_MUNICIPAL_BUDGET_NEEDS, text) or not _MUNICIPAL_BUDGET.search(text):
        return
    # The municipality itself, not one of its departments ("... savivaldybės administracijos
    # Strateginio planavimo skyrius").
    towns = [o for o in found if head_concepts(o.name.split()[-1]) == {"municipality"}]
    if len({name_key(o.name) for o in towns}) != 1 or any(o.role == "funder" for o in towns):
        return
    town = towns[0]
    found.append(replace(town, role="funder", aliases=list(town.aliases)))


_COUNTRY_LABEL = re.compile(r"^(?:countr(?:y|ies)|salis|land|pays|kraj|valsts)\b")


def _provider_country(found: list[OrganisationMention], parts: list[Part], role: str) -> None:
    """A form's providing organisation is in the one country its own part names ("..., a
    volunteer organisation in Utena, Lithuania"), else in the form's "Country" row, else in
    the country its contact address's postal code says ("LT-44146")."""
    providers = [o for o in found if o.role == role and not o.country]
    if not providers:
        return
    own = {p.key: p for p in parts if p.label is not None}

    country = None
    if "organisation" in own:
        country = _single_country([p for p in parts if p.key == "organisation" and p.label])
    if country is None:
        country = _row_country(parts)
    if country is None and "contacts" in own:
        country = _single_country([p for p in parts if p.key == "contacts" and p.label])
    if country is not None:
        for o in providers:
            o.country = country


def _single_country(parts: list[Part]) -> str | None:
    codes = set().union(*(countries_in(p.body_text()) for p in parts))
    return next(iter(codes)) if len(codes) == 1 else None


def _row_country(parts: list[Part]) -> str | None:
    """The one country the record's "Country" rows name."""
    rows = [p for p in parts if p.label and _COUNTRY_LABEL.match(fold(p.label.heading).strip())]
    return _single_country(rows) if rows else None


def _lead_country(found: list[OrganisationMention], parts: list[Part]) -> None:
    """A project's card names one country ("Grantee | Senior Women's Club of Jelgava",
    "Country | Latvia"): it is where the one organisation that leads the project is."""
    leads = [o for o in found if o.role in ("coordinator", "implementer")]
    if len({name_key(o.name) for o in leads}) != 1 or any(o.country for o in leads):
        return
    country = _row_country(parts)
    if country is not None:
        for o in leads:
            o.country = country


_LIST_CUE = re.compile(
    r"\s(?:are|were|include|included|includes|yra|buvo|sind|waren)\s+(?:the\s+)?"
)


# A partner's number written before its name, as application forms and result databases
# number them ("Partner 2. Stiftelsen Trygg Barndom (SE)", "P3 – ...", "Partneris Nr. 2:").
_PARTNER_NUMBER = re.compile(
    r"^\s*(?:partner(?:is|ė)?|partenaire|participant|beneficiary|dalyvis|p)\s*(?:nr\.?|no\.?|#)?"
    r"\s*\d{1,2}\s*(?:[.:)]|\s[-–—])\s*",
    re.IGNORECASE,
)


def _one_partner(
    body: str, start: int, role: str, is_prog: Callable[[str], bool]
) -> OrganisationMention | None:
    if len(body.split()) > 20 or ";" in body:
        return None
    return organisations.parse_name(body.rstrip(" ."), start, role, is_programme=is_prog)


def _unmarked(part: Part) -> list[tuple[int, int, str, bool]]:
    """The part's body pieces with list markers and partner numbers left out ("• Kauno
    apylinkės teismas", "Partner 2. Stiftelsen Trygg Barndom"), each saying whether it had a
    partner number."""
    marked = {ln.start: ln for ln in part.lines if ln.marker}
    out = []
    for start, end, body in part.body_pieces():
        line = marked.get(start)
        if line is not None:
            start, body = line.body_start, line.body
        number = _PARTNER_NUMBER.match(body)
        numbered = number is not None and number.end() < len(body)
        if numbered:
            start, body = start + number.end(), body[number.end() :]
        out.append((start, end, body, numbered))
    return out


def _contacts_organisation(parts: list[Part], role: str) -> list[OrganisationMention]:
    """The organisation a contacts part opens with ("Vilniaus tarptautinė progimnazija
    „Kompasas“, Žirmūnų g. 70, ..."), when it reads as one; a person's name does not."""
    for part in parts:
        if part.key != "contacts" or part.label is None:
            continue
        for start, _end, body in part.body_pieces()[:1]:
            for mention in organisations.names_in(body, start, role)[:1]:
                name = mention.name
                if has_head(name) or has_legal_form(name) or quoted_part(body) or mention.acronym:
                    return [mention]
    return []


def _unjoined(sentence: str) -> str:
    """The sentence with "kartu su" blanked, so that a part's list does not stop at it."""
    return organisations.JOINER.sub(lambda m: " " * len(m.group(0)), sentence)


def _funding(draft: RecordDraft, text: str, parts: list[Part], rules: Family) -> None:
    statements: list[tuple[int, int, str]] = []
    # Names of the organisations that run the project are no programmes' ("Centre for
    # Equality Initiatives" is not the EQUAL initiative); a funder may be one (a ministry).
    runners = {
        text[o.span[0] : o.span[1]]
        for o in draft.organisations
        if o.span and o.role != "funder" and o.span[1] - o.span[0] > 3
    }
    calls: list[tuple[int, int, str]] = []
    for part in parts:
        if _call_part(part):
            # The call a project answered names its programme ("Call: AMIF-2020-AG-CALL").
            calls.extend(part.body_pieces()[:1])
            continue
        if part.key == "funding" and part.label is not None and part.heading_line is not None:
            line = part.heading_line
            # The heading line holds any value put after its label ("Programme: Erasmus+").
            following = "\n".join(ln.text for ln in part.lines)
            end = part.body_pieces()[-1][1] if part.body_pieces() else line.end
            text = f"{line.text}\n{following}".strip()
            if line.column:  # a table's cell under its column's heading: "Grant, EUR" "9 500"
                text = f"{line.column}\n{text}"
            statements.append((line.start, end, text))
            continue
        # A form's story of what happened speaks of other projects too; there only a sentence
        # about the practice itself says what funds it ("Programa 2019–2021 m. finansuota ...").
        narrative = part.key in rules.narrative_keys and part.key in ("description", "impact")
        for start, _end, body in part.body_pieces():
            cues = programmes.funding_cues(body)
            for s in sentences(body, start):
                if narrative and not _ABOUT_ITSELF.match(fold(s[2])):
                    continue
                cued = cues.touch(s[0] - start, s[1] - start)
                if (cued and programmes.is_funding_statement(s[2])) or programmes.names_its_project(
                    s[2]
                ):
                    statements.append(s)
    mentions: list[FundingMention] = []
    for start, end, statement in statements:
        statement = statement.strip()
        searched = programmes.without_project_titles(statement)
        for name in runners:
            searched = searched.replace(name, " " * len(name))
        # The record's own name is no programme's ("The EQUAL VOICES project was funded by
        # ..." is not the EQUAL initiative).
        if len(draft.title) > 3:
            searched = re.sub(
                re.escape(draft.title), lambda m: " " * len(m.group(0)), searched, flags=re.I
            )
        matches = programmes.find_programmes(searched)
        if not matches:
            mentions.append(FundingMention(text=statement, programme=None, span=(start, end)))
        for m in matches:
            mentions.append(
                FundingMention(text=statement, programme=m.programme, span=(start, end))
            )
    for start, end, call in calls:
        mentions.extend(
            FundingMention(text=call, programme=m.programme, span=(start, end))
            for m in programmes.find_programmes(call)
        )
    draft.funding = mentions
    if mentions:
        draft.provenance["funding"] = [m.span for m in mentions if m.span]


_ABOUT_ITSELF = re.compile(
    r"^(?:the |this |our )?(?:good )?(?:practice|programme|program|initiative|praktika|programa"
    r"|iniciatyva|sios praktikos|si praktika)\b"
)


def _resolve_elliptic_funding(drafts: list[RecordDraft]) -> None:
    """A statement naming no programme takes the one its record's project number names, or the
    one another record of the same document names in full ("by the European Fund" after "the
    European Fund for the Integration of non-EU Nationals")."""
    named = {f.programme for d in drafts for f in d.funding if f.programme}
    for draft in drafts:
        for mention in draft.funding:
            if mention.programme:
                continue
            from_numbers = {
                m.programme
                for number in draft.project_numbers
                for m in programmes.find_programmes(number)
            }
            if len(from_numbers) == 1:
                mention.programme = from_numbers.pop()
                continue
            elliptic = [p for p in named if programmes.names_start(mention.text, p)]
            if len(elliptic) == 1:
                mention.programme = elliptic[0]


# --- numbers, contacts, period, themes -----------------------------------------------------------


# Labels of the call or topic a project answered ("Call for proposal", "Topic(s)", "Kvietimo
# nr."): the codes under them are the call's.
_CALL_HEADING = re.compile(
    r"^(?:call|topic|kvietim|aufruf|ausschreibung|uzaicinajum|nabor|appel)\w*\b"
)


def _call_part(part: Part) -> bool:
    return (
        part.label is not None
        and part.heading_line is not None
        and bool(_CALL_HEADING.match(fold(part.label.heading).strip()))
    )


def _numbers_and_contacts(draft: RecordDraft, text: str, seg: Segment, parts: list[Part]) -> None:
    body = text[seg.start : seg.end]
    # A programme or funding part names calls and programmes; only a cued code there is the
    # project's number ("Funding: Erasmus+ KA2, project number 2020-1-LT01-KA201-077812").
    quiet = [
        (p.heading_line.start, p.body_pieces()[-1][1] if p.body_pieces() else p.heading_line.end)
        for p in parts
        if p.key == "funding" and p.label is not None and p.heading_line is not None
    ]
    calls = [
        (p.heading_line.start, p.body_pieces()[-1][1] if p.body_pieces() else p.heading_line.end)
        for p in parts
        if _call_part(p)
    ]
    readers: dict[str, Callable[[str, int], list[fields.Value]]] = {
        "project_numbers": lambda t, at: fields.project_numbers_of(t, at, quiet, calls),
        "emails": fields.emails_of,
        "websites": fields.websites_of,
        "addresses": fields.addresses_of,
    }
    for name, reader in readers.items():
        values: list[fields.Value] = []
        seen: set[str] = set()
        for v in reader(body, seg.start):
            if v.text not in seen:
                seen.add(v.text)
                values.append(v)
        setattr(draft, name, [v.text for v in values])
        if values:
            draft.provenance[name] = [v.span for v in values]


def _period(draft: RecordDraft, text: str, parts: list[Part]) -> None:
    """From a duration part, else from a sentence that says when the project ran."""
    found_start: tuple[Any, int] | None = None
    found_end: tuple[Any, int] | None = None
    year = only_year(text[draft.span[0] : draft.span[1]])
    for part in parts:
        if part.key != "duration":
            continue
        pieces = part.body_pieces()
        if not pieces:
            continue
        # From the label (it may say "start" or "end") to the end of the third line; a value
        # on the label's own line ends with the labelled lines ("Projekto pradžia – ...",
        # "Projekto trukmė – ..."), before the text that follows them.
        a = part.heading_line.start if part.heading_line is not None else pieces[0][0]
        if part.inline_from is not None:
            labelled = [ln for ln in part.lines if match_label(ln.text)]
            pieces = (
                pieces[: 1 + len(labelled)]
                if labelled == part.lines[: len(labelled)]
                else pieces[:1]
            )
        b = pieces[min(2, len(pieces) - 1)][1]
        start, end = period_in(text[a:b], whole_part=True, year=year)
        heading = fold(part.label.heading) if part.label else ""
        if start is not None and start is end:
            # One date under "End" or "Start" says one end of the period.
            if _END_LABEL.search(heading) and not _START_LABEL.search(heading):
                start = None
            elif _START_LABEL.search(heading) and not _END_LABEL.search(heading):
                end = None
        if start or end:
            found_start = found_start or (start and (start, a))
            found_end = found_end or (end and (end, a))
            one_end = _END_LABEL.search(heading) or _START_LABEL.search(heading)
            if (found_start and found_end) or not one_end:
                break
    if found_start or found_end:
        spans = []
        if found_start:
            date, at = found_start
            draft.period_start = date.value
            spans.append((at + date.start, at + date.end))
        if found_end:
            date, at = found_end
            draft.period_end = date.end_value
            spans.append((at + date.start, at + date.end))
        draft.provenance["period"] = spans
        return
    if _inline_period(draft, text, year):
        return
    # A record that is an event runs when its text says the event takes place.
    cues = (PERIOD_CUE, EVENT_CUE) if EVENT_WORD.search(fold(draft.title)) else (PERIOD_CUE,)
    for part in parts:
        if part.label is not None and part.key in ("funding", "impact", "contacts", "advice"):
            continue
        for start_at, _end, body in part.body_pieces():
            for s_start, _s_end, s in sentences(body, start_at):
                if any(cue.search(fold(s)) for cue in cues) or ONLY_A_RANGE.match(s):
                    start, end = period_in(s)
                    if start or end:
                        _set_period(draft, start, end, s_start)
                        return


# A period label inside a line, as PDF tables and fact boxes run them ("... Laufzeit 01.03.2022 –
# 28.02.2025", "Start date 1 January 2023 End date ...", "Trukmė 2023-04-03 – 2023-11-30"), and a
# fact line's cell that is nothing but a period ("EUR 7 400 | March–August 2023 | Kaunas").
_INLINE_PERIOD = re.compile(
    r"\b(?:duration|project period|period|start date|implementation period|trukme|laikotarpis"
    r"|igyvendinimo laikotarpis|laufzeit|zeitraum|projektlaufzeit|duree|periode"
    r"|okres realizacji|czas trwania|istenosanas laiks|ilgums|duracion|durata|duracao"
    r"|periodo de ejecucion|periodo di realizzazione|periodo de execucao)\b\s*[:–-]?\s*"
    r"(?=\d|[a-z]+\.?\s+\d)"
)
_INLINE_PERIOD_NEEDS = needed(_INLINE_PERIOD)
_CELL_SPLIT = re.compile(r"\s+[|·]\s+")


def _inline_period(draft: RecordDraft, text: str, year: str | None) -> bool:
    body = text[draft.span[0] : draft.span[1]]
    folded = fold(body)
    # Most texts hold no period label: looking for the labels' words spares the search.
    labelled = _INLINE_PERIOD.finditer(folded) if may_match(_INLINE_PERIOD_NEEDS, folded) else ()
    for m in labelled:
        window = body[m.start() : m.end() + 90]
        start, end = period_in(window, whole_part=True, year=year)
        if start is not None and start is end:
            end = None
        if start or end:
            _set_period(draft, start, end, draft.span[0] + m.start())
            return True
    for line in body.split("\n"):
        if "|" not in line and "·" not in line:
            continue
        at = 0
        for cell in _CELL_SPLIT.split(line):
            cell_at = body.find(cell, at)
            at = max(at, cell_at)
            start, end = period_in(cell)
            if start and end and (len(cell.split()) <= 4 or _only_dates(cell, start, end)):
                _set_period(draft, start, end, draft.span[0] + cell_at)
                return True
            if start and not end and _OPEN_CELL.match(cell):
                _set_period(draft, start, None, draft.span[0] + cell_at)  # "2018 onwards"
                return True
    return False


# A fact line's cell that says only when the practice began: "2018 onwards", "since 2018".
_OPEN_CELL = re.compile(
    r"^\W*(?:(?:since|from|nuo|seit|ab|od|depuis)\s+(?:19|20)\d\d(?:\s*m\.)?"
    r"|(?:19|20)\d\d(?:\s*m\.)?\s+(?:onwards?|and onwards?|ir toliau))\W*$",
    re.IGNORECASE,
)
# What may stand beside a period's two dates in a cell that is nothing but the period.
_PERIOD_FILLER = re.compile(
    r"^[\W\d]*(?:(?:from|to|until|nuo|iki|m|d|mėn|metai|metais|bis|von|vom|od|do|r)\b[\W\d]*)*$",
    re.IGNORECASE,
)


def _only_dates(cell: str, start: Any, end: Any) -> bool:
    """A cell that holds a period and nothing else ("1 April – 30 November 2023", "2017–2019")."""
    rest = cell[: start.start] + " " + cell[start.end : end.start] + " " + cell[end.end :]
    return bool(_PERIOD_FILLER.match(rest))


_START_LABEL = re.compile(
    r"\b(?:start\w*|begin\w*|prad\w*|beginn\w*|debut|sakum\w*|from|nuo|inicio|inizio)\b"
)
_END_LABEL = re.compile(
    r"\b(?:end\w*|finish\w*|pabaig\w*|ende|fin|beig\w*|until|iki|fine|fim|finalizacion"
    r"|conclusao|termino)\b"
)


def _set_period(draft: RecordDraft, start, end, offset: int) -> None:
    spans = []
    if start is not None:
        draft.period_start = start.value
        spans.append((offset + start.start, offset + start.end))
    if end is not None:
        draft.period_end = end.end_value
        spans.append((offset + end.start, offset + end.end))
    draft.provenance["period"] = spans


def _themes(draft: RecordDraft, text: str, parts: list[Part]) -> None:
    """Title, lead (summary, aim, objectives) and body, with organisations' names blanked out:
    "Lietuvos universitetų moterų asociacija" says who, not what the record is about."""
    zones, words = theme_zones(draft, text, parts)
    ids, spans = themes.record_themes(zones, words=words, language=draft.language)
    draft.themes = ids
    if ids:
        draft.provenance["themes"] = [s for t in ids for s in spans[t]]


def theme_zones(
    draft: RecordDraft, text: str, parts: list[Part]
) -> tuple[list[tuple[str, int, str]], int]:
    """The record's text as (zone, offset, text) pieces, each word in one zone only, and the
    number of words of its body."""
    masked = list(text[draft.span[0] : draft.span[1]])

    def blank(a: int, b: int) -> None:
        low, high = max(a, draft.span[0]), min(b, draft.span[1])
        if low < high:
            masked[low - draft.span[0] : high - draft.span[0]] = " " * (high - low)

    def piece(a: int, b: int) -> str:
        return "".join(masked[a - draft.span[0] : b - draft.span[0]])

    for o in draft.organisations:
        if o.span:
            blank(*o.span)
    zones: list[tuple[str, int, str]] = []
    t0, t1 = draft.provenance["title"][0]
    zones.append(("title", t0, piece(t0, t1)))
    blank(t0, t1)
    lead = [*draft.provenance.get("summary", []), *draft.provenance.get("objectives", [])]
    for part in parts:
        if part.key == "aim" and part.label is not None:
            lead.extend((a, b) for a, b, _ in part.body_pieces())
    for a, b in lead:
        zones.append(("lead", a, piece(a, b)))
        blank(a, b)
    # The body is read in one pass: the record's text with everything that is not a body
    # piece (labels, dropped page furniture) and everything read above blanked out.
    words = 0
    body = [" "] * len(masked)
    for part in parts:
        for start, end, _body in part.body_pieces():
            piece_text = piece(start, end)
            words += len(piece_text.split())
            body[start - draft.span[0] : end - draft.span[0]] = piece_text
    zones.append(("body", draft.span[0], "".join(body)))
    return zones, words

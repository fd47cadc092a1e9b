"""The organisation a document speaks for, and its acronym, carried into the document's records.

An organisation's projects page, annual report or news page names the organisation once, at
the top ("Utenos moterų užimtumo ir informacijos centras (toliau – UMUIC) įkurtas 1998 m.",
"Women's Rights Advocacy Centre (WRAC) ..."), and its records then say "UMUIC projektą
įgyvendino ...", "WRAC ran the line ...". A record read on its own has only the acronym; read
with the document, it has the organisation.

- ``defined_acronyms``: every "Full Name (ACR)" / "(toliau – ACR)" / "(hereinafter ACR)" in the
  document, where the acronym spells the name's initials;
- ``carry_owner``: in each record, a bare acronym mention becomes the full name; and in a
  document of several records, the organisation defined before the first record (the
  document's owner) is added to a record that names it by its acronym and does not list it
  yet: as the implementer when the record has no implementer, coordinator or provider, else as
  a partner; or with the role a column for its part gives ("VĮLI vaidmuo": "Koordinatorius").
  A record that only says "we" gets nothing: the name must stand in the record.
- ``carry_intro_roles``: an introduction before several records that says who implemented or
  funded them ("Asociacija „Kitokie vaikai“ 2023 m. įgyvendino du projektus", "In 2020 the
  Foundation supported the following projects") gives that organisation that role in each
  record (an implementer only where a record names none that leads).
"""

from __future__ import annotations

import re
from dataclasses import replace

from practicehub.catalogue.extract.draft import OrganisationMention, RecordDraft
from practicehub.catalogue.extract.names import name_key
from practicehub.catalogue.extract.organisations import dedupe, name_ending_at
from practicehub.catalogue.extract.text import fold

_DEFINITION = re.compile(
    r"\(\s*(?:toliau\s*[-–—]?\s*|hereinafter(?:\s+referred\s+to\s+as)?\s*|further\s+)?"
    r"[„“\"]?(?P<acronym>[A-ZĄČĘĖĮŠŲŪŽ][A-ZĄČĘĖĮŠŲŪŽ0-9]{1,9})[“”\"]?\s*\)"
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Words a name's acronym leaves out: "Baltic Women in Tech Association (BWTA)".
_CONNECTORS = frozenset(
    "ir bei and of for in the on und fur der die das de la le des du i w z na un a".split()  # noqa: SIM905
)
# How far before the parenthesis a name may begin.
_NAME_WORDS = 12

_LEADING = ("implementer", "coordinator", "provider")


def defined_acronyms(text: str) -> dict[str, tuple[str, int]]:
    """Acronym -> (the name it stands for, where that name begins), for each acronym the
    document defines once only (one spelling out for two names leaves it out)."""
    found: dict[str, tuple[str, int]] = {}
    clashing: set[str] = set()
    for m in _DEFINITION.finditer(text):
        acronym = m.group("acronym")
        spelled = _spelled_before(text, m.start(), acronym)
        if spelled is None:
            continue
        name, at = spelled
        known = found.get(acronym)
        if known is not None and name_key(known[0]) != name_key(name):
            clashing.add(acronym)
        found.setdefault(acronym, (name, at))
    return {a: v for a, v in found.items() if a not in clashing}


def _spelled_before(text: str, end: int, acronym: str) -> tuple[str, int] | None:
    """The words just before ``end`` whose initials (connectors left out) spell the acronym."""
    words = list(_NAME_WORD.finditer(text, max(0, end - 200), end))[-_NAME_WORDS:]
    letters = fold(acronym)
    initials = ""
    for i in range(len(words) - 1, -1, -1):
        word = fold(words[i].group())
        if word in _CONNECTORS:
            continue
        initials = word[0] + initials
        if initials == letters:
            start = words[i].start()
            if not text[start].isupper():
                return None  # a name begins with a capital
            return " ".join(text[start : words[-1].end()].split()), start
        if not letters.endswith(initials):
            return None
    return None


def carry_owner(text: str, drafts: list[RecordDraft]) -> None:
    """Bare acronyms to names, and the document's owner into its records (module docstring)."""
    acronyms = defined_acronyms(text)
    if not acronyms:
        return
    for draft in drafts:
        spelled_out = False
        for mention in draft.organisations:
            spelled = acronyms.get(mention.name.strip())
            if spelled is not None:
                mention.acronym = mention.name.strip()
                mention.name = spelled[0]
                spelled_out = True
        if spelled_out:  # the name may stand in the record twice now
            draft.organisations = dedupe(draft.organisations)
    if len(drafts) < 2:
        return
    first = min(d.span[0] for d in drafts)
    owners = [(a, n) for a, (n, at) in acronyms.items() if at < first]
    if len(owners) != 1:
        return
    acronym, name = owners[0]
    for draft in drafts:
        if not _owner_by_column(draft, acronym, name):
            _add_owner(text, draft, acronym, name)


# A table of the owner's projects with a column for its part in each: "VĮLI vaidmuo" (VĮLI's
# role) / "Koordinatorius", "Our role" / "Partner".
_ROLE_COLUMN = re.compile(r"\b(?:vaidmuo|vaidmenys|role|rolle|rola|loma)\b")
_ROLE_WORDS = (
    ("coordinator", re.compile(r"^(?:koordinator\w*|coordinator|lead\b|pareiskej\w*|applicant)")),
    ("partner", re.compile(r"^(?:partner\w*)")),
    ("implementer", re.compile(r"^(?:vykdytoj\w*|implementer|sole\b|vienintel\w*)")),
)


def _owner_by_column(draft: RecordDraft, acronym: str, name: str) -> bool:
    """The owner with the role its column gives it, when the record has such a column."""
    for section in draft.sections:
        heading = fold(section.heading or "")
        if not _ROLE_COLUMN.search(heading):
            continue
        if fold(acronym) not in heading.split() and not re.search(r"\b(?:our|musu)\b", heading):
            continue
        value = fold(section.text).strip()
        for role, pattern in _ROLE_WORDS:
            if pattern.match(value):
                if not any(name_key(m.name) == name_key(name) for m in draft.organisations):
                    draft.organisations.append(
                        OrganisationMention(name=name, role=role, acronym=acronym)
                    )
                return True
    return False


def _add_owner(text: str, draft: RecordDraft, acronym: str, name: str) -> None:
    key = name_key(name)
    if any(name_key(m.name) == key or m.acronym == acronym for m in draft.organisations):
        return
    body = text[draft.span[0] : draft.span[1]]
    # As a word of its own: not the prefix of a grant number ("EFBR-SG-2020-07").
    named = re.search(rf"(?<![\w/-]){re.escape(acronym)}(?![\w/]|-\w)", body)
    if named is None:
        return
    role = "partner" if any(m.role in _LEADING for m in draft.organisations) else "implementer"
    span = (draft.span[0] + named.start(), draft.span[0] + named.end()) if named else None
    draft.organisations.append(
        OrganisationMention(name=name, role=role, acronym=acronym, span=span)
    )


# "X 2023 m. įgyvendino du projektus", "X implemented the following projects", "X finansavo
# šiuos projektus": a verb, at most three words, then projects in the plural (folded text).
_INTRO_STATEMENT = re.compile(
    # A time may stand between the name and the verb ("2023 m.", "since 2009").
    r"(?:\s+(?:(?:in|since|from|nuo|per|during)\s+)?(?:19|20)\d\d(?:\s*m\.)?)?"
    r"\s+(?P<verb>igyvendino|igyvendina|vykde|vykdo|implemented|implements|ran|runs"
    r"|carried out|finansavo|finansuoja|pareme|funded"
    r"|funds|supported|supports|awarded grants to|approved grants for|skyre finansavima)\s+"
    r"(?:[^\W\d_][\w-]*\s+|\d+\s+){0,3}?"
    r"(?:projektus|projektu|projektams|projects|initiatives|iniciatyvas|iniciatyvu)\b"
)
_FUNDS = frozenset({"finansavo", "finansuoja", "pareme", "funded", "funds", "supported",
                    "supports", "awarded grants to", "approved grants for",
                    "skyre finansavima"})  # fmt: skip


def carry_intro_roles(text: str, drafts: list[RecordDraft]) -> None:
    """Who the introduction says implemented or funded the records below it (module
    docstring)."""
    if len(drafts) < 2:
        return
    first = min(d.span[0] for d in drafts)
    intro = text[:first]
    folded = fold(intro)
    said = []
    for m in _INTRO_STATEMENT.finditer(folded):
        role = "funder" if m.group("verb") in _FUNDS else "implementer"
        line = intro.rfind("\n", 0, m.start()) + 1  # the name stands on the statement's line
        mention = name_ending_at(intro[line : m.start()], m.start() - line, line, role, None)
        if mention is not None:
            said.append(mention)
    if len({name_key(m.name) for m in said}) != 1:
        return  # none, or an introduction that speaks of several organisations
    mention = said[0]
    for draft in drafts:
        if any(name_key(o.name) == name_key(mention.name) for o in draft.organisations):
            continue
        if mention.role == "implementer" and any(o.role in _LEADING for o in draft.organisations):
            continue
        draft.organisations.append(replace(mention, aliases=list(mention.aliases)))

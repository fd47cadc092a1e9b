"""Rosters: the lists of a project's organisations that research and programme databases print
one field to a line (CORDIS, Erasmus+ project results, Interreg databases).

    Coordinated by            Participants (3)
    VILNIAUS UNIVERSITETAS    TARTU ULIKOOL
    Lithuania                 Estonia
    Net EU contribution ...   Net EU contribution ...

A roster opens with a heading that names the role of what follows ("Coordinated by",
"Participants", "Partners", "Consortium", "Partneriai") and holds, for each organisation, its
name on a line of its own, then maybe its country, its role ("Coordinator", "Participant") and
lines of figures or addresses that say nothing about who it is. It ends at the first line that
is none of these (a paragraph, another heading). Names are kept as written: an all-capitals
name is the organisation's own spelling in such a database, and the registry compares names
regardless of case.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from practicehub.catalogue.extract.countries import country_code
from practicehub.catalogue.extract.draft import OrganisationMention
from practicehub.catalogue.extract.lines import Line
from practicehub.catalogue.extract.names import display_name, has_head, has_legal_form
from practicehub.catalogue.extract.text import fold

# The heading that opens a roster and the role of the names under it (folded text).
_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?:coordinated by|coordinator|project coordinator|lead partner|koordinatorius"
            r"|projekto koordinatorius|koordinuoja|pareiskejas|projekta koordinators"
            r"|koordynator(?: projektu)?|koordinator)\s*:?$"
        ),
        "coordinator",
    ),
    (
        re.compile(
            r"^(?:participants?|partners?|project partners?|consortium(?: members)?|beneficiaries"
            r"|participating organi[sz]ations|partner organi[sz]ations"
            r"|partneriai|projekto partneriai|dalyviai|partneri|projekta partneri|partnerzy"
            r"|partnerzy projektu|projektpartner|partner)\s*(?:\(\d+\))?\s*:?$"
        ),
        "partner",
    ),
)
# A line that gives an entry's role in the database's own words.
_ROLE_LINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:coordinator|koordinatorius|koordinators|koordynator)$"), "coordinator"),
    (
        re.compile(
            r"^(?:participant|partner|partneris|dalyvis|partneris|beneficiary|associated partner"
            r"|third party|affiliated entity|linked third party|partnerim|partnerys)$"
        ),
        "partner",
    ),
)
# Lines of an entry that say nothing about who it is: figures, addresses, links, types.
_DETAIL = re.compile(
    r"^(?:net eu contribution|eu contribution|other funding|total cost|activity type|address"
    r"|website|web site|contact the organi[sz]ation|organi[sz]ation type|pic|legal name"
    r"|region|city|adresas|svetaine|€|eur\b|\d)"
)
_MAX_NAME_WORDS = 14
_NOT_ONE_NAME = re.compile(r"[,;]|\s[-–—]\s|\s(?:and|ir|und|un|oraz|et)\s")


def _heading_role(folded: str) -> str | None:
    for pattern, role in _HEADINGS:
        if pattern.match(folded):
            return role
    return None


def _line_role(folded: str) -> str | None:
    for pattern, role in _ROLE_LINES:
        if pattern.match(folded):
            return role
    return None


def _name_line(text: str) -> bool:
    """A line that can be one organisation's name: short, capitalised, not a sentence."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or not text[:1].isupper():
        return False
    if _NOT_ONE_NAME.search(text):
        return False  # a list, a seat or a description: the ordinary readers' work
    if text.rstrip().endswith((".", ":", "?", "!")) and not text.rstrip().endswith(".."):
        # "Ltd." and "e.V." end names; a full stop after a lower-case word ends a sentence.
        last = words[-1]
        if not (has_legal_form(text) or (last[:1].isupper() and "." in last[:-1])):
            return False
    return True


# A figure or an address field that follows an entry's name in a run-together roster.
_ENTRY_CUE = re.compile(
    r"(?:\s*[-–—])?\s*\b(?:(?:net\s+)?eu\s+contribution|activity\s+type)\b", re.IGNORECASE
)


def _capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or word in ("&", "-")


def _run_together(line: Line) -> list[tuple[str, int, str | None]]:
    """ "HOGESCHOOL WESTERDIJK – Net EU contribution € 371 250,00 – Dijkstraat 8, 1621 Hoorn,
    Netherlands FACHHOCHSCHULE OBERLAND – Net EU contribution ...": a roster a PDF ran into one
    line. Each entry is a name in capitals before its figures; its country is the one its
    address names. (name, offset in the document, country code) per entry."""
    text = line.text
    cues = [m for m in _ENTRY_CUE.finditer(text) if m.start() > 0]
    if not cues or not _capitals(text.split()[0]):
        return []
    names: list[tuple[int, int]] = []
    for cue in cues:
        words = list(re.finditer(r"\S+", text[: cue.start()]))
        first = len(words)
        while first > 0 and _capitals(words[first - 1].group(0)):
            first -= 1
        if first == len(words) or len(words) - first > _MAX_NAME_WORDS:
            return []
        names.append((words[first].start(), words[-1].end()))
    out = []
    for n, (a, b) in enumerate(names):
        detail = text[b : names[n + 1][0] if n + 1 < len(names) else len(text)]
        out.append((text[a:b], line.start + a, _one_country(detail)))
    return out


def _one_country(detail: str) -> str | None:
    """The one country an entry's address names ("Dijkstraat 8, 1621 Hoorn, Netherlands")."""
    countries = {code for piece in detail.split(",") if (code := country_code(piece.strip()))}
    if not countries:
        # The last piece may run on into the next entry's name: "Netherlands FACHHOCHSCHULE".
        last = detail.split(",")[-1].split()
        countries = {code for word in last[:1] if (code := country_code(word))}
    return countries.pop() if len(countries) == 1 else None


def _trailing_capitals(text: str) -> tuple[str, int] | None:
    """A name in capitals that ends a line of figures ("... Netherlands FACHHOCHSCHULE OBERLAND
    –"): (name, offset), at least two words, or None."""
    words = list(re.finditer(r"\S+", text))
    while words and words[-1].group(0) in ("–", "—", "-"):
        words.pop()
    first = len(words)
    while first > 0 and _capitals(words[first - 1].group(0)):
        first -= 1
    if len(words) - first < 2 or first == 0:
        return None
    return text[words[first].start() : words[-1].end()], words[first].start()


def _seated(text: str) -> tuple[str, str] | None:
    """ "Lithuanian Institute for Social Research, Vilnius, Lithuania": a name, its town and its
    country on one line; (name, country code) or None."""
    pieces = [p.strip() for p in text.split(",")]
    if not 2 <= len(pieces) <= 4 or ";" in text:
        return None
    country = country_code(pieces[-1])
    if country is None or not _name_line(pieces[0]):
        return None
    # A name in a language whose organisation nouns we do not know ("Združenie Romano Jilo")
    # is still a proper name: each of its words in capitals ("Roma women" is not).
    proper = all(w[:1].isupper() for w in pieces[0].split() if len(w) > 2)
    if not (has_head(pieces[0]) or has_legal_form(pieces[0]) or pieces[0].isupper() or proper):
        return None
    towns = pieces[1:-1]
    if any(not t[:1].isupper() or len(t.split()) > 3 or re.search(r"\d", t) for t in towns):
        return None
    return pieces[0], country


def _described(lines: list[Line], i: int) -> bool:
    """Whether the line at ``i`` (the one after a name) gives a country or a role."""
    if i >= len(lines):
        return False
    text = lines[i].text.strip()
    return bool(country_code(text)) or _line_role(fold(text).strip(" :")) is not None


def read_rosters(
    lines: list[Line],
    parse: Callable[[str, int, str], OrganisationMention | None],
) -> tuple[list[OrganisationMention], list[tuple[int, int]]]:
    """The organisations of every roster in ``lines`` and the spans of the lines they took.

    ``parse`` turns one name line into a mention (the organisations module's ``parse_name``).
    A roster needs two entries, or one that carries a country or a role line, before it is
    believed: one short line after "Partners" may be a sentence's fragment.
    """
    found: list[OrganisationMention] = []
    taken: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        columns = _columns(lines, i)
        if columns:
            entries, spans, i = _read_table(lines, i + len(columns), columns, parse)
            found.extend(entries)
            taken.extend(spans)
            continue
        role = _heading_role(fold(lines[i].text).strip())
        if role is None:
            i += 1
            continue
        entries, spans, i = _read_one(lines, i + 1, role, parse)
        if len(entries) >= 2 or any(e.country for e in entries):
            found.extend(entries)
            taken.extend(spans)
    return found, taken


# The header row of a table of organisations, one cell to a line ("Organisation | City |
# Country | Role"): what each column holds.
_COLUMN_NAMES: dict[str, str] = {
    "organisation": "name",
    "organization": "name",
    "organisation name": "name",
    "name": "name",
    "partner": "name",
    "institution": "name",
    "organizacija": "name",
    "pavadinimas": "name",
    "city": "place",
    "town": "place",
    "region": "place",
    "miestas": "place",
    "country": "country",
    "salis": "country",
    "role": "role",
    "type": "other",
    "organisation type": "other",
    "website": "other",
    "web site": "other",
    "vaidmuo": "role",
}


def _columns(lines: list[Line], i: int) -> list[str]:
    """The columns of a table header starting at line ``i`` (name and country among them), or
    an empty list."""
    columns: list[str] = []
    while i + len(columns) < len(lines) and len(columns) < 6:
        column = _COLUMN_NAMES.get(fold(lines[i + len(columns)].text).strip(" :"))
        if column is None or (column in columns and column != "other"):
            break
        columns.append(column)
    return columns if "name" in columns and "country" in columns else []


def _read_table(
    lines: list[Line],
    i: int,
    columns: list[str],
    parse: Callable[[str, int, str], OrganisationMention | None],
) -> tuple[list[OrganisationMention], list[tuple[int, int]], int]:
    """Rows of cells after a table header, while each row's country cell is a country."""
    entries: list[OrganisationMention] = []
    spans: list[tuple[int, int]] = []
    while i + len(columns) <= len(lines):
        row = lines[i : i + len(columns)]
        cells = dict(zip(columns, (ln.text.strip() for ln in row), strict=True))
        country = country_code(cells["country"])
        role = _line_role(fold(cells["role"]).strip()) if "role" in cells else "partner"
        if country is None or role is None:
            break
        name_line = row[columns.index("name")]
        mention = parse(name_line.text, name_line.start, role)
        if mention is None:
            text = name_line.text.strip()
            at = name_line.start + name_line.text.index(text)
            mention = OrganisationMention(display_name(text), role, span=(at, at + len(text)))
        mention.country = country
        entries.append(mention)
        spans.extend((ln.start, ln.end) for ln in row)
        i += len(columns)
    return entries, spans, i


def _read_one(
    lines: list[Line],
    i: int,
    role: str,
    parse: Callable[[str, int, str], OrganisationMention | None],
) -> tuple[list[OrganisationMention], list[tuple[int, int]], int]:
    entries: list[OrganisationMention] = []
    spans: list[tuple[int, int]] = []
    # Roles written before their entry ("Coordinator / NAME / Country") or after it
    # ("NAME / Country / Coordinator"): the first line under the heading tells which.
    leading = i < len(lines) and _line_role(fold(lines[i].text).strip()) is not None
    pending: str | None = None
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        folded = fold(text).strip(" :")
        if _heading_role(folded) is not None and _line_role(folded) is None:
            break  # the next roster
        line_role = _line_role(folded)
        if line_role is not None:
            if leading:
                pending = line_role
            elif entries:
                entries[-1].role = line_role
            spans.append((line.start, line.end))
        elif entries and entries[-1].country is None and country_code(text):
            entries[-1].country = country_code(text)
            spans.append((line.start, line.end))
        elif _DETAIL.match(folded):
            # A roster cut at its figures' labels: "Net EU contribution € ... – Dijkstraat 8,
            # 1621 Hoorn, Netherlands FACHHOCHSCHULE OBERLAND –" holds the country of the entry
            # before and the name of the next.
            tail = _trailing_capitals(text)
            detail = text[: tail[1]] if tail else text
            if entries and entries[-1].country is None:
                entries[-1].country = _one_country(detail)
            if tail:
                at = line.start + line.text.index(text) + tail[1]
                mention = parse(tail[0], at, pending or role)
                if mention is not None:
                    entries.append(mention)
                    pending = None
            spans.append((line.start, line.end))
        elif run := _run_together(line):
            for name, at, country in run:
                mention = parse(name, at, pending or role)
                if mention is not None:
                    mention.country = mention.country or country
                    entries.append(mention)
            pending = None
            spans.append((line.start, line.end))
        elif (seated := _seated(text)) is not None:
            name, country = seated
            mention = parse(name, line.start + line.text.index(name), pending or role)
            if mention is None:
                break
            mention.country = mention.country or country
            pending = None
            entries.append(mention)
            spans.append((line.start, line.end))
        elif _name_line(text) and (
            has_head(text) or has_legal_form(text) or text.isupper() or _described(lines, i + 1)
        ):
            mention = parse(line.text.rstrip(" –—-"), line.start, pending or role)
            if mention is None and _described(lines, i + 1):
                # "Høgskulen i Vest / Norway": a line the name rules doubt, but the roster's
                # country line under it vouches for.
                at = line.start + line.text.index(text)
                mention = OrganisationMention(
                    display_name(text), pending or role, span=(at, at + len(text))
                )
            if mention is None:
                break
            pending = None
            entries.append(mention)
            spans.append((line.start, line.end))
        else:
            break
        i += 1
    return entries, spans, i

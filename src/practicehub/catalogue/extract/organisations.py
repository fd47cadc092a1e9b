"""Organisations a record names, with their role, acronym and country.

Two sources, both in Lithuanian and English:

- the parts of a form or page that list organisations ("Gerosios praktikos pavyzdį teikianti
  organizacija", "Partners:", "Projekto koordinatorius –"): the role comes from the label;
- role phrases in running text ("coordinated by", "consortium consists of", "in partnership
  with", "projektą įgyvendina", "projektą remia").

A list is split at commas, semicolons and a final "and"/"ir" without breaking names that hold
them ("Ministry of Social Security and Labour", "Socialinės apsaugos ir darbo ministerija").
Parentheses after a name give its acronym ("(DDG)"), its country ("(Belgium)") or its name in the
other language; other remarks in parentheses are dropped. A phrase that does not read as an
organisation's name is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from practicehub.catalogue.extract.countries import country_code
from practicehub.catalogue.extract.draft import OrganisationMention
from practicehub.catalogue.extract.labels import match_label
from practicehub.catalogue.extract.names import (
    display_name,
    has_head,
    head_concepts,
    is_acronym,
    name_key,
)
from practicehub.catalogue.extract.text import fold


@dataclass(frozen=True, slots=True)
class RolePhrase:
    role: str
    pattern: re.Pattern[str]


def _phrase(role: str, pattern: str) -> RolePhrase:
    return RolePhrase(role, re.compile(pattern))


# Patterns run on folded text; the list of names follows the match.
ROLE_PHRASES: tuple[RolePhrase, ...] = (
    _phrase(
        "member",
        r"\bconsortium (?:consists of|comprises|is composed of|is made up of|includes"
        r"|members are|partners are)\s*(?:(?:these|the following) organi[sz]ations\s*)?:?\s*",
    ),
    _phrase("member", r"\bmembers of the consortium\s*(?:are|:)\s*"),
    _phrase("member", r"\bkonsorcium\w* (?:sudaro|dalyvauja)\s*:?\s*"),
    _phrase(
        "coordinator",
        r"\b(?:project\s+)?(?:coordinator|lead partner|lead organi[sz]ation|lead applicant"
        r"|applicant|promoter)\s*(?:is|was|:|-)\s+",
    ),
    _phrase("coordinator", r"\b(?:is|was|are|were|being)\s+(?:co-?ordinated|led)\s+by\s+"),
    _phrase("coordinator", r"\bunder the (?:co-?ordination|leadership) of\s+"),
    _phrase("coordinator", r"\b(?:projekto\s+)?koordinator\w*\s*(?:yra|:|-)\s*"),
    _phrase("coordinator", r"\bprojekt\w* koordinuoja\s+"),
    _phrase("coordinator", r"\bpareiskej\w*\s*(?:yra|:|-)\s*"),
    _phrase("coordinator", r"\bvadovaujantysis partneris\s*(?:yra|:|-)?\s*"),
    _phrase(
        "implementer",
        r"\b(?:is|was|are|were|being)\s+(?:implemented|carried out|run|executed|delivered)\s+"
        r"(?:in conjunction with|jointly with|together with|by)\s+",
    ),
    _phrase("implementer", r"\bimplementing organi[sz]ations?\s*(?:is|are|:|-)\s*"),
    _phrase("implementer", r"\bprojekt\w* (?:igyvendina|vykdo)\s+"),
    _phrase("implementer", r"\b(?:projekto\s+)?(?:vykdytoj\w*|igyvendintoj\w*)\s*(?:yra|:|-)\s*"),
    _phrase("partner", r"\bin (?:partnership|co-?operation|collaboration) with\s+"),
    _phrase("partner", r"\b(?:kartu )?su partneriais\s*(?:[-:]\s*)?"),
    _phrase("partner", r"\bwith (?:its |their )?partners?\s*(?::\s*)?(?=[A-Z])"),
    _phrase("partner", r"\b(?:project\s+)?partners?\s*(?:are|were|include|:|-)\s+"),
    _phrase("partner", r"\bpartnered with\s+"),
    _phrase("partner", r"\b(?:projekto\s+)?partneri\w*\s*(?:yra|:|-)\s*"),
    _phrase(
        "funder",
        r"\b(?:co-?)?(?:funded|financed|sponsored|supported)\s+by\s+"
        r"|\bwith (?:the )?financial support (?:of|from)\s+|\bgrant(?:ed)? (?:from|by)\s+",
    ),
    _phrase(
        "funder",
        r"\b(?:kuri\w* |jas |ja |ji )?(?:finansavo|finansuoja|remia|reme|pareme|bendrai finansavo"
        r"|dalinai finansavo|is dalies finansavo)\s+",
    ),
    _phrase(
        "funder",
        r"\bprojekt\w* (?:remia|finansuoja|bendrai finansuoja|is dalies finansuoja"
        r"|dalinai finansuoja)\s+|\(finansuoja\s+|\bparamos teikej\w*\s*(?:yra|:|-)\s*"
        r"|\bfinansavimo saltinis\s*(?:yra|:|-)?\s*",
    ),
)

# Where a list of names stops inside a sentence (folded text).
_LIST_STOP = re.compile(
    r"\s+(?:by the|by an?|under|within|through|thanks to|which|who|that|to (?:promote|support"
    r"|develop|increase|improve)|in order|with (?:the )?(?:financial )?support|funded|financed"
    r"|from the (?:european|eu)|for the period|during|in the framework|pagal|lesomis|kuris|kuri"
    r"|kurie|siekiant|tam kad|is (?:europos|es)\b|kartu su|with the\b"
    r"|as (?:an? )?(?:\w+ )?partners?\b)",
)
# "... coordinated by X and developed with ...": an "and" before a verb ends the list.
_AND_LOWER = re.compile(r",?\s+and\s+(?:also\s+)?[a-z]+(?:ed|ing|es)\b")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Za-z])[.!?](?=\s+[A-ZĄČĘĖĮŠŲŪŽ„\"“]|\s*$)")
_LEADING = re.compile(
    r"^(?:(?:the|a|an|its|our|their|and|ir|bei|with|su|these|following|organi[sz]ations?)"
    r"\s*:?\s+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:\s*,?\s*(?:etc|ir kt|and others|ir kiti|ir kitos)\.?)+\s*$", re.I)
_PRONOUN = re.compile(
    r"^(?:we|our|they|it|this|these|those|there|he|she|mes|mus|jie|jos|tai|ši|šis|kiti|kitos"
    r"|all|each|both|other|many|several|some|visi|kai|also|taip)\b",
    re.IGNORECASE,
)
_STREET = re.compile(r"\b(?:g|al|pr|pl)\.\s*\d|\b\d+\s*(?:street|road|avenue)\b", re.I)
_LOWER_LEGAL_FORM = re.compile(
    r"^(?:biedrība|nodibinājums|asociacija|fundacja|stowarzyszenie|viešoji įstaiga)\s+"
    r"(?=[A-ZĄČĘĖĮŠŲŪŽ„\"“])"
)
JOINER = re.compile(r"\s+(?:kartu su|together with|jointly with)\s+", re.IGNORECASE)
_DESCRIBED = re.compile(
    r"^(?:([A-ZĄČĘĖĮŠŲŪŽ]\w+)\s+)?(?:organizacija|organisation|organization|asociacija"
    r"|association)\s+(?=[A-ZĄČĘĖĮŠŲŪŽ„\"“])"
)
_EXPLAINED = re.compile(r"\s+[-–—]\s+(?=[a-ząčęėįšųūž])")
_AND_TAIL = re.compile(r"\s+(?:and|ir)\s+(?!the\b)[a-ząčęėįšųūž]")
_PROGRAMME_WORD = re.compile(r"\bprogram\w*|\beuropean union\b|\beuropos sajung\w*")
_CONTACT_LIKE = re.compile(r"@|www\.|https?://|\btel\.|\+\d|\b\d{3,}\b")
_MONTHS = re.compile(r"^(?:\d{4}|\d{1,2}|m\.|d\.|metai|year|years)$", re.IGNORECASE)
MAX_NAME_WORDS = 12


def _depth_split(text: str, separators: str = ",;") -> list[tuple[int, int]]:
    """Offsets of the pieces of ``text`` between separators outside parentheses."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(text)))
    return pieces


_AND = re.compile(r"\s+(?:and|ir|bei|&)\s+", re.IGNORECASE)


def _split_and(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "A and B" only where both sides read as organisations; rightmost first."""
    piece = text[start:end]
    for m in reversed(list(_AND.finditer(piece))):
        left, right = piece[: m.start()], piece[m.end() :]
        if _nameish(left) and _nameish(right):
            return [*_split_and(text, start, start + m.start()), (start + m.end(), end)]
    return [(start, end)]


def _nameish(text: str) -> bool:
    """Whether one side of an "and" reads as a whole organisation's name.

    A noun like "centre" or "ministerija", a bare acronym, or a name the writer marked with its
    acronym or country in parentheses ("Logos Polska (Poland)").
    """
    marks = re.findall(r"\(([^)]*)\)", text)
    if any(is_acronym(m.strip()) or country_code(m) for m in marks):
        return True
    bare = re.sub(r"\([^)]*\)?", " ", text).strip(' ,.;:„“”"')
    if not bare:
        return False
    if has_head(bare):
        return True
    tokens = bare.split()
    return len(tokens) == 1 and is_acronym(tokens[0])


def _between(separators, length: int) -> list[tuple[int, int]]:
    out, begin = [], 0
    for m in separators:
        out.append((begin, m.start()))
        begin = m.end()
    out.append((begin, length))
    return out


def split_list(text: str) -> list[tuple[int, int]]:
    """Offsets of the names in a written list of organisations."""
    pieces: list[tuple[int, int]] = []
    for a, b in _depth_split(text):
        pieces.extend(_split_and(text, a, b))
    # "Ministry of Education, Science and Sport": a headless piece with "and" belongs to the
    # name before it.
    joined: list[tuple[int, int]] = []
    for a, b in pieces:
        piece = text[a:b].strip()
        previous = text[joined[-1][0] : joined[-1][1]] if joined else ""
        english_tail = (
            "(" not in piece
            and len(piece.split()) <= 4
            and not has_head(piece)
            and _AND.search(piece)
            and " of " in previous
        )
        # "... administracijos Švietimo, kultūros ir sporto departamentas": a name goes on.
        lower_tail = (
            piece[:1].islower()
            and has_head(piece)
            and "(" not in previous
            and not _LOWER_LEGAL_FORM.match(piece)
        )
        if piece and joined and has_head(previous) and (english_tail or lower_tail):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _parentheses(text: str) -> tuple[str, list[str]]:
    """The text without its parenthesised remarks, and the remarks (an unclosed one included)."""
    remarks: list[str] = []
    out, depth, current = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
            if depth == 1:
                current = []
                continue
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                remarks.append("".join(current).strip())
                continue
        if depth:
            current.append(ch)
        else:
            out.append(ch)
    if depth:
        remarks.append("".join(current).strip())
    return "".join(out), remarks


def parse_name(
    raw: str, start: int, role: str, *, is_programme: Callable[[str], bool] | None = None
) -> OrganisationMention | None:
    """One organisation from one list item, or None when the item is not a name."""
    stripped = raw.strip()
    if not stripped:
        return None
    offset = start + raw.index(stripped)
    bare, remarks = _parentheses(stripped)
    acronym = country = None
    aliases: list[str] = []
    for remark in remarks:
        remark = remark.strip(" ,;.")
        if not country and country_code(remark):
            country = country_code(remark)
        elif not acronym and is_acronym(remark):
            acronym = remark
        elif (
            remark[:1].isupper()
            and 2 <= len(remark.split()) <= MAX_NAME_WORDS
            and not re.search(r"\d", remark)
            and has_head(remark)
        ):
            aliases.append(display_name(remark))
    bare = _TRAILING.sub("", bare)
    tail = re.search(r",\s*([^,]+)$", bare) or re.search(r"\s+(?:from|is|iš)\s+(\S+)$", bare)
    if tail and country_code(tail.group(1)):
        country = country or country_code(tail.group(1))
        bare = bare[: tail.start()]
    bare = _LEADING.sub("", bare.strip())
    bare = _LOWER_LEGAL_FORM.sub("", bare)  # "biedrība Rīgas Sieviešu resursu centrs"
    described = _DESCRIBED.match(bare)
    if described:
        # "Norvegijos organizacija Likestilling Vest": a description before the name.
        country = country or country_code(described.group(1) or "")
        bare = bare[described.end() :]
    explained = _EXPLAINED.search(bare)
    if explained and not has_head(bare[explained.end() :]):
        bare = bare[: explained.start()]  # "Diversity Bridge – mokytojų ... mokymai"
    tail = _AND_TAIL.search(bare)
    if tail and has_head(bare[: tail.start()]) and not has_head(bare[tail.end() :]):
        bare = bare[: tail.start()]  # "Vilnius City Municipality and private donations"
    name = display_name(bare)
    if not _reads_as_name(name):
        return None
    if is_programme is not None and is_programme(name):
        return None
    if acronym and acronym == name:
        acronym = None
    lead = stripped.find(bare.strip()[:12]) if bare.strip() else 0
    span_start = offset + max(lead, 0)
    span = (span_start, offset + len(stripped.rstrip(" ,;.")))
    return OrganisationMention(
        name=name, role=role, acronym=acronym, country=country, span=span, aliases=aliases
    )


def _reads_as_name(name: str) -> bool:
    tokens = name.split()
    if not tokens or len(tokens) > MAX_NAME_WORDS or len(name) > 160:
        return False
    first = name[0]
    if not (first.isupper() or first.isdigit()) or _PRONOUN.match(name):
        return False
    if country_code(name) or all(_MONTHS.match(t) for t in tokens):
        return False
    if _CONTACT_LIKE.search(name) or not re.search(r"[^\W\d_]{2,}", name):
        return False
    label = match_label(name)
    if label is not None and label.unknown == 0:
        return False  # "El. p", "Partners"
    if len(tokens) == 1:
        # A single word is an acronym ("LUDEN"); a capitalised word alone is too often a city.
        return is_acronym(tokens[0])
    # Not "5 Panevėžio progimnazijos" (a count) nor "Tilžės g. 88" (an address).
    return not (tokens[0][0].isdigit() or _STREET.search(name))


_ANY_ROLE = re.compile("|".join(f"(?:{p.pattern.pattern})" for p in ROLE_PHRASES))


def list_extent(text: str, start: int = 0, end: int | None = None) -> int:
    """Where a list of names that begins at ``start`` ends: the end of its sentence, the next
    role phrase, or a word that ends lists ("by the European Fund", "kartu su ...")."""
    folded = fold(text)
    end = _sentence_end(text, start) if end is None else end
    for pattern, subject in ((_LIST_STOP, folded), (_AND_LOWER, text), (_ANY_ROLE, folded)):
        stop = pattern.search(subject, start + 1, end)
        if stop:
            end = stop.start()
    return end


def names_in(
    text: str,
    start: int,
    role: str,
    *,
    is_programme: Callable[[str], bool] | None = None,
    funder: bool = False,
    joiners: bool = False,
) -> list[OrganisationMention]:
    """The organisations of a written list; ``start`` is the list's offset in the document."""
    found: list[OrganisationMention] = []
    pieces = split_list(text)
    if joiners:
        # Under a part's label "X kartu su Y" lists two organisations of that part's role.
        pieces = [
            (a + s, a + e)
            for a, b in pieces
            for s, e in _between(JOINER.finditer(text[a:b]), b - a)
        ]
    for a, b in pieces:
        mention = parse_name(text[a:b], start + a, role, is_programme=is_programme)
        if mention is None:
            # "..., Italy": a country on its own belongs to the name before it.
            code = country_code(text[a:b])
            if code and found and not found[-1].country:
                found[-1].country = code
            continue
        if funder and (
            not (head_concepts(mention.name) - {"fund", "initiative", "union"})
            or _PROGRAMME_WORD.search(fold(mention.name))
        ):
            continue  # "the European Fund", "the ... Programme": funding, not a funder
        found.append(mention)
    return found


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    end = m.start() if m else len(text)
    newline = text.find("\n", pos)
    if newline != -1:
        end = min(end, newline)
    # A list opened inside parentheses ends with them: "(finansuoja X)".
    close = text.find(")", pos, end)
    if close != -1 and text.count("(", pos, close) == 0:
        end = close
    return end


def from_phrases(
    text: str,
    start: int,
    *,
    roles: Iterable[str] | None = None,
    is_programme: Callable[[str], bool] | None = None,
) -> list[OrganisationMention]:
    """Organisations named after role phrases in a stretch of running text."""
    folded = fold(text)
    allowed = set(roles) if roles is not None else None
    found: list[OrganisationMention] = []
    if not _ANY_ROLE.search(folded):
        return found
    read_from: set[int] = set()
    for phrase in ROLE_PHRASES:
        if allowed is not None and phrase.role not in allowed:
            continue
        for m in phrase.pattern.finditer(folded):
            if m.end() in read_from:
                continue  # two phrases for one list ("Projektą remia")
            read_from.add(m.end())
            # "coordinated by X in partnership with Y": X's list ends where Y's phrase begins.
            end = list_extent(text, m.end() - 1)
            found.extend(
                names_in(
                    text[m.end() : end],
                    start + m.end(),
                    phrase.role,
                    is_programme=is_programme,
                    funder=phrase.role == "funder",
                )
            )
    return found


def dedupe(mentions: list[OrganisationMention]) -> list[OrganisationMention]:
    """One mention per organisation in a record: the first, completed by the later ones."""
    kept: dict[str, OrganisationMention] = {}
    by_acronym: dict[str, str] = {}
    for m in mentions:
        key = name_key(m.name)
        if key not in kept and m.name in by_acronym:
            key = by_acronym[m.name]
        if key in kept:
            first = kept[key]
            first.acronym = first.acronym or m.acronym
            first.country = first.country or m.country
            for alias in m.aliases:
                if alias not in first.aliases:
                    first.aliases.append(alias)
            continue
        kept[key] = m
        if m.acronym:
            by_acronym[m.acronym] = key
    # An acronym mentioned before its full name is the same organisation.
    return [
        m
        for k, m in kept.items()
        if not (is_acronym(m.name) and m.name in by_acronym and by_acronym[m.name] != k)
    ]

"""Funding statements and the programme each one names.

A funding statement is the sentence that says where the money came from ("The project is funded
by ...", "Projektą remia ...", "... lėšomis"), kept as the source words it. The programme is found
by the names, aliases and acronyms of ``vocab/programmes.json``, compared on word stems so that
Lithuanian case forms meet ("Europos socialinio fondo lėšomis" names the ESF). A statement that
names no listed programme keeps ``programme = None``; nothing is guessed from a lone year or a
word like "European".
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from practicehub import vocab
from practicehub.catalogue.extract.literals import Needs, Occurrences, may_match, needed, scanners
from practicehub.catalogue.extract.names import head_concepts
from practicehub.catalogue.extract.phrases import LANGUAGES, PhraseIndex
from practicehub.catalogue.extract.text import any_word_pattern, fold
from practicehub.catalogue.extract.text import stems as stems_of

# Words that say money was given: a sentence holding one is a funding statement.
_MONEY = re.compile(
    r"\b(?:co-?(?:funded|financed)|(?:is|was|are|were|been|being|be|project)\s+(?:funded"
    r"|financed|sponsored)|(?:funded|financed|sponsored)\s+(?:by|from|under|through|with|via"
    r"|in the framework|as part)|financial(?:ly)? support\w*|funding (?:from|by)"
    r"|grant(?:ed)? (?:from|by|under)|by the european .{0,60}fund|(?:co-?)?funded under"
    r"|finansuoj\w*|finansuotas?\b|finansuotame|finansavo|finansavimo saltin\w*"
    r"|finansavima (?:skyre|gavo)"
    r"|(?:skyre|gavo) finansavima|(?:bendrai |is dalies |dalinai )?finansuoja"
    r"|lesomis|lesu|paramos saltin\w*"
    # German, Latvian, Polish
    r"|(?:ko)?gefordert|\bforderung\b|aus mitteln|(?:ko)?finanziert"
    r"|(?:lidz)?finanse\w*|finansial\w* atbalst\w*|(?:wspoł)?finansowan\w*|dofinansowan\w*"
    r"|ze srodkow"
    # Spanish, Italian, Portuguese
    r"|(?:co)?financiad[oa]s?|(?:co)?finanziat[oaie]|financiamento|finanziamento|financiacion"
    r"|subvencionad[oa]s?|sovvenzionat[oaie])"
)
# "X remia Y" funds the work when X gives the money ("Projektą remia ministerija", "Veiklą remia
# savivaldybė", "kurį remia EEE"); with the project or a body working on a cause as X ("Projektas
# remia jaunimo dalyvavimą", "Asociacija remia migrantų integraciją") it says what the work
# supports.
_NOT_FUNDERS = (
    "projektas", "iniciatyva", "praktika", "asociacija", "centras", "tinklas", "organizacija",
    "istaiga", "bendruomene", "klubas",
)  # fmt: skip
_FUNDER_VERB = "".join(f"(?<!{word} )" for word in _NOT_FUNDERS) + r"\b(?:remia|pareme)\b"
# Words of support or of a programme that as often say something else: "supported by
# volunteers", "psichologinė parama", "pagal bendrojo ugdymo programą", "metodika paremta
# tyrimais". Such a sentence is a funding statement only when it also names who gives
# (``_GIVER``), a listed programme, or a name after the verb ("supported by Caritas").
_SUPPORT = re.compile(
    r"\b(?:with (?:the )?support (?:of|from)|supported by|funding of|under the .{0,80}program"
    rf"|{_FUNDER_VERB}|remiam\w*|paremt\w*|parama\b|\bpagal .{{0,80}}program"
    r"|unterstutzt (?:durch|von)|\bar .{0,60}atbalstu|\bw ramach .{0,80}program"
    r"|con (?:el|il) (?:apoyo|sostegno|contributo) d\w*|com o apoio d\w*|apoiad[oa]s? pel\w*"
    r"|\bnell[\"']ambito .{0,80}programm)"
)
_GIVER = re.compile(
    r"\b(?:funds?|fond\w*|foundation|stiftung|ministr\w*|municipal\w*|savivaldyb\w*|council"
    r"|taryb\w*|embass\w*|ambasad\w*|budget\w*|biudzet\w*|grants?|eea|eee|norway|norveg\w*"
    r"|european union|europos sajung\w*|eiropas savienib\w*|es|eu|government|vyriausyb\w*"
    r"|mechani[sz]m\w*|agenc\w*|agentur\w*|commission|komisij\w*|departa?ment\w*|bank\w*"
    r"|uab|compan\w*|imon\w*|sponsor\w*|donor\w*|donat\w*|aukomis|aukotoj\w*|remej\w*"
    r"|fundaci\w*|fundacao|ministe\w*|ayuntamiento|comune|regione|junta|generalitat"
    r"|diputaci\w*|camara|union europea|unione europea|uniao europeia|ue)\b"
)
# A name after the verb: a capital or an opening quote ("supported by the Robert Bosch
# Stiftung", "remia „Telia“"). A capital before "remia" says nothing: the sentence's first word
# has one ("Projektą remia savanoriai").
_NAME_AFTER = re.compile(r"\s+(?:the\s+)?[A-ZĄČĘĖĮŠŲŪŽ„“\"«]")
_CUES = re.compile(f"{_MONEY.pattern}|{_SUPPORT.pattern}")


@dataclass(frozen=True, slots=True)
class ProgrammeMatch:
    programme: str
    start: int
    end: int


# An acronym or name stands on its own: not after a letter, digit, "+" or "-".
_NOT_AFTER = r"(?<![\w+-])"


@lru_cache(maxsize=1)
def _index() -> tuple[PhraseIndex, list[tuple[re.Pattern[str], str]], dict[str, str | None]]:
    phrases: list[tuple[str, str, str]] = []
    acronyms: list[tuple[re.Pattern[str], str]] = []
    parents: dict[str, str | None] = {}
    for entry in vocab.programmes():
        pid = entry["id"]
        parents[pid] = entry.get("parent")
        for lang in LANGUAGES:
            for name in [entry["name"].get(lang, ""), *entry["aliases"].get(lang, [])]:
                if name.strip():
                    phrases.append((pid, lang, name))
        for acronym in entry.get("acronyms", []):
            # Not inside another name: "EQUAL-CAMPUS" is a project, "ESF-funded" is the ESF.
            pattern = re.compile(_NOT_AFTER + re.escape(acronym) + r"(?![\w+]|-[A-Z])")
            acronyms.append((pattern, pid))
    for pid, names in _extra_names().items():
        for name in names:
            pattern = re.compile(_NOT_AFTER + re.escape(name) + r"(?![\w+-])")
            acronyms.append((pattern, pid))
    acronyms.extend(_PROGRAMME_CODES)
    return PhraseIndex(phrases), acronyms, parents


# The codes research and education databases file a project under ("Programme: H2020-EU.5.b.",
# "HORIZON.4.2", "Call: HORIZON-WIDERA-2022-ERA-01", "ERASMUS-EDU-2022-PI-ALL-INNO"): each
# opens with its programme's code name.
_PROGRAMME_CODES = [
    (re.compile(r"(?<![\w-])H2020-(?:EU\.\d|[A-Za-z]{2,}-)"), "horizon-2020"),
    (re.compile(r"(?<![\w-])HORIZON(?:\.\d|-[A-Z]{2,}\d?-)"), "horizon-europe"),
    (re.compile(r"(?<![\w-])ERASMUS-(?:EDU|YOUTH|SPORT|LS|JMO)-"), "erasmus-plus"),
    # A municipality's own programme or fund, its words in between: "savivaldybės smulkiojo ir
    # vidutinio verslo rėmimo programa", "the municipality's small grants programme".
    (
        re.compile(
            r"\b[Ss]avivaldybės\s+(?:[a-ząčęėįšųūž]+\s+){1,6}?(?:program(?:a|os|ą|ai)"
            r"|fond(?:as|o|ą|ui))\b"
        ),
        "municipality-budget",
    ),
    (
        re.compile(
            r"\b(?:[Mm]unicipality|[Cc]ity|[Cc]ouncil)['’]s\s+(?:[a-z-]+\s+){0,4}?"
            r"(?:programmes?|programs?|fund|grants?)\b"
        ),
        "municipality-budget",
    ),
]


def _extra_names() -> dict[str, list[str]]:
    path = Path(__file__).parent / "data" / "programme_names.json"
    return json.loads(path.read_text(encoding="utf-8"))["proper_names"]


# A quoted name right after a project word is that project's title ("projekte „Lyčių aspekto
# integravimas į savivaldybių biudžetus“"): programmes named inside it do not fund anything.
_PROJECT_TITLE = re.compile(
    r"\b(?:project\w*|projekt\w*|initiative|iniciatyv\w*|practice|praktik\w*)\s*[„“\"«]"
    r"[^„“”\"«»]{3,200}[“”\"»]"
)


def without_project_titles(text: str) -> str:
    """The text with quoted project titles blanked out (same length, same offsets)."""
    spans = [m.span() for m in _PROJECT_TITLE.finditer(fold(text))]
    for a, b in reversed(spans):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


_PLUS = re.compile(r"\s?\+")


@lru_cache(maxsize=1)
def _any_acronym() -> re.Pattern[str]:
    """One search for every acronym, before each is looked for on its own. The look-behind
    the patterns open with is tested once per position, not once per acronym: inside a word
    it fails at once (30 times faster on our documents, the same positions match)."""
    patterns = [pattern.pattern for pattern, _ in _index()[1]]
    shared = [p[len(_NOT_AFTER) :] for p in patterns if p.startswith(_NOT_AFTER)]
    others = [f"(?:{p})" for p in patterns if not p.startswith(_NOT_AFTER)]
    if shared:
        others.insert(0, _NOT_AFTER + "(?:" + "|".join(f"(?:{p})" for p in shared) + ")")
    return re.compile("|".join(others))


@lru_cache(maxsize=1)
def _acronym_needs() -> list[Needs]:
    """What each acronym's pattern cannot match without (``literals.needed``), in ``_index``'s
    order."""
    return [needed(pattern) for pattern, _ in _index()[1]]


@lru_cache(maxsize=1)
def _acronym_gate() -> re.Pattern[str]:
    """A plain search for the strings the acronyms need, before the search for the acronyms:
    most texts name none, and plain strings are skipped through many times faster than the
    acronyms' look-behinds, which are tried at every character."""
    if not all(_acronym_needs()):
        return re.compile("")  # an acronym that needs no string: every text may name one
    return re.compile(any_word_pattern(set().union(*(needs[0] for needs in _acronym_needs()))))


@lru_cache(maxsize=1)
def _plus_children() -> dict[str, str]:
    """Programmes whose child is named as the parent with a "+" ("ESF" and "ESF+")."""
    out = {}
    for entry in vocab.programmes():
        names = [*entry.get("acronyms", []), entry["name"].get("en", "")]
        parent = entry.get("parent")
        if parent and any(n.endswith("+") for n in names):
            out[parent] = entry["id"]
    return out


def without_programmes(text: str) -> str:
    """The text with the programmes' names blanked out (same length, same offsets)."""
    for m in find_programmes(text, keep_parents=True):
        text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    return text


def find_programmes(text: str, *, keep_parents: bool = False) -> list[ProgrammeMatch]:
    """Programmes named in ``text``, longest names first where two overlap, in text order.

    A programme named beside one below it ("Erasmus+ ... KA2", "Erasmus+ Cooperation
    partnerships") is left out unless ``keep_parents``."""
    index, acronyms, parents = _index()
    plus = _plus_children()
    candidates = []
    for m in index.find(text):
        # "Europos socialinio fondo +": the "+" a phrase match cannot see names the child.
        after = _PLUS.match(text, m.end)
        end = after.end() if after else m.end
        pid = plus[m.id] if m.id in plus and "+" in text[m.start : end] else m.id
        candidates.append(ProgrammeMatch(pid, m.start, end if pid != m.id else m.end))
    if _acronym_gate().search(text) and _any_acronym().search(text):
        for (pattern, pid), needs in zip(acronyms, _acronym_needs(), strict=True):
            if not may_match(needs, text):
                continue  # a search per acronym costs far more than looking for its letters
            for m in pattern.finditer(text):
                candidates.append(ProgrammeMatch(pid, m.start(), m.end()))
    candidates.sort(key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[ProgrammeMatch] = []
    for c in candidates:
        if any(c.start < k.end and k.start < c.end for k in chosen):
            continue
        chosen.append(c)
    chosen = [_by_countries(text, c, parents) for c in chosen]
    ids = {c.programme for c in chosen}
    if not keep_parents:
        above = set().union(*(_ancestors(o, parents) for o in ids))
        chosen = [c for c in chosen if c.programme not in above]
    unique: dict[str, ProgrammeMatch] = {}
    for c in sorted(chosen, key=lambda c: c.start):
        unique.setdefault(c.programme, c)
    return list(unique.values())


def _ancestors(programme: str, parents: dict[str, str | None]) -> set[str]:
    """The programmes above this one: "Erasmus+" and its KA2 above a KA220 partnership."""
    found: set[str] = set()
    while (programme := parents.get(programme) or "") and programme not in found:
        found.add(programme)
    return found


@lru_cache(maxsize=1)
def _country_pairs() -> dict[frozenset[str], str]:
    """Cross-border programmes by the two countries their id names ("interreg-latvia-lithuania")."""
    from practicehub.catalogue.extract.countries import country_code

    pairs = {}
    for entry in vocab.programmes():
        if not entry.get("parent"):
            continue
        codes = {country_code(w) for w in entry["id"].split("-")} - {None}
        if len(codes) == 2:
            pairs[frozenset(codes)] = entry["id"]
    return pairs


def _by_countries(text: str, match: ProgrammeMatch, parents: dict) -> ProgrammeMatch:
    """ "Interreg VI-A Lietuvos ir Lenkijos bendradarbiavimo programa", "Interreg Polska–Litwa":
    a parent programme followed by two countries is its cross-border child for that pair."""
    from practicehub.catalogue.extract.countries import country_code

    if not any(parents.get(child) == match.programme for child in _country_pairs().values()):
        return match
    window = text[match.end : match.end + 80]
    codes = []
    for w in re.findall(r"[^\W\d_]{4,}", window)[:8]:
        code = country_code(w)
        if code and code not in codes:
            codes.append(code)
    child = _country_pairs().get(frozenset(codes[:2])) if len(codes) >= 2 else None
    if child is None or parents.get(child) != match.programme:
        return match
    return ProgrammeMatch(child, match.start, match.end)


_FOUNDATIONS = "private-foundations"


@lru_cache(maxsize=20_000)
def names_a_foundation(name: str) -> bool:
    """A name that is a private foundation's ("Atviros Lietuvos fondas"): the vocabulary lists
    what it grants as a programme, but the name is the organisation's that gives the money."""
    return _foundation(name, find_programmes(name, keep_parents=True))


def _foundation(name: str, matches: list[ProgrammeMatch]) -> bool:
    parents = _index()[2]
    return (
        bool(matches)
        and _covers_most(name, matches)
        and all(parents.get(m.programme) == _FOUNDATIONS for m in matches)
    )


def _covers_most(name: str, matches: list[ProgrammeMatch]) -> bool:
    """Whether the programme names found make up most of the name (60% of its characters)."""
    return sum(m.end - m.start for m in matches) >= 0.6 * len(name.strip())


@lru_cache(maxsize=20_000)
def is_programme_name(name: str) -> bool:
    """A name that is a programme's, not an organisation's ("European Social Fund").

    Ministries, councils and private foundations are organisations even where the list names
    them as programmes.
    """
    matches = find_programmes(name, keep_parents=True)
    if not matches or _foundation(name, matches):
        return False
    heads = head_concepts(name) - {"fund", "initiative", "union"}
    if _covers_most(name, matches) and not heads:
        return True
    # "Erasmus+ KA2 Strategic Partnerships for school education": a name that opens with a
    # programme's is that programme, unless the programme is named after an organisation (a
    # ministry) or an organisation's noun follows it ("European Social Fund Agency").
    first = min(matches, key=lambda m: m.start)
    following = name[first.end :].split()
    own = head_concepts(name[first.start : first.end]) - {"fund", "initiative", "union"}
    return (
        not name[: first.start].strip()
        and not own
        and not (following and head_concepts(following[0]))
    )


_ITS_PROJECT = re.compile(
    r"\W{0,3}(?:[^\W\d_]+\s+|\d{4}\W+\d{4}\W+(?:m\.\s+)?){0,3}?(?:projekt\w*|projects?)\b"
)


def names_its_project(sentence: str) -> bool:
    """Whether the sentence calls the project a programme's ("„Horizontas 2020“ projekte",
    "Interreg V-A ... programos 2014–2020 m. projektas", "an Erasmus+ project")."""
    folded = fold(sentence)
    if "projekt" not in folded and "project" not in folded:
        return False
    return any(_ITS_PROJECT.match(folded, m.end) for m in find_programmes(sentence))


def is_funding_statement(sentence: str) -> bool:
    """Whether the sentence says where money came from: words of money, or words of support
    with a giver named (see ``_SUPPORT``)."""
    folded = fold(sentence)
    if _MONEY.search(folded):
        return True
    cues = list(_SUPPORT.finditer(folded))
    if not cues:
        return False
    if _GIVER.search(folded) or find_programmes(sentence):
        return True
    return any(_NAME_AFTER.match(sentence, m.end()) for m in cues)


_CUE_SCANS = scanners(_CUES)


def funding_cues(text: str) -> Occurrences:
    """Where the words a funding statement needs occur in a piece of text: a sentence of it
    they do not touch is no funding statement, so one pass over the piece spares most of its
    sentences the search of ``is_funding_statement``."""
    return Occurrences(_CUE_SCANS, fold(text))


def parent_of(programme: str) -> str | None:
    return _index()[2].get(programme)


@lru_cache(maxsize=1)
def _openings() -> dict[str, set[tuple[str, ...]]]:
    """The first two stems of each programme's names, per programme."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for entry in vocab.programmes():
        for lang in LANGUAGES:
            for name in [entry["name"].get(lang, ""), *entry["aliases"].get(lang, [])]:
                stems = tuple(stems_of(name, lang))
                if len(stems) > 2:
                    out.setdefault(entry["id"], set()).add(stems[:2])
    return out


def names_start(text: str, programme: str) -> bool:
    """Whether ``text`` names the programme by the opening of its name ("the European Fund")."""
    openings = _openings().get(programme, set())
    for lang in LANGUAGES:
        words = stems_of(text, lang)
        pairs = set(itertools.pairwise(words))
        if pairs & openings:
            return True
    return False

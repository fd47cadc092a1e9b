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
import re
from dataclasses import dataclass
from functools import lru_cache

from practicehub import vocab
from practicehub.catalogue.extract.names import head_concepts
from practicehub.catalogue.extract.phrases import LANGUAGES, PhraseIndex
from practicehub.catalogue.extract.text import fold
from practicehub.catalogue.extract.text import stems as stems_of

_CUES = re.compile(
    r"\b(?:(?:co-?)?(?:funded|financed|sponsored)|financial(?:ly)? support\w*"
    r"|funding (?:from|by|of)|with (?:the )?support of|supported by"
    r"|grant(?:ed)? (?:from|by|under)|under the .{0,80}"
    r"program|by the european .{0,60}fund|(?:co-?)?funded under"
    r"|finansuoj\w*|finansuot\w*|finansav\w*|(?:bendrai |is dalies |dalinai )?finansuoja"
    r"|\bremia\b|remiam\w*|paremt\w*|lesomis|lesu|parama\b|paramos saltin\w*"
    r"|\bpagal .{0,80}program)"
)


@dataclass(frozen=True, slots=True)
class ProgrammeMatch:
    programme: str
    start: int
    end: int


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
            pattern = re.compile(r"(?<![\w+])" + re.escape(acronym) + r"(?![\w+])")
            acronyms.append((pattern, pid))
    return PhraseIndex(phrases), acronyms, parents


def find_programmes(text: str, *, keep_parents: bool = False) -> list[ProgrammeMatch]:
    """Programmes named in ``text``, longest names first where two overlap, in text order.

    A parent named beside its own child ("Erasmus+ ... KA2") is left out unless
    ``keep_parents``."""
    index, acronyms, parents = _index()
    candidates = [ProgrammeMatch(m.id, m.start, m.end) for m in index.find(text)]
    for pattern, pid in acronyms:
        for m in pattern.finditer(text):
            candidates.append(ProgrammeMatch(pid, m.start(), m.end()))
    candidates.sort(key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[ProgrammeMatch] = []
    for c in candidates:
        if any(c.start < k.end and k.start < c.end for k in chosen):
            continue
        chosen.append(c)
    ids = {c.programme for c in chosen}
    if not keep_parents:
        chosen = [c for c in chosen if not any(parents.get(o) == c.programme for o in ids)]
    unique: dict[str, ProgrammeMatch] = {}
    for c in sorted(chosen, key=lambda c: c.start):
        unique.setdefault(c.programme, c)
    return list(unique.values())


def is_programme_name(name: str) -> bool:
    """A name that is a programme's, not an organisation's ("European Social Fund").

    Ministries and councils are organisations even where the list names them as programmes.
    """
    matches = find_programmes(name)
    if not matches:
        return False
    covered = sum(m.end - m.start for m in matches)
    heads = head_concepts(name) - {"fund", "initiative", "union"}
    return covered >= 0.6 * len(name.strip()) and not heads


def is_funding_statement(sentence: str) -> bool:
    return bool(_CUES.search(fold(sentence)))


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

"""Organisation names: how a name is cleaned for display and reduced for comparison.

Pure functions over strings, shared by extraction (is this phrase an organisation's name? where
does one name end and the next begin?) and the registry (are these two spellings one
organisation?). The word lists live in ``data/organisation_words.json``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from practicehub.catalogue.extract.text import QUOTES, fold

_DATA = Path(__file__).parent / "data" / "organisation_words.json"


@lru_cache(maxsize=1)
def _words() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def _stem_regex(concepts: dict[str, list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    return [
        # A stem and an ending of up to four letters: "fondas", "fondo", not "fundamental".
        (concept, re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")[a-z]{0,4}\b"))
        for concept, stems in concepts.items()
    ]


@lru_cache(maxsize=1)
def _heads() -> list[tuple[str, re.Pattern[str]]]:
    return _stem_regex(_words()["heads"])


@lru_cache(maxsize=1)
def _qualifiers() -> list[tuple[str, re.Pattern[str]]]:
    return _stem_regex(_words()["qualifiers"])


@lru_cache(maxsize=1)
def _legal_forms() -> re.Pattern[str]:
    forms = sorted({_plain(f) for f in _words()["legal_forms"]}, key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, forms)) + r")(?=\s|$)")


@lru_cache(maxsize=1)
def _state_affixes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = _words()
    prefixes = sorted((_plain(p) for p in data["state_prefixes"]), key=len, reverse=True)
    suffixes = sorted((_plain(s) for s in data["state_suffixes"]), key=len, reverse=True)
    return (
        re.compile(r"^(?:" + "|".join(map(re.escape, prefixes)) + r")\s+"),
        re.compile(r"\s+(?:" + "|".join(map(re.escape, suffixes)) + r")$"),
    )


_NON_WORD = re.compile(r"[^\w]+")
_ACRONYM = re.compile(r"^[A-ZĄČĘĖĮŠŲŪŽ][A-ZĄČĘĖĮŠŲŪŽ0-9&+\-]{1,11}$")


def _plain(text: str) -> str:
    return _NON_WORD.sub(" ", fold(text)).strip()


def display_name(raw: str) -> str:
    """The name as it should be shown: no quotes, no stray punctuation, single spaces.

    A dash typed with spaces inside a compound word ("Social – educational") is closed up.
    """
    name = raw.translate({ord(q): " " for q in QUOTES})
    name = re.sub(r"(?<=\w)\s+[-–—]\s+(?=[a-ząčęėįšųūž])", "-", name)
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-–—/")
    return name


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


def name_key(name: str) -> str:
    """What spellings of one name share: folded words, no legal form, no "LR" prefix."""
    key = _plain(display_name(name))
    prefix, suffix = _state_affixes()
    stripped = _legal_forms().sub(" ", f" {key} ").strip()
    stripped = suffix.sub("", prefix.sub("", stripped))
    stripped = re.sub(r"\s+", " ", stripped).strip()
    return stripped or key


def head_concepts(name: str) -> set[str]:
    folded = _plain(name)
    return {concept for concept, pattern in _heads() if pattern.search(folded)}


def has_head(name: str) -> bool:
    """Whether the phrase holds a noun that names an organisation (centre, ministerija, ...)."""
    return bool(head_concepts(name))


def core_and_type(name: str, quoted: str | None = None) -> tuple[str, str]:
    """The distinctive part of a name and the concepts of its generic part.

    "Social Partnership Fund Magnum Bonum" and "Socialinės partnerystės fondas Magnum Bonum"
    both give ("magnum bonum", "fund partnership social"); "„Magnum Bonum”" gives
    ("magnum bonum", ""). Place names and other words stay in the core, so "Lithuanian Red
    Cross Society" and "Latvian Red Cross Society" keep different cores.
    """
    if quoted:
        core = name_key(quoted)
        rest = _plain(display_name(name)).replace(core, " ")
    else:
        core = name_key(name)
        rest = core
    concepts: set[str] = set()
    for concept, pattern in [*_heads(), *_qualifiers()]:
        if pattern.search(rest):
            concepts.add(concept)
            if not quoted:
                core = pattern.sub(" ", core)
    core = re.sub(r"\s+", " ", core).strip()
    return core, " ".join(sorted(concepts))


_QUOTED = re.compile(r"[„“”\"«»‘’‚](.+?)[„“”\"«»‘’]")


def quoted_part(raw: str) -> str | None:
    """The part of a raw name written between quotes, if any ("„Magnum Bonum”")."""
    m = _QUOTED.search(raw)
    if m and m.group(1).strip():
        return m.group(1).strip()
    return None

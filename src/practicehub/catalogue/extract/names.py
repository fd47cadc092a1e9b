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

from practicehub.catalogue.extract.text import QUOTES, fold, stem_all

_DATA = Path(__file__).parent / "data" / "organisation_words.json"


@lru_cache(maxsize=1)
def _words() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _stems() -> tuple[tuple[tuple[str, str, int], ...], tuple[tuple[str, str, int], ...]]:
    """(stem, concept, letters that may follow it) for heads and for qualifiers, longest first.

    A head or qualifier word starts with its stem and has an ending of up to four letters
    ("fondas", "fondo", not "fundamental"); a compound head is the end of a word with up to
    two letters after it ("Migrantinnenverein", "Handwerkskammer")."""
    data = _words()
    heads = [(stem, c, 4) for c, stems in data["heads"].items() for stem in stems]
    compounds = [(stem, c, -2) for c, stems in data["compound_heads"].items() for stem in stems]
    qualifiers = [(stem, c, 4) for c, stems in data["qualifiers"].items() for stem in stems]

    def ordered(entries):
        return tuple(sorted(entries, key=lambda e: -len(e[0])))

    return ordered(heads + compounds), ordered(qualifiers)


@lru_cache(maxsize=200_000)
def _word_concepts(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The head and qualifier concepts one folded word carries."""
    found: tuple[set[str], set[str]] = (set(), set())
    for table, out in zip(_stems(), found, strict=True):
        for stem, concept, after in table:
            at = 0 if after > 0 else word.rfind(stem)
            if after > 0 and not word.startswith(stem):
                continue
            ending = word[at + len(stem) :] if at != -1 else "-"
            if len(ending) <= abs(after) and (not ending or ending.isalpha()):
                out.add(concept)
    return frozenset(found[0]), frozenset(found[1])


def _concepts(words: list[str], *, qualifiers: bool) -> set[str]:
    out: set[str] = set()
    for word in words:
        heads, quals = _word_concepts(word)
        out |= heads
        if qualifiers:
            out |= quals
    return out


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


# An apostrophe inside a word or after a plural's "s" ("Women's", "Investors' Forum") is part
# of the name, not a quotation mark.
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])|(?<=s)['’](?=\s+[A-Z])")
# Apostrophes stand in for themselves while the quotation marks are taken out.
_KEPT = {"'": "\x00", "’": "\x01"}


def _plain(text: str) -> str:
    return _NON_WORD.sub(" ", fold(text)).strip()


@lru_cache(maxsize=20_000)
def display_name(raw: str) -> str:
    """The name as it should be shown: no quotes, no stray punctuation, single spaces.

    Cached: the list readers show the same candidate names again and again (a record's
    phrases, its lists, its dedupe keys), and the text's quotes and dashes cost a few passes.

    A dash typed with spaces inside a compound word ("Social – educational") is closed up;
    apostrophes of possessives stay ("Women's Issues Information Centre").
    """
    name = _APOSTROPHE.sub(lambda m: _KEPT[m.group(0)], raw)
    name = name.translate({ord(q): " " for q in QUOTES})
    name = name.translate({ord(mark): original for original, mark in _KEPT.items()})
    name = re.sub(r"(?<=\w)\s+[-–—]\s+(?=[a-ząčęėįšųūž])", "-", name)
    name = re.sub(r"\s+", " ", name).strip(" ,;:-–—/")
    if name.endswith(".") and not _ABBREVIATED_END.search(name):
        name = name.rstrip(".").rstrip(" ,;:-–—/")
    return name


# A name that ends in an abbreviation keeps its full stop: "e. V.", "e.V.", "S.A.", "Ltd.".
_ABBREVIATED_END = re.compile(r"(?:\b[^\W\d_]\.|\.[^\W\d_]{1,3}\.|\b(?:Ltd|Inc|Co|Corp)\.)$")


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


_DESCRIBED_QUOTE = re.compile(r"^[a-ząčęėįšųūž][^„“”\"«»]{0,40}?\s[„“\"«]")


@lru_cache(maxsize=20_000)
def name_key(name: str) -> str:
    """What spellings of one name share: folded words, no legal form, no "LR" prefix
    (cached: a record's names are keyed by dedupe and by every check that compares them)."""
    described = _DESCRIBED_QUOTE.match(name.strip())
    if described:
        # 'asociacija „Kauno įvairovės namai“', 'the trade union "Uosto darbuotojai"': a
        # description in lower case before the quoted name is no part of it.
        name = name.strip()[described.end() - 1 :]
    key = _plain(display_name(name))
    prefix, suffix = _state_affixes()
    stripped = _legal_forms().sub(" ", f" {key} ").strip()
    stripped = suffix.sub("", prefix.sub("", stripped))
    stripped = re.sub(r"\s+", " ", stripped).strip()
    return stripped or key


@lru_cache(maxsize=1)
def _people() -> re.Pattern[str]:
    stems = sorted(_words()["people"], key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(map(re.escape, stems)) + r")[^\W\d_]{0,5}$")


def names_people(name: str) -> bool:
    """ "Lietuvos edukologijos studentų savanoriai", "local volunteers": a group of people, not
    an organisation (no organisation's noun, legal form or quoted name, a people noun last)."""
    words = _plain(name).split()
    return (
        bool(words)
        and bool(_people().match(words[-1]))
        and not has_head(name)
        and not has_legal_form(name)
        and quoted_part(name) is None
        and not _title_case(name)
    )


_SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "de", "du", "des", "la", "und"})


def _title_case(name: str) -> bool:
    """ "Vilnius First Aid Volunteers", "Kaunas Rainbow Volunteers": three words or more, each
    capitalised, are a proper name, not "local volunteers"."""
    tokens = [t for t in name.split() if t.lower() not in _SMALL_WORDS]
    return len(tokens) >= 3 and all(t[:1].isupper() for t in tokens)


def has_legal_form(name: str) -> bool:
    """Whether the phrase carries a legal-form word ("VšĮ", "UAB", "e.V.", "Ltd").

    A short form counts only as written with a capital ("AS", "e.V.") or as the name's last
    word ("Kulttuurien Silta ry"), not the word "as".
    """
    tokens = name.split()
    for m in _legal_forms().finditer(f" {_plain(name)} "):
        form = m.group(0).replace(" ", "")
        if len(form) > 3:
            return True
        for i, token in enumerate(tokens):
            bare = token.strip(".,;:()").replace(".", "")
            last = i == len(tokens) - 1 and i > 0
            if fold(bare) == form and (last or any(c.isupper() for c in bare)):
                return True
    return False


def stem_key(name: str) -> str:
    """The name key with each word cut to its Lithuanian stem, so that a name in another case
    meets its nominative: "Lygių galimybių plėtros centru" and "... centras" share one. Only
    names of two words or more have one ("" otherwise): a single word is too easily another's."""
    words = name_key(name).split()
    return " ".join(stem_all(words, "lt")) if len(words) >= 2 else ""


# Endings of a Lithuanian noun in the nominative ("centras", "asociacija", "bendrija",
# "sąjunga", "tarnyba", "draugija", "institutas", "taryba", "centrai").
_NOMINATIVE = re.compile(r"(?:as|is|ys|us|a|ė|ai|os|ės|ys)$")


def nominative_rank(name: str) -> int:
    """How much a spelling looks like the name in the nominative (higher is more): its last
    word ends as a nominative does, or is not Lithuanian at all."""
    last = name.split()[-1] if name.split() else ""
    if not re.search(r"[ąčęėįšųūž]", name.lower()) and not last.lower().endswith(("u", "ą", "ę")):
        return 1
    return 1 if _NOMINATIVE.search(last.lower()) else 0


def head_concepts(name: str) -> set[str]:
    return _concepts(_plain(name).split(), qualifiers=False)


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
    concepts = _concepts(rest.split(), qualifiers=True)
    if not quoted:
        core = " ".join(w for w in core.split() if not any(_word_concepts(w)))
    core = re.sub(r"\s+", " ", core).strip()
    return core, " ".join(sorted(concepts))


_QUOTED = re.compile(r"[„“”\"«»‘’‚](.+?)[„“”\"«»‘’]")


def quoted_part(raw: str) -> str | None:
    """The part of a raw name written between quotes, if any ("„Magnum Bonum”")."""
    m = _QUOTED.search(raw)
    if m and m.group(1).strip():
        return m.group(1).strip()
    return None

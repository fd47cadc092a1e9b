"""Lithuania's public bodies: which names, in Lithuanian or English, name which body.

Documents name the same municipality or ministry in both languages, in any grammatical case and
abbreviated ("Vilniaus m. savivaldybės", "Vilnius City Municipality"), and no shared word says
that these are one body; the registry asks ``public_body`` instead. The bodies, their official
names and other names live in ``data/public_bodies.json``; the forms every municipality has
(its administration, the abbreviations, the English word orders) are derived here.

A name matches only as a whole: "Vilniaus Gedimino technikos universitetas" or "Vilniaus miesto
savivaldybės Socialinių paslaugų skyrius" name no body, and "Vilniaus savivaldybė" neither, as
Vilnius has a city and a district municipality. An English name other countries' bodies share
("Ministry of Health") counts only with Lithuania in it or a mention placed in Lithuania.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from practicehub.catalogue.extract.names import display_name
from practicehub.catalogue.extract.text import fold, stem_all

__all__ = ["Body", "BodyMatch", "bodies", "body_names", "public_body"]

_DATA = Path(__file__).parent / "data" / "public_bodies.json"

LITHUANIA = "LT"


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    lt: str  # the official names, as shown
    en: str

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.lt


@dataclass(frozen=True, slots=True)
class BodyMatch:
    body: Body
    # The language of the name matched, "" when the body's names in both languages read alike
    # ("Lietuvos Respublikos Seimas", "Seimas of the Republic of Lithuania").
    language: str


@dataclass(frozen=True, slots=True)
class _Form:
    body: Body
    language: str
    generic: bool  # an English name other countries' bodies share
    name: str


# Abbreviations documents write for municipalities: "Vilniaus m. sav.", "Kauno r. savivaldybė".
_ABBREVIATIONS = {
    "m": "miesto",
    "r": "rajono",
    "raj": "rajono",
    "sav": "savivaldybe",
    "adm": "administracija",
}
# Words that place a name in Lithuania, longest first; taken out wherever they stand
# ("LR socialinės apsaugos ...", "... prie Lietuvos Respublikos Vyriausybės", "... of Lithuania").
_LITHUANIA = tuple(
    tuple(words.split())
    for words in (
        "of the republic of lithuania",
        "of republic of lithuania",
        "the republic of lithuania",
        "republic of lithuania",
        "lietuvos respublikos",
        "of lithuania",
        "in lithuania",
        "lithuania s",
        "lithuanian",
        "lietuvos",
        "lr",
    )
)
_NON_WORD = re.compile(r"[^\w]+")


def _key(name: str) -> tuple[str, bool]:
    """The name's words folded, abbreviations written out, Lithuania's name taken out and each
    word cut to its stem; and whether Lithuania's name was there."""
    words = [_ABBREVIATIONS.get(w, w) for w in _NON_WORD.sub(" ", fold(display_name(name))).split()]
    if words[:1] == ["the"]:
        words = words[1:]
    kept: list[str] = []
    placed = False
    at = 0
    while at < len(words):
        state = next((s for s in _LITHUANIA if tuple(words[at : at + len(s)]) == s), None)
        if state is None:
            kept.append(words[at])
            at += 1
        else:
            placed = True
            at += len(state)
    return " ".join(stem_all(kept, "lt")), placed


def _municipality_forms(entry: dict, single: bool) -> dict[str, list[str]]:
    """The names of one municipality: official, administration, English word orders; and the
    place's name alone ("Utenos savivaldybė", "Utena Municipality") where it has no other."""
    lt, en = entry["lt"], entry["en"]
    place_lt = re.sub(r"\s+(?:miesto|rajono)?\s*savivaldybė$", "", lt)
    place_en = re.sub(r"\s+(?:City|District)?\s*Municipality$", "", en)
    unit_en = en[len(place_en) : -len("Municipality")].strip()  # "City", "District" or ""
    lt_names = [lt]
    en_names = [en, f"Municipality of {place_en} {unit_en}".strip()]
    if single:
        lt_names.append(f"{place_lt} savivaldybė")
        en_names += [f"{place_en} Municipality", f"Municipality of {place_en}"]
    lt_names += [f"{n[: -len('ė')]}ės administracija" for n in list(lt_names)]
    en_names += [f"{n} Administration" for n in en_names if n.endswith("Municipality")]
    en_names += [f"Administration of {n}" for n in en_names if n.endswith("Municipality")]
    return {"lt": lt_names, "en": en_names}


def _places(municipalities: list[dict]) -> dict[str, int]:
    """How many municipalities each place (its Lithuanian genitive) has."""
    counts: dict[str, int] = {}
    for entry in municipalities:
        place = re.sub(r"\s+(?:miesto|rajono)?\s*savivaldybė$", "", entry["lt"])
        counts[place] = counts.get(place, 0) + 1
    return counts


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[_Form]], tuple[Body, ...]]:
    """Every form's key and the bodies; a key two bodies share is an error of the data."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    places = _places(data["municipalities"])
    forms: dict[str, list[_Form]] = {}
    found: list[Body] = []

    def add(body: Body, language: str, names: list[str], generic: bool = False) -> None:
        for name in names:
            key, _placed = _key(name)
            same = forms.setdefault(key, [])
            if any(f.body != body for f in same):
                raise ValueError(f"{name!r} names {body.id} and {same[0].body.id}")
            same.append(_Form(body, language, generic, name))

    for entry in data["municipalities"]:
        body = Body(entry["id"], entry["lt"], entry["en"])
        place = re.sub(r"\s+(?:miesto|rajono)?\s*savivaldybė$", "", entry["lt"])
        for language, names in _municipality_forms(entry, places[place] == 1).items():
            add(body, language, names)
        found.append(body)
    for entry in data["bodies"]:
        body = Body(entry["id"], entry["lt"], entry["en"])
        add(body, "lt", [entry["lt"], *entry.get("lt_variants", ())])
        add(body, "en", [entry["en"], *entry.get("en_variants", ())])
        add(body, "en", entry.get("en_generic", []), generic=True)
        found.append(body)
    return forms, tuple(found)


def bodies() -> tuple[Body, ...]:
    return _table()[1]


@lru_cache(maxsize=1)
def _names_by_body() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for forms in _table()[0].values():
        for form in forms:
            if not form.generic:
                out.setdefault(form.body.id, []).append((form.language, form.name))
    return {body: tuple(dict.fromkeys(names)) for body, names in out.items()}


def body_names(body_id: str) -> tuple[tuple[str, str], ...]:
    """(language, name) of the names that name this body alone ("Vilnius City Municipality",
    "Vilniaus miesto savivaldybės administracija"): what a search for it may be written as."""
    return _names_by_body().get(body_id, ())


@lru_cache(maxsize=50_000)
def public_body(name: str, country: str | None = None) -> BodyMatch | None:
    """The public body the whole name names, if any (``country``: where the mention is placed;
    a body elsewhere than Lithuania is none of these)."""
    if country and country != LITHUANIA:
        return None
    key, placed = _key(name)
    forms = _table()[0].get(key) if key else None
    if not forms:
        return None
    if any(f.generic for f in forms) and not (placed or country == LITHUANIA):
        return None
    languages = {f.language for f in forms}
    return BodyMatch(forms[0].body, languages.pop() if len(languages) == 1 else "")

"""Country names in English and Lithuanian (with Lithuanian case endings), and in German,
French, Latvian, Polish, Spanish, Italian and Portuguese, to ISO 3166-1 codes.

Names come from pycountry and its Lithuanian translations, plus the short forms texts use
("UK", "the Netherlands", "Czech Republic"). Lithuanian names are matched in their usual case
forms: "Belgija", "Belgijos", "Belgijoje".
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

from practicehub.catalogue.extract.text import fold

_EXTRA = {
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "usa": "US",
    "u.s.a.": "US",
    "the united states": "US",
    "the netherlands": "NL",
    "holland": "NL",
    "czech republic": "CZ",
    "russia": "RU",
    "moldova": "MD",
    "turkey": "TR",
    "the united kingdom": "GB",
    "kosovo": "XK",
    "jungtine karalyste": "GB",
    "jav": "US",
    "cekija": "CZ",
    "rusija": "RU",
}

# Lithuanian case endings of nominative country names (genitive, locative, accusative, dative).
_LT_ENDINGS = (
    ("ija", ("ijos", "ijoje", "iją", "ijai", "ija")),
    ("a", ("os", "oje", "ą", "ai", "a")),
    ("as", ("o", "e", "ą", "ui", "as")),
    ("is", ("io", "yje", "į", "iui", "is")),
    ("ė", ("ės", "ėje", "ę", "ei", "ė")),
    ("ai", ("ų", "uose", "us", "ams", "ai")),
)


def _lt_forms(name: str) -> list[str]:
    for ending, forms in _LT_ENDINGS:
        if name.endswith(ending):
            stem = name[: -len(ending)]
            return [stem + f for f in forms]
    return [name]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    try:
        lt = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["lt"])
    except OSError:  # translations not shipped: English names only
        lt = None
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                table.setdefault(fold(name), code)
        if lt is not None:
            translated = lt.gettext(country.name)
            if translated != country.name:
                for form in _lt_forms(translated):
                    table.setdefault(fold(form), code)
    # The other languages of our documents' families, in the nominative and the genitive
    # cross-border programmes and partner lists use ("Latvijas–Lietuvas", "Litwa–Polska").
    languages = (
        ("de", _same), ("fr", _same), ("lv", _lv_forms), ("pl", _pl_forms), ("es", _same),
        ("it", _same), ("pt", _same),
    )  # fmt: skip
    for language, forms in languages:
        try:
            other = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            translated = other.gettext(country.name)
            if translated != country.name and " " not in translated.strip():
                for form in forms(translated):
                    table.setdefault(fold(form), country.alpha_2)
    for name, code in _EXTRA.items():
        table[fold(name.strip())] = code
    return table


def _same(name: str) -> list[str]:
    return [name]


def _lv_forms(name: str) -> list[str]:
    return [name, name + "s"] if name.endswith(("a", "e")) else [name]


def _pl_forms(name: str) -> list[str]:
    if name.endswith("ka"):
        return [name, name[:-1] + "i"]
    return [name, name[:-1] + "y"] if name.endswith("a") else [name]


def country_code(text: str) -> str | None:
    """ISO code for a country name ("Belgium", "Belgija", "Belgijoje"), or None."""
    text = re.sub(r"\s+", " ", text).strip(" .,;:()")
    if len(text) == 2 and text.isupper() and pycountry.countries.get(alpha_2=text):
        return text  # "ACME (BE)"
    return _table().get(fold(text))


_CAPITALISED = re.compile(r"[A-ZĄČĘĖĮŠŲŪŽÀ-Ý][\w'-]+")
_POSTCODE_PREFIX = re.compile(r"\b(LT|LV|EE|PL|DE|BE|FR|FI|SE|NO|DK|AT|NL|LU)-\d{4,5}\b")


def countries_in(text: str) -> set[str]:
    """Codes of the countries a text names in a word of its own ("... in Utena, Lithuania",
    "Bruxelles (Belgique)") or by a postal code's prefix ("LT-44146")."""
    found = {m.group(1) for m in _POSTCODE_PREFIX.finditer(text)}
    for m in _CAPITALISED.finditer(text):
        code = country_code(m.group(0))
        if code is not None and len(m.group(0)) > 2:
            found.add(code)
    return found

"""The organisation registry: one row per organisation, whatever the spelling.

``organisation_key`` reduces a name to the form under which spellings meet (quotes, case,
diacritics and stray punctuation removed); ``organisation_resolve`` finds or creates the
organisation for a mention and remembers the spelling.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.text import slugify

from practicehub.catalogue.models import Organisation, OrganisationName

_QUOTES = "\"'„“”«»‘’‚‹›`´"
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Lietuvių" -> "lietuviu"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_name(name: str) -> str:
    """The name as it should be displayed: quotes and stray punctuation removed."""
    name = name.translate({ord(q): " " for q in _QUOTES})
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-–—")
    return name


def organisation_key(name: str) -> str:
    return _NON_WORD.sub(" ", fold(clean_name(name))).strip()


def _new_id(name: str) -> str:
    base = slugify(fold(name))[:80] or "organisation"
    candidate, n = base, 1
    while Organisation.objects.filter(id=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def organisation_resolve(
    *, name: str, acronym: str | None = None, country: str | None = None, language: str = ""
) -> Organisation:
    display = clean_name(name)
    key = organisation_key(display)
    spelling = OrganisationName.objects.filter(key=key).select_related("organisation").first()
    if spelling is not None:
        organisation = spelling.organisation
    else:
        organisation = Organisation.objects.create(
            id=_new_id(display), name=display, acronym=acronym or "", country=country or ""
        )
    changed = False
    if acronym and not organisation.acronym:
        organisation.acronym, changed = acronym, True
    if country and not organisation.country:
        organisation.country, changed = country, True
    if changed:
        organisation.save(update_fields=["acronym", "country"])
    OrganisationName.objects.get_or_create(
        organisation=organisation, name=display, defaults={"key": key, "language": language}
    )
    return organisation

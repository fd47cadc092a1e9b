"""The organisation registry: one row per organisation, whatever the spelling.

A mention is matched to an organisation already known, in this order, and a new one is made only
when none matches without doubt (a missed merge is mended by an editor; a wrong one mixes two
organisations' records):

1. the same name key: case, diacritics, quotes, punctuation, legal-form words ("VšĮ", "Ltd",
   "e.V.") and the "LR" / "Lietuvos Respublikos" prefix do not count;
2. an acronym alone ("DDG") and the one organisation known under that acronym;
3. the same distinctive core under the same kind of name, in either language: "Social
   Partnership Fund Magnum Bonum", "Socialinės partnerystės fondas Magnum Bonum" and
   "„Magnum Bonum”" share the core "magnum bonum";
4. any of the names the text links to it ("Lygių galimybių plėtros centras (Centre for Equality
   Advancement)").

Organisations in different countries never merge, and a match that points at two organisations
is no match. Every spelling is kept as an ``OrganisationName``.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.text import slugify

from practicehub.catalogue.extract.names import (
    core_and_type,
    display_name,
    is_acronym,
    name_key,
)
from practicehub.catalogue.extract.text import fold
from practicehub.catalogue.models import Organisation, OrganisationName

__all__ = ["clean_name", "fold", "organisation_key", "organisation_resolve"]


def clean_name(name: str) -> str:
    """The name as it should be displayed: quotes and stray punctuation removed."""
    return display_name(name)


def organisation_key(name: str) -> str:
    return name_key(name)


def _new_id(name: str) -> str:
    base = slugify(fold(name))[:80] or "organisation"
    candidate, n = base, 1
    while Organisation.objects.filter(id=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _one(organisations: set[Organisation], country: str | None) -> Organisation | None:
    """The single organisation a match points at; with a country, one in that country."""
    fitting = {o for o in organisations if not country or not o.country or o.country == country}
    if country and len(fitting) > 1:
        same = {o for o in fitting if o.country == country}
        fitting = same or fitting
    return fitting.pop() if len(fitting) == 1 else None


def _by_name(name: str, country: str | None) -> Organisation | None:
    key = name_key(name)
    found = {
        n.organisation
        for n in OrganisationName.objects.filter(key=key).select_related("organisation")
    }
    match = _one(found, country)
    if match is not None or found:
        return match
    if is_acronym(name):
        by_acronym = set(Organisation.objects.filter(acronym=name))
        return _one(by_acronym, country)
    core, kind = core_and_type(name)
    if len(core) < 4 or (not kind and len(core.split()) < 2):
        return None
    found = set()
    for spelling in OrganisationName.objects.filter(core=core).select_related("organisation"):
        if not kind or not spelling.kind or spelling.kind == kind:
            found.add(spelling.organisation)
    return _one(found, country)


def _is_bare(organisation: Organisation) -> bool:
    """A name that says less than a full one would: an acronym, or a core without its kind."""
    return is_acronym(organisation.name) or not core_and_type(organisation.name)[1]


def organisation_resolve(
    *,
    name: str,
    acronym: str | None = None,
    country: str | None = None,
    language: str = "",
    aliases: list[str] | tuple[str, ...] = (),
) -> Organisation:
    """The organisation a mention names, found or created; the spelling is remembered."""
    display = clean_name(name)
    names = [display, *(clean_name(a) for a in aliases if clean_name(a))]
    organisation = None
    for candidate in names:
        organisation = _by_name(candidate, country)
        if organisation is not None:
            break
    if organisation is None and acronym and not is_acronym(display):
        # "Diversity Development Group (DDG)" after "DDG" alone was seen.
        bare = Organisation.objects.filter(Q(acronym=acronym) | Q(name=acronym))
        organisation = _one({o for o in bare if is_acronym(o.name)}, country)
    if organisation is None:
        organisation = Organisation.objects.create(
            id=_new_id(display),
            name=display,
            acronym=acronym or (display if is_acronym(display) else ""),
            country=country or "",
        )
    else:
        changed = []
        if acronym and not organisation.acronym:
            organisation.acronym = acronym
            changed.append("acronym")
        if country and not organisation.country:
            organisation.country = country
            changed.append("country")
        if _is_bare(organisation) and not is_acronym(display) and core_and_type(display)[1]:
            organisation.name = display
            changed.append("name")
        if changed:
            organisation.save(update_fields=changed)
    for spelling in names:
        core, kind = core_and_type(spelling)
        OrganisationName.objects.get_or_create(
            organisation=organisation,
            name=spelling,
            defaults={
                "key": name_key(spelling),
                "core": core,
                "kind": kind,
                "language": language if spelling == display else "",
            },
        )
    return organisation

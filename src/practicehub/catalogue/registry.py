"""The organisation registry: one row per organisation, whatever the spelling.

A mention is matched to an organisation already known, in this order, and a new one is made only
when none matches without doubt (a missed merge is mended by an editor; a wrong one mixes two
organisations' records):

1. the same name key: case, diacritics, quotes, punctuation, legal-form words ("VšĮ", "Ltd",
   "e.V.") and the "LR" / "Lietuvos Respublikos" prefix do not count;
2. the same name in another grammatical case: the key cut to Lithuanian word stems ("kartu su
   Lygių galimybių plėtros centru" names the "Lygių galimybių plėtros centras" seen before);
   the organisation keeps its name, the new spelling is remembered;
3. an acronym alone ("DDG") and the one organisation known under that acronym;
4. the same distinctive core under the same kind of name, in either language: "Social
   Partnership Fund Magnum Bonum", "Socialinės partnerystės fondas Magnum Bonum" and
   "„Magnum Bonum”" share the core "magnum bonum";
5. any of the names the text links to it ("Lygių galimybių plėtros centras (Centre for Equality
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
    stem_key,
)
from practicehub.catalogue.extract.text import fold
from practicehub.catalogue.models import Organisation, OrganisationName

__all__ = ["clean_name", "fold", "organisation_key", "organisation_resolve", "spelling_keys"]


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
    key, stem, core = name_key(name), stem_key(name), core_and_type(name)
    # One query for the three ways a stored spelling can name the same organisation.
    lookup = Q(key=key) | Q(stem=stem) if stem else Q(key=key)
    if len(core[0]) >= 4 and (core[1] or len(core[0].split()) >= 2):
        lookup |= Q(core=core[0])
    spellings = list(OrganisationName.objects.filter(lookup).select_related("organisation"))
    for matches in (
        lambda n: n.key == key,  # 1. the same name
        lambda n: bool(stem) and n.stem == stem,  # 2. in another grammatical case
    ):
        found = {n.organisation for n in spellings if matches(n)}
        match = _one(found, country)
        if match is not None or found:
            return match
    if is_acronym(name):
        by_acronym = set(Organisation.objects.filter(acronym=name))
        return _one(by_acronym, country)
    core, kind = core
    if len(core) < 4 or (not kind and len(core.split()) < 2):
        return None
    found = {
        n.organisation
        for n in spellings
        if n.core == core and (not kind or not n.kind or n.kind == kind)
    }
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
    created = organisation is None
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
    known = set() if created else set(organisation.names.values_list("name", flat=True))
    OrganisationName.objects.bulk_create(
        [
            OrganisationName(
                organisation=organisation,
                name=spelling,
                language=language if spelling == display else "",
                **spelling_keys(spelling),
            )
            for spelling in dict.fromkeys(names)
            if spelling not in known
        ]
    )
    return organisation


def spelling_keys(name: str) -> dict[str, str]:
    """What a stored spelling is matched by: its key, core and kind, and stem key."""
    core, kind = core_and_type(name)
    return {"key": name_key(name), "core": core, "kind": kind, "stem": stem_key(name)}

"""The organisation registry: one row per organisation, whatever the spelling.

A mention is matched to an organisation already known, in this order, and a new one is made only
when none matches without doubt (a missed merge is mended by an editor; a wrong one mixes two
organisations' records):

1. the same Lithuanian public body (``extract/bodies.py``): "Vilniaus m. savivaldybės",
   "Vilniaus miesto savivaldybė" and "Vilnius City Municipality" are one municipality, and a
   name of one body never joins an organisation known under another's ("Vilniaus rajono
   savivaldybė" stays apart); an organisation made for a body has the body's id, whichever
   name came first, and its official name in the language of the name seen (which may be
   inflected or abbreviated) as its name;
2. the same name key: case, diacritics, quotes, punctuation, legal-form words ("VšĮ", "Ltd",
   "e.V.") and the "LR" / "Lietuvos Respublikos" prefix do not count;
3. the same name in another grammatical case: the key cut to Lithuanian word stems ("kartu su
   Lygių galimybių plėtros centru" names the "Lygių galimybių plėtros centras" seen before);
   the organisation keeps its name, the new spelling is remembered;
4. an acronym alone ("DDG") and the one organisation known under that acronym;
5. the same distinctive core under the same kind of name, in either language: "Social
   Partnership Fund Magnum Bonum", "Socialinės partnerystės fondas Magnum Bonum" and
   "„Magnum Bonum”" share the core "magnum bonum";
6. any of the names the text links to it ("Lygių galimybių plėtros centras (Centre for Equality
   Advancement)").

Organisations in different countries never merge, and a match that points at two organisations
is no match. Every spelling is kept as an ``OrganisationName``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q, QuerySet
from django.utils.text import slugify

from practicehub.catalogue.extract.bodies import LITHUANIA, BodyMatch, public_body
from practicehub.catalogue.extract.names import (
    core_and_type,
    display_name,
    is_acronym,
    name_key,
    stem_key,
)
from practicehub.catalogue.extract.text import fold
from practicehub.catalogue.models import Organisation, OrganisationName
from practicehub.rows import instances_insert

__all__ = [
    "Mention",
    "RegistryTable",
    "clean_name",
    "fold",
    "organisation_key",
    "organisation_resolve",
    "spelling_keys",
]

# Values per IN (...) list: well under SQLite's limit on query parameters.
_CHUNK = 500


@lru_cache(maxsize=50_000)
def clean_name(name: str) -> str:
    """The name as it should be displayed: quotes and stray punctuation removed."""
    return display_name(name)


def organisation_key(name: str) -> str:
    return name_key(name)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name as a record gives it, with what the record says beside it."""

    name: str
    acronym: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()

    def spellings(self) -> list[str]:
        display = clean_name(self.name)
        return [display, *(clean_name(a) for a in self.aliases if clean_name(a))]


@dataclass(slots=True)
class Spelling:
    """An ``OrganisationName`` row as the table holds it: its values, not a model instance (a
    batch loads thousands, and an instance each cost more than all the lookups in them)."""

    organisation_id: str
    name: str
    key: str
    core: str = ""
    kind: str = ""
    stem: str = ""
    language: str = ""
    body: str = ""


SPELLING_FIELDS = ("organisation_id", "name", "key", "core", "kind", "stem", "language", "body")


def _spellings_of(rows: QuerySet[OrganisationName]) -> list[Spelling]:
    return [Spelling(*values) for values in rows.values_list(*SPELLING_FIELDS)]


@dataclass(frozen=True, slots=True)
class _Keys:
    key: str
    stem: str
    core: str
    kind: str

    @property
    def core_counts(self) -> bool:
        """A core distinctive enough to match on: four letters, and a kind or two words."""
        return len(self.core) >= 4 and bool(self.kind or len(self.core.split()) >= 2)


@lru_cache(maxsize=50_000)
def _keys(name: str) -> _Keys:
    core, kind = core_and_type(name)
    return _Keys(name_key(name), stem_key(name), core, kind)


class RegistryTable:
    """The part of the registry a set of mentions can reach, held in memory.

    Loaded with a few queries for all the names of a batch of documents (``load``), it answers
    every lookup of the resolution rules without a query, and learns each organisation and
    spelling the batch adds. Lookups for names it was not loaded for load them first, so its
    answers are always those the database would give. New organisations and spellings are
    written in bulk by ``flush``, which the caller runs before anything refers to them and
    before its transaction or savepoint ends. It assumes it is the only writer to the registry
    while it lives; a caller whose transaction rolls back throws it away.
    """

    def __init__(self) -> None:
        self.organisations: dict[str, Organisation] = {}
        self._spellings: dict[tuple[str, str], Spelling] = {}
        self._by_key: dict[str, list[Spelling]] = {}
        self._by_stem: dict[str, list[Spelling]] = {}
        self._by_core: dict[str, list[Spelling]] = {}
        self._by_acronym: dict[str, set[str]] = {}
        self._by_body: dict[str, list[Spelling]] = {}
        self._bodies_of: dict[str, set[str]] = {}  # the bodies an organisation's names name
        self._by_name: dict[str, set[str]] = {}
        self._names_of: dict[str, set[str]] = {}
        # What the database was asked for: these lookups are complete in memory.
        self._keys_loaded: set[str] = set()
        self._stems_loaded: set[str] = set()
        self._cores_loaded: set[str] = set()
        self._acronyms_loaded: set[str] = set()
        self._bodies_loaded: set[str] = set()
        self._complete: set[str] = set()  # organisations with all their spellings here
        self._mentions_loaded: set[Mention] = set()
        self._ids_checked: set[str] = set()  # ids whose existence was looked up
        self._id_bases: set[str] = set()  # bases whose numbered ids were looked up
        self._ids_taken: set[str] = set()
        self._new_organisations: dict[str, Organisation] = {}
        self._new_spellings: list[Spelling] = []

    # --- loading -----------------------------------------------------------------------------

    def load(self, mentions: Iterable[Mention]) -> RegistryTable:
        """Load everything resolving these mentions can look at; returns the table."""
        mentions = [m for m in mentions if m not in self._mentions_loaded]
        if not mentions:
            return self
        self._mentions_loaded.update(mentions)
        keys: set[str] = set()
        stems: set[str] = set()
        cores: set[str] = set()
        acronyms: set[str] = set()
        bodies: set[str] = set()
        bases: set[str] = set()
        for mention in mentions:
            display = mention.spellings()[0]
            bases.add(_body_id(display, mention.country) or _id_base(display))
            for spelling in mention.spellings():
                k = _keys(spelling)
                keys.add(k.key)
                if k.stem:
                    stems.add(k.stem)
                if k.core_counts:
                    cores.add(k.core)
                if is_acronym(spelling):
                    acronyms.add(spelling)
                if body := _body_id(spelling, mention.country):
                    bodies.add(body)
            if mention.acronym:
                acronyms.add(mention.acronym)
        keys -= self._keys_loaded
        stems -= self._stems_loaded
        cores -= self._cores_loaded
        acronyms -= self._acronyms_loaded
        bodies -= self._bodies_loaded
        spellings: list[Spelling] = []
        for field, values in (("key", keys), ("stem", stems), ("core", cores), ("body", bodies)):
            for chunk in _chunks(values):
                spellings += self._add_spellings(
                    _spellings_of(OrganisationName.objects.filter(**{f"{field}__in": chunk}))
                )
        self._keys_loaded |= keys
        self._stems_loaded |= stems
        self._cores_loaded |= cores
        self._bodies_loaded |= bodies
        organisations: list[Organisation] = []
        for chunk in _chunks(acronyms):
            organisations += self._add_organisations(
                Organisation.objects.filter(Q(acronym__in=chunk) | Q(name__in=chunk))
            )
        self._acronyms_loaded |= acronyms
        self._complete_names(spellings, organisations)
        bases -= self._ids_checked
        for chunk in _chunks(bases):
            self._ids_taken.update(
                Organisation.objects.filter(id__in=chunk).values_list("id", flat=True)
            )
        self._ids_checked |= bases
        return self

    def _add_spellings(self, rows: Iterable[Spelling]) -> list[Spelling]:
        """Index the rows not indexed yet; returns those."""
        added = [row for row in rows if (row.organisation_id, row.name) not in self._spellings]
        for row in added:
            self._index_spelling(row)
        return added

    def _index_spelling(self, row: Spelling) -> None:
        self._spellings[(row.organisation_id, row.name)] = row
        self._by_key.setdefault(row.key, []).append(row)
        if row.stem:
            self._by_stem.setdefault(row.stem, []).append(row)
        if row.core:
            self._by_core.setdefault(row.core, []).append(row)
        if row.body:
            self._by_body.setdefault(row.body, []).append(row)
            self._bodies_of.setdefault(row.organisation_id, set()).add(row.body)
        self._names_of.setdefault(row.organisation_id, set()).add(row.name)

    def _add_organisations(self, organisations: Iterable[Organisation]) -> list[Organisation]:
        """Index the organisations not indexed yet; returns those."""
        added = [o for o in organisations if o.id not in self.organisations]
        for organisation in added:
            self._index_organisation(organisation)
        return added

    def _index_organisation(self, organisation: Organisation) -> None:
        self.organisations[organisation.id] = organisation
        self._ids_taken.add(organisation.id)
        self._ids_checked.add(organisation.id)
        if organisation.acronym:
            self._by_acronym.setdefault(organisation.acronym, set()).add(organisation.id)
        self._by_name.setdefault(organisation.name, set()).add(organisation.id)

    def _complete_names(self, spellings: list[Spelling], organisations: list[Organisation]) -> None:
        """Organisations reached by new spellings get their row, and every organisation new
        to the table all its spellings (for ``known``)."""
        wanted = {r.organisation_id for r in spellings} - self.organisations.keys()
        for chunk in _chunks(wanted):
            organisations += self._add_organisations(Organisation.objects.filter(id__in=chunk))
        incomplete = {o.id for o in organisations if o.id not in self._complete}
        for chunk in _chunks(incomplete):
            self._add_spellings(
                _spellings_of(OrganisationName.objects.filter(organisation_id__in=chunk))
            )
        self._complete |= incomplete

    # --- the lookups of the rules ------------------------------------------------------------

    def _spellings_matching(self, k: _Keys) -> list[Spelling]:
        rows = list(self._by_key.get(k.key, ()))
        if k.stem:
            rows += self._by_stem.get(k.stem, ())
        if k.core_counts:
            rows += self._by_core.get(k.core, ())
        return rows

    def _organisation(self, row: Spelling) -> Organisation:
        return self.organisations[row.organisation_id]

    def by_name(self, name: str, country: str | None) -> Organisation | None:
        body = _body_id(name, country)
        if body:
            # 1. the same public body; two organisations for it (kept apart before the body
            # was known) leave the choice to the rules below.
            known = {self._organisation(n) for n in self._by_body.get(body, ())}
            match = _one(known, country)
            if match is not None:
                return match
        k = _keys(name)
        spellings = [n for n in self._spellings_matching(k) if self._may_join(n, body)]
        for matches in (
            lambda n: n.key == k.key,  # 2. the same name
            lambda n: bool(k.stem) and n.stem == k.stem,  # 3. in another grammatical case
        ):
            found = {self._organisation(n) for n in spellings if matches(n)}
            match = _one(found, country)
            if match is not None or found:
                return match
        if is_acronym(name):
            by_acronym = {self.organisations[i] for i in self._by_acronym.get(name, ())}
            return _one(by_acronym, country)
        if not k.core_counts:
            return None
        found = {
            self._organisation(n)
            for n in spellings
            if n.core == k.core and (not k.kind or not n.kind or n.kind == k.kind)
        }
        return _one(found, country)

    def _may_join(self, spelling: Spelling, body: str) -> bool:
        return self.may_hold(self._organisation(spelling), body)

    def may_hold(self, organisation: Organisation, body: str) -> bool:
        """Whether a name of this public body may join the organisation: not when it is known
        under another body's name."""
        return not body or not (self._bodies_of.get(organisation.id, set()) - {body})

    def bare(self, acronym: str) -> set[Organisation]:
        """Organisations known by this acronym or named by it."""
        ids = self._by_acronym.get(acronym, set()) | self._by_name.get(acronym, set())
        return {self.organisations[i] for i in ids}

    def names_of(self, organisation: Organisation) -> set[str]:
        return self._names_of.get(organisation.id, set())

    # --- writes ------------------------------------------------------------------------------

    def create(self, *, name: str, acronym: str, country: str, body: str = "") -> Organisation:
        """A new organisation; one for a public body has the body's id (numbered if taken)."""
        organisation = Organisation(
            id=self._new_id(body or _id_base(name)), name=name, acronym=acronym, country=country
        )
        self._index_organisation(organisation)
        self._complete.add(organisation.id)
        self._new_organisations[organisation.id] = organisation
        return organisation

    def _new_id(self, base: str) -> str:
        """The id base (a name's slug), numbered from 2 when taken."""
        if base not in self._ids_checked or (
            base in self._ids_taken and base not in self._id_bases
        ):
            taken = Organisation.objects.filter(Q(id=base) | Q(id__startswith=f"{base}-"))
            self._ids_taken.update(taken.values_list("id", flat=True))
            self._ids_checked.add(base)
            self._id_bases.add(base)
        candidate, n = base, 1
        while candidate in self._ids_taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def update(self, organisation: Organisation, fields: list[str]) -> None:
        if "acronym" in fields:
            self._by_acronym.setdefault(organisation.acronym, set()).add(organisation.id)
        if "name" in fields:
            for ids in self._by_name.values():
                ids.discard(organisation.id)
            self._by_name.setdefault(organisation.name, set()).add(organisation.id)
        if organisation.id not in self._new_organisations:  # else written as it is by flush
            organisation.save(update_fields=fields)

    def add_spellings(self, rows: list[Spelling]) -> None:
        self._new_spellings += rows
        for row in rows:
            self._index_spelling(row)

    def flush(self) -> None:
        """Write the organisations and spellings made since the last flush."""
        if self._new_organisations:
            fields = ("id", "name", "acronym", "country")
            instances_insert(Organisation, fields, self._new_organisations.values())
            self._new_organisations = {}
        if self._new_spellings:
            instances_insert(OrganisationName, SPELLING_FIELDS, self._new_spellings)
            self._new_spellings = []


@lru_cache(maxsize=50_000)
def _id_base(name: str) -> str:
    return slugify(fold(name))[:80] or "organisation"


def _body_id(name: str, country: str | None) -> str:
    match = public_body(name, country)
    return match.body.id if match is not None else ""


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    values = sorted(values)
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _one(organisations: set[Organisation], country: str | None) -> Organisation | None:
    """The single organisation a match points at; with a country, one in that country."""
    fitting = {o for o in organisations if not country or not o.country or o.country == country}
    if country and len(fitting) > 1:
        same = {o for o in fitting if o.country == country}
        fitting = same or fitting
    return fitting.pop() if len(fitting) == 1 else None


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
    table: RegistryTable | None = None,
) -> Organisation:
    """The organisation a mention names, found or created; the spelling is remembered.

    ``table`` is the registry in memory for a batch of mentions (the caller flushes it); without
    one, the names of this mention are loaded for it alone and what is new written at once.
    """
    mention = Mention(name=name, acronym=acronym, country=country, aliases=tuple(aliases))
    own = table is None
    table = table or RegistryTable()
    organisation = _resolve(table.load([mention]), mention, language)
    if own:
        table.flush()
    return organisation


def _resolve(table: RegistryTable, mention: Mention, language: str) -> Organisation:
    acronym, country = mention.acronym, mention.country
    names = mention.spellings()
    display = names[0]
    body = public_body(display, country)
    body_id = body.body.id if body is not None else ""
    organisation = None
    for candidate in names:
        organisation = table.by_name(candidate, country)
        if organisation is not None and table.may_hold(organisation, body_id):
            break
        organisation = None  # "Kauno rajono savivaldybė (Kaunas City Municipality)": a slip
    if organisation is None and acronym and not is_acronym(display):
        # "Diversity Development Group (DDG)" after "DDG" alone was seen.
        bare = table.bare(acronym)
        organisation = _one({o for o in bare if is_acronym(o.name)}, country)
    created = organisation is None
    languages = {display: language}
    if organisation is None and body is not None:
        # Named by the official name, kept as a spelling as every organisation's name is.
        official, languages[official] = _official_name(body, language)
        names = [*names, official]
    if organisation is None:
        organisation = table.create(
            name=names[-1] if body else display,
            acronym=acronym or (display if is_acronym(display) else ""),
            country=country or (LITHUANIA if body else ""),
            body=body_id,
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
            table.update(organisation, changed)
    known = set() if created else table.names_of(organisation)
    rows = []
    for spelling in dict.fromkeys(names):
        keys = spelling_keys(spelling, country)
        if spelling in known or keys["body"] not in ("", body_id or keys["body"]):
            continue  # a linked name of another public body is no spelling of this one
        if keys["body"] and not table.may_hold(organisation, keys["body"]):
            continue
        rows.append(
            Spelling(
                organisation_id=organisation.id,
                name=spelling,
                language=languages.get(spelling, ""),
                **keys,
            )
        )
    table.add_spellings(rows)
    return organisation


def _official_name(match: BodyMatch, language: str) -> tuple[str, str]:
    """The body's official name and its language: that of the name seen (the record's when
    the body's names in both languages read alike), not a dative or an abbreviation."""
    language = "en" if (match.language or language) == "en" else "lt"
    return match.body.name(language), language


def spelling_keys(name: str, country: str | None = None) -> dict[str, str]:
    """What a stored spelling is matched by: its key, core and kind, stem key and public body
    (``country``: where its organisation is)."""
    k = _keys(name)
    body = _body_id(name, country or None)
    return {"key": k.key, "core": k.core, "kind": k.kind, "stem": k.stem, "body": body}

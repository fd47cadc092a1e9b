"""Reads about organisations: finding one by any spelling, its records, its partners.

Only published records count: what the public API and pages show of an organisation is what
the catalogue publishes about it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When

from practicehub.catalogue.extract.bodies import public_body
from practicehub.catalogue.extract.names import core_and_type, name_key, stem_key
from practicehub.catalogue.models import Organisation, OrganisationName, Participation, Record

_PUBLISHED = Record.Status.PUBLISHED


def organisations_published() -> QuerySet[Organisation]:
    """Organisations named by at least one published record, with ``record_count``: one known
    only from drafts is not public yet."""
    return Organisation.objects.annotate(
        record_count=Count(
            "participations__record",
            filter=Q(participations__record__status=_PUBLISHED),
            distinct=True,
        )
    ).filter(record_count__gt=0)


def organisations_matching(query: str = "") -> QuerySet[Organisation]:
    """Published organisations with a spelling that contains the query, compared as the
    registry compares names: case, diacritics, quotes, legal forms and Lithuanian case endings
    do not count, and a name's distinctive core ("magnum bonum") finds it in either language."""
    organisations = organisations_published()
    query = query.strip()
    if not query:
        return organisations.order_by("name", "id")
    key, stem, (core, kind) = name_key(query), stem_key(query), core_and_type(query)
    # Best first: the name written out (any case, diacritics, legal form), then the name in
    # another grammatical case, then the same distinctive core under the same kind of name
    # (the registry's own rule, so "Socialinės partnerystės fondas Magnum Bonum" finds "Social
    # Partnership Fund Magnum Bonum" but a shared word alone finds nothing).
    tiers = [Q(key__contains=key) if key else Q(name__icontains=query)]
    body = public_body(query)
    if body is not None:
        # A Lithuanian public body's name in either language ("Vilnius City Municipality"
        # finds the municipality known as "Vilniaus miesto savivaldybė").
        tiers.insert(0, Q(body=body.body.id))
    if stem:
        tiers.append(Q(stem__contains=stem))
    if len(core) >= 4 and (kind or len(core.split()) >= 2):
        tiers.append(Q(core=core) & (Q(kind="") | Q(kind=kind)) if kind else Q(core=core))
    spelled = [
        Exists(OrganisationName.objects.filter(tier, organisation=OuterRef("pk"))) for tier in tiers
    ]
    acronym = Q(acronym__iexact=query)
    rank = Case(
        When(acronym, then=Value(0)),
        *(When(match, then=Value(n)) for n, match in enumerate(spelled, start=1)),
        default=Value(len(spelled) + 1),
    )
    found = acronym
    for match in spelled:
        found |= Q(match)
    return organisations.filter(found).annotate(rank=rank).order_by("rank", "name", "id")


@dataclass(frozen=True)
class OrganisationRecord:
    id: str
    title: str
    kind: str
    language: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    shared_records: int


def organisation_records(organisation: Organisation) -> list[OrganisationRecord]:
    """The organisation's published records with its role(s) in each, newest period first."""
    roles: dict[str, list[str]] = defaultdict(list)
    records: dict[str, Record] = {}
    for part in (
        Participation.objects.filter(organisation=organisation, record__status=_PUBLISHED)
        .select_related("record")
        .order_by("record_id", "position")
    ):
        records[part.record_id] = part.record
        if part.role not in roles[part.record_id]:
            roles[part.record_id].append(part.role)
    ordered = sorted(records.values(), key=lambda r: (r.period_start or "", r.title), reverse=True)
    return [
        OrganisationRecord(r.id, r.title, r.kind, r.language, tuple(roles[r.id])) for r in ordered
    ]


def organisation_partners(organisation: Organisation) -> list[Partner]:
    """Organisations named in the same published records, with how many records they share."""
    record_ids = Participation.objects.filter(
        organisation=organisation, record__status=_PUBLISHED
    ).values("record_id")
    pairs = (
        Participation.objects.filter(record_id__in=record_ids)
        .exclude(organisation=organisation)
        .values_list("organisation_id", "record_id")
        .distinct()
    )
    counts = Counter(org_id for org_id, _record_id in pairs)
    names = dict(Organisation.objects.filter(id__in=counts).values_list("id", "name"))
    partners = [Partner(org_id, names[org_id], n) for org_id, n in counts.items()]
    return sorted(partners, key=lambda p: (-p.shared_records, p.name.casefold(), p.id))

"""Lithuania's municipalities and ministries are one organisation each, whatever the language,
grammatical case or abbreviation a document names them in, and two bodies never become one."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command

from practicehub.catalogue.extract.bodies import bodies, public_body
from practicehub.catalogue.models import Organisation, Participation
from practicehub.catalogue.organisations import organisations_matching
from practicehub.catalogue.registry import clean_name, organisation_resolve, spelling_keys
from practicehub.search import bridge

pytestmark = pytest.mark.django_db


def _names(organisation: Organisation) -> set[str]:
    return set(organisation.names.values_list("name", flat=True))


@pytest.mark.parametrize(
    "spellings",
    [
        # Lithuanian, abbreviated, inflected, the administration, English in two word orders.
        (
            ("Vilniaus m. savivaldybės", "lt"),
            ("Vilniaus miesto savivaldybė", "lt"),
            ("Vilniaus miesto savivaldybei", "lt"),
            ("Vilniaus miesto savivaldybės administracija", "lt"),
            ("Vilnius City Municipality", "en"),
            ("Municipality of Vilnius City", "en"),
        ),
        (
            ("Kauno r. sav.", "lt"),
            ("Kauno rajono savivaldybės administracijai", "lt"),
            ("Kaunas district municipality", "en"),
        ),
        (
            ("Socialinės apsaugos ir darbo ministerija", "lt"),
            ("LR socialinės apsaugos ir darbo ministerijos", "lt"),
            ("Ministry of Social Security and Labour of the Republic of Lithuania", "en"),
            ("Ministry of Social Security and Labour", "en"),
        ),
        (
            ("Lygių galimybių kontrolieriaus tarnybai", "lt"),
            ("Office of the Equal Opportunities Ombudsperson", "en"),
        ),
        (("Birštono savivaldybė", "lt"), ("Birstonas Municipality", "en")),
    ],
)
def test_every_spelling_of_a_public_body_joins_one_organisation(spellings):
    found = {organisation_resolve(name=name, language=lang) for name, lang in spellings}
    assert len(found) == 1
    organisation = found.pop()
    assert Organisation.objects.count() == 1
    # Every spelling is kept (as displayed: "Kauno r. sav" without its closing full stop), and
    # the official name the organisation is shown by.
    assert _names(organisation) == {clean_name(name) for name, _ in spellings} | {organisation.name}
    assert organisation.country == "LT"


@pytest.mark.parametrize(
    ("first", "language", "shown"),
    [
        ("Vilniaus m. savivaldybės", "lt", "Vilniaus miesto savivaldybė"),
        ("LR socialinės apsaugos ir darbo ministerijai", "lt", None),
        ("Kaunas city municipality", "en", "Kaunas City Municipality"),
    ],
)
def test_a_body_is_shown_by_its_official_name_in_the_language_it_was_named_in(
    first, language, shown
):
    organisation = organisation_resolve(name=first, language=language)
    body = public_body(first)
    assert body is not None
    assert organisation.name == (shown or body.body.lt)
    assert organisation.name != first  # not the inflected or abbreviated spelling
    assert _names(organisation) == {first, organisation.name}
    assert organisation.id == body.body.id  # the same whichever name came first


@pytest.mark.parametrize(
    "names",
    [
        ("Vilniaus miesto savivaldybė", "Vilniaus rajono savivaldybė"),
        ("Kauno miesto savivaldybė", "Kauno rajono savivaldybė"),
        ("Vilnius City Municipality", "Vilniaus r. savivaldybei"),
        ("Kaunas District Municipality", "Kauno m. savivaldybės administracija"),
        ("Vilniaus miesto savivaldybė", "Vilniaus Gedimino technikos universitetas"),
        ("Kauno miesto savivaldybė", "Kauno moterų draugija"),
        ("Vilniaus miesto savivaldybė", "Vilniaus miesto savivaldybės Socialinių paslaugų skyrius"),
        ("Socialinės apsaugos ir darbo ministerija", "Sveikatos apsaugos ministerija"),
    ],
)
def test_different_bodies_and_organisations_named_after_a_town_stay_apart(names):
    first, second = (organisation_resolve(name=n, language="lt") for n in names)
    assert first != second
    assert Organisation.objects.count() == 2


def test_a_name_of_vilnius_alone_is_no_municipality_as_vilnius_has_two():
    city = organisation_resolve(name="Vilniaus miesto savivaldybė", language="lt")
    district = organisation_resolve(name="Vilniaus rajono savivaldybė", language="lt")
    plain = organisation_resolve(name="Vilniaus savivaldybė", language="lt")
    assert plain not in {city, district}
    # Utena has one municipality only: its name alone is that one.
    utena = organisation_resolve(name="Utenos rajono savivaldybė", language="lt")
    assert organisation_resolve(name="Utena Municipality", language="en") == utena


def test_a_name_of_another_body_linked_by_mistake_joins_neither():
    city = organisation_resolve(name="Kaunas City Municipality", language="en")
    district = organisation_resolve(
        name="Kauno rajono savivaldybė", aliases=["Kaunas City Municipality"], language="lt"
    )
    assert district != city
    assert _names(district) == {"Kauno rajono savivaldybė"}
    assert _names(city) == {"Kaunas City Municipality"}


def test_an_english_ministry_name_other_countries_share_needs_lithuania_in_it():
    ministry = organisation_resolve(name="Sveikatos apsaugos ministerija", language="lt")
    assert organisation_resolve(name="Lithuanian Ministry of Health", language="en") == ministry
    belgian = organisation_resolve(name="Ministry of Health", country="BE", language="en")
    plain = organisation_resolve(name="Ministry of Health", language="en")
    assert ministry not in {belgian, plain}


def test_the_data_lists_lithuanias_sixty_municipalities_each_found_by_its_names():
    municipalities = [b for b in bodies() if b.id.startswith("lt-municipality-")]
    kinds = Counter(
        "city" if " miesto " in b.lt else "district" if " rajono " in b.lt else "plain"
        for b in municipalities
    )
    assert kinds == {"city": 7, "plain": 10, "district": 43}
    assert len({b.id for b in bodies()}) == len(bodies())
    for body in bodies():
        for name in (body.lt, body.en):
            match = public_body(name)
            assert match is not None and match.body == body, name


LT_DOCUMENT = """Gerosios praktikos pavyzdys: Kalbos kavinės migrantams

Gerosios praktikos pavyzdį teikianti organizacija: Asociacija „Vilniaus įvairovės namai“

Bendradarbiaujančios organizacijos: Vilniaus miesto savivaldybės administracija, Kauno rajono \
savivaldybė, Vilniaus Gedimino technikos universitetas, Kauno moterų draugija

Tikslinė grupė: migrantai ir pabėgėliai, gyvenantys Vilniuje.

Praktikos aprašymas: Kas savaitę vyksta kalbos kavinės, kuriose migrantai mokosi lietuvių kalbos \
su savanoriais. Projektą remia LR socialinės apsaugos ir darbo ministerija.
"""

EN_DOCUMENT = """Good practice: Welcome desks for newcomers

Organisation providing the good practice: Kaunas Diversity Centre

Cooperating organisations: Vilnius City Municipality, Kauno miesto savivaldybė, Vilniaus r. sav. \
administracija

Target group: refugees and migrants settling in Lithuania.

Description: Welcome desks in libraries give newcomers advice on housing, schools and work. The \
project is funded by the Ministry of Social Security and Labour of the Republic of Lithuania.
"""


def _organisation_of(name: str) -> Organisation:
    return Participation.objects.select_related("organisation").get(name=name).organisation


def test_documents_in_both_languages_name_one_municipality_and_one_ministry(tmp_path):
    (tmp_path / "lt-kavines.txt").write_text(LT_DOCUMENT, encoding="utf-8")
    (tmp_path / "en-welcome.txt").write_text(EN_DOCUMENT, encoding="utf-8")
    call_command("ingest", str(tmp_path), "--quiet")

    city = _organisation_of("Vilniaus miesto savivaldybės administracija")
    assert _organisation_of("Vilnius City Municipality") == city
    # Shown by its official name in the language of the document that named it first.
    assert city.name in {"Vilniaus miesto savivaldybė", "Vilnius City Municipality"}
    assert {"Vilniaus miesto savivaldybės administracija", "Vilnius City Municipality"} <= _names(
        city
    )
    ministry = _organisation_of("LR socialinės apsaugos ir darbo ministerija")
    english = "Ministry of Social Security and Labour of the Republic of Lithuania"
    assert _organisation_of(english) == ministry
    assert city.participations.values("record").distinct().count() == 2
    assert ministry.participations.values("record").distinct().count() == 2

    # The city and the district, Kaunas's two municipalities, the university and the society
    # named after their towns: each its own organisation.
    others = [
        "Vilniaus r. sav. administracija",
        "Kauno miesto savivaldybė",
        "Kauno rajono savivaldybė",
        "Vilniaus Gedimino technikos universitetas",
        "Kauno moterų draugija",
    ]
    found = {_organisation_of(name) for name in others}
    assert len(found) == len(others)
    assert city not in found and ministry not in found

    # Looking up the organisations in the other language finds the one named in Lithuanian.
    assert list(organisations_matching("Vilnius District Municipality")) == [
        _organisation_of("Vilniaus r. sav. administracija")
    ]
    assert _organisation_of("Kauno rajono savivaldybė") in organisations_matching(
        "Kaunas District Municipality"
    )
    # The search reads a query naming it in English as naming the organisation the Lithuanian
    # document named, so those records count as about it.
    query = bridge.query_words("projects with Kaunas District Municipality")
    found = bridge.concepts(query, version="public-bodies-test")
    assert {id for facet, id in found if facet == "organisation"} == {
        _organisation_of("Kauno rajono savivaldybė").id
    }


def test_the_migration_marks_stored_spellings_and_two_organisations_kept_apart_stay_two():
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from practicehub.catalogue.models import OrganisationName

    backfill = import_module("practicehub.catalogue.migrations.0005_organisation_name_body")
    # Organisations stored before the bodies were known: the city in each language, apart.
    for name in (
        "Vilniaus miesto savivaldybė",
        "Vilnius City Municipality",
        "Kauno moterų draugija",
    ):
        organisation = Organisation.objects.create(id=name.lower().replace(" ", "-"), name=name)
        organisation.names.create(name=name, **{**spelling_keys(name), "body": ""})
    # The backfill reads the connection's alias only from its schema editor.
    backfill.fill_bodies(apps, SimpleNamespace(connection=connection))
    bodies_of = dict(OrganisationName.objects.values_list("name", "body"))
    assert bodies_of == {
        "Vilniaus miesto savivaldybė": "lt-municipality-vilnius-city",
        "Vilnius City Municipality": "lt-municipality-vilnius-city",
        "Kauno moterų draugija": "",
    }
    # A new mention joins one of the two by the older rules rather than making a third.
    again = organisation_resolve(name="Vilniaus miesto savivaldybei", language="lt")
    assert again.name == "Vilniaus miesto savivaldybė"
    assert Organisation.objects.count() == 3

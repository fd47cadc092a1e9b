"""Organisations, their roles, acronyms and countries, from role phrases in both languages."""

from __future__ import annotations

from practicehub.catalogue.extract.organisations import from_phrases, names_in
from practicehub.catalogue.extract.programmes import is_programme_name


def found(text: str) -> list[tuple]:
    return [
        (o.name, o.role, o.acronym, o.country)
        for o in from_phrases(text, 0, is_programme=is_programme_name)
    ]


def test_a_coordinator_with_its_country_in_parentheses():
    assert found("The project coordinator: LUDEN (Belgium).") == [
        ("LUDEN", "coordinator", None, "BE")
    ]


def test_a_consortium_list_keeps_names_that_hold_and():
    text = (
        "Consortium consists of these organizations: „Diversity Development Group” (DDG), "
        "Lithuanian Red Cross Society, Centre for Equality Advancement and Social – educational "
        "initiatives centre PLUS."
    )
    assert found(text) == [
        ("Diversity Development Group", "member", "DDG", None),
        ("Lithuanian Red Cross Society", "member", None, None),
        ("Centre for Equality Advancement", "member", None, None),
        ("Social-educational initiatives centre PLUS", "member", None, None),
    ]


def test_a_ministry_whose_name_holds_and_stays_whole():
    assert found("The project is funded by the Ministry of Social Security and Labour.") == [
        ("Ministry of Social Security and Labour", "funder", None, None)
    ]
    assert found(
        "Projektą remia Lietuvos Respublikos Socialinės apsaugos ir darbo ministerija."
    ) == [("Lietuvos Respublikos Socialinės apsaugos ir darbo ministerija", "funder", None, None)]


def test_roles_in_one_sentence_end_each_others_lists():
    text = (
        "The project is coordinated by Find an Internship (UK) and developed in cooperation with "
        "Youth Europe Service (Italy), S.C Predict CSD (Romania) and Logos Polska (Poland)."
    )
    assert found(text) == [
        ("Find an Internship", "coordinator", None, "GB"),
        ("Youth Europe Service", "partner", None, "IT"),
        ("S.C Predict CSD", "partner", None, "RO"),
        ("Logos Polska", "partner", None, "PL"),
    ]


def test_lithuanian_role_phrases_and_countries():
    text = (
        "Projektą įgyvendina Moterų krizių centras „Atrama“. "
        "Projekto partneriai: Jelgavos rajono savivaldybė (Latvija), Likestilling Vest (Norvegija)."
    )
    assert found(text) == [
        ("Moterų krizių centras Atrama", "implementer", None, None),
        ("Jelgavos rajono savivaldybė", "partner", None, "LV"),
        ("Likestilling Vest", "partner", None, "NO"),
    ]


def test_a_programme_is_not_taken_for_a_funder():
    text = (
        "The project is implemented with financial support from the “Fundamental Rights and "
        "Citizenship” Programme of the European Union."
    )
    assert found(text) == []


def test_remarks_in_parentheses_are_dropped_and_linked_names_kept():
    mentions = names_in(
        "Graduate women international (GWI) (šių tarptautinių organizacijų nare yra LUMA), "
        "Lygių galimybių plėtros centras (Centre for Equality Advancement)",
        0,
        "partner",
    )
    assert [(m.name, m.acronym, m.aliases) for m in mentions] == [
        ("Graduate women international", "GWI", []),
        ("Lygių galimybių plėtros centras", None, ["Centre for Equality Advancement"]),
    ]


def test_cities_counts_and_addresses_are_not_organisations():
    mentions = names_in("Vilnius, 5 Panevėžio progimnazijos, Tilžės g. 88", 0, "partner")
    assert mentions == []

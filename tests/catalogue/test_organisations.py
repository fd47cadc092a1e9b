"""Organisations, their roles, acronyms and countries, from role phrases in both languages."""

from __future__ import annotations

from practicehub.catalogue.extract.organisations import dedupe as organisations_dedupe
from practicehub.catalogue.extract.organisations import from_phrases, names_in
from practicehub.catalogue.extract.programmes import is_programme_name
from practicehub.catalogue.registry import clean_name, organisation_key
from tests.catalogue.helpers import extract_text


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


def test_a_name_of_things_joined_by_and_stays_whole():
    assert found(
        "The network works in partnership with the Association of Estonian Cities and Rural "
        "Municipalities and the Ministry of Social Affairs."
    ) == [
        ("Association of Estonian Cities and Rural Municipalities", "partner", None, None),
        ("Ministry of Social Affairs", "partner", None, None),
    ]
    # A second organisation after "and" is one body, named in the singular.
    assert found(
        "The project was implemented in partnership with the Department of Equal Opportunities "
        "and the Centre for Civic Initiatives."
    ) == [
        ("Department of Equal Opportunities", "partner", None, None),
        ("Centre for Civic Initiatives", "partner", None, None),
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


def named(text: str, role: str = "partner") -> list[tuple]:
    return [(m.name, m.role, m.country) for m in names_in(text, 0, role)]


def test_a_role_word_closing_an_item_gives_that_item_its_role():
    assert named(
        "Centre for Equality Initiatives (Lygybės iniciatyvų centras), Vilnius, Lithuania – "
        "coordinator, GenderWorks e.V., Berlin, Germany"
    ) == [
        ("Centre for Equality Initiatives", "coordinator", "LT"),
        ("GenderWorks e.V.", "partner", "DE"),
    ]


def test_a_list_set_apart_by_semicolons_keeps_the_commas_of_its_items():
    assert named(
        "Institut für Sozialstudien, Frankfurt am Main; Fundación Mujeres (Spain); "
        "Vilniaus tarptautinė progimnazija „Kompasas“, Žirmūnų g. 70, LT-09124 Vilnius"
    ) == [
        ("Institut für Sozialstudien", "partner", None),
        ("Fundación Mujeres", "partner", "ES"),
        ("Vilniaus tarptautinė progimnazija Kompasas", "partner", None),
    ]


def test_one_phrase_for_several_councils_names_none_of_them():
    # "the councils of Vilnius, Kaunas, Šiauliai and Utena": the text gives no council's own
    # name, and inventing "Šiaulių savivaldybės taryba" would be a value it does not hold.
    assert named("Vilniaus, Kauno, Šiaulių ir Utenos savivaldybių tarybos") == []
    assert named("Kaunas and Klaipėda city municipalities") == []


def test_groups_of_people_counts_and_places_are_not_organisations():
    assert named(
        "Lietuvos edukologijos studentų savanoriai; Eight open youth centres in Vilnius; "
        "Alytus and Utena; Lithuanian Association of Youth Workers"
    ) == [("Lithuanian Association of Youth Workers", "partner", None)]


def test_a_name_ends_where_its_verb_begins():
    assert named("Youth Equality Network worked with 14 schools") == [
        ("Youth Equality Network", "partner", None)
    ]


def test_a_lowercase_continuation_is_not_a_second_name():
    assert named(
        "Vilniaus miesto savivaldybės administracijos Švietimo, kultūros ir sporto departamentas"
    ) == [
        (
            "Vilniaus miesto savivaldybės administracijos Švietimo, kultūros ir sporto "
            "departamentas",
            "partner",
            None,
        )
    ]


def test_kartu_su_names_a_partner_in_the_case_the_sentence_gives():
    assert found(
        "Projektą įgyvendino Kauno moterų bendrija „Saulėgrąža“ kartu su Lygių galimybių "
        "plėtros centru. Kartu su Norvegijos partneriais analizavome biudžetus."
    ) == [
        ("Kauno moterų bendrija Saulėgrąža", "implementer", None, None),
        ("Lygių galimybių plėtros centru", "partner", None, None),
    ]


def test_a_record_shows_the_nominative_it_writes_for_a_name_it_also_inflects():
    (draft,) = extract_text(
        "Lygūs namai\n\nPartneriai: Lygių galimybių plėtros centras, Vilniaus universitetas.\n\n"
        "Projektą vykdė Moterų informacijos centras kartu su Lygių galimybių plėtros centru."
    )
    assert [(o.name, o.role) for o in draft.organisations] == [
        ("Lygių galimybių plėtros centras", "partner"),
        ("Vilniaus universitetas", "partner"),
        ("Moterų informacijos centras", "implementer"),
    ]


def test_possessive_apostrophes_stay_in_names():
    assert clean_name("„Women's Issues Information Centre”") == "Women's Issues Information Centre"
    assert clean_name("Investors’ Forum HR club") == "Investors’ Forum HR club"
    assert organisation_key("Women's Issues") == organisation_key("Women’s Issues")


def test_a_programme_opening_a_funder_is_the_programme():
    assert is_programme_name("Erasmus+ KA2 Strategic Partnerships for school education")
    assert not is_programme_name("European Social Fund Agency")
    assert not is_programme_name("Lietuvos Respublikos socialinės apsaugos ir darbo ministerija")


def test_a_ministry_whose_name_lists_its_fields_and_its_state_is_one_name():
    assert found(
        "The project is carried out with the support of the Ministry of Education, Science and "
        "Sport of the Republic of Lithuania, which selected it in its 2023 call."
    ) == [
        (
            "Ministry of Education, Science and Sport of the Republic of Lithuania",
            "funder",
            None,
            None,
        )
    ]


def test_who_pays_in_a_funding_part():
    # The giver of small grants, a body that co-finances, who pays for the work, a foundation
    # the vocabulary also lists as a programme, and a body before its programme's name.
    (draft,) = extract_text(
        "Health mediators for migrant mothers\n\n"
        "Organisation:\nFamily Health Society Aušrinė\n\n"
        "Aim:\nTo help migrant mothers use health care.\n\n"
        "Funding:\n2018-2019: small grants of Vilnius City Municipality. 2020-2023: Active "
        "Citizens Fund. Since 2023 Kaunas City Municipality co-finances the mediators' work.\n"
    )
    funders = sorted(o.name for o in draft.organisations if o.role == "funder")
    assert funders == ["Kaunas City Municipality", "Vilnius City Municipality"]
    owner = names_in(
        "Nordic Council of Ministers' NGO Cooperation Programme for the Baltic Sea Region.",
        0,
        "funder",
        is_programme=is_programme_name,
        funder=True,
    )
    assert [(o.name, o.role) for o in owner] == [("Nordic Council of Ministers", "funder")]
    assert found("Nuo 2023 m. tarpininkų darbą apmoka Klaipėdos miesto savivaldybė.") == [
        ("Klaipėdos miesto savivaldybė", "funder", None, None)
    ]
    assert found("Praktika įgyvendinta gavus Atviros Lietuvos fondo paramą.") == [
        ("Atviros Lietuvos fondo", "funder", None, None)
    ]
    assert found(
        "The practice was funded by the Department of National Minorities under the Government "
        "of the Republic of Lithuania (2019–2020) and by a European Solidarity Corps project."
    ) == [
        (
            "Department of National Minorities under the Government of the Republic of Lithuania",
            "funder",
            None,
            None,
        )
    ]
    # "for" and a word in lower case says what the grant is for, not whose it is.
    assert found("Small grants of Klaipėda City Municipality for non-governmental groups.") == [
        ("Klaipėda City Municipality", "funder", None, None)
    ]
    # A disclaimer run into a list of partners is no partner's name.
    partners = names_in(
        "Nemunas Adult Learning Centre, Neither the European Union nor the granting authority "
        "can be held responsible for them",
        0,
        "partner",
    )
    assert [o.name for o in partners] == ["Nemunas Adult Learning Centre"]


def test_a_name_in_the_other_language_in_parentheses_is_not_split_at_its_and():
    named = names_in(
        "Tolerancijos ir teisių centras „Lygiaverčiai“ (Centre for Tolerance and Rights "
        '"Lygiaverčiai"), Vilnius',
        0,
        "provider",
    )
    assert [(o.name, o.aliases) for o in named] == [
        (
            "Tolerancijos ir teisių centras Lygiaverčiai",
            ["Centre for Tolerance and Rights Lygiaverčiai"],
        )
    ]


def test_a_gift_names_its_giver_only_when_a_name_stands_before_it():
    # "projektų finansavimo tvarką", "skyrė jai finansavimą": no organisation gives there.
    assert found("Savivaldybės taryba pakeitė sporto projektų finansavimo tvarką.") == []
    assert found("Savivaldybė įtraukė mokyklą į planą ir skyrė jai finansavimą.") == []
    assert found("Stovykla surengta gavus Lietuvos kultūros tarybos finansavimą.") == [
        ("Lietuvos kultūros tarybos", "funder", None, None)
    ]


def test_a_proper_name_in_title_case_and_a_seat_after_a_quoted_name():
    partners = names_in(
        "Vilnius City Municipality Public Health Bureau; Vilnius First Aid Volunteers (first aid "
        'courses); local volunteers; Asociacija „Pasienio moterys" z Lazdijów (Litwa)',
        0,
        "partner",
    )
    assert [(o.name, o.country) for o in partners] == [
        ("Vilnius City Municipality Public Health Bureau", None),
        ("Vilnius First Aid Volunteers", None),
        ("Asociacija Pasienio moterys", "LT"),
    ]


def test_a_ministry_whose_name_lists_its_fields_stays_one_name():
    named = names_in(
        "Federal Ministry for Family Affairs, Senior Citizens, Women and Youth (Germany)",
        0,
        "funder",
        is_programme=is_programme_name,
        funder=True,
    )
    assert [(o.name, o.country) for o in named] == [
        ("Federal Ministry for Family Affairs, Senior Citizens, Women and Youth", "DE")
    ]
    # Names of their own after a ministry's stay apart.
    partners = names_in(
        "Ministry for Social Affairs, Vilnius University and Kaunas College", 0, "partner"
    )
    assert [o.name for o in partners] == [
        "Ministry for Social Affairs",
        "Vilnius University",
        "Kaunas College",
    ]


def test_places_and_a_records_own_words_are_no_partners():
    partners = names_in(
        "Three health centres in the Žirmūnai, Naujininkai and Pašilaičiai districts, the "
        "Baltic Doulas Network",
        0,
        "partner",
    )
    assert [o.name for o in partners] == ["Baltic Doulas Network"]
    (draft,) = extract_text(
        "Kartų tiltas\n\nOrganizacija:\nAsociacija „Patirties kapitalas“\n\n"
        "Tikslas:\nPadėti jauniems darbuotojams.\n\n"
        "Partneriai:\nPraktika įgyvendinta kartu su UAB „Metalo forma“ ir AB „Šiaurės tekstilė“.\n"
    )
    assert [o.name for o in draft.organisations if o.role == "partner"] == [
        "UAB Metalo forma",
        "AB Šiaurės tekstilė",
    ]


def test_a_news_item_names_who_launched_or_presented_the_project_as_its_implementer():
    for sentence, name in [
        (
            "Vilniaus moterų namai pristatė naują projektą „Saugus kelias“ moterims.",
            "Vilniaus moterų namai",
        ),
        (
            "Kauno moterų draugija pradėjo projektą kaimo moterims.",
            "Kauno moterų draugija",
        ),
        (
            "The Roma Community Centre launched a new project for Roma girls in Vilnius.",
            "Roma Community Centre",
        ),
    ]:
        found = from_phrases(sentence, 0)
        assert [(o.name, o.role) for o in found] == [(name, "implementer")], sentence


def test_who_runs_a_project_together_with_another_is_its_implementer_and_the_other_a_partner():
    for sentence, expected in [
        (
            "2021–2022 m. Moterų informacijos centras kartu su Lietuvos jaunimo organizacijų "
            "taryba įgyvendino projektą „Drąsūs balsai“.",
            [
                ("Moterų informacijos centras", "implementer"),
                ("Lietuvos jaunimo organizacijų taryba", "partner"),
            ],
        ),
        (
            "In 2020 the Roma Community Centre together with Vilnius University ran the project "
            "in four schools.",
            [("Roma Community Centre", "implementer"), ("Vilnius University", "partner")],
        ),
    ]:
        found = organisations_dedupe(from_phrases(sentence, 0))
        assert sorted((o.name, o.role) for o in found) == sorted(expected), sentence


def test_what_an_organisation_does_something_for_is_not_part_of_its_name():
    found = from_phrases(
        "The hub is coordinated by Klaipėda City Municipality Administration to bring all "
        "services for migrants under one roof.",
        0,
    )
    assert [(o.name, o.role) for o in found] == [
        ("Klaipėda City Municipality Administration", "coordinator")
    ]
    kept = from_phrases("The project is coordinated by the Access to Justice Foundation.", 0)
    assert [o.name for o in kept] == ["Access to Justice Foundation"]


def test_a_programme_named_in_quotes_is_not_its_funder():
    # The list under a "Funding" label.
    programme = 'the Norway Grants programme "Domestic and Gender-based Violence"'
    assert names_in(programme, 0, "funder", funder=True) == []
    foundation = "Labdaros fondas „Šviesos ratas“"
    assert [o.name for o in names_in(foundation, 0, "funder", funder=True)] == ["Šviesos ratas"]


def test_an_acronym_in_mixed_case_is_the_names_when_it_spells_the_names_words():
    for raw, name, acronym in [
        (
            "Lietuvos jaunimo organizacijų taryba (LiJOT)",
            "Lietuvos jaunimo organizacijų taryba",
            "LiJOT",
        ),
        ("Frauen in der Kommunalpolitik e. V. (FiK)", "Frauen in der Kommunalpolitik e. V.", "FiK"),
        ("Kauno moterų klubas (KlUb)", "Kauno moterų klubas", None),  # spells nothing
    ]:
        (found,) = names_in(raw, 0, "partner")
        assert (found.name, found.acronym) == (name, acronym)

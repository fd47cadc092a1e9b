"""Rosters: the organisation lists research and programme databases print one field to a line."""

from __future__ import annotations

from tests.catalogue.helpers import extract_text

CORDIS_PAGE = """Gender-inclusive research careers in the Baltic region

Grant agreement ID: 101094512

Funded under: Horizon Europe

Objective

The project helps universities in the Baltic states to design and carry out gender equality plans.

Coordinated by

VILNIAUS UNIVERSITETAS

Lithuania

Net EU contribution: € 612 500,00

Participants (3)

TARTU ULIKOOL

Estonia

Net EU contribution: € 402 000,00

LATVIJAS UNIVERSITATE

Latvia

Net EU contribution: € 398 750,00

STICHTING KENNISCENTRUM GENDER EN DIVERSITEIT

Netherlands

Net EU contribution: € 210 000,00
"""


def organisations(draft) -> list[tuple]:
    return sorted((o.name.lower(), o.role, o.country) for o in draft.organisations)


def test_a_database_roster_in_capitals_gives_roles_and_countries():
    (draft,) = extract_text(CORDIS_PAGE)
    assert organisations(draft) == [
        ("latvijas universitate", "partner", "LV"),
        ("stichting kenniscentrum gender en diversiteit", "partner", "NL"),
        ("tartu ulikool", "partner", "EE"),
        ("vilniaus universitetas", "coordinator", "LT"),
    ]
    # "Participants" lists partners, not the people the project is for.
    assert draft.target_groups == []
    assert "partners" in [s.key for s in draft.sections]


def test_a_roster_a_pdf_ran_into_one_line():
    (draft,) = extract_text(
        "Inclusive plans for universities\n\nObjective\n\nThe project helps five universities.\n\n"
        "Participants (2)\n\n"
        "HOGESCHOOL WESTERDIJK – Net EU contribution € 371 250,00 – Dijkstraat 8, 1621 Hoorn, "
        "Netherlands FACHHOCHSCHULE OBERLAND – Net EU contribution € 365 000,00 – Bahnhofstraße "
        "40, 83646 Bad Tölz, Germany\n"
    )
    assert organisations(draft) == [
        ("fachhochschule oberland", "partner", "DE"),
        ("hogeschool westerdijk", "partner", "NL"),
    ]


def test_a_table_of_participating_organisations_one_cell_to_a_line():
    (draft,) = extract_text(
        "Older Learners Online\n\nSummary\n\nVolunteers teach older people digital skills.\n\n"
        "Participating organisations\n\nOrganisation\n\nCity\n\nCountry\n\nRole\n\n"
        "Senioru izglītības centrs Gaisma\n\nValmiera\n\nLatvia\n\nCoordinator\n\n"
        "Kaišiadorių trečiojo amžiaus universitetas\n\nKaišiadorys\n\nLithuania\n\nPartner\n"
    )
    assert organisations(draft) == [
        ("kaišiadorių trečiojo amžiaus universitetas", "partner", "LT"),
        ("senioru izglītības centrs gaisma", "coordinator", "LV"),
    ]


def test_a_role_written_after_each_entry_and_a_name_the_country_line_vouches_for():
    (draft,) = extract_text(
        "Campus equality plans\n\nObjective\n\nSeven universities adopt gender equality plans.\n\n"
        "Participants\n\nInstituto Igualdade Activa\n\nPortugal\n\nCoordinator\n\n"
        "Høgskulen i Vest\n\nNorway\n\nParticipant\n"
    )
    assert organisations(draft) == [
        ("høgskulen i vest", "partner", "NO"),
        ("instituto igualdade activa", "coordinator", "PT"),
    ]


def test_a_partners_line_that_lists_several_names_is_no_roster():
    (draft,) = extract_text(
        "Safe Online\n\nPartners\n\nWomen Forward Ltd (Ireland); Youth Equality Network "
        "(Lithuania)\n\nThe project trains police officers.\n"
    )
    assert organisations(draft) == [
        ("women forward ltd", "partner", "IE"),
        ("youth equality network", "partner", "LT"),
    ]


def test_call_and_topic_codes_name_the_programme_not_the_project():
    (draft,) = extract_text(
        "Welcome Circles\n\nGrant Agreement\n\n101038254\n\nCall\n\n"
        "AMIF-2020-AG-CALL (Union Actions – integration of third-country nationals)\n\n"
        "Topic(s)\n\nHORIZON-WIDERA-2022-ERA-01-41 – Inclusive gender equality plans\n\n"
        "Programme: H2020-EU.5.b. – Develop the governance\n\n"
        "Activity type: Higher or Secondary Education Establishments\n\n"
        "Summary\n\nNeighbours welcome refugee families.\n"
    )
    assert draft.project_numbers == ["101038254"]
    assert {"amif", "horizon-2020"} <= {f.programme for f in draft.funding}
    assert draft.activities == []
    assert "activities" not in [s.key for s in draft.sections]


def test_numbered_partners_one_to_a_line_keep_names_that_hold_and():
    (draft,) = extract_text(
        "Little Voices\n\nPartner organisations and countries:\n\n"
        "Partner 1. Child Welfare Association Bērnu balss (LV)\n\n"
        "Partner 2. Stiftelsen Trygg Barndom (SE)\n\n"
        "Partner 3. Kaunas territorial division of the State Child Rights Protection and "
        "Adoption Service (LT)\n\nThe groups meet once a week.\n"
    )
    assert organisations(draft) == [
        ("child welfare association bērnu balss", "partner", "LV"),
        (
            "kaunas territorial division of the state child rights protection and adoption service",
            "partner",
            "LT",
        ),
        ("stiftelsen trygg barndom", "partner", "SE"),
    ]


def test_a_participant_seated_in_a_town_and_country_is_a_partner_whatever_its_language():
    (draft,) = extract_text(
        "Digital Skills for Roma Women\n\n"
        "Programme: Erasmus+\nProject identifier: 2021-2-LT01-KA210-ADU-000049218\n\n"
        "Roma women learn to use e-services in community centres in Vilnius and Košice.\n\n"
        "Coordinator\n\nRomų visuomenės centras, Vilnius, Lithuania\n\n"
        "Participants\n\nZdruženie Romano Jilo, Košice, Slovakia\n"
    )
    assert [(o.name, o.role, o.country) for o in draft.organisations] == [
        ("Romų visuomenės centras", "coordinator", "LT"),
        ("Združenie Romano Jilo", "partner", "SK"),
    ]
    assert draft.target_groups == [] or "Združenie" not in " ".join(draft.target_groups)

"""Target groups: the groups a target-group part lists, and the people running text serves."""

from __future__ import annotations

from practicehub.catalogue.extract.people import groups_in, groups_listed
from tests.catalogue.helpers import extract_text


def listed(text: str, lithuanian: bool = False) -> list[str]:
    return [g.text for g in groups_listed(text, lithuanian=lithuanian)]


def test_a_group_keeps_the_words_that_qualify_it():
    assert listed(
        "Moterys, vadovaujančios bendruomenių ir nevyriausybinėms organizacijoms; jaunos moterys, "
        "norinčios įsitraukti į visuomeninę veiklą.",
        lithuanian=True,
    ) == [
        "Moterys, vadovaujančios bendruomenių ir nevyriausybinėms organizacijoms",
        "jaunos moterys, norinčios įsitraukti į visuomeninę veiklą",
    ]
    assert listed(
        "Women who consider standing for election, especially from the regions, and "
        "experienced women politicians acting as mentors"
    ) == [
        "Women who consider standing for election, especially from the regions",
        "experienced women politicians acting as mentors",
    ]


def test_genitives_wait_for_the_noun_that_completes_them():
    assert listed(
        "Savivaldybės administracijos finansų, kultūros ir socialinių reikalų specialistai; "
        "savivaldybės tarybos nariai",
        lithuanian=True,
    ) == [
        "Savivaldybės administracijos finansų, kultūros ir socialinių reikalų specialistai",
        "savivaldybės tarybos nariai",
    ]


def test_the_last_and_of_a_list_separates_two_groups_but_not_one_groups_words():
    assert listed("public institutions, trainers or EU-funding programme managers") == [
        "public institutions",
        "trainers",
        "EU-funding programme managers",
    ]
    assert listed("Employers and HR managers in the Klaipėda region; employees aged 50+") == [
        "Employers and HR managers in the Klaipėda region",
        "employees aged 50+",
    ]


def test_people_in_an_aim_sentence_in_the_case_the_sentence_gives():
    text = "Projektas skirtas ilgalaikėms bedarbėms ir moterims, grįžtančioms į darbo rinką."
    assert [g.text for g in groups_in(text, lithuanian=True, after=len("Projektas skirtas"))] == [
        "ilgalaikėms bedarbėms",
        "moterims, grįžtančioms į darbo rinką",
    ]


def test_running_text_gives_target_groups_only_where_it_says_whom_the_project_serves():
    (draft,) = extract_text(
        "Competent Public Servants\n\n"
        "The goal of the project is to strengthen the intercultural competence of civil servants "
        "and municipal staff. Hate speech against migrants has grown in news portals, and staff "
        "often do not know where to turn.\n\n"
        "The project is implemented by the Baltic Institute for Social Research."
    )
    assert draft.target_groups == ["civil servants", "municipal staff"]


def test_a_target_group_part_ends_where_its_text_stops_naming_people():
    (draft,) = extract_text(
        "Women Shaping Local Europe\n\nThe network of towns met five times.\n\n"
        "Target groups\n\nLocal residents, especially young women; members of municipal "
        "councils.\n\nThis project has been funded with support from the European Commission."
    )
    # "especially young women" names a group of its own within the first.
    assert draft.target_groups == [
        "Local residents",
        "young women",
        "members of municipal councils",
    ]


def test_two_groups_joined_by_and_share_the_age_written_after_the_second():
    assert [g.text for g in groups_in("The clubs train girls and boys aged 10–17.")] == [
        "girls and boys aged 10–17"
    ]
    assert [
        g.text
        for g in groups_in(
            "Psichologė teikė nemokamas konsultacijas moterims nuo 60 metų, o seniūnijų "
            "darbuotojos mokėsi.",
            lithuanian=True,
        )
    ][:1] == ["moterims nuo 60 metų"]


def test_between_semicolons_a_list_closed_by_and_is_one_group():
    # The form lists its groups by semicolons; the commas inside one name the people of one
    # group ("social workers, school psychologists and child rights specialists").
    assert listed(
        "Children aged 6 to 12 who have witnessed domestic violence; the mothers themselves; "
        "social workers, school psychologists and child rights specialists who refer children."
    ) == [
        "Children aged 6 to 12 who have witnessed domestic violence",
        "mothers themselves",
        "social workers, school psychologists and child rights specialists who refer children",
    ]
    assert listed(
        "Vardarbībā cietušas sievietes lauku teritorijās; sociālie darbinieki, policisti un "
        "ģimenes ārsti, kuri pirmie saskaras ar vardarbības gadījumiem."
    ) == [
        "Vardarbībā cietušas sievietes lauku teritorijās",
        "sociālie darbinieki, policisti un ģimenes ārsti, kuri pirmie saskaras ar vardarbības "
        "gadījumiem",
    ]
    # Without semicolons the commas still separate the groups.
    assert listed("Teachers, parents and pupils") == ["Teachers", "parents", "pupils"]


def test_a_colon_opens_a_list_of_groups():
    groups = listed(
        "Savivaldybės darbuotojai, taip pat paslaugų gavėjai, kurie dažniausiai susiduria su "
        "kliūtimis: žmonės su negalia, vyresnio amžiaus gyventojai, romai.",
        lithuanian=True,
    )
    assert "žmonės su negalia" in groups and "vyresnio amžiaus gyventojai" in groups
    # What follows a colon without naming people still describes the group before it.
    assert listed("Vyrai, smurtavę artimoje aplinkoje: nukreipti teismo.", lithuanian=True) == [
        "Vyrai, smurtavę artimoje aplinkoje: nukreipti teismo"
    ]


def test_sentences_and_lead_ins_of_a_target_group_part():
    groups = listed(
        "Pabėgėliams ir papildomą apsaugą gavusiems užsieniečiams, ypač didelėms šeimoms ir "
        "vienišoms mamoms su vaikais. Antroji grupė – būstų savininkai, kurie dažnai atsisako "
        "nuomoti užsieniečiams, nes bijo nesusikalbėti.",
        lithuanian=True,
    )
    assert groups[0] == "Pabėgėliams ir papildomą apsaugą gavusiems užsieniečiams"
    assert "didelėms šeimoms ir vienišoms mamoms su vaikais" in groups
    assert any(g.startswith("būstų savininkai") for g in groups)
    assert not any(g.startswith(("Antroji", "nes ")) for g in groups)
    assert (
        listed("Vyrai, smurtavę artimoje aplinkoje. Netiesiogiai – jų partnerės ir vaikai.")[-1]
        == "jų partnerės ir vaikai"
    )


def test_a_verb_before_the_people_it_acts_on_is_not_part_of_the_group():
    (draft,) = extract_text(
        "Roma health mediators\n\nMediators help Roma families reach doctors and vaccinate "
        "children. The call funds projects that protect victims."
    )
    assert "children" in draft.target_groups
    assert not any(g.startswith(("vaccinate", "protect")) for g in draft.target_groups)

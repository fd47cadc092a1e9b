"""Target groups, contacts, addresses, project numbers, objectives and activities; summaries."""

from __future__ import annotations

import pytest

from practicehub.catalogue.extract.dates import is_dateline
from practicehub.catalogue.extract.fields import (
    addresses_of,
    emails_of,
    project_numbers_of,
    websites_of,
)
from tests.catalogue.helpers import extract_text


def texts(values) -> list[str]:
    return [v.text for v in values]


def test_target_groups_written_inline_are_split_into_items():
    (draft,) = extract_text(
        "GenderStrat\n\nThe partnership serves country specific target groups like public "
        "institutions, trainers or EU-funding programme managers at national, regional and local "
        "level."
    )
    assert draft.target_groups == [
        "public institutions",
        "trainers",
        "EU-funding programme managers",
    ]


def test_a_target_group_list_under_a_lithuanian_lead_in():
    (draft,) = extract_text(
        "Lygybės koordinatoriai\n\nTikslinės grupės:\n- savivaldybių darbuotojai;\n"
        "- lygių galimybių koordinatoriai;\n- visuomenė.\n\nProjektą įgyvendina Centras."
    )
    assert draft.target_groups == [
        "savivaldybių darbuotojai",
        "lygių galimybių koordinatoriai",
        "visuomenė",
    ]


def test_emails_and_websites_lower_cased_without_trailing_punctuation():
    text = "El. paštas: Info@Lygus.LT, svetainė www.Lygus.lt , daugiau https://lygus.lt/apie."
    assert texts(emails_of(text, 0)) == ["info@lygus.lt"]
    assert texts(websites_of(text, 0)) == ["www.lygus.lt", "https://lygus.lt/apie"]


def test_lithuanian_and_english_postal_addresses():
    assert texts(addresses_of("Adresas: K. Donelaičio g. 73, Kaunas, tel. 8 37", 0)) == [
        "K. Donelaičio g. 73, Kaunas"
    ]
    assert texts(addresses_of("Gedimino pr. 9, LT-01103 Vilnius", 0)) == [
        "Gedimino pr. 9, LT-01103 Vilnius"
    ]
    assert texts(addresses_of("Office: 25 Harbour Street, Dublin 2", 0)) == [
        "25 Harbour Street, Dublin 2"
    ]


def test_project_numbers_of_several_programmes_and_not_legal_acts():
    text = (
        "Project Number : EIF/2012/6/09/PG/1 . Erasmus+ 2019-1-LT01-KA204-060123; "
        "projekto kodas Nr. 09.2.1-ESFA-K-728-02-0035; patvirtinta įsakymu Nr. A1-468."
    )
    assert texts(project_numbers_of(text, 0)) == [
        "EIF/2012/6/09/PG/1",
        "2019-1-LT01-KA204-060123",
        "09.2.1-ESFA-K-728-02-0035",
    ]


def test_nested_activities_keep_their_order_and_lead_ins_are_not_items():
    (draft,) = extract_text(
        "Women in Politics\n\nThe project supports women candidates.\n\nMain project activities:\n"
        "- a baseline study;\n- a campaign which would:\n- engage the target group\n"
        "- attract candidates\n- a transnational exchange programme\n\n"
        "The project coordinator: LUDEN (Belgium)."
    )
    assert draft.activities == [
        "a baseline study",
        "engage the target group",
        "attract candidates",
        "a transnational exchange programme",
    ]


def test_objectives_written_as_to_clauses_without_a_heading():
    (draft,) = extract_text(
        "GenderStrat\n\nThe partnership aims at quality standards for gender trainings.\n"
        "- To enhance the quality of gender trainings;\n- To harmonise standards;\n"
        "- To connect know-how and requirements;\n"
    )
    assert len(draft.objectives) == 3
    assert draft.activities == []


def test_streets_named_after_two_people_and_german_streets():
    assert [v.text for v in addresses_of("Dariaus ir Girėno g. 185-4, LT-02189 Vilnius", 0)] == [
        "Dariaus ir Girėno g. 185-4, LT-02189 Vilnius"
    ]
    assert [v.text for v in addresses_of("Kontakt · Venloer Straße 190, 50823 Köln · www", 0)] == [
        "Venloer Straße 190, 50823 Köln"
    ]


def test_a_code_in_brackets_after_the_projects_quoted_title_is_its_number():
    text = "Projekts „Drošs atbalsts laukos“ (LLI-512) tika īstenots Interreg V-A programmā."
    assert [v.text for v in project_numbers_of(text, 0)] == ["LLI-512"]
    assert project_numbers_of("Projektas „Kartu“ (2021–2023) vyko Kaune.", 0) == []


@pytest.mark.parametrize(
    "dateline",
    ["Published 14 March 2024", "Paskelbta 2024-03-14", "Updated on 2 May 2023 | News"],
)
def test_a_news_pages_dateline_is_not_its_summary(dateline):
    (draft,) = extract_text(
        "Safe at Home: new helpline hours for women in rural districts\n\n"
        f"{dateline}\n\n"
        "From April 2024 the Women's Line extends its helpline for women who experience "
        "domestic violence in twelve rural elderships. Consultants answer calls every evening."
    )
    assert draft.summary.startswith("From April 2024 the Women's Line extends its helpline")


@pytest.mark.parametrize(
    ("opening", "summary"),
    [
        (
            "2023 m. lapkričio 25 d., Vilnius. Vilniaus moterų namai pristatė projektą",
            "Vilniaus moterų namai pristatė projektą",
        ),
        (
            "VILNIUS, 25 November 2023 – The Women's House presented a project",
            "The Women's House presented a project",
        ),
        # A year alone is the sentence's own: nothing is cut.
        ("Iki 2021 m. savivaldybė neturėjo plano", "Iki 2021 m. savivaldybė neturėjo plano"),
        ("In 2022 – The first year – the club met", "In 2022 – The first year – the club met"),
    ],
)
def test_a_dateline_that_opens_the_first_paragraph_is_not_in_the_summary(opening, summary):
    (draft,) = extract_text(
        "Safe Way: a new project for women leaving violence\n\n"
        f"{opening} that helps women who experienced violence return to work.\n\n"
        "Participants receive counselling and paid traineeships."
    )
    assert draft.summary.startswith(summary)


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("Published 14 March 2024 by Admin", True),
        ("2024 m. kovo 14 d.", True),
        ("Veröffentlicht am 14. März 2024", True),
        ("The project started on 1 April 2024 in Kaunas.", False),
        ("Projekto trukmė 2019–2021", False),
        ("Women's leadership school for rural councillors", False),
    ],
)
def test_a_dateline_is_a_line_of_dates_and_a_word_or_two(line, dateline):
    assert is_dateline(line) is dateline

"""Dates and periods in Lithuanian and English formats; what is not a period stays empty."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.extract import dates
from practicehub.catalogue.extract.dates import find_dates, period_in
from tests.catalogue.helpers import extract_text


def period(text: str, whole: bool = True) -> tuple:
    start, end = period_in(text, whole_part=whole)
    return (start and start.value, end and end.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017 – 2021", ("2017", "2021")),
        ("2017–2021 m.", ("2017", "2021")),
        ("2019 m. rugsėjo 1 d. – 2021 m. rugpjūčio 31 d.", ("2019-09-01", "2021-08-31")),
        ("2014 m. kovo mėn. – 2016 m. vasario mėn.", ("2014-03", "2016-02")),
        ("2020. 01 – 2021 06", ("2020-01", "2021-06")),
        ("nuo 2015 m.", ("2015", None)),
        ("2019 – dabar", ("2019", None)),
        ("from March 2014 to February 2016", ("2014-03", "2016-02")),
        ("1 May, 2024 – 30 April, 2026", ("2024-05-01", "2026-04-30")),
        ("01.09.2019 – 31.08.2021", ("2019-09-01", "2021-08-31")),
        ("2021-01-01 / 2021-12-31", ("2021-01-01", "2021-12-31")),
        ("Start date: 2018-10-01\nEnd date: 2020-09-30", ("2018-10-01", "2020-09-30")),
        ("24 mėnesiai", (None, None)),
    ],
)
def test_periods_in_both_languages(text, expected):
    assert period(text) == expected


def test_a_programme_year_is_not_the_projects_period():
    (draft,) = extract_text(
        "Strategy for integration\n\nThe aim of the project is to prepare a strategy.\n"
        "The project is funded by the European Fund for the Integration of non-EU Nationals 2013."
    )
    assert (draft.period_start, draft.period_end) == (None, None)


def test_an_event_date_in_a_description_is_not_the_period():
    (draft,) = extract_text(
        "Moterų klubas\n\nKlubas renkasi kas mėnesį. 2019 m. spalio 11 – 13 d. vyko konferencija."
    )
    assert (draft.period_start, draft.period_end) == (None, None)


def test_a_sentence_about_the_project_gives_its_period():
    (draft,) = extract_text(
        "Safe Homes\n\nThe project was implemented from March 2014 to February 2016 in rural areas."
    )
    assert (draft.period_start, draft.period_end) == ("2014-03", "2016-02")


def test_two_dates_sharing_one_written_year_make_a_period():
    from practicehub.catalogue.extract.dates import period_in

    for text, want in (
        ("1 April – 30 November 2023", ("2023-04-01", "2023-11-30")),
        ("2023 m. kovo 1 d. – gruodžio 15 d.", ("2023-03-01", "2023-12-15")),
        ("no 2023. gada 1. septembra līdz 2025. gada 31. augustam", ("2023-09-01", "2025-08-31")),
    ):
        start, end = period_in(text, whole_part=True)
        assert (start.value, end.value) == want


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March–August 2023", ("2023-03", "2023-08")),
        ("2018 sausio–rugsėjo mėn.", ("2018-01", "2018-09")),
        ("2023 m. balandžio–spalio mėn.", ("2023-04", "2023-10")),
        ("maj–wrzesień 2021", ("2021-05", "2021-09")),
        ("2023 05–12", ("2023-05", "2023-12")),
        ("2023-05-12", ("2023-05-12", "2023-05-12")),
    ],
)
def test_two_months_sharing_one_year_make_a_period(text, expected):
    assert period(text) == expected


def test_months_without_a_year_take_the_one_year_their_record_names():
    (draft,) = extract_text(
        "Mergaitės ir technologijos\n\n2023 metais asociacija vedė robotikos būrelį.\n\n"
        "Trukmė: balandis–spalis"
    )
    assert (draft.period_start, draft.period_end) == ("2023-04", "2023-10")
    (draft,) = extract_text(
        "Mergaitės ir technologijos\n\nAsociacija nuo 2015 m. iki 2019 m. vedė būrelius.\n\n"
        "Trukmė: balandis–spalis"
    )
    assert (draft.period_start, draft.period_end) == (None, None)


def test_a_fact_line_cell_holding_only_a_period_gives_it():
    (draft,) = extract_text(
        "Safe Nights\n\nSupported with EUR 11 900 | 1 April – 30 November 2023 | City centre\n\n"
        "The association trained bar staff to help guests who feel unsafe."
    )
    assert (draft.period_start, draft.period_end) == ("2023-04-01", "2023-11-30")


def test_a_number_in_brackets_after_nr_does_not_end_the_sentence():
    (draft,) = extract_text(
        "Matoma ir išgirsta\n\nProjektas „Matoma ir išgirsta“ (Nr. 101096543) vyko nuo 2023 m. "
        "sausio 1 d. iki 2024 m. gruodžio 31 d."
    )
    assert (draft.period_start, draft.period_end) == ("2023-01-01", "2024-12-31")


def test_a_duration_part_that_opens_with_a_start_is_the_practices_own_period():
    # The range in the later clause is the funding's, not the practice's.
    start, end = period_in(
        "Seit September 2018; die ESF-Förderung lief vom 01.09.2018 bis 31.08.2021.",
        whole_part=True,
    )
    assert (start.value, end) == ("2018-09", None)
    start, end = period_in("No 2019. gada 1. aprīļa līdz 2021. gada 31. martam", whole_part=True)
    assert (start.value, end.value) == ("2019-04-01", "2021-03-31")


def test_a_fact_line_cell_that_says_when_the_practice_began():
    (draft,) = extract_text(
        "Good practice example\n\nMigrant Advisory Council of Šiauliai\n\n"
        "Lithuania · Šiauliai · 2018 onwards · Keywords: participation, local democracy\n\n"
        "Purpose: To give residents of foreign origin a voice in the decisions of the city.\n\n"
        "Lessons learned: Give the council real questions to work on.\n"
    )
    assert (draft.period_start, draft.period_end) == ("2018", None)


def period_ends(text: str) -> tuple:
    """A period's values as a record stores them: a quarter ends with its last month."""
    start, end = period_in(text, whole_part=True)
    return (start and start.value, end and end.end_value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q3 2019 – Q2 2020", ("2019-07", "2020-06")),
        ("2019-Q3 to 2020-Q4", ("2019-07", "2020-12")),
        ("Q3–Q4 2019", ("2019-07", "2019-12")),
        ("2019 Q1-Q3", ("2019-01", "2019-09")),
        ("from the third quarter of 2019 to the first half of 2021", ("2019-07", "2021-06")),
        ("H2 2022 – H1 2024", ("2022-07", "2024-06")),
        ("2019 m. III ketv. – 2020 m. II ketv.", ("2019-07", "2020-06")),
        ("III ketv. 2019 m. – IV ketv. 2020 m.", ("2019-07", "2020-12")),
        ("2019 m. II–IV ketvirtis", ("2019-04", "2019-12")),
        ("2019 m. III ketvirtį – 2020 m. I pusmetį", ("2019-07", "2020-06")),
        ("3. Quartal 2019 bis 2. Quartal 2021", ("2019-07", "2021-06")),
        ("I kwartał 2020 r. – IV kwartał 2021 r.", ("2020-01", "2021-12")),
        ("2024. gada 3. ceturksnis", ("2024-07", "2024-09")),
        ("until Q2 2020", (None, "2020-06")),
        # A Roman numeral or a Q that is no quarter leaves the year as it is.
        ("Article IV, 2019 report", ("2019", "2019")),
        ("IQ 2020", ("2020", "2020")),
    ],
)
def test_quarters_and_half_years_give_their_first_and_last_months(text, expected):
    assert period_ends(text) == expected


def test_a_work_plan_in_quarters_gives_the_record_its_period():
    (draft,) = extract_text(
        "Digital Skills for Newcomers\n\nThe project runs from Q3 2019 to Q2 2020 in Kaunas and "
        "trains 120 newcomers in basic digital skills."
    )
    assert (draft.period_start, draft.period_end) == ("2019-07", "2020-06")


def test_a_lithuanian_duration_in_quarters_gives_the_record_its_period():
    (draft,) = extract_text(
        "Skaitmeniniai įgūdžiai atvykusiems\n\nProjekto trukmė: 2021 m. II ketv. – 2022 m. IV "
        "ketv.\n\nProjektas moko atvykusius asmenis skaitmeninių įgūdžių."
    )
    assert (draft.period_start, draft.period_end) == ("2021-04", "2022-12")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_text_a_date_pattern_matches_holds_a_year(data):
    """``find_dates`` skips a text without a year: no pattern may match one."""
    patterns = [*dates._PATTERNS, *dates._DAY_RANGES, *dates._SHARED_YEAR]
    patterns += [*dates._PARTS, *dates._PART_RANGES]
    pattern = data.draw(st.sampled_from(patterns))
    text = data.draw(st.from_regex(pattern))
    assume(pattern.search(text))
    assert dates._ANY_YEAR.search(text)


def test_a_text_without_a_year_has_no_dates_and_one_with_a_year_keeps_them():
    assert find_dates("Published on the first of March, ten years ago") == []
    assert [d.value for d in find_dates("Published 14 March 2024")] == ["2024-03-14"]

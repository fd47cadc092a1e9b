"""Project or good practice: the record's own words for a practice count, a programme's do not,
and the body is read only as far as the answer needs."""

from __future__ import annotations

from practicehub.catalogue.extract.kind import record_kind


def test_a_practice_named_in_a_programmes_name_makes_no_good_practice():
    body = (
        "Bridges\nBridges was funded under Erasmus+ Cooperation for innovation and the "
        "exchange of good practices."
    )
    assert record_kind("Bridges", [], body) == "project"


def test_the_records_own_words_for_a_practice_make_a_good_practice():
    body = "Bridges\nThis good practice pairs mentors with newcomers. The practice runs weekly."
    assert record_kind("Bridges", [], body) == "good_practice"


def test_a_project_named_more_often_than_a_practice_stays_a_project():
    body = (
        "Project Bridges\nThe project pairs mentors with newcomers, a good practice. The project "
        "runs weekly; the project ends in 2025."
    )
    assert record_kind("Project Bridges", [], body) == "project"

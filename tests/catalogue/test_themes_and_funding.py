"""Themes are topics, not passing mentions; funding statements name what pays, in any form."""

from __future__ import annotations

from practicehub.catalogue.extract.programmes import find_programmes, is_funding_statement
from tests.catalogue.helpers import extract_text

LONG_BODY = " ".join(
    ["The partners met in Vilnius, Riga and Tallinn to compare their local methods."] * 25
)


def test_a_theme_in_the_title_and_aim_is_a_topic():
    (draft,) = extract_text(
        "Domestic violence prevention in rural areas\n\n"
        "The aim of the project is to prevent domestic violence in rural municipalities. "
        f"{LONG_BODY}"
    )
    assert "gender-based-violence" in draft.themes


def test_a_passing_mention_in_a_long_text_is_not_a_topic():
    (draft,) = extract_text(
        "Digital skills for seniors\n\nThe aim of the project is to teach older people to use "
        f"smartphones safely. {LONG_BODY} One partner also runs a shelter for victims of "
        "domestic violence."
    )
    assert "ageing" in draft.themes
    assert "gender-based-violence" not in draft.themes


def test_a_plus_after_the_fund_names_its_successor():
    text = "Projektas finansuojamas „Europos socialinio fondo +“ lėšomis."
    assert [m.programme for m in find_programmes(text)] == ["esf-plus"]
    assert [m.programme for m in find_programmes("Europos socialinio fondo lėšomis")] == ["esf"]


def test_a_quoted_project_title_names_no_programme():
    (draft,) = extract_text(
        "Lyčių biudžetas\n\nSavivaldybė analizavo biudžetą. Praktika įgyvendinta dalyvaujant "
        "projekte „Lyčių aspekto integravimas į savivaldybių biudžetus“, finansuotame EEE "
        "finansinio mechanizmo lėšomis."
    )
    assert [f.programme for f in draft.funding] == ["eea-norway-grants"]


def test_funded_as_an_adjective_is_no_funding_statement():
    assert is_funding_statement("The project is co-funded by the Erasmus+ programme.")
    assert is_funding_statement("Funded by the Asylum, Migration and Integration Fund.")
    assert not is_funding_statement("New funded activities included women's football.")


def test_an_events_dates_are_the_period_of_a_record_that_is_the_event():
    (draft,) = extract_text(
        "Tautinių bendrijų jaunimo forumas 2016\n\nForumas suburia tautinių mažumų jaunimą. "
        "Renginys vyks 2016 m. rugsėjo 23–25 d. Trakuose."
    )
    assert (draft.period_start, draft.period_end) == ("2016-09-23", "2016-09-25")


def test_a_programmes_years_after_a_duration_label_are_not_the_period():
    (draft,) = extract_text(
        "Lygių galimybių mokymai\n\nProjektu siekiama ugdyti savivaldybių darbuotojų "
        "kompetencijas.\n\nProjekto pradžia – 2024 m. kovo 18 d.\n\nProjekto trukmė – 24 mėn.\n"
        "Projektas finansuojamas 2021–2027 m. Europos socialinio fondo + lėšomis."
    )
    assert (draft.period_start, draft.period_end) == ("2024-03-18", None)

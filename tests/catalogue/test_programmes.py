"""Funding statements, kept as written, mapped to the controlled list of programmes."""

from __future__ import annotations

from practicehub.catalogue.extract.programmes import find_programmes, is_funding_statement
from tests.catalogue.helpers import extract_text


def programmes(text: str) -> list[str]:
    return [m.programme for m in find_programmes(text)]


def test_english_and_lithuanian_names_map_to_their_programmes():
    assert programmes("funded by the European Fund for the Integration of non-EU Nationals") == [
        "eif"
    ]
    assert programmes("Projektas finansuojamas Europos socialinio fondo lėšomis") == ["esf"]
    assert programmes("Co-funded by the Erasmus+ Programme of the European Union") == [
        "erasmus-plus"
    ]
    assert programmes("Prieglobsčio, migracijos ir integracijos fondo lėšomis") == ["amif"]


def test_a_statement_that_names_no_listed_programme_maps_to_none():
    (draft,) = extract_text(
        "Seniors online\n\nThe project is funded by a private donor from Kaunas and by our members."
    )
    assert [(f.programme, f.text) for f in draft.funding] == [
        (None, "The project is funded by a private donor from Kaunas and by our members.")
    ]


def test_a_year_is_not_a_programme_and_a_stray_word_is_not_a_statement():
    assert programmes("in 2013 the European Union") == []
    assert not is_funding_statement("The project ran workshops in ten schools.")
    assert is_funding_statement("Projektą remia Socialinės apsaugos ir darbo ministerija.")


def test_remia_is_funding_only_when_its_subject_gives_the_money():
    # The one who supports is the funder: a ministry, a municipality, a fund.
    for sentence in (
        "Projektą remia Socialinės apsaugos ir darbo ministerija.",
        "Veiklą remia Utenos rajono savivaldybė.",
        "Savivaldybė remia projektą jau trejus metus.",
        "Mokymus organizuoja fondas, kurį remia EEE finansinis mechanizmas.",
    ):
        assert is_funding_statement(sentence), sentence
    # The project, or a body working on a cause, "supports" the cause: no money is named.
    for sentence in (
        "Projektas remia jaunimo dalyvavimą nevyriausybinėse organizacijose.",
        "Iniciatyva remia lygias galimybes regionuose kartu su partneriais.",
        "Asociacija remia migrantų integraciją savivaldybėse.",
    ):
        assert not is_funding_statement(sentence), sentence


def test_words_of_support_are_funding_only_with_a_giver_named():
    for sentence in (
        "The project was supported by volunteers from the local community.",
        "Victims are supported by psychologists and lawyers.",
        "Under the programme, 40 women received training.",
        "Moterims teikiama psichologinė parama.",
        "Dalyvės galės mokytis pagal profesinio mokymo programas.",
        "Metodika paremta tyrimais.",
        "Funding of the shelter remains a problem.",
        "Projektą remia savanoriai iš visos Lietuvos.",
    ):
        assert not is_funding_statement(sentence), sentence
    for sentence in (
        "Projektą parėmė Atviros Lietuvos fondas.",  # a giver: a fund
        "Projektą remia Caritas.",  # a name after the verb
        "Projektą remia „Telia“.",
        "The project is supported by the Robert Bosch Stiftung.",
        "With the support of the Nordic Council of Ministers, we trained 20 mentors.",
        "The project was implemented under the Erasmus+ programme.",  # a listed programme
        "The shelter's work is supported by private donations.",
        "Šis raksts ir sagatavots ar Eiropas Savienības finansiālu atbalstu.",
    ):
        assert is_funding_statement(sentence), sentence


def test_a_sentence_on_what_the_project_supports_is_no_funding_statement():
    (draft,) = extract_text(
        "Jaunimo balsas\n\nProjektas remia jaunimo dalyvavimą savivaldybėse. "
        "Projektą remia Vilniaus miesto savivaldybė."
    )
    assert [f.text for f in draft.funding] == ["Projektą remia Vilniaus miesto savivaldybė."]


def test_the_programme_of_a_project_number_names_an_elliptic_statement():
    (draft,) = extract_text(
        "Towards integration\n\nThe project is implemented by the European Fund.\n"
        "Project Number : EIF/2012/6/09/PG/1 ."
    )
    assert draft.project_numbers == ["EIF/2012/6/09/PG/1"]
    assert [f.programme for f in draft.funding] == ["eif"]


def test_a_municipalitys_own_programme_is_the_municipal_budget():
    for text in (
        "Klubo veiklą remia savivaldybės smulkiojo ir vidutinio verslo rėmimo programa.",
        "The club is supported by the municipality's small grants programme.",
    ):
        assert [m.programme for m in find_programmes(text)] == ["municipality-budget"]
    assert find_programmes("Savivaldybės taryba patvirtino planą.") == []


def test_a_programme_named_with_one_below_it_gives_only_the_narrower_one():
    # Erasmus+ > KA2 > Cooperation partnerships: the statement names the partnership.
    assert programmes(
        "Funding programme: Erasmus+ Cooperation partnerships in adult education (KA220-ADU)"
    ) == ["erasmus-plus-cooperation-partnerships"]
    assert programmes("Finansuoja Erasmus+ KA2 strateginių partnerysčių programa") == [
        "erasmus-plus-strategic-partnerships"
    ]
    # Named alone, the programme above stays.
    assert programmes("Co-funded by the Erasmus+ Programme") == ["erasmus-plus"]


def test_a_fact_sheet_funded_by_a_partnership_lists_the_partnership_once():
    (draft,) = extract_text(
        "Equal Voices in Rural Councils\n\nFunding programme: Erasmus+ Cooperation partnerships "
        "in adult education\n\nThe project trains women who stand for rural municipal councils."
    )
    assert {f.programme for f in draft.funding} == {"erasmus-plus-cooperation-partnerships"}

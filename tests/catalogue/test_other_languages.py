"""Project pages in German, Latvian and Polish: their labels, role phrases, dates and funding."""

from __future__ import annotations

from practicehub.catalogue.extract.dates import period_in
from tests.catalogue.helpers import extract_text


def orgs(draft) -> list[tuple[str, str]]:
    return [(o.name, o.role) for o in draft.organisations]


def test_a_german_project_page_is_read_by_its_labels():
    (draft,) = extract_text(
        "Starthilfe Arbeit – Beratung für zugewanderte Frauen\n\n"
        "Projektträger: Frauenzentrum Südstadt e.V., Leipzig\n"
        "Kooperationspartner: Jobcenter Leipzig, Handwerkskammer zu Leipzig\n"
        "Laufzeit: 01.04.2022 – 31.03.2025\n"
        "Förderkennzeichen: ESF-SN-2022-0311\n\n"
        "Das Projekt begleitet Frauen mit Migrationserfahrung auf dem Weg in Ausbildung und "
        "Arbeit.\n\n"
        "Das Projekt wird durch das Sächsische Staatsministerium für Soziales und die "
        "Europäische Union über den Europäischen Sozialfonds Plus gefördert."
    )
    assert orgs(draft) == [
        ("Frauenzentrum Südstadt e.V.", "coordinator"),
        ("Jobcenter Leipzig", "partner"),
        ("Handwerkskammer zu Leipzig", "partner"),
        ("Sächsische Staatsministerium für Soziales", "funder"),
    ]
    assert (draft.period_start, draft.period_end) == ("2022-04-01", "2025-03-31")
    assert draft.project_numbers == ["ESF-SN-2022-0311"]
    assert [f.programme for f in draft.funding] == ["esf-plus"]


def test_a_latvian_project_names_its_partners_period_and_fund():
    (draft,) = extract_text(
        "Dzimumu līdztiesība pašvaldībās\n\n"
        "Projekta īstenotājs: Rīgas Sieviešu resursu centrs\n"
        "Sadarbības partneri: Latvijas Pašvaldību mācību centrs; Jelgavas valstspilsētas "
        "pašvaldība\n"
        "Projekta īstenošanas laiks: no 2024. gada 5. marta līdz 2025. gada 30. septembrim\n\n"
        "Projektu līdzfinansē Eiropas Sociālā fonda Plus programma."
    )
    assert orgs(draft)[:3] == [
        ("Rīgas Sieviešu resursu centrs", "coordinator"),
        ("Latvijas Pašvaldību mācību centrs", "partner"),
        ("Jelgavas valstspilsētas pašvaldība", "partner"),
    ]
    assert (draft.period_start, draft.period_end) == ("2024-03-05", "2025-09-30")
    assert [f.programme for f in draft.funding] == ["esf-plus"]


def test_a_polish_project_names_its_leader_partners_and_period():
    (draft,) = extract_text(
        "Równe szanse w gminie\n\n"
        "Lider projektu: Fundacja Równe Szanse Razem\n"
        "Partnerzy: Gmina Miasta Gdańska\n"
        "Okres realizacji: od stycznia 2018 r. do grudnia 2019 r.\n\n"
        "Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu "
        "Społecznego."
    )
    assert orgs(draft) == [
        ("Fundacja Równe Szanse Razem", "coordinator"),
        ("Gmina Miasta Gdańska", "partner"),
    ]
    assert (draft.period_start, draft.period_end) == ("2018-01", "2019-12")
    assert [f.programme for f in draft.funding] == ["esf"]


def test_dates_in_german_latvian_and_polish():
    def read(text: str) -> tuple:
        start, end = period_in(text, whole_part=True)
        return (start and start.value, end and end.value)

    assert read("1. März 2019 bis 28. Februar 2021") == ("2019-03-01", "2021-02-28")
    assert read("no 2024. gada 5. marta līdz 2029. gada 31. decembrim") == (
        "2024-03-05",
        "2029-12-31",
    )
    assert read("1 kwietnia 2021 r. – 30 września 2022 r.") == ("2021-04-01", "2022-09-30")
    assert read("Project duration: October, 2013, to March, 2015.") == ("2013-10", "2015-03")


def test_a_polish_funding_label_is_a_label_not_the_summary():
    (draft,) = extract_text(
        "Kobiety w samorządzie – szkoła liderek lokalnych\n\n"
        "Realizator: Fundacja Równości i Rozwoju, Białystok\n"
        "Źródło finansowania: Program Obywatele dla Demokracji (Fundusze EOG)\n\n"
        "Projekt przygotowuje kobiety do kandydowania w wyborach samorządowych. Uczestniczki "
        "biorą udział w warsztatach i wizytach studyjnych w radach gmin.",
        "projekt.txt",
    )
    assert draft.summary.startswith("Projekt przygotowuje kobiety")
    assert [f.text for f in draft.funding] == [
        "Źródło finansowania: Program Obywatele dla Demokracji (Fundusze EOG)"
    ]


def test_a_german_form_of_a_good_practice_in_the_genitive_with_its_provider_and_tips():
    (draft,) = extract_text(
        "Mentoring-Programm „Frauen führen vor Ort“\n\n"
        "Beschreibung einer guten Praxis für die Austauschplattform\n\n"
        "1. Anbieterorganisation\n\nFrauen in der Kommunalpolitik e. V., Leipzig\n\n"
        "2. Ziel der Praxis\n\nMehr Frauen für ein Mandat in Gemeinderäten gewinnen.\n\n"
        "3. Zielgruppe\n\nFrauen, die für einen Gemeinderat kandidieren möchten.\n\n"
        "4. Laufzeit\n\n01.03.2021 – 28.02.2024\n\n"
        "5. Tipps für die Übertragung\n\nSeminare am Wochenende anbieten."
    )
    assert draft.kind == "good_practice"
    assert [(o.name, o.role) for o in draft.organisations][:1] == [
        ("Frauen in der Kommunalpolitik e. V.", "provider")
    ]
    assert [s.key for s in draft.sections][-1] == "advice"

"""Project pages and good-practice forms in Spanish, Italian and Portuguese: their labels,
periods, role phrases, names, funding and themes are read as the German and French ones are."""

from __future__ import annotations

import pytest

from practicehub.catalogue.extract.dates import period_in
from practicehub.catalogue.extract.labels import match_label
from tests.catalogue.helpers import extract_text


def orgs(draft) -> list[tuple[str, str]]:
    return [(o.name, o.role) for o in draft.organisations]


def test_a_spanish_project_page_is_read_by_its_labels():
    (draft,) = extract_text(
        "Mujeres en Red por el Empleo\n\n"
        "Entidad responsable: Asociación Mujeres en Red (AMR), Valencia, España\n"
        "Socios: Ayuntamiento de Valencia; Cámara de Comercio de Valencia\n"
        "Periodo de ejecución: enero 2021 – diciembre 2022\n"
        "Presupuesto: 85.000 €\n\n"
        "Objetivo\n"
        "Mejorar el acceso al empleo de las mujeres migrantes de la ciudad de Valencia.\n\n"
        "Actividades\n"
        "Talleres de orientación laboral y mentorías con empresarias locales.\n\n"
        "Resultados\n"
        "Participaron 150 mujeres; 45 encontraron un empleo.\n\n"
        "Contacto: info@mujeresenred.es",
        "proyecto.txt",
    )
    assert draft.language == "es"
    assert orgs(draft) == [
        ("Asociación Mujeres en Red", "coordinator"),
        ("Ayuntamiento de Valencia", "partner"),
        ("Cámara de Comercio de Valencia", "partner"),
    ]
    assert draft.organisations[0].acronym == "AMR"
    assert draft.organisations[0].country == "ES"
    assert (draft.period_start, draft.period_end) == ("2021-01", "2022-12")
    # The summary is the aim, not the "Entidad responsable" line.
    assert draft.summary.startswith("Mejorar el acceso al empleo")
    assert [s.key for s in draft.sections][1:5] == [
        "organisation",
        "partners",
        "duration",
        "funding",
    ]
    assert "employment" in draft.themes
    assert draft.emails == ["info@mujeresenred.es"]


def test_an_italian_good_practice_names_its_lead_partners_funder_and_period():
    (draft,) = extract_text(
        "Buona pratica\n\n"
        "Sportello antiviolenza di prossimità\n\n"
        "Soggetto capofila: Associazione Donne in Cammino APS, Bologna\n"
        "Partner: Cooperativa sociale Il Ponte; Consultorio familiare Navile\n"
        "Durata: dal 1° marzo 2020 al 28 febbraio 2023\n"
        "Obiettivo: avvicinare i servizi antiviolenza alle donne dei quartieri periferici.\n"
        "Destinatari: donne vittime di violenza domestica\n"
        "Descrizione: Lo sportello apre due pomeriggi alla settimana nelle sedi dei servizi "
        "sociali di quartiere.\n"
        "Risultati: in tre anni lo sportello ha accolto 312 donne.\n"
        "Trasferibilità: il modello richiede una stanza riservata e un'operatrice formata.\n"
        "Finanziamento: progetto finanziato dalla Regione Emilia-Romagna nell'ambito del "
        "bando regionale per le pari opportunità.",
        "pratica.txt",
    )
    assert (draft.kind, draft.language) == ("good_practice", "it")
    assert draft.title == "Sportello antiviolenza di prossimità"
    assert orgs(draft) == [
        ("Associazione Donne in Cammino APS", "provider"),
        ("Cooperativa sociale Il Ponte", "partner"),
        ("Consultorio familiare Navile", "partner"),
        ("Regione Emilia-Romagna", "funder"),
    ]
    assert (draft.period_start, draft.period_end) == ("2020-03-01", "2023-02-28")
    assert draft.themes == ["gender-based-violence"]


def test_a_portuguese_project_names_its_promoter_partners_number_and_fund():
    (draft,) = extract_text(
        "Vozes Migrantes – participação cívica de mulheres imigrantes\n\n"
        "Entidade promotora: Associação Mulheres Sem Fronteiras (AMSF), Porto, Portugal\n"
        "Parceiros: Câmara Municipal do Porto\n"
        "Duração: de 1 de setembro de 2019 a 31 de agosto de 2021\n"
        "Referência do projeto: PT/2019/FAMI/0412\n"
        "Financiamento: projeto cofinanciado pelo Fundo para o Asilo, a Migração e a "
        "Integração da União Europeia e pelo Alto Comissariado para as Migrações\n\n"
        "Objetivos\n"
        "- Reforçar a participação de mulheres imigrantes nos órgãos consultivos locais.\n"
        "- Dar formação em cidadania ativa a 60 mulheres.",
        "projeto.txt",
    )
    assert draft.language == "pt"
    assert orgs(draft) == [
        ("Associação Mulheres Sem Fronteiras", "coordinator"),
        ("Câmara Municipal do Porto", "partner"),
        ("Alto Comissariado para as Migrações", "funder"),
    ]
    assert (draft.period_start, draft.period_end) == ("2019-09-01", "2021-08-31")
    assert draft.project_numbers == ["PT/2019/FAMI/0412"]
    assert [f.programme for f in draft.funding] == ["amif"]
    assert len(draft.objectives) == 2


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("1 de enero de 2021 – 31 de diciembre de 2022", ("2021-01-01", "2022-12-31")),
        ("de enero 2021 a diciembre 2022", ("2021-01", "2022-12")),
        ("del 1 de enero al 31 de diciembre de 2022", ("2022-01-01", "2022-12-31")),
        ("desde 2019 hasta 2021", ("2019", "2021")),
        ("entre 2019 y 2021", ("2019", "2021")),
        ("marzo del 2021 – junio de 2022", ("2021-03", "2022-06")),
        ("dal 2019 al 2021", ("2019", "2021")),
        ("1° gennaio 2021 – 31 dicembre 2022", ("2021-01-01", "2022-12-31")),
        ("ottobre 2020 - settembre 2022", ("2020-10", "2022-09")),
        ("entre 2019 e 2021", ("2019", "2021")),
        ("de março de 2020 a fevereiro de 2022", ("2020-03", "2022-02")),
        ("1.º de maio de 2021 até 30 de junho de 2023", ("2021-05-01", "2023-06-30")),
        ("a partir de setembro de 2020", ("2020-09", None)),
    ],
)
def test_dates_and_periods_in_spanish_italian_and_portuguese(text, period):
    start, end = period_in(text, whole_part=True)
    assert (start and start.value, end and end.value) == period


def test_role_phrases_in_running_text():
    (es,) = extract_text(
        "Mujeres en red\n\nEl proyecto, desarrollado por la Fundación Igualdad Activa en "
        "colaboración con el Ayuntamiento de Sevilla, está cofinanciado por el Fondo Social "
        "Europeo y la Diputación de Sevilla."
    )
    assert sorted(orgs(es)) == [
        ("Ayuntamiento de Sevilla", "partner"),
        ("Diputación de Sevilla", "funder"),
        ("Fundación Igualdad Activa", "implementer"),
    ]
    assert [f.programme for f in es.funding] == ["esf"]
    (it,) = extract_text(
        "Sportello\n\nLo sportello apre due pomeriggi alla settimana nei quartieri. Il progetto "
        "è realizzato dall'Associazione Donne in Cammino in collaborazione con l'Università di "
        "Bologna ed è finanziato dalla Regione Emilia-Romagna e dal Comune di Bologna."
    )
    assert sorted(orgs(it)) == [
        ("Associazione Donne in Cammino", "implementer"),
        ("Comune di Bologna", "funder"),
        ("Regione Emilia-Romagna", "funder"),
        ("Università di Bologna", "partner"),
    ]
    (pt,) = extract_text(
        "Vozes\n\nO projeto é promovido pela Associação Mulheres Sem Fronteiras em parceria com "
        "a Câmara Municipal do Porto e financiado pelo Fundo Social Europeu."
    )
    assert orgs(pt) == [
        ("Câmara Municipal do Porto", "partner"),
        ("Associação Mulheres Sem Fronteiras", "coordinator"),
    ]


def test_theme_terms_of_each_language_and_a_city_that_is_no_theme():
    (es,) = extract_text(
        "Casa segura\n\nAtención a mujeres víctimas de violencia de género y a sus hijos; "
        "acompañamiento jurídico y psicológico frente a la violencia machista."
    )
    assert es.themes == ["gender-based-violence"]
    (it,) = extract_text(
        "Mediatori a scuola\n\nIl progetto sostiene l'inclusione dei bambini rom e sinti "
        "nelle scuole primarie con mediatori culturali e corsi di lingua."
    )
    assert "roma-inclusion" in it.themes
    (rome,) = extract_text(
        "Sportello lavoro\n\nIl Comune di Roma apre uno sportello per l'inserimento "
        "lavorativo delle donne disoccupate, con orientamento e tirocini in azienda."
    )
    assert "roma-inclusion" not in rome.themes
    assert "employment" in rome.themes


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("Entidad responsable:", "organisation"),
        ("Entidades colaboradoras:", "partners"),
        ("Periodo de ejecución:", "duration"),
        ("Personas destinatarias", "target_group"),
        ("Lecciones aprendidas", "advice"),
        ("Soggetto capofila:", "organisation"),
        ("Partner capofila:", "organisation"),
        ("Obiettivi specifici", "objectives"),
        ("Risultati raggiunti", "impact"),
        ("Entidade promotora:", "organisation"),
        ("Público-alvo", "target_group"),
        ("Duração do projeto:", "duration"),
    ],
)
def test_spanish_italian_and_portuguese_labels(line, key):
    found = match_label(line)
    assert found is not None and (found.key, found.unknown) == (key, 0)


def test_romance_words_do_not_make_labels_of_lithuanian_lines():
    # "regione" and "periodo" are Lithuanian case forms too ("Šiaulių regione", "periodo").
    assert match_label("Ankstyvoji pabėgėlių integracija Šiaulių regione") is None
    assert match_label("Projekto periodo pabaigoje surengta konferencija") is None

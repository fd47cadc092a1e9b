"""The organisation a document speaks for, named once at its top, in the records that name it."""

from __future__ import annotations

import io

import docx

from practicehub.catalogue.extract.owner import defined_acronyms
from tests.catalogue.helpers import extract_bytes, extract_text

REPORT = """WOMEN'S RIGHTS ADVOCACY CENTRE
Projects 2021

Women's Rights Advocacy Centre (WRAC) is a non-governmental organisation in Klaipėda that \
gives women legal help. Below are the projects of the year.


1) Project "Legal Aid Line for Women"

In 2021 WRAC ran a free legal aid line for women who face violence or discrimination at work; \
lawyers answered 640 calls. The project was funded by Klaipėda City Municipality.
Duration: 1 January 2021 – 31 December 2021.


2) Project "Equal Pay Check"

Together with the Norwegian equal pay centre, a project partner, the project tested a tool for \
small employers to check their pay for gaps between women and men. Grant No. WRAC-2021-07, \
funded by the EEA and Norway Grants.
Duration: 1 March 2021 – 30 November 2021.
"""


def test_an_acronym_is_spelled_out_where_the_document_defines_it():
    text = (
        "Utenos moterų užimtumo ir informacijos centras (toliau – UMUIC) įkurtas 1998 m. "
        "Baltic Women in Tech Association (BWTA) brings together women in IT. "
        "The European Union (EU) funds it."
    )
    found = {a: name for a, (name, _at) in defined_acronyms(text).items()}
    assert found == {
        "UMUIC": "Utenos moterų užimtumo ir informacijos centras",
        "BWTA": "Baltic Women in Tech Association",
        "EU": "European Union",
    }


def test_an_acronym_that_spells_no_name_before_it_defines_nothing():
    assert defined_acronyms("The project started in 2019 (see EFBR) with partners.") == {}


def test_a_record_naming_the_documents_owner_by_acronym_lists_it_by_name():
    first, second = extract_text(REPORT)
    assert ("Women's Rights Advocacy Centre", "WRAC", "implementer") in [
        (o.name, o.acronym, o.role) for o in first.organisations
    ]
    # A grant number that opens with the acronym does not name the organisation.
    assert "Women's Rights Advocacy Centre" not in [o.name for o in second.organisations]


def test_a_column_for_the_owners_part_gives_it_its_role_in_each_project():
    document = docx.Document()
    document.add_heading("Organizacijos projektinė patirtis", level=1)
    document.add_paragraph(
        "Vilniaus įvairovės ir lygybės institutas (VĮLI) – 2014 m. įsteigta viešoji įstaiga, "
        "tirianti diskriminaciją ir teikianti teisinę pagalbą."
    )
    rows = [
        ("Projektas", "Trumpas aprašymas", "Laikotarpis", "VĮLI vaidmuo"),
        ("Teisė be kliūčių", "Teismų ir advokatų mokymai apie žmonių su negalia teises "
         "teisme, projektas finansuotas ES programos", "2017–2019", "Partneris"),
        ("Lygybės indeksas savivaldybėms", "Savivaldybių lygių galimybių rodiklių rinkinys, "
         "projektas finansuotas Aktyvių piliečių fondo", "2020–2022", "Pareiškėjas"),
    ]  # fmt: skip
    table = document.add_table(rows=0, cols=4)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    _text, drafts = extract_bytes(buffer.getvalue(), "patirtis.docx")
    owner = "Vilniaus įvairovės ir lygybės institutas"
    assert [[(o.name, o.role) for o in d.organisations if o.name == owner] for d in drafts] == [
        [(owner, "partner")],
        [(owner, "coordinator")],
    ]


def test_an_introduction_saying_who_implemented_or_funded_the_projects_below_gives_each_that_role():
    implemented = extract_text(
        "2023 m. įgyvendinti projektai\n\n"
        "Asociacija „Kitokie vaikai“ 2023 m. įgyvendino du projektus.\n\n"
        "1. Integruotas ugdymas darželiuose\n\n"
        "Partneriai: Šiaulių pedagoginė psichologinė tarnyba\nTrukmė: 2023-02-01 – 2023-11-30\n\n"
        "Pedagogai mokėsi pritaikyti užsiėmimus vaikams su autizmo spektro sutrikimais.\n\n"
        "2. Savanorystė be kliūčių\n\n"
        "Vykdytojas: Jaunimo savanoriškos tarnybos centras\nTrukmė: 2023-04-01 – 2023-12-31\n\n"
        "Jaunuoliai su negalia išbandė savanorystę bibliotekose."
    )
    assert [[(o.name, o.role) for o in d.organisations] for d in implemented] == [
        [
            ("Šiaulių pedagoginė psichologinė tarnyba", "partner"),
            ("Asociacija Kitokie vaikai", "implementer"),
        ],
        # A record that names who leads it keeps that: the introduction speaks in general.
        [("Jaunimo savanoriškos tarnybos centras", "implementer")],
    ]
    funded = extract_text(
        "# Small grants 2020\n\n"
        "In 2020 the Baltic Equality Foundation supported the following projects.\n\n"
        "## Safe at Home\n\nGrantee: Senior Women's Club of Jelgava\n"
        "Duration: 1 June 2020 – 31 May 2021\n\n"
        "Volunteers visit older women who live alone.\n\n"
        "## Roma Girls Stay in School\n\nGrantee: Roma Youth Centre\n"
        "Duration: 1 September 2020 – 30 June 2021\n\n"
        "Mentors support Roma girls so that they stay in school."
    )
    assert all(
        ("Baltic Equality Foundation", "funder") in [(o.name, o.role) for o in d.organisations]
        for d in funded
    )
    assert len(funded) == 2

"""The organisation a document speaks for, named once at its top, in the records that name it."""

from __future__ import annotations

from practicehub.catalogue.extract.owner import defined_acronyms
from tests.catalogue.helpers import extract_text

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

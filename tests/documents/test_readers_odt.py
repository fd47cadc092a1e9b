"""OpenDocument text: headings, nested lists, tables and inline spacing."""

from __future__ import annotations

import io

from odf import table as odf_table
from odf import text as odf_text
from odf.opendocument import OpenDocumentText

from practicehub.documents.readers import read_document
from tests.documents.makers import FORM, make_odt


def test_a_form_reads_as_headings_numbered_items_and_table_cells_in_order():
    result = read_document(make_odt(FORM, title="Forma"), "forma.odt")
    got = [(b.kind, b.level, b.marker, result.block_text(b)) for b in result.blocks]
    assert got == [
        ("heading", 1, "", "Moterų lyderystės mokykla"),
        ("heading", 1, "", "Gerosios praktikos tikslas"),
        (
            "paragraph",
            0,
            "",
            "Stiprinti moterų lyderystę savivaldybėse ir skatinti bendradarbiavimą.",
        ),
        ("list_item", 0, "1.", "Mokymai kandidatėms"),
        ("list_item", 0, "2.", "Susitikimai su merėmis"),
        ("list_item", 1, "a)", "Kaune ir Šiauliuose"),
        ("list_item", 0, "•", "Užsiėmimai vyksta šeštadieniais"),
        ("heading", 2, "", "Partneriai"),
        ("table_cell", 0, "", "Organizacija"),
        ("table_cell", 0, "", "Vaidmuo"),
        ("table_cell", 0, "", "Lygių galimybių plėtros centras"),
        ("table_cell", 0, "", "partneris"),
        ("paragraph", 0, "", "Žodžiai su ąčęėįšųūž išlieka."),
    ]
    assert result.metadata == {"title": "Forma"}
    for block in result.blocks:
        assert result.text[block.start : block.end] == result.block_text(block)


def test_spaces_tabs_breaks_spans_and_links_come_out_as_written():
    document = OpenDocumentText()
    paragraph = odf_text.P(text="Adresas:")
    paragraph.addElement(odf_text.Tab())
    paragraph.addElement(odf_text.Span(text="K. Donelaičio"))
    paragraph.addElement(odf_text.S(c=3))
    paragraph.addText("g. 73")
    paragraph.addElement(odf_text.LineBreak())
    paragraph.addElement(odf_text.A(href="https://www.luma.lt", text="www.luma.lt"))
    document.text.addElement(paragraph)
    out = io.BytesIO()
    document.save(out)
    result = read_document(out.getvalue(), "adresas.odt")
    assert result.text == "Adresas:\tK. Donelaičio   g. 73\nwww.luma.lt"


def test_merged_cells_are_read_once_and_footnotes_after_their_paragraph():
    document = OpenDocumentText()
    table = odf_table.Table()
    row = odf_table.TableRow()
    merged = odf_table.TableCell(numbercolumnsspanned=2)
    merged.addElement(odf_text.P(text="Tikslas"))
    row.addElement(merged)
    row.addElement(odf_table.CoveredTableCell())
    table.addElement(row)
    document.text.addElement(table)
    paragraph = odf_text.P(text="Projektas")
    note = odf_text.Note(noteclass="footnote")
    note.addElement(odf_text.NoteCitation(text="1"))
    body = odf_text.NoteBody()
    body.addElement(odf_text.P(text="Finansuoja EIF."))
    note.addElement(body)
    paragraph.addElement(note)
    paragraph.addText(" tęsiasi.")
    document.text.addElement(paragraph)
    out = io.BytesIO()
    document.save(out)
    result = read_document(out.getvalue(), "pastaba.odt")
    assert [result.block_text(b) for b in result.blocks] == [
        "Tikslas",
        "Projektas tęsiasi.",
        "Finansuoja EIF.",
    ]

"""Word documents: headings, numbered and bulleted lists, tables, in body order."""

from __future__ import annotations

import io

import docx
from docx.oxml import OxmlElement

from practicehub.documents.readers import read_document
from tests.documents.makers import FORM, make_docx


def blocks(result):
    return [(b.kind, b.level, b.marker, result.block_text(b)) for b in result.blocks]


def test_a_form_reads_as_headings_numbered_items_and_table_cells_in_order():
    result = read_document(make_docx(FORM, title="Forma", author="LUMA"), "forma.docx")
    assert blocks(result) == [
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
        ("list_item", 1, "1.", "Kaune ir Šiauliuose"),
        ("list_item", 0, "•", "Užsiėmimai vyksta šeštadieniais"),
        ("heading", 2, "", "Partneriai"),
        ("table_cell", 0, "", "Organizacija"),
        ("table_cell", 0, "", "Vaidmuo"),
        ("table_cell", 0, "", "Lygių galimybių plėtros centras"),
        ("table_cell", 0, "", "partneris"),
        ("paragraph", 0, "", "Žodžiai su ąčęėįšųūž išlieka."),
    ]
    assert result.metadata == {"title": "Forma", "author": "LUMA"}
    for block in result.blocks:
        assert result.text[block.start : block.end] == result.block_text(block)


def test_merged_cells_are_read_once():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Tikslas"
    table.cell(0, 1).text = "Lygybė"
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(1, 1).text = "Moterys"
    out = io.BytesIO()
    document.save(out)
    result = read_document(out.getvalue(), "lentele.docx")
    cells = [result.block_text(b) for b in result.blocks]
    assert cells == ["Tikslas", "Lygybė", "Moterys"]


def test_text_in_content_controls_and_text_boxes_is_read_in_place():
    document = docx.Document()
    document.add_paragraph("Prieš")
    # A content control (the fields of a Word form) around a paragraph.
    inside = document.add_paragraph("Formos laukas")._p
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inside.addprevious(sdt)
    sdt.append(content)
    content.append(inside)
    # A text box anchored in a paragraph, as Word writes it.
    anchor = document.add_paragraph("Inkaras")
    run = anchor.add_run()._r
    box = OxmlElement("w:txbxContent")
    box_paragraph = OxmlElement("w:p")
    box_run = OxmlElement("w:r")
    box_text = OxmlElement("w:t")
    box_text.text = "Teksto langelis"
    box_run.append(box_text)
    box_paragraph.append(box_run)
    box.append(box_paragraph)
    pict = OxmlElement("w:pict")
    pict.append(box)
    run.append(pict)
    document.add_paragraph("Po")
    out = io.BytesIO()
    document.save(out)
    result = read_document(out.getvalue(), "forma.docx")
    assert [result.block_text(b) for b in result.blocks] == [
        "Prieš",
        "Formos laukas",
        "Inkaras",
        "Teksto langelis",
        "Po",
    ]


def test_tabs_and_line_breaks_inside_a_paragraph_are_kept():
    document = docx.Document()
    paragraph = document.add_paragraph("Adresas:")
    paragraph.add_run().add_tab()
    paragraph.add_run("K. Donelaičio g. 73").add_break()
    paragraph.add_run("Kaunas")
    out = io.BytesIO()
    document.save(out)
    result = read_document(out.getvalue(), "adresas.docx")
    assert result.text == "Adresas:\tK. Donelaičio g. 73\nKaunas"


def test_a_docx_and_a_text_file_of_the_same_form_give_the_same_kinds_of_block():
    text = "Gerosios praktikos tikslas\n- Mokymai kandidatėms\n- Susitikimai su merėmis\n"
    from_text = read_document(text.encode(), "forma.txt")
    from_docx = read_document(
        make_docx(
            [
                ("p", "Gerosios praktikos tikslas"),
                ("bullet", "Mokymai kandidatėms"),
                ("bullet", "Susitikimai su merėmis"),
            ]
        ),
        "forma.docx",
    )
    assert [(b.kind, b.level) for b in from_text.blocks] == [
        (b.kind, b.level) for b in from_docx.blocks
    ]

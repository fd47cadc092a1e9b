"""Real documents of each format, written with the real libraries, for the reader tests.

Each maker takes a list of (kind, text) pairs — kind one of "title", "h1", "h2", "p", "bullet",
"number", "number2" (a nested numbered item) and "table" (text is a list of rows) — so one
content can be laid out in every format and the readers compared.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from odf import style as odf_style
from odf import table as odf_table
from odf import text as odf_text
from odf.opendocument import OpenDocumentText

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

FORM = [
    ("title", "Moterų lyderystės mokykla"),
    ("h1", "Gerosios praktikos tikslas"),
    ("p", "Stiprinti moterų lyderystę savivaldybėse ir skatinti bendradarbiavimą."),
    ("number", "Mokymai kandidatėms"),
    ("number", "Susitikimai su merėmis"),
    ("number2", "Kaune ir Šiauliuose"),
    ("bullet", "Užsiėmimai vyksta šeštadieniais"),
    ("h2", "Partneriai"),
    ("table", [["Organizacija", "Vaidmuo"], ["Lygių galimybių plėtros centras", "partneris"]]),
    ("p", "Žodžiai su ąčęėįšųūž išlieka."),
]


def make_docx(content, *, title: str = "", author: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    styles = {
        "h1": "Heading 1",
        "h2": "Heading 2",
        "p": None,
        "bullet": "List Bullet",
        "number": "List Number",
        "number2": "List Number 2",
    }
    for kind, text in content:
        if kind == "title":
            document.add_heading(text, 0)
        elif kind == "table":
            table = document.add_table(rows=len(text), cols=len(text[0]))
            for r, row in enumerate(text):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            document.add_paragraph(text, style=styles[kind])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(content, *, title: str = "") -> bytes:
    document = OpenDocumentText()
    if title:
        from odf import dc

        document.meta.addElement(dc.Title(text=title))
    numbered = odf_text.ListStyle(name="Numbered")
    numbered.addElement(odf_text.ListLevelStyleNumber(level=1, numformat="1", numsuffix="."))
    numbered.addElement(odf_text.ListLevelStyleNumber(level=2, numformat="a", numsuffix=")"))
    bullets = odf_text.ListStyle(name="Bullets")
    bullets.addElement(odf_text.ListLevelStyleBullet(level=1, bulletchar="•"))
    title_style = odf_style.Style(name="P1", family="paragraph", parentstylename="Title")
    for s in (numbered, bullets, title_style):
        document.automaticstyles.addElement(s)
    body = document.text
    current = None  # the open numbered list, so items continue it
    for kind, text in content:
        if kind not in ("number", "number2"):
            current = None
        if kind == "title":
            body.addElement(odf_text.P(stylename=title_style, text=text))
        elif kind in ("h1", "h2"):
            body.addElement(odf_text.H(outlinelevel=int(kind[1]), text=text))
        elif kind == "p":
            body.addElement(odf_text.P(text=text))
        elif kind == "bullet":
            items = odf_text.List(stylename=bullets)
            item = odf_text.ListItem()
            item.addElement(odf_text.P(text=text))
            items.addElement(item)
            body.addElement(items)
        elif kind == "number":
            if current is None:
                current = odf_text.List(stylename=numbered)
                body.addElement(current)
            item = odf_text.ListItem()
            item.addElement(odf_text.P(text=text))
            current.addElement(item)
        elif kind == "number2":
            inner = odf_text.List()
            item = odf_text.ListItem()
            item.addElement(odf_text.P(text=text))
            inner.addElement(item)
            current.childNodes[-1].addElement(inner)
        elif kind == "table":
            table = odf_table.Table()
            for row in text:
                table_row = odf_table.TableRow()
                table.addElement(table_row)
                for value in row:
                    cell = odf_table.TableCell()
                    cell.addElement(odf_text.P(text=value))
                    table_row.addElement(cell)
            body.addElement(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def unicode_pdf() -> FPDF:
    """An FPDF with DejaVu (which has the Lithuanian letters) as "Sans"."""
    if not (FONT_DIR / "DejaVuSans.ttf").is_file():
        pytest.fail(f"DejaVu fonts are missing from {FONT_DIR}: run scripts/install.sh --test")
    pdf = FPDF()
    pdf.add_font("Sans", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("Sans", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20)
    return pdf


def make_pdf(pages: list[list[tuple[str, str]]], *, title: str = "") -> bytes:
    """Each page a list of (kind, text): "title"/"h1" larger and bold, "p" body, "bullet"."""
    pdf = unicode_pdf()
    if title:
        pdf.set_title(title)
    for content in pages:
        pdf.add_page()
        for kind, text in content:
            if kind in ("title", "h1"):
                pdf.set_font("Sans", "B", 18 if kind == "title" else 14)
                pdf.multi_cell(0, 9, text, align="L")
                pdf.ln(3)
            else:
                pdf.set_font("Sans", "", 11)
                pdf.multi_cell(0, 6, text, align="L")
                pdf.ln(4 if kind == "p" else 0)
    return bytes(pdf.output())

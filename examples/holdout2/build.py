"""Build the second held-out set's documents from their plain UTF-8 sources.

Each document in ``documents/`` has one source, ``sources/<document name>.src``:

- ``.txt`` sources are the text itself, written in the encoding ``ENCODINGS`` names (UTF-8
  unless listed), so that the set holds Windows-1257 and UTF-16 files as real sites do;
- ``.html`` sources are the page itself, copied as UTF-8;
- ``.docx``, ``.odt`` and ``.pdf`` sources use a small line markup rendered with the real
  libraries (python-docx, odfpy, fpdf2 with DejaVu Sans), so the bytes can be rebuilt:

  ``@header: text`` / ``@footer: text`` (first lines; PDF running header and footer),
  ``# `` / ``## `` / ``### `` headings, ``- `` bullet items, ``+ `` numbered items,
  ``| a | b |`` table rows (consecutive rows make one table, the first row is the header),
  ``**text**`` a bold paragraph, ``---page---`` a page break, any other line a paragraph.

Zip members get a fixed date and PDFs a fixed creation date, so a rebuild gives the same bytes.

Usage: ``python examples/holdout2/build.py`` (write) or ``--check`` (exit 1 when a document
differs from what its source builds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DOCUMENTS = HERE / "documents"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = dt.datetime(2024, 5, 6, 9, 30, tzinfo=dt.UTC)
ZIP_DATE = (2024, 5, 6, 9, 30, 0)

# Text files that are not UTF-8, as sites and old editors save them.
ENCODINGS = {
    "lt-gp-mergaites-technologijose.txt": "cp1257",
    "lt-projektas-kalbos-kursai-pmif.txt": "cp1257",
    "en-gp-peer-mentoring-migrant-women.txt": "utf-16",
}


@dataclass
class Block:
    kind: str  # heading1..3, para, bold, bullet, number, table, page
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Doc:
    header: str = ""
    footer: str = ""
    blocks: list[Block] = field(default_factory=list)


def parse(source: str) -> Doc:
    """Read the line markup into blocks."""
    doc = Doc()
    for raw in source.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("@header:"):
            doc.header = line.partition(":")[2].strip()
        elif line.startswith("@footer:"):
            doc.footer = line.partition(":")[2].strip()
        elif line == "---page---":
            doc.blocks.append(Block("page"))
        elif m := re.match(r"^(#{1,3}) (.+)$", line):
            doc.blocks.append(Block(f"heading{len(m.group(1))}", m.group(2)))
        elif line.startswith("- "):
            doc.blocks.append(Block("bullet", line[2:]))
        elif line.startswith("+ "):
            doc.blocks.append(Block("number", line[2:]))
        elif line.startswith("|") and line.endswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if doc.blocks and doc.blocks[-1].kind == "table":
                doc.blocks[-1].rows.append(cells)
            else:
                doc.blocks.append(Block("table", rows=[cells]))
        elif line.startswith("**") and line.endswith("**"):
            doc.blocks.append(Block("bold", line[2:-2]))
        else:
            doc.blocks.append(Block("para", line))
    return doc


def fixed_zip(data: bytes) -> bytes:
    """The same package with every member dated ZIP_DATE, order and compression kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def render_docx(doc: Doc) -> bytes:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = "Practice Hub sample data"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = "Practice Hub sample data"
    props.revision = 1
    for block in doc.blocks:
        if block.kind.startswith("heading"):
            document.add_heading(block.text, level=int(block.kind[-1]))
        elif block.kind == "para":
            document.add_paragraph(block.text)
        elif block.kind == "bold":
            document.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "number":
            document.add_paragraph(block.text, style="List Number")
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        elif block.kind == "page":
            document.add_page_break()
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue())


def render_odt(doc: Doc) -> bytes:
    from odf import meta, style, table, text
    from odf.opendocument import OpenDocumentText

    odt = OpenDocumentText()
    odt.meta.addElement(meta.CreationDate(text=FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%S")))
    odt.meta.addElement(meta.InitialCreator(text="Practice Hub sample data"))
    for level, size in ((1, "16pt"), (2, "13pt"), (3, "11pt")):
        heading = style.Style(
            name=f"Heading_20_{level}",
            displayname=f"Heading {level}",
            family="paragraph",
            defaultoutlinelevel=str(level),
        )
        heading.addElement(style.TextProperties(fontsize=size, fontweight="bold"))
        odt.styles.addElement(heading)
    bold = style.Style(name="Bold", family="text")
    bold.addElement(style.TextProperties(fontweight="bold"))
    odt.automaticstyles.addElement(bold)
    bullets = text.ListStyle(name="Bullets")
    bullets.addElement(text.ListLevelStyleBullet(level="1", bulletchar="•"))
    numbers = text.ListStyle(name="Numbers")
    numbers.addElement(text.ListLevelStyleNumber(level="1", numformat="1", numsuffix="."))
    odt.automaticstyles.addElement(bullets)
    odt.automaticstyles.addElement(numbers)
    page_break = style.Style(name="PageBreak", family="paragraph")
    page_break.addElement(style.ParagraphProperties(breakbefore="page"))
    odt.automaticstyles.addElement(page_break)

    current_list, current_kind = None, None
    for n, block in enumerate(doc.blocks):
        if block.kind in ("bullet", "number"):
            if current_list is None or current_kind != block.kind:
                name = "Bullets" if block.kind == "bullet" else "Numbers"
                current_list, current_kind = text.List(stylename=name), block.kind
                odt.text.addElement(current_list)
            item = text.ListItem()
            item.addElement(text.P(text=block.text))
            current_list.addElement(item)
            continue
        current_list, current_kind = None, None
        if block.kind.startswith("heading"):
            level = block.kind[-1]
            odt.text.addElement(
                text.H(outlinelevel=level, stylename=f"Heading_20_{level}", text=block.text)
            )
        elif block.kind == "para":
            odt.text.addElement(text.P(text=block.text))
        elif block.kind == "bold":
            paragraph = text.P()
            paragraph.addElement(text.Span(stylename=bold, text=block.text))
            odt.text.addElement(paragraph)
        elif block.kind == "table":
            grid = table.Table(name=f"Table{n}")
            grid.addElement(table.TableColumn(numbercolumnsrepeated=str(len(block.rows[0]))))
            for row in block.rows:
                tr = table.TableRow()
                for cell_text in row:
                    cell = table.TableCell(valuetype="string")
                    cell.addElement(text.P(text=cell_text))
                    tr.addElement(cell)
                grid.addElement(tr)
            odt.text.addElement(grid)
        elif block.kind == "page":
            odt.text.addElement(text.P(stylename=page_break))
    out = io.BytesIO()
    odt.write(out)
    return fixed_zip(out.getvalue())


def render_pdf(doc: Doc) -> bytes:
    from fpdf import FPDF

    class Page(FPDF):
        def header(self) -> None:
            if doc.header:
                self.set_font("DejaVu", size=8)
                self.cell(0, 6, doc.header, align="R", new_x="LMARGIN", new_y="NEXT")
                self.ln(2)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("DejaVu", size=8)
            words = f"{doc.footer} | {self.page_no()}" if doc.footer else str(self.page_no())
            self.cell(0, 6, words, align="C")

    pdf = Page(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_author("Practice Hub sample data")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.epw
    number = 0
    for block in doc.blocks:
        if block.kind != "number":
            number = 0
        if block.kind == "page":
            pdf.add_page()
        elif block.kind.startswith("heading"):
            size = {"1": 15, "2": 12, "3": 11}[block.kind[-1]]
            pdf.set_font("DejaVu", "B", size)
            pdf.ln(2)
            pdf.multi_cell(width, size * 0.5, block.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif block.kind in ("para", "bold"):
            pdf.set_font("DejaVu", "B" if block.kind == "bold" else "", 10)
            pdf.multi_cell(width, 5, block.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif block.kind in ("bullet", "number"):
            number += 1
            marker = "•" if block.kind == "bullet" else f"{number}."
            pdf.set_font("DejaVu", "", 10)
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(6, 5, marker)
            pdf.multi_cell(width - 10, 5, block.text, new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "table":
            pdf.set_font("DejaVu", "", 9)
            with pdf.table(col_widths=(1, 2) if len(block.rows[0]) == 2 else None) as grid:
                for row in block.rows:
                    cells = grid.row()
                    for cell_text in row:
                        cells.cell(cell_text)
            pdf.ln(2)
    return bytes(pdf.output())


def render(name: str) -> bytes:
    source = (SOURCES / f"{name}.src").read_text(encoding="utf-8")
    suffix = Path(name).suffix
    if suffix == ".txt":
        return source.encode(ENCODINGS.get(name, "utf-8"))
    if suffix == ".html":
        return source.encode("utf-8")
    renderer = {".docx": render_docx, ".odt": render_odt, ".pdf": render_pdf}[suffix]
    return renderer(parse(source))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report documents out of date")
    args = parser.parse_args(argv)
    names = sorted(p.name.removesuffix(".src") for p in SOURCES.glob("*.src"))
    stale = []
    DOCUMENTS.mkdir(exist_ok=True)
    for name in names:
        data = render(name)
        target = DOCUMENTS / name
        if target.is_file() and target.read_bytes() == data:
            continue
        stale.append(name)
        if not args.check:
            target.write_bytes(data)
    orphans = [p.name for p in DOCUMENTS.iterdir() if p.name not in names]
    if args.check:
        for name in stale + orphans:
            print(f"out of date: {name}")
        return 1 if stale or orphans else 0
    for name in orphans:
        (DOCUMENTS / name).unlink()
    print(f"{len(names)} documents, {len(stale)} written, {len(orphans)} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

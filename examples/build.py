"""Render the sample collection: each source in examples/sources/ becomes one document.

A source ``<document name>.src`` holds a few ``key: value`` lines, a line ``---``, then the body.
The document's format is the extension of its name. Plain-text documents get the body exactly as
written (in the encoding the source asks for); the other formats read the body as a small markup:

    # Heading 1 / ## Heading 2 / ### Heading 3
    - bullet item          (two more spaces of indent per nesting level)
    1. numbered item       (the number is kept as the list's own numbering)
    | left cell | right cell |   (consecutive rows make one table)
    ; term                 definition-list term, and
    : definition           its definition (consecutive lines make one <dl> in HTML; the
                           other formats give the term as a bold line, the definition below)
    <page>                 page break (PDF and DOCX; ODT starts the next paragraph on a new page)
    <hr>                   horizontal rule (HTML only)
    \\1. text              a paragraph that only looks like a list item
    **bold** inside a line
    any other line         one paragraph

Keys: ``title`` and ``author`` (document metadata), ``lang`` (HTML), ``template`` (HTML page
around the content, from examples/templates/), ``encoding`` and ``newline`` (plain text),
``header`` (PDF running header), ``footer`` (PDF footer before the page number).

Everything is rendered with the real libraries (python-docx, odfpy, fpdf2 with DejaVu fonts) and
with fixed dates, so building twice gives the same bytes. Run from the repository root:

    .venv/bin/python examples/build.py          # build all, report what changed
    .venv/bin/python examples/build.py --check  # exit 1 if a document is out of date
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DOCUMENTS = HERE / "documents"
TEMPLATES = HERE / "templates"
FONTS = Path("/usr/share/fonts/truetype/dejavu")

# One fixed moment for every date a format records, so rebuilding changes no bytes.
FIXED = dt.datetime(2024, 3, 1, 9, 0, 0, tzinfo=dt.UTC)
ZIP_TIME = (2024, 3, 1, 9, 0, 0)


@dataclass
class Block:
    kind: str  # heading | para | item | table | deflist | page | rule
    text: str = ""
    level: int = 0  # heading level (1-3) or list depth (0 = top)
    ordered: bool = False
    number: int = 0
    rows: list[list[str]] = field(default_factory=list)  # table cells; deflist [dt|dd, text]


@dataclass
class Source:
    name: str  # the document's file name
    meta: dict[str, str]
    body: str

    @property
    def blocks(self) -> list[Block]:
        return parse_body(self.body)


def read_source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise SystemExit(f"{path}: no '---' line between the keys and the body")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return Source(name=path.name.removesuffix(".src"), meta=meta, body=body)


_ITEM = re.compile(r"^( *)(?:(-)|(\d+)[.)]) (.*)$")


def parse_body(body: str) -> list[Block]:
    blocks: list[Block] = []
    for raw in body.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("|") and line.endswith("|"):
            cells = [c.strip() for c in line[1:-1].split("|")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
            continue
        definition = re.match(r"^([;:]) (.*)$", line)
        if definition:
            entry = ["dt" if definition.group(1) == ";" else "dd", definition.group(2)]
            if blocks and blocks[-1].kind == "deflist":
                blocks[-1].rows.append(entry)
            else:
                blocks.append(Block("deflist", rows=[entry]))
            continue
        if line == "<page>":
            blocks.append(Block("page"))
            continue
        if line == "<hr>":
            blocks.append(Block("rule"))
            continue
        heading = re.match(r"^(#{1,3}) (.*)$", line)
        if heading:
            blocks.append(Block("heading", heading.group(2), level=len(heading.group(1))))
            continue
        item = _ITEM.match(line)
        if item and item.group(4):
            indent, dash, number, text = item.groups()
            blocks.append(
                Block(
                    "item",
                    text,
                    level=len(indent) // 2,
                    ordered=dash is None,
                    number=int(number or 0),
                )
            )
            continue
        blocks.append(Block("para", line[1:] if line.startswith("\\") else line.strip()))
    return blocks


def runs(text: str) -> list[tuple[str, bool]]:
    """Split ``**bold**`` markup into (text, bold) runs."""
    parts = re.split(r"\*\*(.+?)\*\*", text)
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]


def plain(text: str) -> str:
    return "".join(t for t, _ in runs(text))


def as_paragraphs(block: Block) -> list[Block]:
    """A definition list outside HTML: each term a bold line, each definition a paragraph."""
    return [Block("para", f"**{text}**" if tag == "dt" else text) for tag, text in block.rows]


def flattened(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        out.extend(as_paragraphs(block) if block.kind == "deflist" else [block])
    return out


# --- plain text --------------------------------------------------------------------------------


def render_txt(source: Source) -> bytes:
    body = source.body
    if source.meta.get("newline") == "crlf":
        body = body.replace("\n", "\r\n")
    encoding = source.meta.get("encoding", "utf-8")
    return body.encode(encoding)


# --- HTML ---------------------------------------------------------------------------------------

_LINKABLE = re.compile(
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(?P<url>(?:https?://|www\.)[\w./%?=&#-]*[\w/])"
)


def html_inline(text: str) -> str:
    out = []
    for part, bold in runs(text):
        escaped = html.escape(part, quote=False)
        linked = _LINKABLE.sub(_link, escaped)
        out.append(f"<strong>{linked}</strong>" if bold else linked)
    return "".join(out)


def _link(match: re.Match) -> str:
    if match.group("email"):
        return f'<a href="mailto:{match.group("email")}">{match.group("email")}</a>'
    url = match.group("url")
    href = url if url.startswith("http") else f"https://{url}"
    return f'<a href="{href}">{url}</a>'


def html_content(blocks: list[Block]) -> str:
    out: list[str] = []
    stack: list[str] = []  # open list tags, one per nesting level

    def close_lists(depth: int) -> None:
        while len(stack) > depth:
            out.append("  " * len(stack) + f"</li></{stack.pop()}>")

    for block in blocks:
        if block.kind != "item":
            close_lists(0)
        if block.kind == "heading":
            out.append(f"<h{block.level}>{html_inline(block.text)}</h{block.level}>")
        elif block.kind == "para":
            out.append(f"<p>{html_inline(block.text)}</p>")
        elif block.kind == "rule":
            out.append("<hr>")
        elif block.kind == "deflist":
            entries = "".join(f"<{tag}>{html_inline(text)}</{tag}>\n" for tag, text in block.rows)
            out.append(f"<dl>\n{entries}</dl>")
        elif block.kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{html_inline(c)}</td>" for c in row) + "</tr>\n"
                for row in block.rows
            )
            out.append(f'<table class="form">\n{rows}</table>')
        elif block.kind == "item":
            tag = "ol" if block.ordered else "ul"
            if len(stack) > block.level + 1:
                close_lists(block.level + 1)
            if len(stack) == block.level + 1:
                out.append("  " * len(stack) + "</li>")
            while len(stack) < block.level + 1:
                out.append("  " * len(stack) + f"<{tag}>")
                stack.append(tag)
            out.append("  " * len(stack) + f"<li>{html_inline(block.text)}")
    close_lists(0)
    return "\n".join(out)


def render_html(source: Source) -> bytes:
    name = source.meta.get("template", "plain")
    template = Template((TEMPLATES / f"{name}.html").read_text(encoding="utf-8"))
    page = template.substitute(
        title=html.escape(source.meta.get("title", source.name)),
        lang=source.meta.get("lang", "en"),
        content=html_content(source.blocks),
    )
    return page.encode("utf-8")


# --- DOCX ---------------------------------------------------------------------------------------


def render_docx(source: Source) -> bytes:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = source.meta.get("title", "")
    props.author = props.last_modified_by = source.meta.get("author", "Practice Hub samples")
    props.created = props.modified = props.last_printed = FIXED.replace(tzinfo=None)
    props.revision = 1

    def add_runs(paragraph, text: str) -> None:
        for part, bold in runs(text):
            paragraph.add_run(part).bold = bold or None

    for block in flattened(source.blocks):
        if block.kind == "page":
            document.add_page_break()
        elif block.kind == "heading":
            paragraph = document.add_heading(level=block.level)
            add_runs(paragraph, block.text)
        elif block.kind == "para":
            paragraph = document.add_paragraph()
            add_runs(paragraph, block.text)
        elif block.kind == "item":
            style = "List Number" if block.ordered else "List Bullet"
            if block.level:
                style += f" {min(block.level + 1, 3)}"
            paragraph = document.add_paragraph(style=style)
            add_runs(paragraph, block.text)
        elif block.kind == "table":
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for row, cells in zip(table.rows, block.rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=False):
                    add_runs(cell.paragraphs[0], text)
    out = io.BytesIO()
    document.save(out)
    return normalised_zip(out.getvalue())


# --- ODT ----------------------------------------------------------------------------------------


def render_odt(source: Source) -> bytes:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        ListLevelProperties,
        ParagraphProperties,
        Style,
        TableColumnProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import (
        H,
        List,
        ListItem,
        ListLevelStyleBullet,
        ListLevelStyleNumber,
        ListStyle,
        P,
        Span,
    )

    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=source.meta.get("title", "")))
    doc.meta.addElement(dc.Creator(text=source.meta.get("author", "Practice Hub samples")))
    doc.meta.addElement(meta.CreationDate(text=FIXED.strftime("%Y-%m-%dT%H:%M:%S")))
    doc.meta.addElement(dc.Date(text=FIXED.strftime("%Y-%m-%dT%H:%M:%S")))

    headings = {}
    for level, size in ((1, "16pt"), (2, "13pt"), (3, "11pt")):
        style = Style(name=f"Heading {level}", family="paragraph")
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm"))
        doc.styles.addElement(style)
        headings[level] = style
    bold = Style(name="Strong", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.styles.addElement(bold)
    new_page = Style(name="NewPage", family="paragraph")
    new_page.addElement(ParagraphProperties(breakbefore="page"))
    doc.automaticstyles.addElement(new_page)
    column = Style(name="FormColumn", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="8cm"))
    doc.automaticstyles.addElement(column)

    list_styles = {}
    for ordered in (False, True):
        style = ListStyle(name="Numbered" if ordered else "Bullets")
        for depth in range(1, 4):
            if ordered:
                level = ListLevelStyleNumber(level=depth, numformat="1", numsuffix=".")
            else:
                level = ListLevelStyleBullet(level=depth, bulletchar="•–◦"[depth - 1])
            level.addElement(
                ListLevelProperties(spacebefore=f"{0.6 * depth:.1f}cm", minlabelwidth="0.5cm")
            )
            style.addElement(level)
        doc.automaticstyles.addElement(style)
        list_styles[ordered] = style

    def filled(element, text: str):
        for part, is_bold in runs(text):
            if is_bold:
                element.addElement(Span(stylename=bold, text=part))
            else:
                element.addText(part)
        return element

    break_next = False
    tables = 0
    list_stack: list = []  # (List element, last ListItem) per depth

    for block in flattened(source.blocks):
        if block.kind != "item":
            list_stack.clear()
        if block.kind == "page":
            break_next = True
            continue
        extra = {"stylename": new_page} if break_next else {}
        if block.kind == "heading":
            attrs = extra or {"stylename": headings[block.level]}
            doc.text.addElement(filled(H(outlinelevel=block.level, **attrs), block.text))
        elif block.kind == "para":
            doc.text.addElement(filled(P(**extra), block.text))
        elif block.kind == "item":
            del list_stack[block.level + 1 :]
            if len(list_stack) < block.level + 1:
                new_list = List(stylename=list_styles[block.ordered])
                if list_stack:
                    list_stack[-1][1].addElement(new_list)
                else:
                    doc.text.addElement(new_list)
                while len(list_stack) < block.level + 1:
                    list_stack.append([new_list, None])
            item = ListItem()
            item.addElement(filled(P(**extra), block.text))
            list_stack[block.level][0].addElement(item)
            list_stack[block.level][1] = item
        elif block.kind == "table":
            width = max(len(r) for r in block.rows)
            tables += 1  # named by position, so that rebuilding gives the same bytes
            table = Table(name=f"Table{tables}")
            for _ in range(width):
                table.addElement(TableColumn(stylename=column))
            for cells in block.rows:
                row = TableRow()
                for text in cells + [""] * (width - len(cells)):
                    cell = TableCell(valuetype="string")
                    cell.addElement(filled(P(), text))
                    row.addElement(cell)
                table.addElement(row)
            doc.text.addElement(table)
        break_next = False
    out = io.BytesIO()
    doc.write(out)
    return normalised_zip(out.getvalue())


# --- PDF ----------------------------------------------------------------------------------------


def render_pdf(source: Source) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    running_header = source.meta.get("header", "")
    footer_text = source.meta.get("footer", "")

    class SamplePDF(FPDF):
        def header(self) -> None:
            if running_header:
                self.set_font("DejaVu", size=8)
                self.cell(0, 5, running_header, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.ln(3)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("DejaVu", size=8)
            text = f"{footer_text}   {self.page_no()}" if footer_text else str(self.page_no())
            self.cell(0, 10, text, align="C")

    pdf = SamplePDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_creation_date(FIXED)
    pdf.set_title(source.meta.get("title", ""))
    pdf.set_author(source.meta.get("author", "Practice Hub samples"))
    pdf.set_creator("Practice Hub sample builder")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    sizes = {1: 15, 2: 12.5, 3: 11}

    for block in flattened(source.blocks):
        if block.kind == "page":
            pdf.add_page()
        elif block.kind == "heading":
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", sizes[block.level])
            pdf.multi_cell(0, 7, plain(block.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        elif block.kind == "para":
            pdf.set_font("DejaVu", size=10)
            pdf.multi_cell(0, 5, block.text, markdown=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)
        elif block.kind == "item":
            pdf.set_font("DejaVu", size=10)
            indent = 6 + 6 * block.level
            marker = f"{block.number}." if block.ordered else "•–◦"[min(block.level, 2)]
            pdf.set_x(pdf.l_margin + indent - 5)
            pdf.cell(5, 5, marker)
            pdf.multi_cell(
                pdf.epw - indent,
                5,
                block.text,
                markdown=True,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            pdf.ln(0.8)
        elif block.kind == "table":
            pdf.set_font("DejaVu", size=9.5)
            with pdf.table(col_widths=(35, 65), first_row_as_headings=False) as table:
                for cells in block.rows:
                    row = table.row()
                    for text in cells:
                        row.cell(plain(text))
            pdf.ln(2)
    return bytes(pdf.output())


# --- the build ----------------------------------------------------------------------------------


def normalised_zip(data: bytes) -> bytes:
    """The same archive with every entry stamped with one fixed time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


RENDERERS: dict[str, Callable[[Source], bytes]] = {
    ".txt": render_txt,
    ".html": render_html,
    ".docx": render_docx,
    ".odt": render_odt,
    ".pdf": render_pdf,
}


def render(
    name: str,
    *,
    sources: Path = SOURCES,
    renderers: dict[str, Callable[[Source], bytes]] = RENDERERS,
) -> bytes:
    """The bytes of one document, built from its source ``sources/<name>.src``."""
    renderer = renderers.get(Path(name).suffix)
    if renderer is None:
        raise SystemExit(f"{name}: no renderer for {Path(name).suffix!r}")
    return renderer(read_source(sources / f"{name}.src"))


def build(
    *,
    check: bool = False,
    only: list[str] | None = None,
    sources: Path = SOURCES,
    documents: Path = DOCUMENTS,
    renderers: dict[str, Callable[[Source], bytes]] = RENDERERS,
) -> int:
    """Write (or with ``check`` only report) every document that differs from its source, and
    remove documents that have no source. Serves the held-out set's builder too."""
    names = sorted(s.name.removesuffix(".src") for s in sources.glob("*.src"))
    stale = 0
    for name in names:
        if only and name not in only:
            continue
        data = render(name, sources=sources, renderers=renderers)
        target = documents / name
        if target.exists() and target.read_bytes() == data:
            continue
        stale += 1
        if check:
            print(f"out of date: {target.relative_to(HERE.parent)}")
        else:
            target.write_bytes(data)
            print(f"built {target.relative_to(HERE.parent)} ({len(data):,} bytes)")
    for orphan in sorted(documents.iterdir()):
        if orphan.name not in names:
            stale += 1
            if check:
                print(f"no source for {orphan.relative_to(HERE.parent)}")
            else:
                orphan.unlink()
                print(f"removed {orphan.relative_to(HERE.parent)} (no source)")
    return 1 if check and stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="document names to build (default: all)")
    parser.add_argument("--check", action="store_true", help="report out-of-date documents")
    args = parser.parse_args(argv)
    DOCUMENTS.mkdir(exist_ok=True)
    return build(check=args.check, only=args.names or None)


if __name__ == "__main__":
    sys.exit(main())

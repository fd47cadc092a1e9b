"""Plain text in any common encoding: one block per non-empty line.

The text is kept exactly as decoded (only line ends are made LF), since every offset later points
into it. A line that starts with a bullet, a dash or a number such as "1." or "2.3)" is a list
item; its marker stays in the text and is also recorded on the block. Nesting comes from the
indentation and from the depth of a number like "2.3.". A lone Markdown heading ("## Partners")
is a heading; no other line is, as plain text has no way to say so. A Markdown file, or text
that is plainly Markdown, is rendered and read as HTML is.
"""

from __future__ import annotations

import re

from practicehub.documents.readers import register
from practicehub.documents.readers.base import Block, ReadResult
from practicehub.documents.readers.encoding import decode, normalize_newlines
from practicehub.documents.readers.sniff import TEXT

# Markers people type: bullets and dashes; "1." "1)" "1.2." "(3)"; "a)" "(b)". A capital letter
# with a dot is left out on purpose: "K. Donelaičio g." is an initial, not a list.
_MARKER = re.compile(
    r"(?P<marker>[-–—•◦▪▫●○■□►▸‣➢✓✔*·]|(?P<number>\d{1,3}(?:\.\d{1,3})*)[.)]|\(\d{1,3}\)"
    r"|\(?[a-z]\))[ \t\u00a0]+(?=\S)"
)
_MARKDOWN_HEADING = re.compile(r"(#{1,6})[ \t]+(?=\S)")


_MARKDOWN_FILES = (".md", ".markdown")
# Markdown written into a .txt file: "## Partners" headings, "**Organisation:** ..." labels.
_ATX_LINE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_STRONG_LINE = re.compile(r"^(?:[-*+][ \t]+)?(?:\*\*|__)[^*_\n]{1,80}(?:\*\*|__)", re.MULTILINE)


@register(TEXT, ".txt", ".text", ".md", ".markdown", label="text")
def read_text(data: bytes, filename: str) -> ReadResult:
    text, encoding = decode(data)
    text = normalize_newlines(text)
    markdown_file = filename.lower().endswith(_MARKDOWN_FILES)
    if markdown_file or reads_as_markdown(text):
        return _read_markdown(text, encoding, setext=markdown_file)
    return ReadResult(text=text, blocks=line_blocks(text), media_type=TEXT, encoding=encoding)


def reads_as_markdown(text: str) -> bool:
    headings = len(_ATX_LINE.findall(text))
    return headings >= 2 or (headings >= 1 and len(_STRONG_LINE.findall(text)) >= 2)


def _read_markdown(text: str, encoding: str | None, *, setext: bool) -> ReadResult:
    """Markdown is markup: its rendering is read as a page is, so "**Organisation:** X" is the
    label and value a reader sees, and "## Funding" a heading without its hashes. Each line
    stays a line. In a .txt file a line of dashes under text is a separator, not Markdown's
    underlined heading."""
    from markdown_it import MarkdownIt

    from practicehub.documents.readers.html import read_markup

    parser = MarkdownIt("commonmark", {"breaks": True}).enable("table")
    if not setext:
        parser.disable("lheading")
    return read_markup(parser.render(text), media_type=TEXT, encoding=encoding)


def list_marker(line: str) -> tuple[str, int] | None:
    """The list marker a stripped line starts with, and the depth its numbering implies."""
    found = _MARKER.match(line)
    if found is None:
        return None
    number = found.group("number")
    return found.group("marker"), number.count(".") if number else 0


def line_blocks(text: str) -> list[Block]:
    """A block for each non-empty line of ``text``, stripped of surrounding whitespace."""
    # start, end, kind, marker, level from the marker itself, indentation
    lines: list[tuple[int, int, str, str, int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            kind, marker, depth = "paragraph", "", 0
            if item := list_marker(stripped):
                kind, (marker, depth) = "list_item", item
            elif found := _MARKDOWN_HEADING.match(stripped):
                kind, depth = "heading", len(found.group(1))
            indent = len(line[:lead].expandtabs(4))
            lines.append((start, start + len(stripped), kind, marker, depth, indent))
        pos += len(line) + 1
    # Each distinct indentation of the list items is one level deeper than the one before.
    indents = sorted({indent for *_, kind, _m, _d, indent in lines if kind == "list_item"})
    rank = {indent: i for i, indent in enumerate(indents)}
    return [
        Block(
            kind=kind,
            start=start,
            end=end,
            level=max(rank[indent], depth) if kind == "list_item" else depth,
            marker=marker,
        )
        for start, end, kind, marker, depth, indent in lines
    ]

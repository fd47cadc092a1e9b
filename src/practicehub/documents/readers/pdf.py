"""PDF with a text layer: lines joined into paragraphs, headings found by size, pages marked.

pypdf extracts each page's text; its visitor reports where each piece sits and in which font, so
lines can be regrouped the way a reader sees them: a paragraph ends at a wider gap than the usual
line spacing, at a change of font size, or where a list item starts; a short line set larger (or
in bold) than the body text is a heading. A word split by a hyphen at a line end is joined when the
document elsewhere writes it unsplit (or the hyphen is a soft one); otherwise the hyphen stays.
A ``page_break`` block separates pages and every block records its page.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from practicehub.documents.readers import register
from practicehub.documents.readers.base import (
    BlockKind,
    ReadError,
    ReadResult,
    TextBuilder,
    library_errors,
)
from practicehub.documents.readers.sniff import PDF
from practicehub.documents.readers.text import list_marker

NO_TEXT = "the PDF has no text layer (scanned image?) — run OCR first"
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")
_WORD = re.compile(r"\w+")
_ALNUM = re.compile(r"[^\W_]")
# A line that ends a sentence; the opening quotes or bracket a paragraph may start with.
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”“»)]*$")
_OPENING = "\"'„“«("
# A heading is a line or two, not a paragraph that happens to be in a bigger font.
_HEADING_MAX_CHARS = 200


@dataclass(slots=True)
class _Line:
    text: str
    y: float
    size: float
    bold: bool
    page: int


# Typesetting ligatures a PDF's text layer may keep ("ﬁnanced"): the letters they stand for.
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)  # fmt: skip


def _composed(text: str) -> str:
    """Letters as one character each: "ž" may come as "z" and a combining caron, "fi" as one
    ligature glyph; words are matched and searched letter by letter."""
    return unicodedata.normalize("NFC", text).translate(_LIGATURES)


@dataclass(slots=True)
class _Collector:
    """Receives pypdf's pieces of one page and cuts them into lines."""

    page: int
    lines: list[_Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    y: float | None = None
    size: float = 0.0
    bold_chars: int = 0
    chars: int = 0

    def visit(self, text: str, cm, tm, font, font_size) -> None:
        if not text:
            return
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                self.end_line()
            if piece.strip():
                if self.y is None:
                    self.y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]) or 1.0
                self.size = max(self.size, round(font_size * scale, 1))
                name = str(font.get("/BaseFont", "")) if font else ""
                if "Bold" in name or "Black" in name or "Heavy" in name:
                    self.bold_chars += len(piece.strip())
                self.chars += len(piece.strip())
            self.parts.append(piece)

    def end_line(self) -> None:
        text = _SPACES.sub(" ", _composed("".join(self.parts))).strip()
        if text:
            self.lines.append(
                _Line(
                    text=text,
                    y=self.y if self.y is not None else 0.0,
                    size=self.size,
                    bold=self.chars > 0 and self.bold_chars == self.chars,
                    page=self.page,
                )
            )
        elif self.lines and self.lines[-1].text:
            # An empty line ends a paragraph, whatever the spacing says.
            self.lines.append(_Line("", 0.0, 0.0, False, self.page))
        self.parts, self.y, self.size, self.bold_chars, self.chars = [], None, 0.0, 0, 0


@register(PDF, ".pdf", label="PDF")
def read_pdf(data: bytes, filename: str) -> ReadResult:
    if b"%%EOF" not in data[-2048:]:
        raise ReadError("the PDF file is damaged or truncated (its end is missing)")
    with library_errors("PDF"):
        reader = PdfReader(io.BytesIO(data), strict=False)
        _decrypt(reader)
        pages: list[list[_Line]] = []
        for number, page in enumerate(reader.pages, start=1):
            collector = _Collector(page=number)
            page.extract_text(visitor_text=collector.visit)
            collector.end_line()
            pages.append(collector.lines)
        info = reader.metadata or {}
        metadata = {
            key: str(value).strip()
            for key, value in (("title", info.get("/Title")), ("author", info.get("/Author")))
            if value and str(value).strip()
        }
    if not _has_text(pages):
        raise ReadError(NO_TEXT)
    builder = _Layout(pages).build()
    return ReadResult(text=builder.text(), blocks=builder.blocks, media_type=PDF, metadata=metadata)


def _has_text(pages: list[list[_Line]]) -> bool:
    """At least a few letters or digits: a scan's text layer is empty or holds stray marks."""
    found = 0
    for lines in pages:
        for line in lines:
            found += len(_ALNUM.findall(line.text))
            if found >= 10:
                return True
    return False


def _decrypt(reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    try:
        # Most "protected" PDFs only restrict printing or copying: they open without a password.
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError) as exc:
        raise ReadError(
            f"the PDF is encrypted in a way this installation cannot open ({exc})"
        ) from exc
    except FileNotDecryptedError as exc:
        raise ReadError("the PDF is password-protected") from exc
    if not opened:
        raise ReadError("the PDF is password-protected")


class _Layout:
    """Lines of all pages -> blocks, judged against the document's own body text."""

    def __init__(self, pages: list[list[_Line]]) -> None:
        self.pages = pages
        sizes: Counter[float] = Counter()
        gaps: Counter[float] = Counter()
        wrapped: Counter[float] = Counter()  # lines that break inside a sentence
        for lines in pages:
            for line, after in pairwise(lines):
                if line.text and after.text and line.size == after.size:
                    gap = round(line.y - after.y, 0)
                    gaps[gap] += 1
                    if not _SENTENCE_END.search(line.text) and after.text[0].islower():
                        wrapped[gap] += 1
            for line in lines:
                sizes[line.size] += len(line.text)
        self.body_size = sizes.most_common(1)[0][0] if sizes else 0.0
        # The line spacing is what a paragraph's lines are apart: where most paragraphs are a
        # line long, the most common gap is the one between paragraphs, so lines broken inside
        # a sentence say it when there are any.
        positive = [(gap, n) for gap, n in (wrapped or gaps).items() if gap > 0]
        self.spacing = max(positive, key=lambda item: item[1])[0] if positive else 0.0
        bigger = sorted({s for s in sizes if s >= self.body_size * 1.15}, reverse=True)
        self.heading_levels = {size: i + 1 for i, size in enumerate(bigger)}
        self.bold_level = len(bigger) + 1
        self._words: set[str] | None = None

    def heading_level(self, line: _Line) -> int:
        if len(line.text) > _HEADING_MAX_CHARS:
            return 0
        if line.size in self.heading_levels:
            return self.heading_levels[line.size]
        if line.bold and line.size >= self.body_size * 0.95 and not list_marker(line.text):
            return self.bold_level
        return 0

    def build(self) -> TextBuilder:
        builder = TextBuilder()
        for number, lines in enumerate(self.pages, start=1):
            if number > 1:
                builder.page_break(number)
            block: list[_Line] = []
            kind: BlockKind = "paragraph"
            level, marker = 0, ""
            for line in lines:
                heading = self.heading_level(line) if line.text else 0
                found = list_marker(line.text) if line.text and not heading else None
                if block and not self._continues(block[-1], line, kind, heading, level, found):
                    builder.add(kind, self.join(block), level=level, page=number, marker=marker)
                    block = []
                if not line.text:
                    continue
                if not block:
                    if heading:
                        kind, level, marker = "heading", heading, ""
                    elif found:
                        kind, level, marker = "list_item", found[1], found[0]
                    else:
                        kind, level, marker = "paragraph", 0, ""
                block.append(line)
            if block:
                builder.add(kind, self.join(block), level=level, page=number, marker=marker)
        return builder

    def _continues(self, last: _Line, line: _Line, kind: str, heading: int, level: int, found):
        if not line.text or found:
            return False
        if kind == "heading":
            # "1. Organizacija" under a title of its size opens a heading of its own.
            return (
                heading == level
                and line.size == last.size
                and self._close(last, line)
                and not list_marker(line.text)
            )
        if heading:
            return False
        return line.size == last.size and self._close(last, line)

    def _close(self, last: _Line, line: _Line) -> bool:
        gap = last.y - line.y
        if gap <= 0:  # the next column, or text placed out of order
            return False
        if not self.spacing:
            return True
        if gap > self.spacing * 1.4 + 0.5:
            return False
        # Space after a paragraph is often small (6 pt under 14 pt lines); a little more room
        # than the usual line spacing ends a paragraph where a sentence ends and another opens.
        return not (
            gap > self.spacing * 1.15 + 0.5
            and _SENTENCE_END.search(last.text)  # lines are stripped
            and _opens_sentence(line.text)
        )

    def join(self, lines: list[_Line]) -> str:
        text = lines[0].text
        for line in lines[1:]:
            text = self._joined(text, line.text)
        return text

    def _joined(self, text: str, after: str) -> str:
        if text.endswith("\u00ad"):
            return text[:-1] + after
        end, start = _WORD_END.search(text), _WORD_START.match(after)
        if end and start and start.group(1)[0].islower():
            # "bendra-" + "darbiavimas": a break inside a word only if the whole word is
            # found elsewhere; a real compound ("tarp-tautinis") keeps its hyphen.
            if (end.group(1) + start.group(1)).lower() in self.words():
                return text[:-1] + after
            return text + after
        return f"{text} {after}"

    def words(self) -> set[str]:
        if self._words is None:
            self._words = {
                w.lower()
                for lines in self.pages
                for line in lines
                for w in _WORD.findall(line.text)
            }
        return self._words


def _opens_sentence(text: str) -> bool:
    """The line starts as a sentence or an item does: a capital letter or a digit."""
    first = text.lstrip(_OPENING)[:1]
    return first.isupper() or first.isdigit()

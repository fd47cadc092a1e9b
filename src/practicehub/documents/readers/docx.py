"""Word documents (DOCX): body paragraphs and tables in order, with headings and lists.

python-docx opens the package; the body is then walked as XML, which is several times faster than
python-docx's paragraph objects and sees what they hide: tables between paragraphs, content
controls, text boxes. A paragraph is a heading when its style is Title or Heading N (by the style's
name, which stays English whatever the language of Word) or it has an outline level; it is a list
item when it is numbered (directly or through its style). Word draws list numbers from a counter,
so the number is not in the text: it is computed the way Word counts and kept as the block's marker.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from practicehub.documents.readers import register
from practicehub.documents.readers.archive import check_zip
from practicehub.documents.readers.base import BlockKind, ReadResult, TextBuilder, library_errors
from practicehub.documents.readers.numbering import format_number
from practicehub.documents.readers.sniff import DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent")
)
_CUSTOM_XML, _TXBX = W + "customXml", W + "txbxContent"
_WRAPPERS = (_SDT, _CUSTOM_XML, _SDT_CONTENT)
_VAL = W + "val"
# What a run contributes to the text, in document order.
_RUN_TEXT = {
    W + "t": None,
    W + "tab": "\t",
    W + "br": "\n",
    W + "cr": "\n",
    W + "noBreakHyphen": "-",
}
_HEADING_NAME = re.compile(r"heading (\d)$")
# Word's built-in "List Bullet 2", "List Number 3" nest by name, each with a numbering of its own.
_LIST_NAME = re.compile(r"list(?: bullet| number| continue)? (\d)$")


@register(DOCX, ".docx", label="DOCX")
def read_docx(data: bytes, filename: str) -> ReadResult:
    check_zip(data, label="DOCX")
    with library_errors("DOCX"):
        document = docx.Document(io.BytesIO(data))
        part = document.part
        styles = _Styles(_related_xml(part, RT.STYLES))
        numbering = _Numbering(_related_xml(part, RT.NUMBERING))
        body = document.element.body
        builder = TextBuilder()
        _BodyReader(builder, styles, numbering, _detach_text_boxes(body)).read(body)
        properties = document.core_properties
        metadata = {
            key: value.strip()
            for key, value in (("title", properties.title), ("author", properties.author))
            if value and value.strip()
        }
    return ReadResult(
        text=builder.text(), blocks=builder.blocks, media_type=DOCX, metadata=metadata
    )


def _related_xml(part, relationship: str) -> etree._Element | None:
    try:
        return part.part_related_by(relationship).element
    except KeyError:
        return None


def _detach_text_boxes(body: etree._Element) -> dict[etree._Element, list[etree._Element]]:
    """Take text boxes out of the paragraphs that anchor them, to be read after each anchor.

    Left in place their text would run into the anchoring paragraph's; the fallback drawings
    Word writes for old readers repeat the same text and are dropped.
    """
    for fallback in list(body.iter(_MC_FALLBACK)):
        fallback.getparent().remove(fallback)
    boxes: dict[etree._Element, list[etree._Element]] = {}
    for box in list(body.iter(_TXBX)):
        anchor = next(box.iterancestors(_P), None)
        if anchor is None:
            continue
        box.getparent().remove(box)
        boxes.setdefault(anchor, []).append(box)
    return boxes


def paragraph_text(p: etree._Element) -> str:
    parts = []
    for el in p.iter(*_RUN_TEXT):
        fixed = _RUN_TEXT[el.tag]
        parts.append(el.text or "" if fixed is None else fixed)
    return "".join(parts)


class _Styles:
    """Per paragraph style id: heading level (0 = none) and numbering inherited from the style."""

    def __init__(self, root: etree._Element | None) -> None:
        self.heading: dict[str, int] = {}
        self.numbering: dict[str, tuple[str, int]] = {}
        self.list_level: dict[str, int] = {}
        if root is None:
            return
        raw: dict[str, tuple[str, str | None, etree._Element | None]] = {}
        for style in root.iterchildren(W + "style"):
            if style.get(W + "type") not in (None, "paragraph"):
                continue
            style_id = style.get(W + "styleId") or ""
            name = _child_val(style, "name") or ""
            raw[style_id] = (name.lower(), _child_val(style, "basedOn"), style.find(W + "pPr"))
            if found := _LIST_NAME.match(name.lower()):
                self.list_level[style_id] = int(found.group(1)) - 1
        for style_id in raw:
            level, num = 0, None
            seen = set()
            current: str | None = style_id
            # Walk up basedOn: the nearest style that says something wins.
            while current in raw and current not in seen:
                seen.add(current)
                name, parent, ppr = raw[current]
                if not level:
                    level = _heading_level(name, ppr)
                if num is None and ppr is not None:
                    num = _num_pr(ppr)
                current = parent
            if level:
                self.heading[style_id] = level
            if num is not None:
                self.numbering[style_id] = num


def _heading_level(style_name: str, ppr: etree._Element | None) -> int:
    if style_name == "title":
        return 1
    if found := _HEADING_NAME.match(style_name):
        return int(found.group(1)) or 1
    return _outline_level(ppr)


def _outline_level(ppr: etree._Element | None) -> int:
    if ppr is None:
        return 0
    value = _child_val(ppr, "outlineLvl")
    # 0-8 are heading levels 1-9; 9 is Word's "body text".
    return int(value) + 1 if value and value.isdigit() and int(value) < 9 else 0


def _num_pr(ppr: etree._Element) -> tuple[str, int] | None:
    num_pr = ppr.find(W + "numPr")
    if num_pr is None:
        return None
    num_id = _child_val(num_pr, "numId") or ""
    ilvl = _child_val(num_pr, "ilvl") or "0"
    return num_id, int(ilvl) if ilvl.isdigit() else 0


def _child_val(el: etree._Element, tag: str) -> str | None:
    child = el.find(W + tag)
    return None if child is None else child.get(_VAL)


class _Numbering:
    """Counts numbered paragraphs the way Word does, to give each its number as drawn."""

    def __init__(self, root: etree._Element | None) -> None:
        # abstract id -> level -> (format, text pattern like "%1.%2.", start)
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        # num id -> (abstract id, level -> start override)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iterchildren(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(W + "lvl"):
                start = _child_val(lvl, "start") or "1"
                levels[_int(lvl.get(W + "ilvl"))] = (
                    _child_val(lvl, "numFmt") or "decimal",
                    _child_val(lvl, "lvlText") or "",
                    _int(start, 1),
                )
            self.abstract[abstract.get(W + "abstractNumId") or ""] = levels
        for num in root.iterchildren(W + "num"):
            overrides = {}
            for override in num.iterchildren(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                if start is not None:
                    overrides[_int(override.get(W + "ilvl"))] = _int(start.get(_VAL), 1)
            self.nums[num.get(W + "numId") or ""] = (
                _child_val(num, "abstractNumId") or "",
                overrides,
            )

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """The marker of the next item of list ``num_id`` at ``ilvl``; None if not a list."""
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        # Lists sharing a definition count on together, unless one restarts the count.
        key = num_id if overrides else abstract_id
        counters = self.counters.setdefault(key, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                if 0 <= level < 9:
                    counters[level] = start - 1
        ilvl = min(max(ilvl, 0), 8)
        fmt, pattern, start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def number(found: re.Match) -> str:
            level = int(found.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            value = counters[level] if counters[level] is not None else level_start
            return format_number(value, level_fmt)

        return re.sub(r"%([1-9])", number, pattern)


def _int(value: str | None, default: int = 0) -> int:
    return int(value) if value and value.isdigit() else default


class _BodyReader:
    def __init__(
        self,
        builder: TextBuilder,
        styles: _Styles,
        numbering: _Numbering,
        text_boxes: dict[etree._Element, list[etree._Element]],
    ) -> None:
        self.builder = builder
        self.styles = styles
        self.numbering = numbering
        self.text_boxes = text_boxes

    def read(self, container: etree._Element) -> None:
        for el in _content(container):
            if el.tag == _P:
                self.paragraph(el)
            else:
                self.table(el)

    def paragraph(self, p: etree._Element) -> None:
        ppr = p.find(W + "pPr")
        style_id = (_child_val(ppr, "pStyle") if ppr is not None else None) or "Normal"
        level = self.styles.heading.get(style_id, 0) or _outline_level(ppr)
        num = _num_pr(ppr) if ppr is not None else None
        if num is None or num[0] == "":
            num = self.styles.numbering.get(style_id, num)
        marker = self.numbering.marker(*num) if num is not None else None
        kind: BlockKind = "heading" if level else "list_item" if marker is not None else "paragraph"
        if kind == "list_item":
            level = max(num[1], self.styles.list_level.get(style_id, 0))
        self.builder.add(kind, paragraph_text(p), level=level, marker=marker or "")
        for box in self.text_boxes.get(p, ()):
            self.read(box)

    def table(self, tbl: etree._Element) -> None:
        for row in _children(tbl, _TR):
            for cell in _children(row, _TC):
                tc_pr = cell.find(W + "tcPr")
                merge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
                if merge is not None and merge.get(_VAL) != "restart":
                    continue  # the lower part of a vertically merged cell; its text is above
                lines = [paragraph_text(p) for p in cell.iter(_P)]
                self.builder.add("table_cell", "\n".join(line for line in lines if line.strip()))


def _content(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body or text box in order, looking through content controls."""
    for el in container:
        if el.tag in (_P, _TBL):
            yield el
        elif el.tag in _WRAPPERS and (inner := _unwrapped(el)) is not None:
            yield from _content(inner)


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Rows of a table or cells of a row, including those wrapped in content controls."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS and (inner := _unwrapped(child)) is not None:
            yield from _children(inner, tag)


def _unwrapped(el: etree._Element) -> etree._Element | None:
    return el.find(_SDT_CONTENT) if el.tag == _SDT else el

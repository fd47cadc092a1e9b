"""OpenDocument text (ODT): headings, paragraphs, nested lists and tables, in order.

odfpy loads the package; the body is walked once. ``text:h`` carries its outline level; a
paragraph in the Title or "Heading N" style is a heading too. Inside a paragraph, ``text:s``,
``text:tab`` and ``text:line-break`` stand for spaces, tabs and breaks, and spans and links are
read through. Footnotes and text frames are read after the paragraph that anchors them, so their
text does not run into it. List numbers, which the application draws from the list style, are
counted here and kept as each item's marker.
"""

from __future__ import annotations

import io
import re

from odf.namespaces import DCNS, DRAWNS, METANS, OFFICENS, STYLENS, TABLENS, TEXTNS
from odf.opendocument import load

from practicehub.documents.readers import register
from practicehub.documents.readers.archive import check_zip
from practicehub.documents.readers.base import BlockKind, ReadResult, TextBuilder, library_errors
from practicehub.documents.readers.numbering import format_number
from practicehub.documents.readers.sniff import ODT

_H, _P = (TEXTNS, "h"), (TEXTNS, "p")
_LIST, _ITEM, _LIST_HEADER = (TEXTNS, "list"), (TEXTNS, "list-item"), (TEXTNS, "list-header")
_TABLE, _CELL = (TABLENS, "table"), (TABLENS, "table-cell")
_STYLE_NAME = (TEXTNS, "style-name")
# Parts of the body that are not its text: change-tracking records, forms, variable declarations.
_SKIP = frozenset(
    {
        (TEXTNS, "tracked-changes"),
        (TEXTNS, "sequence-decls"),
        (TEXTNS, "variable-decls"),
        (TEXTNS, "user-field-decls"),
        (OFFICENS, "forms"),
        (OFFICENS, "annotation"),
        (OFFICENS, "annotation-end"),
        (TABLENS, "covered-table-cell"),
        (TEXTNS, "soft-page-break"),
    }
)
# Inside a paragraph: read later (notes, frames) or not at all (the number a list style draws).
_DEFER = frozenset({(TEXTNS, "note"), (DRAWNS, "frame")})
_NUMBER = (TEXTNS, "number")
_INLINE_SKIP = _SKIP | {_NUMBER, (TEXTNS, "note-citation")}
_HEADING_STYLE = re.compile(r"Heading_20_(\d)$")
_ODF_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}


@register(ODT, ".odt", label="ODT")
def read_odt(data: bytes, filename: str) -> ReadResult:
    check_zip(data, label="ODT")
    with library_errors("ODT"):
        document = load(io.BytesIO(data))
        styles = _Styles(document)
        builder = TextBuilder()
        _BodyReader(builder, styles).read(document.text)
        metadata = _metadata(document)
    return ReadResult(text=builder.text(), blocks=builder.blocks, media_type=ODT, metadata=metadata)


def _metadata(document) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in document.meta.childNodes:
        if el.nodeType != el.ELEMENT_NODE:
            continue
        key = {
            (DCNS, "title"): "title",
            (DCNS, "creator"): "author",
            (METANS, "initial-creator"): "author",
        }.get(el.qname)
        value = _plain(el).strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _plain(el) -> str:
    return "".join(node.data for node in el.childNodes if node.nodeType == node.TEXT_NODE)


class _Styles:
    """Paragraph styles that make a heading, and list styles with the numbers they draw."""

    def __init__(self, document) -> None:
        parents: dict[str, str] = {}
        self.lists: dict[str, dict[int, tuple[str, str, str, int, int]]] = {}
        for container in (document.styles, document.automaticstyles):
            for el in container.childNodes:
                if el.qname == (STYLENS, "style"):
                    name = el.attributes.get((STYLENS, "name"))
                    parent = el.attributes.get((STYLENS, "parent-style-name"))
                    if name and parent:
                        parents[name] = parent
                elif el.qname == (TEXTNS, "list-style"):
                    self.lists[el.attributes.get((STYLENS, "name"), "")] = _list_levels(el)
        self.heading: dict[str, int] = {}
        for name in parents:
            current, hops = name, 0
            while current and hops < 10:
                level = _style_heading_level(current)
                if level:
                    self.heading[name] = level
                    break
                current, hops = parents.get(current, ""), hops + 1

    def heading_level(self, style_name: str | None) -> int:
        if not style_name:
            return 0
        return self.heading.get(style_name) or _style_heading_level(style_name)


def _style_heading_level(name: str) -> int:
    if name == "Title":
        return 1
    found = _HEADING_STYLE.match(name)
    return int(found.group(1)) if found else 0


def _list_levels(style) -> dict[int, tuple[str, str, str, int, int]]:
    """Level -> (format or "bullet", prefix, suffix, start, levels shown)."""
    levels = {}
    for el in style.childNodes:
        attrs = el.attributes
        level = int(attrs.get((TEXTNS, "level"), "1") or 1)
        if el.qname == (TEXTNS, "list-level-style-number"):
            fmt = attrs.get((STYLENS, "num-format"), "1")
            levels[level] = (
                _ODF_FORMATS.get(fmt, "none" if not fmt else "decimal"),
                attrs.get((STYLENS, "num-prefix"), ""),
                attrs.get((STYLENS, "num-suffix"), ""),
                _int(attrs.get((TEXTNS, "start-value")), 1),
                _int(attrs.get((TEXTNS, "display-levels")), 1),
            )
        elif el.qname == (TEXTNS, "list-level-style-bullet"):
            levels[level] = ("bullet", "", "", 1, 1)
    return levels


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


class _BodyReader:
    def __init__(self, builder: TextBuilder, styles: _Styles) -> None:
        self.builder = builder
        self.styles = styles
        # Per list style: the count at each level.
        self.counters: dict[str, list[int]] = {}

    def read(self, container) -> None:
        """Walk a container (body, section, frame, note body) without recursion on its blocks."""
        stack = [(el, None) for el in reversed(container.childNodes)]
        while stack:
            el, list_info = stack.pop()
            if el.nodeType != el.ELEMENT_NODE or el.qname in _SKIP:
                continue
            qname = el.qname
            if qname in (_P, _H):
                self.paragraph(el, list_info)
            elif qname == _TABLE:
                self.table(el)
            elif qname == _LIST:
                stack.extend(self.list_children(el, list_info))
            else:
                # Sections, indexes and other containers: their children in order.
                stack.extend((child, list_info) for child in reversed(el.childNodes))

    def list_children(self, el, outer):
        """The items of a list, each tagged with its level, style and marker."""
        style = el.attributes.get(_STYLE_NAME) or (outer[1] if outer else "")
        depth = outer[0] + 1 if outer else 0
        counters = self.counters.setdefault(style, [0] * 11)
        continues = el.attributes.get(
            (TEXTNS, "continue-numbering")
        ) == "true" or el.attributes.get((TEXTNS, "continue-list"))
        if outer is None and not continues:
            counters[:] = [0] * 11
        items = []
        for item in el.childNodes:
            if item.nodeType != item.ELEMENT_NODE:
                continue
            marker = ""
            if item.qname == _ITEM:
                marker = self.marker(item, style, min(depth, 9), counters)
            for child in item.childNodes:
                items.append((child, (depth, style, marker)))
                marker = ""  # later paragraphs of the same item carry no number
        return reversed(items)

    def marker(self, item, style: str, depth: int, counters: list[int]) -> str:
        levels = self.styles.lists.get(style, {})
        fmt, prefix, suffix, start, shown = levels.get(depth + 1, ("bullet", "", "", 1, 1))
        override = item.attributes.get((TEXTNS, "start-value"))
        counters[depth] = (
            _int(override, start) if override or not counters[depth] else (counters[depth] + 1)
        )
        for deeper in range(depth + 1, len(counters)):
            counters[deeper] = 0
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        numbers = []
        for level in range(max(depth - shown + 1, 0), depth + 1):
            level_fmt = levels.get(level + 1, (fmt,))[0]
            numbers.append(format_number(counters[level] or 1, level_fmt))
        return f"{prefix}{'.'.join(numbers)}{suffix}"

    def paragraph(self, el, list_info) -> None:
        deferred: list = []
        text = self.inline(el, deferred)
        kind: BlockKind = "paragraph"
        level, marker = 0, ""
        heading = self.styles.heading_level(el.attributes.get(_STYLE_NAME))
        if el.qname == _H:
            kind = "heading"
            level = _int(el.attributes.get((TEXTNS, "outline-level")), 1)
            marker = next(
                (_plain(c) for c in el.childNodes if getattr(c, "qname", None) == _NUMBER), ""
            ).strip()
        elif heading:
            kind, level = "heading", heading
        elif list_info is not None:
            kind, level, marker = "list_item", list_info[0], list_info[2]
        self.builder.add(kind, text, level=level, marker=marker)
        for part in deferred:
            self.read(part)

    def inline(self, el, deferred: list) -> str:
        """A paragraph's text; notes and frames found in it go to ``deferred``."""
        parts: list[str] = []
        stack = list(reversed(el.childNodes))
        while stack:
            node = stack.pop()
            if node.nodeType == node.TEXT_NODE:
                parts.append(node.data)
                continue
            if node.nodeType != node.ELEMENT_NODE:
                continue
            qname = node.qname
            if qname[0] == TEXTNS and qname[1] in ("s", "tab", "line-break"):
                if qname[1] == "s":
                    parts.append(" " * _int(node.attributes.get((TEXTNS, "c")), 1))
                else:
                    parts.append("\t" if qname[1] == "tab" else "\n")
            elif qname in _DEFER:
                deferred.append(node)
            elif qname not in _INLINE_SKIP:
                stack.extend(reversed(node.childNodes))
        return "".join(parts)

    def table(self, el) -> None:
        for row in _descendants(el, (TABLENS, "table-row"), stop=_TABLE):
            for cell in row.childNodes:
                if cell.nodeType != cell.ELEMENT_NODE or cell.qname != _CELL:
                    continue  # covered cells repeat nothing: their text is in the merged one
                lines = []
                deferred: list = []
                for p in _descendants(cell, _P, _H):
                    lines.append(self.inline(p, deferred))
                self.builder.add("table_cell", "\n".join(line for line in lines if line.strip()))
                for part in deferred:
                    self.read(part)


def _descendants(el, *qnames, stop=None):
    """Descendants of ``el`` with one of ``qnames``, in order, not looking inside them (nor inside
    a nested ``stop`` element, such as a table within a table)."""
    stack = list(reversed(el.childNodes))
    while stack:
        node = stack.pop()
        if node.nodeType != node.ELEMENT_NODE:
            continue
        if node.qname in qnames:
            yield node
        elif node.qname != stop:
            stack.extend(reversed(node.childNodes))

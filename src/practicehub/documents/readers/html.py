"""HTML pages: the main content as blocks, without the navigation, scripts and banners around it.

The page is decoded with the charset it declares (or the one its bytes show), parsed with lexbor
(through selectolax), and walked once in document order. Headings, paragraphs, list items (with
their nesting and the number or bullet the browser would draw) and table cells become blocks; text
sitting directly in a ``div`` or ``section`` becomes a paragraph. Where the page marks its main
content (``<main>``, a single ``<article>``) only that is read.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from practicehub.documents.readers import register
from practicehub.documents.readers.base import BlockKind, ReadError, ReadResult, TextBuilder
from practicehub.documents.readers.encoding import decode, normalize_newlines
from practicehub.documents.readers.numbering import format_number
from practicehub.documents.readers.sniff import HTML
from practicehub.documents.readers.text import line_blocks

# Never content: code, styling, controls, embedded objects.
_DROP = (
    "head, script, style, template, noscript, iframe, object, embed, svg, math, canvas, "
    "audio, video, map, button, select, textarea, input, dialog, nav, aside, form, "
    "[hidden], [aria-hidden=true], "
    "[role=navigation], [role=banner], [role=contentinfo], [role=search], [role=menu], "
    "[role=menubar], [role=toolbar], [role=dialog], [role=alertdialog], [role=complementary], "
    "[id*=cookie], [class*=cookie], [id*=consent], [class*=consent], [class*=gdpr], "
    "[class*=breadcrumb], [id*=breadcrumb], [class*=skip-link], [style*='display:none'], "
    "[style*='display: none']"
)
_SECTIONING = frozenset({"article", "main", "section"})
# Elements that start a block of their own; everything else flows inline.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "body", "caption", "center", "dd", "details",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
        "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LISTS = frozenset({"ul", "ol", "menu"})
_CELLS = frozenset({"td", "th"})
_SPACE = re.compile(r"[ \t\n\r\f]+")
_BLANK_LINES = re.compile(r" ?\n ?(?: ?\n ?)+")
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.I,
)
_HAS_TAG = re.compile(r"<[a-zA-Z!/?]")


@register(HTML, ".html", ".htm", ".xhtml", label="HTML")
def read_html(data: bytes, filename: str) -> ReadResult:
    declared = _DECLARED.search(data[:4096])
    text, encoding = decode(
        data, declared=(declared.group(1) or declared.group(2)).decode() if declared else None
    )
    if not _HAS_TAG.search(text):
        # Named .html but holds no markup: its lines are its structure.
        text = normalize_newlines(text)
        return ReadResult(text=text, blocks=line_blocks(text), media_type=HTML, encoding=encoding)
    try:
        tree = LexborHTMLParser(text)
    except Exception as exc:  # lexbor refuses very little; say so if it does
        raise ReadError(f"the HTML could not be parsed ({exc})") from exc
    metadata = _metadata(tree)
    builder = TextBuilder()
    if tree.body is not None:
        _Walker(builder, _dropped(tree)).walk(_content_root(tree))
    return ReadResult(
        text=builder.text(),
        blocks=builder.blocks,
        media_type=HTML,
        encoding=encoding,
        metadata=metadata,
    )


def _metadata(tree: LexborHTMLParser) -> dict[str, str]:
    metadata = {}
    if (title := tree.css_first("title")) is not None and title.text(strip=True):
        metadata["title"] = _SPACE.sub(" ", title.text(strip=True))
    for name in ("author", "description"):
        node = tree.css_first(f"meta[name={name}]")
        if node is not None and (content := (node.attributes.get("content") or "").strip()):
            metadata[name] = content
    if (root := tree.css_first("html")) is not None and (lang := root.attributes.get("lang")):
        metadata["language"] = lang.strip()
    return metadata


def _dropped(tree: LexborHTMLParser) -> set[int]:
    """Nodes to skip with everything inside them."""
    skip = {node.mem_id for node in tree.css(_DROP)}
    # A page's own header and footer are site chrome; an article's header holds its title.
    for node in tree.css("header, footer"):
        parent = node.parent
        while parent is not None and parent.tag not in _SECTIONING:
            parent = parent.parent
        if parent is None:
            skip.add(node.mem_id)
    return skip


def _content_root(tree: LexborHTMLParser) -> LexborNode:
    """``<main>``, or the page's only ``<article>``, unless it holds little of the page's text."""
    body = tree.body
    candidate = tree.css_first("main, [role=main]")
    if candidate is None:
        articles = tree.css("article")
        candidate = articles[0] if len(articles) == 1 else None
    if candidate is not None:
        # Broken pages close <main> early; then the content is elsewhere and we read it all.
        inside = len(candidate.text(deep=True, strip=True))
        if inside >= 0.25 * len(body.text(deep=True, strip=True)):
            return candidate
    return body


class _Walker:
    """One pass over the tree, without recursion (pages nest deeper than Python's stack)."""

    def __init__(self, builder: TextBuilder, skip: set[int]) -> None:
        self.builder = builder
        self.skip = skip
        # The open blocks, innermost last: kind, level, marker, collected inline text.
        self.open: list[tuple[BlockKind, int, str, list[str]]] = []
        # Per open list: its tag, the next number, the style the browser draws it in.
        self.lists: list[list] = []
        self.cell_depth = 0
        self.pre_depth = 0

    def walk(self, root: LexborNode) -> None:
        stack: list[tuple[LexborNode, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.leave(node)
                continue
            tag = node.tag
            if tag == "-text":
                if self.open:
                    text = node.text_content or ""
                    self.open[-1][3].append(text if self.pre_depth else _SPACE.sub(" ", text))
                continue
            if tag == "br":
                if self.open:
                    self.open[-1][3].append("\n")
                continue
            if tag.startswith("-") or node.mem_id in self.skip:
                continue  # comments, doctype, dropped parts
            if tag in _BLOCK_TAGS:
                self.enter(node, tag)
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))

    def enter(self, node: LexborNode, tag: str) -> None:
        if self.cell_depth and tag not in _LISTS and tag not in _CELLS and tag != "li":
            # Paragraphs inside a table cell or a list item belong to it, on lines of their own.
            if self.open:
                self.open[-1][3].append("\n")
            return
        self.flush()
        if tag in _LISTS:
            self.lists.append([tag, _list_start(node), (node.attributes.get("type") or "1")])
            return
        kind: BlockKind = "paragraph"
        level, marker = 0, ""
        if tag in _HEADINGS:
            kind, level = "heading", _HEADINGS[tag]
        elif tag == "li":
            kind, level, marker = "list_item", max(len(self.lists) - 1, 0), self._marker(node)
            self.cell_depth += 1
        elif tag in _CELLS:
            kind = "table_cell"
            self.cell_depth += 1
        elif tag == "pre":
            self.pre_depth += 1
        self.open.append((kind, level, marker, []))

    def leave(self, node: LexborNode) -> None:
        tag = node.tag
        if self.cell_depth and tag not in _LISTS and tag not in _CELLS and tag != "li":
            if self.open:
                self.open[-1][3].append("\n")
            return
        self.flush()
        if tag in _LISTS:
            if self.lists:
                self.lists.pop()
            return
        if tag == "li" or tag in _CELLS:
            self.cell_depth -= 1
        elif tag == "pre":
            self.pre_depth -= 1
        if self.open:
            self.open.pop()

    def flush(self) -> None:
        """Emit what the innermost open block has collected so far."""
        if not self.open:
            return
        kind, level, marker, parts = self.open[-1]
        if not parts:
            return
        text = "".join(parts).replace("\r\n", "\n").replace("\r", "\n")
        parts.clear()
        if self.pre_depth:
            for line in text.split("\n"):
                self.builder.add(kind, line, level=level, marker=marker)
            return
        # One <br> breaks a line inside the block; an empty line (two of them) ends a paragraph,
        # though not a list item or table cell, whose parts are one item or cell.
        chunks = [text] if kind in ("list_item", "table_cell") else _BLANK_LINES.split(text)
        for chunk in chunks:
            chunk = "\n".join(line.strip() for line in chunk.split("\n") if line.strip())
            self.builder.add(kind, chunk, level=level, marker=marker)
            marker = ""  # the rest of a list item is the same item, not a new number

    def _marker(self, node: LexborNode) -> str:
        if not self.lists:
            return "•"
        current = self.lists[-1]
        tag, number, style = current
        if tag != "ol":
            return "•"
        value = node.attributes.get("value")
        if value and value.strip().lstrip("-").isdigit():
            number = int(value)
        current[1] = number + 1
        return format_number(number, _HTML_STYLES.get(style, "decimal")) + "."


_HTML_STYLES = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}


def _list_start(node: LexborNode) -> int:
    start = (node.attributes.get("start") or "").strip()
    return int(start) if start.lstrip("-").isdigit() else 1

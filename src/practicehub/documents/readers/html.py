"""HTML pages: the main content as blocks, without the navigation, scripts and banners around it.

The page is decoded with the charset it declares (or the one its bytes show), parsed with lexbor
(through selectolax), and walked once in document order. Headings, paragraphs, list items (with
their nesting and the number or bullet the browser would draw) and table cells become blocks; text
sitting directly in a ``div`` or ``section`` becomes a paragraph. Where the page marks its main
content (``<main>``, a single ``<article>``) only that is read.

Elsewhere (old table layouts, ``div`` soup, web-archive copies) the content is found where the
text is, in the spirit of readability: from the body down, the layout container (``div``,
layout table, row, cell) holding most of the text that is not link text is followed until one
holds paragraphs or headings of its own. What stands beside it on the way is left out when it is
chrome: mostly links (menus, "other projects" lists), a layout table's side column of a few words
(a visitor counter, a poll) and its header and footer rows, a short box named as the page's frame
(footer, sidebar, ...); anything else there is kept, so content spread over several blocks loses
none of them. Banners and toolbars holding little of the page's text (a site's, a web archive's)
are left out too, and the Wayback Machine's toolbar always. The layout table's cells are read as
the parts of a page they are, not as table cells. Libraries tried on the archived sample page
and not taken: trafilatura kept its whole layout table, jusText dropped its title and half its
text, readability-lxml found its content cell but returns rewritten HTML to parse again (not our
blocks with offsets); each took 4-11 times this reader's time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from practicehub.documents.readers import register
from practicehub.documents.readers.base import BlockKind, ReadResult, TextBuilder, library_errors
from practicehub.documents.readers.encoding import decode, normalize_newlines
from practicehub.documents.readers.numbering import format_number
from practicehub.documents.readers.sniff import HTML
from practicehub.documents.readers.text import line_blocks

# Never content: code, styling, controls, embedded objects.
_DROP = (
    "head, script, style, template, noscript, iframe, object, embed, svg, math, canvas, "
    "audio, video, map, button, select, textarea, input, dialog, nav, aside, "
    "[hidden], [aria-hidden=true], "
    "[role=navigation], [role=banner], [role=contentinfo], [role=search], [role=menu], "
    "[role=menubar], [role=toolbar], [role=dialog], [role=alertdialog], [role=complementary], "
    "[id*=cookie], [class*=cookie], [id*=consent], [class*=consent], [class*=gdpr], "
    "[class*=breadcrumb], [id*=breadcrumb], [class*=skip-link], [style*='display:none'], "
    "[style*='display: none'], "
    # The Wayback Machine's toolbar, kept in copies saved from it (wm-ipp-base, donato, ...).
    "[id^=wm-], [id=donato]"
)
# A form is a search box or a poll unless it holds most of the page (ASP.NET wraps whole pages).
_FORM_SHARE = 0.5
# Containers the content is looked for in when the page does not mark it.
_LAYOUT = frozenset(
    {"body", "div", "center", "font", "form", "section", "table", "tbody", "tr", "td", "th"}
)
# Of those, the ones that are chrome when they hold only a few words beside the content.
_BOXES = frozenset({"div", "center", "form", "table", "tbody", "tr", "td", "th"})
# "A few words": fewer non-link characters than this, and under a quarter of the content's.
_FEW = 250
# Text right in a container, outside any child, that makes it the content's own (not "|" or
# "&nbsp;" between menu links); and how long a title line may be.
_SENTENCE = 30
_LINE = 200
# Banners and toolbars (a site's, a web archive's; archive.today's capture header has the id
# HEADER): chrome when they hold little of the page's text and not its title.
_BANNERS = (
    "[id*=banner], [class*=banner], [id*=Banner], [class*=Banner], [id*=toolbar], "
    "[class*=toolbar], [id=HEADER]"
)
_BANNER_SHARE = 0.25
_TITLE = re.compile(r"title|heading|headline", re.I)
# Names of a page's frame, at the start of a word of an id or class: footer, sidebar, leftcol.
_FRAME = re.compile(
    r"(?:^|[^a-z])(?:foot|header|top|bottom|copyright|logo|menu|nav|side|left|right|counter|"
    r"poll|vote|login|search|share|social|print|banner|sponsor|ads?(?:$|[^a-z]))",
    re.I,
)
# More rows with text than this and a table is one of data, not a page's layout.
_LAYOUT_ROWS = 6
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
_HEADING_TAGS = ", ".join(_HEADINGS)
_TITLE_LINKS = ", ".join(f"{tag} a" for tag in _HEADINGS)
_LISTS = frozenset({"ul", "ol", "menu"})
_CELLS = frozenset({"td", "th"})
# A description list's term and its description: a label's cell and its value's, as in a
# two-column table ("Grantee" / "Lithuanian Association of the Blind").
_TERMS = frozenset({"dt", "dd"})
_CELL_LIKE = _CELLS | _TERMS
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
    return read_markup(text, media_type=HTML, encoding=encoding)


def read_markup(text: str, *, media_type: str, encoding: str | None) -> ReadResult:
    """The main content of decoded HTML (a page, or Markdown rendered) as blocks."""
    builder = TextBuilder()
    with library_errors("HTML"):
        tree = LexborHTMLParser(text)
        metadata = _metadata(tree)
        if tree.body is not None:
            dropped, layout = _dropped(tree), set()
            root = _content_root(tree)
            skip = set(dropped) - {root.mem_id}  # a page whose <body> says "cookie" is read
            if root.mem_id == tree.body.mem_id:
                chrome, layout = _chrome(root, dropped)
                skip |= chrome
            _Walker(builder, skip, layout).walk(root)
    return ReadResult(
        text=builder.text(),
        blocks=builder.blocks,
        media_type=media_type,
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


def _dropped(tree: LexborHTMLParser) -> dict[int, LexborNode]:
    """Nodes to skip with everything inside them, by ``mem_id``."""
    skip = {node.mem_id: node for node in tree.css(_DROP)}
    # A page's own header and footer are site chrome; an article's header holds its title.
    for node in tree.css("header, footer"):
        parent = node.parent
        while parent is not None and parent.tag not in _SECTIONING:
            parent = parent.parent
        if parent is None:
            skip[node.mem_id] = node
    skip.update(_small(tree.css("form"), tree.body, _FORM_SHARE))
    return skip


def _small(nodes: list[LexborNode], body: LexborNode | None, share: float) -> dict[int, LexborNode]:
    """Those of ``nodes`` holding less than ``share`` of the page's text and not its title."""
    if not nodes or body is None:
        return {}
    page = len(body.text(deep=True, strip=True))
    return {
        node.mem_id: node
        for node in nodes
        if len(node.text(deep=True, strip=True)) < share * page and node.css_first("h1") is None
    }


def _remove(body: LexborNode, nodes: dict[int, LexborNode]) -> None:
    """Take the outermost of ``nodes`` inside ``body`` out of the tree (then lexbor's counts
    leave them out)."""
    outermost = []
    for node in nodes.values():
        parent = node.parent
        while parent is not None and parent.mem_id != body.mem_id and parent.mem_id not in nodes:
            parent = parent.parent
        if parent is not None and parent.mem_id == body.mem_id:
            outermost.append(node)
    # Only after every look upwards: a removed node's descendants are freed with it.
    for node in outermost:
        node.decompose()


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


class _Weight:
    """What a subtree holds: characters of text outside links and inside them, links, headings.

    Heading text counts as the page's own even when it is a link (a title is often a link to
    itself). Counted by lexbor (``text``, ``css``), not by walking the tree in Python.
    """

    __slots__ = ("headings", "linked", "links", "own")

    def __init__(self, node: LexborNode) -> None:
        links = node.css("a")
        linked = sum(len(link.text(deep=True, strip=True)) for link in links)
        self.headings = node.css_first(_HEADING_TAGS) is not None
        if linked and self.headings:
            linked -= sum(len(link.text(deep=True, strip=True)) for link in node.css(_TITLE_LINKS))
        self.links = len(links)
        self.linked = linked
        self.own = len(node.text(deep=True, strip=True)) - linked


def _chrome(body: LexborNode, dropped: dict[int, LexborNode]) -> tuple[set[int], set[int]]:
    """The chrome around a page's content where the page does not mark it (see the docstring).

    Takes what is dropped out of the tree first. From the body down, the child holding more
    than half of its parent's own text is followed (into layout tables, not data tables)
    until a container holds text, paragraphs or headings of its own; each step's siblings are
    left out when they are mostly links, or a layout table's side column or header or footer
    row, or a box of a few words named as a page's frame (footer, sidebar, counter...), and
    kept otherwise (a heading, text of their own, a title line right above the content, the
    followed child's class). Returns the chrome and the cells of the layout tables followed,
    which are read as the parts of a page they are, not as table cells.
    """
    banners = _small(body.css(_BANNERS), body, _BANNER_SHARE)
    _remove(body, dropped | banners)
    weigh = _weigher()
    chrome, layout = set(banners), set()
    node = body
    while True:
        children = list(node.iter())
        direct = _direct_text(node)
        if not children or direct >= _SENTENCE or _holds_content(children, weigh):
            break  # text, paragraphs or headings of its own: the content is all here
        if len(children) == 1:
            main = children[0]  # nothing beside it to judge
            if main.tag not in _LAYOUT:
                break
        else:
            at = max(range(len(children)), key=lambda i: weigh(children[i]).own)
            main = children[at]
            whole = direct + sum(weigh(child).own for child in children)
            if main.tag not in _LAYOUT or 2 * weigh(main).own <= whole:
                break  # no one container holds the content: it is all here
            for i, sibling in enumerate(children):
                if i != at and _is_chrome(sibling, main, weigh, just_before=i == at - 1):
                    chrome.add(sibling.mem_id)
        if main.tag == "table":
            cells = _layout_cells(main, weigh)
            if not cells:
                break
            layout.update(cells)
        node = main
    return chrome, layout


def _weigher() -> Callable[[LexborNode], _Weight]:
    weights: dict[int, _Weight] = {}

    def weigh(node: LexborNode) -> _Weight:
        weight = weights.get(node.mem_id)
        if weight is None:
            weight = weights[node.mem_id] = _Weight(node)
        return weight

    return weigh


def _direct_text(node: LexborNode) -> int:
    """Characters of text right in ``node``, outside its child elements."""
    return sum(
        len((child.text_content or "").strip())
        for child in node.iter(include_text=True)
        if child.tag == "-text"
    )


def _holds_content(children: list[LexborNode], weigh: Callable[[LexborNode], _Weight]) -> bool:
    """Whether a paragraph, a heading, a list... among ``children`` has text of its own."""
    for child in children:
        if child.tag not in _LAYOUT and (weight := weigh(child)).own > weight.linked:
            return True
    return False


def _is_chrome(
    node: LexborNode,
    main: LexborNode,
    weigh: Callable[[LexborNode], _Weight],
    *,
    just_before: bool,
) -> bool:
    weight, content = weigh(node), weigh(main)
    size = weight.own + weight.linked
    if not size:
        return True  # images, spacers: nothing to lose
    classes = node.attributes.get("class") or ""
    names = f"{node.attributes.get('id') or ''} {classes}"
    if _TITLE.search(names):
        return False  # a title styled by its class (Joomla's contentheading)
    frame = bool(_FRAME.search(names))
    if just_before and not frame and node.tag != "tr" and weight.links <= 1 and size <= _LINE:
        return False  # a line right above the content: its title, often a link to itself
    if weight.linked > weight.own:
        return True  # menus, link lists, galleries
    if weight.headings:
        return False
    if classes and node.tag == main.tag and classes == main.attributes.get("class"):
        return False  # parallel blocks: sections, several articles
    if node.tag == "tr":
        # A layout table's header and footer rows: a logo, a slogan, the address.
        return 2 * weight.own < content.own
    few = weight.own < _FEW and 4 * weight.own < content.own
    if node.tag in _CELLS:
        return few  # a layout table's side column: a counter, a poll
    # Elsewhere a box of a few words is chrome only when its name says so: short boxes of
    # text beside the content are as often its parts (a form's short sections).
    return few and frame and node.tag in _BOXES


def _layout_cells(table: LexborNode, weigh: Callable[[LexborNode], _Weight]) -> set[int]:
    """The cells of a table laid out as a page, or none for a table of data.

    A layout table has a few rows (header, content, footer), and its fullest cell holds a
    heading or a nested table; a form's label and value rows, whose short rows are content,
    are many and keep their headings in a row of their own.
    """
    rows = [
        row
        for part in table.iter()
        for row in (part.iter() if part.tag in ("tbody", "thead", "tfoot") else (part,))
        if row.tag == "tr"
    ]
    if sum(1 for row in rows if weigh(row).own) > _LAYOUT_ROWS:
        return set()
    cells = [cell for row in rows for cell in row.iter() if cell.tag in _CELLS]
    if not cells:
        return set()
    fullest = max(cells, key=lambda cell: weigh(cell).own)
    if weigh(fullest).headings or fullest.css_first("table") is not None:
        return {cell.mem_id for cell in cells}
    return set()


class _Walker:
    """One pass over the tree, without recursion (pages nest deeper than Python's stack)."""

    def __init__(self, builder: TextBuilder, skip: set[int], layout: set[int]) -> None:
        self.builder = builder
        self.skip = skip
        self.layout = layout  # layout tables' cells, read as divs
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
                self.enter(node, self._tag(node))
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))

    def enter(self, node: LexborNode, tag: str) -> None:
        if self.cell_depth and tag not in _LISTS and tag not in _CELL_LIKE and tag != "li":
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
        elif tag in _CELL_LIKE:
            kind = "table_cell"
            self.cell_depth += 1
        elif tag == "pre":
            self.pre_depth += 1
        self.open.append((kind, level, marker, []))

    def _tag(self, node: LexborNode) -> str:
        return "div" if node.mem_id in self.layout else node.tag

    def leave(self, node: LexborNode) -> None:
        tag = self._tag(node)
        if self.cell_depth and tag not in _LISTS and tag not in _CELL_LIKE and tag != "li":
            if self.open:
                self.open[-1][3].append("\n")
            return
        self.flush()
        if tag in _LISTS:
            if self.lists:
                self.lists.pop()
            return
        if tag == "li" or tag in _CELL_LIKE:
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

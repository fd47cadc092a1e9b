"""The unit every stage works on: one line of a block, with its offsets and what it looks like.

Readers give blocks (a paragraph, a list item, a table cell, a heading); a plain-text file gives
one block per line. A block may still hold several lines (soft line breaks), so each block is cut
at its newlines. What a line looks like (a bullet, a number, a short title-shaped line, the blank
line before it) is worked out once here and used by segmentation, the form and the fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from practicehub.catalogue.extract.text import fold
from practicehub.documents.readers.base import Block

_BULLET = re.compile(r"^(?:[•·▪▫◦○●■□➢➤►✓✔]\s*|[-–—*+o]\s+)(?=\S)")
_ENUM = re.compile(r"^(?:\(?\d{1,2}[.)](?!\d)|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…]\s*[\"”“»)]*$")


@lru_cache(maxsize=20_000)
def _word_count(text: str) -> int:
    """Cached: segmentation, the form and the fields ask each line's length again and again."""
    return len(text.split())


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str
    kind: str = "paragraph"  # the block kind it came from
    level: int = 0
    page: int | None = None
    blank_before: bool = False
    # Length of a leading bullet or enumeration marker (0 when none).
    marker: int = 0
    bullet: bool = False
    # The list number a DOCX, ODT or HTML list draws without it being in the text ("3.").
    list_number: int | None = None
    # Length of a label without a colon that opens the line, where a table row run into one
    # line was cut at its cells ("Duration 1 March 2020 – ...").
    cell_label: int = 0
    # The header of a table's column this cell stands in, where each row of a table is a record
    # ("Finansavimas" above "ES Teisių, lygybės ir pilietiškumo programa ...").
    column: str = ""

    @property
    def body(self) -> str:
        """The text without its list marker."""
        return self.text[self.marker :].strip()

    @property
    def body_start(self) -> int:
        rest = self.text[self.marker :]
        return self.start + self.marker + len(rest) - len(rest.lstrip())

    @property
    def word_count(self) -> int:
        return _word_count(self.text)

    @property
    def is_list_item(self) -> bool:
        return self.marker > 0 or self.kind == "list_item"

    @property
    def ends_sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))

    def title_shaped(self, max_words: int = 25) -> bool:
        """Short, not a finished sentence, not a list item: how titles and headings look."""
        if self.kind == "heading":
            return True
        text = self.text
        return (
            0 < self.word_count <= max_words
            and not self.is_list_item
            and not text.endswith((".", ",", ";", ":"))
            and not text[0].islower()
        )


def lines_from_blocks(text: str, blocks: list[Block]) -> tuple[list[Line], list[int]]:
    """The document's lines in order, and the offsets of its page breaks."""
    lines: list[Line] = []
    page_breaks: list[int] = []
    previous_end = 0
    for block in sorted(blocks, key=lambda b: (b.start, b.end)):
        if block.kind == "page_break":
            page_breaks.append(block.start)
            continue
        pos = block.start
        chunk = text[block.start : block.end]
        for raw in chunk.split("\n"):
            stripped = raw.strip()
            if stripped:
                start = pos + raw.index(stripped)
                gap = text[previous_end:start]
                line = Line(
                    start=start,
                    end=start + len(stripped),
                    text=stripped,
                    kind=block.kind,
                    level=block.level,
                    page=block.page,
                    blank_before=not lines or gap.count("\n") >= 2,
                )
                _mark(line)
                number = re.fullmatch(r"\(?(\d{1,2})[.)]", block.marker or "")
                if number and not line.text.startswith(block.marker):
                    line.list_number = int(number.group(1))
                lines.append(line)
                previous_end = line.end
            pos += len(raw) + 1
    return lines, page_breaks


def _mark(line: Line) -> None:
    m = _BULLET.match(line.text)
    if m and len(line.text) > m.end():
        line.marker, line.bullet = m.end(), True
        return
    m = _ENUM.match(line.text)
    if m:
        line.marker = m.end()


# Site furniture a reader may leave in a page's text (skip links, menus, language switches,
# breadcrumbs, share buttons), in the languages of our documents; matched on the whole line.
_NAVIGATION = re.compile(
    r"^(?:skip to (?:the )?(?:main )?(?:content|navigation|menu)|jump to (?:main )?content"
    r"|pereiti (?:prie|i) (?:turinio|turini|pagrindinio turinio)|praleisti navigacij\w*"
    r"|zum inhalt(?: springen)?|direkt zum inhalt|pariet uz (?:saturu|galveno saturu)"
    r"|przejdz do (?:tresci|menu)|(?:main |pagrindinis )?men(?:u|iu)|search|paieska|ieskoti"
    r"|suche|meklet|szukaj|home|pradzia|pradinis|startseite|sakums|strona glowna"
    r"|back to top|i virsu|nach oben|versija neigaliesiems|accessibility|print|spausdinti"
    r"|(?:share|dalintis|dalinkites|teilen|dalies|udostepnij)(?::.*)?"
    r"|cookie settings|slapuku nustatymai)$"
)
# "LT | EN", "EN / LT / RU", "LT EN": a row of language codes.
_LANGUAGE_SWITCH = re.compile(r"^(?:[a-z]{2}(?:\s*[|/·•,]\s*|\s+)){1,6}[a-z]{2}$")
# "Home › Projects", "Inicio › Proyectos" (folding turns "›" and "»" into a quote).
_BREADCRUMB = re.compile(
    r"^(?:home|pradzia|pagrindinis|startseite|sakums|strona glowna|inicio|accueil"
    r"|pagina (?:principale|iniziale|inicial))\s*[>»/|›\"]"
)
_LANGUAGE_CODES = frozenset(
    {
        "lt", "en", "de", "lv", "pl", "ru", "fr", "et", "fi", "sv", "no", "da", "it", "es",
        "pt", "nl", "uk", "be", "cs", "sk", "hu", "ro", "bg", "el", "hr", "sl",
    }
)  # fmt: skip


# A web archive's banner above a captured page ("Web archive · Captured 3 March 2014 ...").
_ARCHIVE_BANNER = re.compile(
    r"\b(?:web archive|wayback machine|internet archive|archyvuota kopija)\b.*\bcaptur\w*"
    r"|^captured \d|\b\d+ captures\b"
)


def _is_navigation(text: str) -> bool:
    folded = fold(text).strip(" .:!*")
    if len(folded) > 80:
        return False
    if _NAVIGATION.match(folded) or _BREADCRUMB.match(folded) or _ARCHIVE_BANNER.search(folded):
        return True
    codes = re.findall(r"[a-z]+", folded)
    return bool(_LANGUAGE_SWITCH.match(folded)) and all(c in _LANGUAGE_CODES for c in codes)


def drop_site_furniture(lines: list[Line]) -> list[Line]:
    """Lines that are a site's navigation, not a document's text, belong to no record: they
    must never become a title ("Pereiti prie turinio", "Skip to content", "LT | EN")."""
    return [ln for ln in lines if not _is_navigation(ln.text)]


_PAGE_NUMBER = re.compile(
    r"^(?:page\s+|psl\.?\s*|p\.\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:/|of|iš)\s*\d{1,4})?$",
    re.I,
)


def drop_page_furniture(lines: list[Line]) -> list[Line]:
    """Lines a paginated document repeats on its pages (running headers and footers, page
    numbers) are not part of any record."""
    pages = sorted({ln.page for ln in lines if ln.page is not None})
    if len(pages) < 2:
        return lines
    edges: dict[str, set[int]] = {}
    for page in pages:
        on_page = [ln for ln in lines if ln.page == page]
        for ln in on_page[:2] + on_page[-2:]:
            shape = re.sub(r"\d+", "#", ln.text.strip().lower())
            edges.setdefault(shape, set()).add(page)
    repeated = {shape for shape, seen in edges.items() if len(seen) >= max(2, len(pages) // 2)}
    kept = []
    for page in pages:
        on_page = [ln for ln in lines if ln.page == page]
        edge_ids = {id(ln) for ln in on_page[:2] + on_page[-2:]}
        for ln in on_page:
            shape = re.sub(r"\d+", "#", ln.text.strip().lower())
            if id(ln) in edge_ids and (shape in repeated or _PAGE_NUMBER.match(ln.text.strip())):
                continue
            kept.append(ln)
    kept.extend(ln for ln in lines if ln.page is None)
    return sorted(kept, key=lambda ln: ln.start)


_ONLY_NUMBER = re.compile(r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?|[IVX]{1,4}[.)]|[A-H][.)])?\s*$")
_EMBEDDED = re.compile(
    r"(?:(?<=[^\s:])\s+|\s*[·|;]\s*)(?=[A-ZĄČĘĖĮŠŲŪŽ][\w’'.-]*(?:\s+[\w’'()-]+){0,4}\s*:\s)"
)


# Where a table's next cell may begin when PDF text runs a row together: after a closing
# bracket or quote, a number or a code, a semicolon or a full stop.
_CELL_BREAK = re.compile(r"(?<=[)\]”“\"»'\d.;])\s+(?=[A-ZĄČĘĖĮŠŲŪŽ])")
# Cells that say where a project ran ("Vieta Alytaus miestas"): a row's cell, not a name's
# word ("City", "Region" are words of names: "Vilnius City Municipality").
_PLACE_LABELS = frozenset({"vieta", "location", "salis", "ort", "miejsce"})
_WORD_BREAK = re.compile(r"(?<=[a-ząčęėįšųūž])\s+(?=[A-ZĄČĘĖĮŠŲŪŽ])")
_VALUE_START = re.compile(r"\s+[A-ZĄČĘĖĮŠŲŪŽ\d„“\"«€£$]")
# A date's or an address's abbreviation at the end of a row's last cell: "2023 m. gruodžio
# 15 d.", "Vilniaus g.", "15 val.".
_ENDS_ABBREVIATED = re.compile(r"(?:\b\d+\s+(?:d|m|val)|\b(?:mėn|g|pr|al|Eur))\.\s*$")
# Parts whose labels, bare and in the middle of a line, still read as a table's next cell.
_CELL_KEYS = frozenset({"partners", "funding", "organisation", "target_group", "duration"})


def _bare_label_cuts(text: str) -> list[tuple[int, int, int]]:
    """ "... (Lithuania) Duration 1 March 2020 – ... EU contribution EUR 356,112.40": labels
    without a colon where a table row was run into one line, each followed by its value."""
    from practicehub.catalogue.extract.labels import match_label

    if text.rstrip().endswith((".", "!", "?", ":")) and not _ENDS_ABBREVIATED.search(text):
        return []  # a sentence, not a row of cells ("... gruodžio 15 d." may end a row)
    cuts = []
    breaks = list(_CELL_BREAK.finditer(text))
    if breaks:
        # In a row already cut at its cells, a label may also follow a word of the value
        # before it ("... Vieta Alytaus miestas Trukmė 2023-04-03 – 2023-11-30").
        breaks = sorted([*breaks, *_WORD_BREAK.finditer(text)], key=lambda b: b.start())
    for m in breaks:
        at = m.end()
        if _ONLY_NUMBER.match(text[: m.start()]):
            continue  # "I. PRAKTIKĄ ĮGYVENDINANTI ORGANIZACIJA": the heading's own number
        words = list(re.finditer(r"\S+", text[at : at + 60]))
        for n in (3, 2, 1):
            if len(words) <= n:
                continue
            label_end = at + words[n - 1].end()
            label = match_label(text[at:label_end])
            value = _VALUE_START.match(text, label_end)
            if (
                label is not None
                and label.unknown == 0
                and not label.numbered
                and (
                    label.key in _CELL_KEYS
                    or label.kind.special in ("number", "budget")
                    or fold(text[at:label_end]).strip() in _PLACE_LABELS
                )
                and value is not None
            ):
                # "... Hoorn Net EU contribution € ...": the word before may open the label.
                before = text.rfind(" ", 0, m.start()) + 1
                word = text[before : m.start()]
                wider = match_label(text[before:label_end]) if word.isalpha() else None
                if wider is not None and wider.unknown == 0 and not wider.numbered and before:
                    cuts.append((len(text[:before].rstrip()), before, label_end - before))
                else:
                    cuts.append((m.start(), at, label_end - at))
                break
    if cuts:
        # The row's first cell has its label too ("Vykdytoja Asociacija „...“ Partneris ...").
        words = list(re.finditer(r"\S+", text[:60]))
        for n in (3, 2, 1):
            if len(words) <= n:
                continue
            label_end = words[n - 1].end()
            label = match_label(text[:label_end])
            if (
                label is not None
                and label.unknown == 0
                and not label.numbered
                and label.key in _CELL_KEYS
                and _VALUE_START.match(text, label_end)
            ):
                cuts.insert(0, (0, 0, label_end))
                break
    return cuts


def split_embedded_labels(lines: list[Line]) -> list[Line]:
    """A line holding several labelled fields ("Project promoter: X, Vilnius Partner: Y
    Project number: Z", as PDF text runs them together) becomes one line per field."""
    from practicehub.catalogue.extract.labels import match_label

    out: list[Line] = []
    for line in lines:
        if line.bullet or line.kind == "heading":
            out.append(line)
            continue
        cuts = []
        if ":" in line.text[1:]:
            # "Net EU contribution: € ...": a label whose first word is not itself a label
            # keeps that word; the line is cut only after the label's value begins.
            whole = match_label(line.text)
            keep_to = whole.value_offset if whole and whole.separated and not whole.unknown else 0
            for m in _EMBEDDED.finditer(line.text):
                if m.start() < keep_to:
                    continue
                at = m.end()
                if at <= 0 or at >= len(line.text):
                    continue
                if _ONLY_NUMBER.match(line.text[: m.start()]):
                    continue  # "2) Kontaktai: ...": the label's own number, not a field
                label = match_label(line.text[at:])
                if label is not None and label.separated and label.unknown == 0:
                    cuts.append((m.start(), at, 0))
        if not cuts:
            cuts = _bare_label_cuts(line.text)
        if not cuts:
            out.append(line)
            continue
        begin, label_length = 0, 0
        for stop, next_start, next_label in [*cuts, (len(line.text), len(line.text), 0)]:
            piece = line.text[begin:stop].rstrip()
            if piece:
                part = replace(
                    line,
                    text=piece,
                    start=line.start + begin,
                    end=line.start + begin + len(piece),
                    marker=0,
                    bullet=False,
                    blank_before=line.blank_before if begin == 0 else False,
                    cell_label=label_length,
                )
                if begin == 0:
                    part.marker, part.bullet = line.marker, line.bullet
                out.append(part)
            begin, label_length = next_start, next_label
    return out

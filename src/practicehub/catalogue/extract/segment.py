"""Where records begin and end in a document.

Signals, strongest first:

1. Separator lines: a line of dashes, rules (``***``, ``___``, ``---``, ``* * *``) or a dash left at
   the end of a record's last sentence ("... 2013. -").
2. A form repeated: the first label of a good-practice form seen again after the other labels.
3. Pages, when every page of a PDF opens with a title and reads as a record of its own.
4. Headings of one level each followed by a record's text (several projects on one page).

A document with none of these is one record. A piece holding a single line (a title cut from its
text by a rule under it) joins the next piece. Each segment keeps its ``[start, end)`` span.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from practicehub.catalogue.extract.form import QUESTION, find_labels
from practicehub.catalogue.extract.lines import Line, drop_page_furniture, drop_site_furniture
from practicehub.catalogue.extract.text import fold

_SEPARATOR = re.compile(r"^[-–—_*=~#•·.\s]{1,80}$")
_TRAILING_DASH = re.compile(r"(?<=[.!?”\"»)])\s+[-–—]$")
# Words that say a stretch of text is about a project or practice of its own.
_RECORD_CUES = {
    "project": re.compile(r"\b(?:project\w*|projekt\w*|practice|praktik\w*|initiative)\b"),
    "funding": re.compile(r"\b(?:fund\w*|financ\w*|finans\w*|remia\w*|grant|programme|programa)"),
    "organisations": re.compile(
        r"\b(?:partner\w*|coordinat\w*|koordin\w*|consortium|implement\w*|igyvendin\w*|vykd\w*)"
    ),
    "period": re.compile(r"\b(?:19|20)\d\d\b"),
    "aims": re.compile(r"\b(?:aim\w*|goal\w*|objective\w*|tiksl\w*|siek\w*)"),
    # A record gives its own contact and its money: "Contact: ... hello@...", "EUR 7 400".
    "contacts": re.compile(r"@|\bwww\.|\b(?:contact\w*|kontakt\w*)\b"),
    "money": re.compile(r"\b(?:eur|euro\w*|lt|pln)\b|€|\b(?:support\w*|grant\w*|rem\w*)\b"),
}


@dataclass(slots=True)
class Segment:
    lines: list[Line]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


def segment(lines: list[Line]) -> list[Segment]:
    """The records' line groups, in document order."""
    lines = drop_page_furniture(drop_site_furniture(lines))
    rows = _split_table_rows(lines)
    if rows:
        return [Segment(lines=row) for row in rows]
    pieces = _split_at_separators(lines)
    if len(pieces) == 1:
        whole = pieces[0]
        pieces = (
            _split_heading_blocks(whole)
            or _split_repeated_form(whole)
            or _split_pages(whole)
            or _split_numbered_titles(whole)
            or _split_title_lines(whole)
            or pieces
        )
    else:
        pieces = _without_footer(pieces)
        pieces = [
            sub
            for piece in pieces
            for sub in (_split_repeated_form(piece) or _split_numbered_titles(piece) or [piece])
        ]
        pieces = _drop_group_headings(pieces)
    return [Segment(lines=p) for p in _join_lone_lines(pieces) if p]


def _leading_titles(piece: list[Line]) -> int:
    n = 0
    for line in piece:
        if not line.title_shaped(25) or (n and not line.blank_before and line.kind != "heading"):
            break
        n += 1
    return n


def _drop_group_headings(pieces: list[list[Line]]) -> list[list[Line]]:
    """A listing's heading ("ONGOING PROJECTS (2017)", "2014 m.") stands above the first
    record of its group: a piece with one title line more than its siblings loses the first."""
    counts = [_leading_titles(p) for p in pieces if len(p) > 1]
    if len(counts) < 3:
        return pieces
    usual = sorted(counts)[len(counts) // 2]
    return [
        p[1:] if len(p) > 2 and _leading_titles(p) == usual + 1 and usual >= 1 else p
        for p in pieces
    ]


def _split_at_separators(lines: list[Line]) -> list[list[Line]]:
    pieces: list[list[Line]] = [[]]
    for line in lines:
        if _SEPARATOR.match(line.text) and not any(ch.isalnum() for ch in line.text):
            pieces.append([])
            continue
        m = _TRAILING_DASH.search(line.text)
        if m:
            kept = line.text[: m.start()]
            pieces[-1].append(replace(line, text=kept, end=line.start + len(kept)))
            pieces.append([])
            continue
        pieces[-1].append(line)
    return [p for p in pieces if p]


def _join_lone_lines(pieces: list[list[Line]]) -> list[list[Line]]:
    """A piece of one line is not a record. Above a piece that opens with its own title it is
    a page or group heading ("Projects 2016") and belongs to no record; otherwise it is a title
    cut from its text by a rule under it, and joins the next piece."""
    out: list[list[Line]] = []
    carry: list[Line] = []
    for i, piece in enumerate(pieces):
        if len(piece) == 1 and not carry:
            following = pieces[i + 1] if i + 1 < len(pieces) else None
            if following and len(following) > 1 and following[0].title_shaped(25):
                continue
            carry = piece
            continue
        out.append(carry + piece)
        carry = []
    if carry:
        if out:
            out[-1] = out[-1] + carry
        else:
            out.append(carry)
    return out


def _split_repeated_form(lines: list[Line]) -> list[list[Line]] | None:
    """Several forms one after another: split where the form's first label comes round again."""
    labels = find_labels(lines)
    if len(labels) < 6:
        return None
    order = sorted(labels)
    first = labels[order[0]]
    signature = (first.key, first.kind.special)
    starts = [i for i in order if (labels[i].key, labels[i].kind.special) == signature]
    if len(starts) < 2:
        return None
    # Each form needs its other parts between one start and the next, and the forms' parts
    # must be alike: a document heading that reads as a label ("GEROSIOS PRAKTIKOS APRAŠYMAS")
    # does not make the "Aprašymas:" part further down a second form.
    bounds = [*starts, len(lines)]
    key_sets = []
    for a, b in itertools.pairwise(bounds):
        keys = {labels[i].key for i in order if a <= i < b}
        if sum(1 for i in order if a < i < b) < 2 or len(keys) < 3:
            return None
        in_chunk = [i for i in order if a <= i < b]
        bare = [
            i for i in in_chunk if i + 1 in labels and labels[i].value_offset >= len(lines[i].text)
        ]
        if len(bare) * 3 >= len(in_chunk) * 2:
            return None  # a table of contents lists the parts, it is no form of its own
        key_sets.append(keys)
    for k1, k2 in itertools.pairwise(key_sets):
        if len(k1 & k2) * 2 < len(k1 | k2):
            return None
    cuts = []
    floor = -1
    for s in starts:
        cut = s
        # The title of each form sits just above its first label; what stands above the first
        # form's title is the page's own heading or introduction.
        if s - 1 not in labels and s - 1 > floor and lines[s - 1].title_shaped(25):
            cut = s - 1
        cuts.append(cut)
        floor = s
    return _cut(lines, cuts)


def _cut(lines: list[Line], starts: list[int]) -> list[list[Line]]:
    bounds = [*starts, len(lines)]
    return [lines[a:b] for a, b in itertools.pairwise(bounds) if lines[a:b]]


def _cue_count(lines: list[Line]) -> int:
    folded = fold(" ".join(ln.text for ln in lines))
    return sum(1 for pattern in _RECORD_CUES.values() if pattern.search(folded))


def _reads_as_record(chunk: list[Line], min_cues: int) -> bool:
    body_words = sum(ln.word_count for ln in chunk[1:])
    return body_words >= 15 and _cue_count(chunk) >= min_cues


def _reads_as_records(chunks: list[list[Line]], min_cues: int) -> bool:
    return len(chunks) >= 2 and all(_reads_as_record(c, min_cues) for c in chunks)


def _split_pages(lines: list[Line]) -> list[list[Line]] | None:
    pages = sorted({ln.page for ln in lines if ln.page is not None})
    if len(pages) < 2:
        return None
    starts = [next(i for i, ln in enumerate(lines) if ln.page == p) for p in pages]
    labels = find_labels(lines)
    if any(i in labels or not lines[i].title_shaped(25) for i in starts):
        return None
    if any(lines[i].text[:1].islower() for i in starts):
        return None  # a page that goes on with the text of the one before
    chunks = _cut(lines, starts)
    return chunks if _reads_as_records(chunks, min_cues=3) else None


def _split_heading_blocks(lines: list[Line]) -> list[list[Line]] | None:
    """Several records under headings of one level (a report, a listing page, a compendium).

    The level is the highest at which headings repeat; a lone heading above them is the
    document's title. Headings whose text does not read as a record are kept with their text,
    as long as most of them are records; a labelled section closing the document ("Financial
    information") is left out.
    """
    labels = find_labels(lines)
    # A heading put as a question ("Why a centre?", "Who can use the centre") opens a section
    # of the record around it, never a record of its own.
    # A heading with a word no label knows may still name a record ("Language Buddies" holds
    # a label's "language"); the count of labelled headings below says whether a level is a
    # record's parts.
    headings = [
        i
        for i, ln in enumerate(lines)
        if ln.kind == "heading"
        and (i not in labels or labels[i].unknown >= 1)
        and not QUESTION.search(ln.text)
    ]
    levels = sorted({lines[i].level for i in headings})
    chapters = _chapter_records(lines, headings)
    if chapters:
        return chapters
    # Headings numbered 1, 2, 3 ... at one level, each over a record's text: a report's or a
    # listing's records, whatever chapters stand around them ("Projects implemented in 2022").
    for level in levels:
        top = [i for i in headings if lines[i].level == level]
        if len(top) >= 2 and _numbered_run(lines, top):
            chunks = _cut_below(lines, top, level)
            if all(_reads_as_record(c, min_cues=2) for c in chunks):
                return chunks
    for level in levels:
        top = [i for i in headings if lines[i].level == level]
        if len(top) < 2:
            continue
        labelled_here = sum(
            1 for i in labels if lines[i].kind == "heading" and lines[i].level == level
        )
        if labelled_here >= len(top):
            # Most headings of this level are a record's part labels ("Ziele", "Maßnahmen",
            # "Kontakt"): the others are its unlabelled parts, not records of their own.
            return None
        chunks = _cut_below(lines, top, level)
        labelled = [bool(find_labels(c)) for c in chunks]
        if len(chunks) > 2 and not labelled[0] and all(labelled[1:]):
            chunks = chunks[1:]  # the document's own title and introduction
        records = [c for c in chunks if _reads_as_record(c, min_cues=2)]
        if len(records) >= 2 and len(records) * 3 >= len(chunks) * 2:
            return _without_closing_section(lines, chunks, labels)
        if level == levels[0] or (len(top) < 3 and not _numbered_run(lines, top)):
            # The records stand at a deeper level only when the level above does not read
            # as records (a report's chapters: "Projects implemented in 2022" above
            # "1. Open Door Counselling Point", "2. ...") and they repeat there.
            continue
    return None


# A report's chapter that announces records: "Our projects", "Projects implemented in 2022",
# "2022 m. įgyvendinti projektai", "Gute Praxis", "Nos projets".
_CHAPTER = re.compile(
    r"\b(?:projects|projektai|projektu|projekte|projets|projekty|projekti|practices|praktikos"
    r"|praktiku|iniciatyvos|initiatives|programmes implemented)\b"
)


def _chapter_records(lines: list[Line], headings: list[int]) -> list[list[Line]]:
    """The sub-headed records of each chapter whose heading announces projects or practices."""
    found: list[list[Line]] = []
    for i in headings:
        level = lines[i].level
        if not level or not _CHAPTER.search(fold(lines[i].text)):
            continue
        end = next(
            (
                j
                for j in range(i + 1, len(lines))
                if lines[j].kind == "heading" and 0 < lines[j].level <= level
            ),
            len(lines),
        )
        inner = [j for j in headings if i < j < end and lines[j].level > level]
        if not inner:
            continue
        sub = min(lines[j].level for j in inner)
        starts = [j for j in inner if lines[j].level == sub]
        if len(starts) < 2:
            continue
        chunks = _cut_below(lines[:end], starts, sub)
        if all(_reads_as_record(c, min_cues=1) for c in chunks):
            found.extend(chunks)
    return found


def _numbered_run(lines: list[Line], top: list[int]) -> bool:
    numbers = [re.match(r"\s*(\d{1,2})[.)]\s", lines[i].text) for i in top]
    return all(numbers) and [int(n.group(1)) for n in numbers if n] == list(range(1, len(top) + 1))


def _cut_below(lines: list[Line], starts: list[int], level: int) -> list[list[Line]]:
    """Chunks from each start to the next start, or to the next heading above their level
    (a report's next chapter), whichever comes first."""
    chunks = []
    for n, a in enumerate(starts):
        b = starts[n + 1] if n + 1 < len(starts) else len(lines)
        for j in range(a + 1, b):
            if lines[j].kind == "heading" and 0 < lines[j].level < level:
                b = j
                break
        chunks.append(lines[a:b])
    return [c for c in chunks if c]


def _without_closing_section(
    lines: list[Line], chunks: list[list[Line]], labels: dict
) -> list[list[Line]]:
    """A labelled section after the last record ("Finansinė informacija", "Contacts") belongs to
    the report around the records, not to the last of them."""
    last = chunks[-1]
    closing = next(
        (
            n
            for n, ln in enumerate(last)
            if n
            and ln.kind == "heading"
            and ln.level <= last[0].level
            and lines.index(ln) in labels
        ),
        None,
    )
    return [*chunks[:-1], last[:closing]] if closing else chunks


_CONTACT_LINE = re.compile(r"@|\b(?:tel|phone|telefonas|faks\w*|fax)\b|\b[A-Z]{2}-\d{4,5}\b", re.I)


def _without_footer(pieces: list[list[Line]]) -> list[list[Line]]:
    """What follows the last rule of a document and only gives the publisher's address, phone
    and e-mail ("UMUIC, Aušros g. 42-7, LT-28231 Utena / Tel. ...") is its footer, no record."""
    if len(pieces) < 2:
        return pieces
    last = pieces[-1]
    words = sum(ln.word_count for ln in last)
    contact_lines = sum(1 for ln in last if _CONTACT_LINE.search(ln.text))
    if words <= 30 and len(last) <= 4 and contact_lines >= min(2, len(last)):
        return pieces[:-1]
    return pieces


def _split_numbered_titles(lines: list[Line]) -> list[list[Line]] | None:
    """Records numbered one after another ("1) Projektas „Kaimo moterys“", "2. Safe Nights"):
    short numbered lines whose numbers run 1, 2, 3 ..., each followed by its own text."""
    labels = find_labels(lines)
    starts: list[int] = []
    expected = 1
    for i, ln in enumerate(lines):
        if i in labels or not ln.marker or ln.bullet:
            continue
        if ln.word_count > 15 or ln.ends_sentence:
            continue
        digits = re.match(r"\(?(\d{1,2})[.)]", ln.text)
        if digits is None or int(digits.group(1)) != expected:
            continue
        if i + 1 < len(lines) and lines[i + 1].is_list_item and lines[i + 1].marker == ln.marker:
            continue  # an ordinary numbered list, one short item after another
        starts.append(i)
        expected += 1
    if len(starts) < 2:
        return None
    chunks = _cut(lines, starts)
    return chunks if _reads_as_records(chunks, min_cues=2) else None


def _bare_label(line: Line) -> bool:
    """A short cell that is nothing but a label's words ("Finansavimas", "Trumpas aprašymas")."""
    from practicehub.catalogue.extract.labels import match_label

    m = match_label(line.text)
    return m is not None and m.unknown <= 1 and line.word_count <= 5


def _split_table_rows(lines: list[Line]) -> list[list[Line]] | None:
    """A table whose first row names its columns with labels ("Projektas | Trumpas aprašymas |
    Finansavimas | Laikotarpis | Partneriai") and whose other rows are one record each. Readers
    give a table as its cells in order, so the width is the one that makes the cells fall into
    whole rows with a header of labels above values."""
    runs: list[list[int]] = []
    for i, ln in enumerate(lines):
        if ln.kind != "table_cell":
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        for width in range(3, 9):
            if len(run) % width or len(run) // width < 3:
                continue
            header = [lines[i] for i in run[:width]]
            if any(h.word_count > 5 for h in header):
                continue
            labelled = sum(1 for h in header if _bare_label(h))
            if labelled < max(2, (width + 1) // 2):
                continue
            body = [lines[i] for i in run[width:]]
            body_labels = sum(1 for c in body if _bare_label(c))
            if body_labels * 4 > len(body):
                continue  # a two-column form laid out as a table: labels beside values
            rows = [
                [replace(c, column=header[j].text) for j, c in enumerate(body[k : k + width])]
                for k in range(0, len(body), width)
            ]
            if all(_reads_as_record(row, min_cues=2) for row in rows):
                return rows
            if _title_column(header[0]) and all(
                _reads_as_listed_record(row, header) for row in rows
            ):
                return rows
    return None


def _title_column(heading: Line) -> bool:
    """A table's first column headed by a label of the record's name ("Project", "Project
    title", "Projekto pavadinimas"): each row below it is a project."""
    from practicehub.catalogue.extract.labels import match_label

    m = match_label(heading.text)
    return m is not None and m.kind.special == "title" and m.unknown <= 1


def _reads_as_listed_record(row: list[Line], header: list[Line]) -> bool:
    """A row of a table of projects ("Project | Organisation | Grant, EUR | Period") is short:
    a title and a few facts. Read with its columns' headings it says what a record says (two
    cues besides the title column's), and its own cells give at least one."""
    own = _cue_count(row[1:])
    with_columns = _cue_count([*header[1:], *row[1:]])
    words = sum(ln.word_count for ln in row)
    return words >= 5 and own >= 1 and with_columns >= 2


def _split_title_lines(lines: list[Line]) -> list[list[Line]] | None:
    """In plain text: several records each opening with a title line after a blank line."""
    if any(ln.kind == "heading" for ln in lines):
        return None
    labels = find_labels(lines)
    bare_labels = [i for i, m in labels.items() if m.value_offset >= len(lines[i].text)]
    if len(bare_labels) >= 2:
        return None  # a labelled form or page: its short lines are its own parts
    candidates = [
        i
        for i, ln in enumerate(lines)
        if ln.blank_before
        and i + 1 < len(lines)
        and i not in labels
        and ln.title_shaped(15)
        and not lines[i + 1].title_shaped(15)
    ]
    if len(candidates) < 2:
        return None
    chunks = _cut(lines, candidates)
    return chunks if _reads_as_records(chunks, min_cues=3) else None

"""Sections: a record's lines split at the labels of its parts, each part mapped to its key.

The same reading serves the nine-part good-practice form (numbered or not, Lithuanian or
English, in a two-column table or as paragraphs) and the labelled parts of a project page
("Partners:", "Projekto trukmė –"). A line is taken as a label when it carries a label's words
(``labels.LABELS``) and a heading's shape: a heading block, a table cell, a number in a numbered
sequence, a colon or dash before its value, or a short line of its own. Whatever comes before the
first label is the record's head (its title and opening text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from practicehub.catalogue.extract.labels import LabelMatch, match_label, match_question
from practicehub.catalogue.extract.lines import Line


@dataclass(slots=True)
class Part:
    """One section of a record: its label (if any) and the lines of its body."""

    key: str
    label: LabelMatch | None
    heading_line: Line | None
    lines: list[Line] = field(default_factory=list)
    # Where the body starts in the heading line when the value follows the label on that line.
    inline_from: int | None = None

    @property
    def role(self) -> str | None:
        return self.label.role if self.label else None

    def body_pieces(self) -> list[tuple[int, int, str]]:
        """(start, end, text) of each piece of body text, in order, offsets in the document."""
        pieces = []
        if self.heading_line is not None and self.inline_from is not None:
            line = self.heading_line
            pieces.append((self.inline_from, line.end, line.text[self.inline_from - line.start :]))
        pieces.extend((ln.start, ln.end, ln.text) for ln in self.lines)
        return pieces

    def body_text(self) -> str:
        return "\n".join(p[2] for p in self.body_pieces())


# A heading put as a question names its part in more words than a label does.
QUESTION = re.compile(
    r"\?\s*$|^(?:what|how|who|whom|why|where|ką|kas|kaip|kokias|kokios|kokia|kam|kodėl|kur)\b",
    re.IGNORECASE,
)


# A table's first column that names the record ("Practice", "Projektas"): a label in a table only.
_BARE_RECORD_WORD = re.compile(
    r"^\s*(?:project|practice|projektas|projekt|projet|pratique|praktika|praktiką|projekts)\s*$",
    re.IGNORECASE,
)


def label_at(lines: list[Line], i: int) -> LabelMatch | None:
    """The label line ``i`` starts with, when it has both the words and the shape of one."""
    line = lines[i]
    if line.column:
        # A cell of a table whose rows are records: its column's header is its label.
        m = match_label(line.column)
        if m is None:
            return None
        return replace(m, heading=line.column, value_offset=0, separated=True, numbered=False)
    if line.bullet:
        return None
    if line.cell_label:
        m = match_label(line.text[: line.cell_label])
        if m is not None:
            value_at = len(line.text) - len(line.text[line.cell_label :].lstrip())
            return replace(m, value_offset=value_at, separated=True)
    m = match_label(line.text)
    if m is None and ":" in line.text:
        asked = match_question(line.text)
        if asked is not None and asked.separated:
            return asked  # "Who is involved: Šiauliai City Municipality ..."
    if m is None or m.unknown > 1:
        asked = _asked(lines, i)
        if asked is not None or m is None:
            return asked
    if (
        m.kind.special == "title"
        and _BARE_RECORD_WORD.match(line.text)
        and line.kind != "table_cell"
    ):
        return None  # "praktiką" left over from a heading cut by a page break, not a label
    if line.list_number is not None and not m.numbered and m.unknown <= 1:
        m = replace(m, numbered=True, number=line.list_number)  # a numbered list in DOCX
    if m.numbered and m.unknown <= 2 and (m.separated or not line.ends_sentence):
        return m
    if line.kind in ("heading", "table_cell") and m.unknown <= 1:
        return m
    if line.kind == "heading" and m.unknown <= 3 and QUESTION.search(line.text):
        return m  # "Kokias paslaugas teikia centras?", "What does the project do"
    if m.unknown > 1:
        return None
    if m.separated:
        return m
    # A bare label on a line of its own: only label words, no final full stop, text after it.
    if m.unknown == 0 and line.title_shaped(12) and i + 1 < len(lines):
        return m
    # "Kaip matuojame poveikį?": a question with one word no label knows names its part by
    # its asking words.
    return _asked(lines, i)


def _asked(lines: list[Line], i: int) -> LabelMatch | None:
    """A part asked as a question on a line of its own ("Who was involved?")."""
    line = lines[i]
    if i + 1 >= len(lines) or not line.title_shaped(12):
        return None
    asked = match_question(line.text)
    following = lines[i + 1]
    if asked is not None and (
        line.kind in ("heading", "table_cell")
        or not following.title_shaped(12)
        or following.is_list_item
        or (line.text.rstrip().endswith("?") and not following.text.rstrip().endswith("?"))
    ):
        return asked
    return None


def _numbered_headings(lines: list[Line], found: dict[int, LabelMatch]) -> dict[int, LabelMatch]:
    """Numbered lines that continue a numbered sequence of labels are headings too.

    A form numbers its parts; a part whose words we do not know ("5. Who benefits?") still starts
    a new part when its number follows the previous label's number.
    """
    numbered = {i: m for i, m in found.items() if m.numbered and m.number is not None}
    if len(numbered) < 3:
        return found
    result = dict(found)
    last_number = None
    for i, line in enumerate(lines):
        if i in numbered:
            last_number = numbered[i].number
            continue
        if last_number is None or line.bullet or not line.marker:
            continue
        m = match_label_any(line)
        if m and m.number == last_number + 1 and line.title_shaped(14):
            result[i] = m
            last_number = m.number
    return result


def match_label_any(line: Line) -> LabelMatch | None:
    """A numbered line read as a label of the catch-all kind (for ``_numbered_headings``)."""
    from practicehub.catalogue.extract.labels import LABELS, LabelMatch

    digits = re.search(r"\d+", line.text[: line.marker])
    if digits is None:
        return None
    number = int(digits.group(0))
    other = next(k for k in LABELS if k.key == "other" and not k.special)
    return LabelMatch(
        kind=other,
        heading=line.text,
        value_offset=len(line.text),
        numbered=True,
        number=number,
        separated=False,
        unknown=0,
    )


_NUMBER_ALONE = re.compile(r"^\s*\(?(\d{1,2})[.)]\s*$")


def find_labels(lines: list[Line]) -> dict[int, LabelMatch]:
    found = {}
    for i in range(len(lines)):
        m = label_at(lines, i)
        if m is not None:
            alone = _NUMBER_ALONE.match(lines[i - 1].text) if i and not m.numbered else None
            if alone:
                # "6." on a line of its own, then "Duration: ..." (a PDF cut the line there).
                m = replace(m, numbered=True, number=int(alone.group(1)))
            found[i] = m
    found = _labels_in_context(lines, found)
    found = _numbered_headings(lines, found)
    if sum(1 for m in found.values() if m.numbered) >= 3:
        # A numbered form: its parts are the numbered labels; "Mūsų veikla – ..." inside a part
        # is that part's text.
        # The labelled lines above the first numbered part are the form's header ("Lead
        # organisation: ...", "Start date: ...") and stay labels.
        # So do the labelled lines after the last numbered part that name a part the form has
        # not had yet ("9) Patarimai: ..." then "Finansavimas: ...").
        first = min(i for i, m in found.items() if m.numbered)
        last = max(i for i, m in found.items() if m.numbered)
        had = {m.key for m in found.values() if m.numbered}
        found = {
            i: m
            for i, m in found.items()
            if m.numbered
            or lines[i].kind in ("heading", "table_cell")
            or m.kind.special
            or (i < first and m.separated)
            or (
                i > last
                and m.separated
                and m.unknown == 0
                and m.key not in had
                and m.value_offset < len(lines[i].text)
            )
        }
    return found


def _labels_in_context(lines: list[Line], found: dict[int, LabelMatch]) -> dict[int, LabelMatch]:
    """In a labelled layout, a short line of its own that carries a label's words is a label
    even with words we do not know around them ("Bendradarbiavimo partneriai", "Patarimai
    kitoms savivaldybėms", "Expected results for participants"): it stands where the other
    labels stand, alone on its line, with its part's text after it."""
    bare = [i for i, m in found.items() if not m.separated or m.value_offset >= len(lines[i].text)]
    if len(bare) < 2:
        return found
    result = dict(found)
    for i, line in enumerate(lines[:-1]):
        if i in found or line.bullet or (line.marker and not line.list_number):
            continue
        if line.word_count > 6 or not line.title_shaped(6) or line.ends_sentence:
            continue
        following = lines[i + 1]
        if i + 1 in found and not found[i + 1].separated:
            continue  # two bare labels in a row: this one is a heading above them
        if following.word_count < 4 and not following.is_list_item:
            continue
        m = match_label(line.text)
        if m is None or m.separated or m.unknown > 2 or m.unknown >= len(line.text.split()):
            continue
        if m.kind.special == "title" and _BARE_RECORD_WORD.match(line.text):
            continue
        result[i] = m
    return result


def _is_list_lead_in(part: Part) -> bool:
    """ "Main activities:" followed by nothing but list items."""
    return (
        part.label is not None
        and part.label.separated
        and part.inline_from is None
        and bool(part.lines)
        and all(ln.is_list_item for ln in part.lines)
    )


def _table_row_over(part: Part, line: Line) -> bool:
    """The part is a label cell with its value in cells after it, and the line is out of the
    table."""
    heading = part.heading_line
    return (
        heading is not None
        and heading.kind == "table_cell"
        and not heading.column
        and bool(part.lines)
        and part.lines[-1].kind == "table_cell"
        and line.kind != "table_cell"
    )


def _type_heading_over_name(lines: list[Line], labels: dict[int, LabelMatch]) -> bool:
    """ "Gerosios praktikos aprašas" (good practice description), then "Mobilioji teisinė
    pagalba kaimo moterims", then "1. Organizacija": a first line that reads as the form's
    description label but names the document's type, over the practice's name and above the
    form's own labels, is the document's heading, not a part."""
    from practicehub.catalogue.extract.fields import is_generic_title

    if 0 not in labels or 1 in labels or len(lines) < 3 or len(labels) < 3:
        return False
    heading, name = lines[0], lines[1]
    return (
        labels[0].value_offset >= len(heading.text)
        and is_generic_title(heading.text)
        and (name.kind == "heading" or name.title_shaped(15))
        and not name.ends_sentence
        and 2 in labels
    )


def _named_heading(lines: list[Line], labels: dict[int, LabelMatch]) -> bool:
    """The record's opening heading holds a label's word among others ("Language Buddies",
    "Safe Budget Lab"): it is the record's name, not a part."""
    first = labels.get(0)
    return (
        first is not None
        and first.unknown >= 1
        and not first.separated
        and not first.numbered
        and lines[0].kind == "heading"
        and len(lines) > 1
    )


def split_parts(lines: list[Line], head_key: str = "description") -> list[Part]:
    """The record's parts in source order; the lines before the first label form the head."""
    labels = find_labels(lines)
    if _type_heading_over_name(lines, labels) or _named_heading(lines, labels):
        del labels[0]
    parts: list[Part] = []
    current = Part(key=head_key, label=None, heading_line=None)
    block_key = head_key  # the key unlabelled lines after a one-line "Label: value" go back to
    labelled_only = False  # the current part holds only "Label: value" lines so far
    for i, line in enumerate(lines):
        m = labels.get(i)
        same_part = (
            m is not None
            and current.label is not None
            and m.key == current.key
            and m.kind.special == current.label.kind.special
        )
        if same_part and m.key != "other":
            # "El. paštas: ..." inside "Kontaktai" stays in the same part; a bare label there
            # ("Project partners") has its value on the lines after it.
            current.lines.append(line)
            labelled_only = labelled_only and m.value_offset < len(line.text)
            continue
        if m is not None:
            if _is_list_lead_in(current):
                block_key = head_key
            if current.lines or current.label is not None:
                parts.append(current)
            inline = m.value_offset < len(line.text)
            current = Part(
                key=m.key,
                label=m,
                heading_line=line,
                inline_from=line.start + m.value_offset if inline else None,
            )
            labelled_only = True
            if not inline:
                block_key = m.key
            continue
        if current.label is not None and current.inline_from is not None and labelled_only:
            # The value was on the label's line (and on the lines of its own labels after it:
            # "Programme: Erasmus+", "Key action: ..."); what follows is the text around it.
            parts.append(current)
            current = Part(key=block_key, label=None, heading_line=None)
        elif _table_row_over(current, line) or (
            _is_list_lead_in(current) and not line.is_list_item
        ):
            # A label's cell and its value's cell are over where the table ends (the paragraph
            # after a project's card is its description, not the last row's value), and
            # "Main activities:" is over with its list: the running text resumes.
            parts.append(current)
            block_key = head_key
            current = Part(key=head_key, label=None, heading_line=None)
        current.lines.append(line)
        labelled_only = False
    if current.lines or current.label is not None:
        parts.append(current)
    return parts

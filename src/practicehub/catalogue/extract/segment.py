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

from practicehub.catalogue.extract.form import find_labels
from practicehub.catalogue.extract.lines import Line
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
    pieces = _split_at_separators(lines)
    if len(pieces) == 1:
        pieces = _split_repeated_form(pieces[0]) or _split_pages(pieces[0]) or pieces
        if len(pieces) == 1:
            pieces = _split_headings(pieces[0]) or pieces
    else:
        pieces = [sub for piece in pieces for sub in (_split_repeated_form(piece) or [piece])]
    return [Segment(lines=p) for p in _join_lone_lines(pieces) if p]


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
    """A piece of one line is a title or a stray remark, not a record: it joins a neighbour."""
    out: list[list[Line]] = []
    carry: list[Line] = []
    for piece in pieces:
        if len(piece) == 1 and len(carry) == 0:
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
    # Each form needs its other parts between one start and the next.
    bounds = [*starts, len(lines)]
    for a, b in itertools.pairwise(bounds):
        if sum(1 for i in order if a < i < b) < 2:
            return None
    cuts = []
    for s in starts[1:]:
        cut = s
        # The title of the next form sits just above its first label.
        if s - 1 not in labels and s - 1 > starts[0] and lines[s - 1].title_shaped(25):
            cut = s - 1
        cuts.append(cut)
    return _cut(lines, [0, *cuts])


def _cut(lines: list[Line], starts: list[int]) -> list[list[Line]]:
    bounds = [*starts, len(lines)]
    return [lines[a:b] for a, b in itertools.pairwise(bounds) if lines[a:b]]


def _cue_count(lines: list[Line]) -> int:
    folded = fold(" ".join(ln.text for ln in lines))
    return sum(1 for pattern in _RECORD_CUES.values() if pattern.search(folded))


def _reads_as_records(chunks: list[list[Line]], min_cues: int) -> bool:
    if len(chunks) < 2:
        return False
    for chunk in chunks:
        body_words = sum(ln.word_count for ln in chunk[1:])
        if body_words < 25 or _cue_count(chunk) < min_cues:
            return False
    return True


def _split_pages(lines: list[Line]) -> list[list[Line]] | None:
    pages = sorted({ln.page for ln in lines if ln.page is not None})
    if len(pages) < 2:
        return None
    starts = [next(i for i, ln in enumerate(lines) if ln.page == p) for p in pages]
    labels = find_labels(lines)
    if any(i in labels or not lines[i].title_shaped(25) for i in starts):
        return None
    chunks = _cut(lines, starts)
    return chunks if _reads_as_records(chunks, min_cues=3) else None


def _split_headings(lines: list[Line]) -> list[list[Line]] | None:
    """Several records under headings of one level (or, in plain text, title lines)."""
    labels = find_labels(lines)
    headings = [i for i, ln in enumerate(lines) if ln.kind == "heading" and i not in labels]
    if headings:
        levels = sorted({lines[i].level for i in headings})
        level = levels[0]
        top = [i for i in headings if lines[i].level == level]
        if len(top) == 1 and len(levels) > 1:
            level = levels[1]
            top = [i for i in headings if lines[i].level == level]
        candidates, min_cues = top, 2
    else:
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
        min_cues = 3
    if len(candidates) < 2:
        return None
    chunks = _cut(lines, candidates)
    return chunks if _reads_as_records(chunks, min_cues) else None

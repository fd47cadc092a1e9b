"""From a document's text and blocks to the records it holds.

``extract_records`` is the entry point; the stages each own a module: ``segment`` (where records
begin and end), ``kind``, ``form`` (the nine-part good-practice form), ``fields``,
``organisations``, ``themes``.
"""

from __future__ import annotations

from practicehub.catalogue.extract.draft import RecordDraft, Section
from practicehub.documents.readers.base import Block


def extract_records(text: str, blocks: list[Block], language: str) -> list[RecordDraft]:
    """One record per document until segmentation and field extraction land (issue 4)."""
    content = [b for b in blocks if b.kind != "page_break"]
    if not content:
        return []
    first = content[0]
    title = text[first.start : first.end].strip()[:300]
    span = (content[0].start, content[-1].end)
    body = text[span[0] : span[1]]
    return [
        RecordDraft(
            kind="project",
            title=title,
            language=language,
            span=span,
            sections=[Section(key="description", heading=None, text=body, span=span)],
        )
    ]

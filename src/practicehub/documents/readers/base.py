"""The shape every reader returns, and the error every reader raises.

A reader turns a file's bytes into one string of text plus the blocks that make it up. Blocks
carry their kind (heading, paragraph, list item, table cell, page break) and their ``[start, end)``
offsets in that text, so later stages can point back at the exact words a value came from.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

logger = logging.getLogger(__name__)

BlockKind = Literal["heading", "paragraph", "list_item", "table_cell", "page_break"]


class ReadError(Exception):
    """The file cannot be read; the message says why in words a user understands."""


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    # Heading level (1 = top) or list nesting depth (0 = top); 0 where it does not apply.
    level: int = 0
    # 1-based page for paginated formats (PDF), else None.
    page: int | None = None
    # Filled in by language detection after reading.
    language: str | None = None
    # A list item's marker as the reader saw it: "1.", "a)", "•". In plain text the marker is
    # also the start of the block's text; in DOCX, ODT and HTML the number is drawn by the
    # application, not stored as text, so this is the only place it survives.
    marker: str = ""

    def to_dict(self) -> dict:
        data = {"kind": self.kind, "start": self.start, "end": self.end}
        if self.level:
            data["level"] = self.level
        if self.marker:
            data["marker"] = self.marker
        if self.page is not None:
            data["page"] = self.page
        if self.language:
            data["language"] = self.language
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Block:
        return cls(
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            level=data.get("level", 0),
            page=data.get("page"),
            language=data.get("language"),
            marker=data.get("marker", ""),
        )


@dataclass(slots=True)
class ReadResult:
    """What a reader made of one file."""

    text: str
    blocks: list[Block]
    media_type: str
    # The character encoding the bytes were decoded from, for text formats.
    encoding: str | None = None
    # Document metadata the format carries (title, author, ...), as found.
    metadata: dict[str, str] = field(default_factory=dict)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


class TextBuilder:
    """Collects blocks into one text, separated by blank lines, with their offsets.

    Readers for structured formats use it so that every reader lays text out the same way.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        level: int = 0,
        page: int | None = None,
        marker: str = "",
    ) -> None:
        text = text.strip()
        if not text:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self.blocks.append(
            Block(kind=kind, start=start, end=self._length, level=level, page=page, marker=marker)
        )

    def page_break(self, page: int) -> None:
        self.blocks.append(
            Block(kind="page_break", start=self._length, end=self._length, page=page)
        )

    def text(self) -> str:
        return "".join(self._parts)


@contextmanager
def library_errors(label: str) -> Iterator[None]:
    """Turn whatever a format library raises on bad bytes into a ReadError.

    Parsers fail on damaged files in many ways (KeyError, zlib.error, lxml's XMLSyntaxError, ...);
    the user needs one sentence, the log keeps the traceback.
    """
    try:
        yield
    except ReadError:
        raise
    except RecursionError as exc:
        raise ReadError(f"the {label} file nests too deeply to read") from exc
    except Exception as exc:
        logger.info("reading a %s file failed", label, exc_info=True)
        detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
        reason = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
        raise ReadError(f"the {label} file is damaged or not a valid {label} ({reason})") from exc

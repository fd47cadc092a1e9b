"""Plain text in any common encoding."""

from __future__ import annotations

from charset_normalizer import from_bytes

from practicehub.documents.readers import register
from practicehub.documents.readers.base import Block, ReadError, ReadResult


@register("text/plain", ".txt", ".text")
def read_text(data: bytes, filename: str) -> ReadResult:
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("not a text file (no character encoding fits its bytes)")
    text = str(best)
    blocks = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            blocks.append(Block(kind="paragraph", start=start, end=start + len(stripped)))
        pos += len(line)
    return ReadResult(text=text, blocks=blocks, media_type="text/plain", encoding=best.encoding)

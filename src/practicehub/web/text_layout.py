"""A record's plain section text laid out as paragraphs and (nested) lists for the page.

Extraction keeps every word of a section as plain text with its line breaks and list markers.
The page shows lines that start with a bullet or a number as list items; an item indented
deeper than the one before, or following an item that ends with a colon, nests under it.
Nothing is dropped: every line ends up in a paragraph or an item, markers aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARKER = re.compile(r"^(?:[•·▪▫◦○●■□➢➤►✓✔]\s*|[-–—*+]\s+|\(?\d{1,2}[.)](?!\d)\s+|\(?[a-z][.)]\s+)")


@dataclass
class Item:
    text: str
    children: list[Item] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph (``items`` empty) or a list (``text`` empty)."""

    text: str = ""
    items: list[Item] = field(default_factory=list)

    @property
    def is_list(self) -> bool:
        return bool(self.items)


def _list_item(line: str) -> tuple[int, str] | None:
    """(indent, text) of a list line, None for a paragraph line."""
    stripped = line.lstrip()
    m = _MARKER.match(stripped)
    if not m or not stripped[m.end() :].strip():
        return None
    indent = len(line) - len(stripped)
    return indent, stripped[m.end() :].strip()


@dataclass
class _Level:
    indent: int
    items: list[Item]
    after_colon: bool  # opened by an item ending with a colon, not by indentation


def layout_text(text: str) -> list[Block]:
    blocks: list[Block] = []
    stack: list[_Level] = []
    for line in text.splitlines():
        if not line.strip():
            stack = []
            continue
        found = _list_item(line)
        if found is None:
            blocks.append(Block(text=line.strip()))
            stack = []
            continue
        indent, body = found
        lower = body[:1].islower()
        if not stack:
            block = Block(items=[])
            blocks.append(block)
            stack = [_Level(indent, block.items, False)]
        elif indent > stack[-1].indent:
            stack.append(_Level(indent, stack[-1].items[-1].children, False))
        elif stack[-1].items[-1].text.endswith(":") and lower:
            stack.append(_Level(indent, stack[-1].items[-1].children, True))
        else:
            while len(stack) > 1 and (
                indent < stack[-1].indent or (stack[-1].after_colon and not lower)
            ):
                stack.pop()
        stack[-1].items.append(Item(body))
    return blocks

"""List numbers as word processors draw them: 3 -> "3", "c", "C", "iii", "III".

DOCX, ODT and HTML keep a list's numbering as a style plus a counter, not as text; readers use this
to record the marker a reader of the document would see.
"""

from __future__ import annotations

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def format_number(number: int, style: str) -> str:
    """``style`` is a DOCX ``numFmt`` value ("decimal", "lowerLetter", ...); others -> decimal."""
    if number < 1 or style not in _FORMATTERS:
        return str(number)
    return _FORMATTERS[style](number)


def _letters(number: int) -> str:
    # Word and browsers count a..z, then aa, bb, ... (not spreadsheet-style ab).
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    out = []
    for value, digits in _ROMAN:
        count, number = divmod(number, value)
        out.append(digits * count)
    return "".join(out)


_FORMATTERS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}

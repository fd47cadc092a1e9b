"""What a file is, judged from its first bytes rather than its name.

Magic numbers tell the binary formats apart; a ZIP archive is opened far enough to read its list
of parts (a DOCX has ``word/document.xml``, an ODT names its type in a ``mimetype`` part).
Anything else is treated as text, and the text and HTML readers decide whether it decodes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
HTML = "text/html"
TEXT = "text/plain"
ZIP_TYPES = (DOCX, ODT)
BROKEN_ZIP = "broken-zip"


@dataclass(frozen=True, slots=True)
class Rejected:
    """Content we recognise and do not read, with the reason to give."""

    reason: str


BINARY = Rejected("binary data, not a document")

# Formats people do send instead of a document, named so the reason helps them.
_MAGIC: tuple[tuple[bytes, Rejected], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        Rejected("an old binary Office file (.doc); save it as DOCX or PDF"),
    ),
    (b"{\\rtf", Rejected("an RTF file; save it as DOCX, ODT or PDF")),
    (b"\x89PNG\r\n\x1a\n", Rejected("an image (PNG), not a document")),
    (b"\xff\xd8\xff", Rejected("an image (JPEG), not a document")),
    (b"GIF87a", Rejected("an image (GIF), not a document")),
    (b"GIF89a", Rejected("an image (GIF), not a document")),
    (b"II*\x00", Rejected("an image (TIFF), not a document")),
    (b"MM\x00*", Rejected("an image (TIFF), not a document")),
    (b"\x1f\x8b", Rejected("a compressed (gzip) file; unpack it first")),
    (b"7z\xbc\xaf\x27\x1c", Rejected("a compressed (7z) archive; unpack it first")),
    (b"Rar!\x1a\x07", Rejected("a compressed (RAR) archive; unpack it first")),
    (b"\x7fELF", BINARY),
)

_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|\?xml[^>]*>\s*<html)", re.I | re.S
)


def sniff(data: bytes) -> str | Rejected:
    """A media type, ``BROKEN_ZIP``, a ``Rejected`` reason, or ``TEXT`` for "decode and see"."""
    # The PDF header may follow some junk, within the first kilobyte (PDF 32000-1, annex H).
    if data[:1024].find(b"%PDF-") != -1:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    for magic, rejected in _MAGIC:
        if data.startswith(magic):
            return rejected
    head = data[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2].count(b"\x00") == 1:
        head = head.replace(b"\x00", b"")  # UTF-16: look at the ASCII part of it
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    if _HTML_START.match(head):
        return HTML
    return TEXT


def _sniff_zip(data: bytes) -> str | Rejected:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size < 100
                and archive.read("mimetype").strip() == ODT.encode()
            ):
                return ODT
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return BROKEN_ZIP
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        return Rejected("a spreadsheet or presentation, not a text document")
    if "mimetype" in names:
        return Rejected("an OpenDocument file that is not a text document (ODT)")
    return Rejected("a ZIP archive, not a document; unpack it first")

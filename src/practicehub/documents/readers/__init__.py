"""Readers by media type: a registry, so an outside reader plugs in like the built-in ones.

The type of a file is decided by its content first (``sniff``) and its extension second: a PDF
named ``report.docx`` is read as a PDF, and a file whose bytes fit no format is rejected whatever
its name says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from practicehub.documents.readers import sniff
from practicehub.documents.readers.base import Block, ReadError, ReadResult

Reader = Callable[[bytes, str], ReadResult]


@dataclass(frozen=True, slots=True)
class Format:
    media_type: str
    # The name users know the format by, for messages: "DOCX", "PDF".
    label: str
    reader: Reader
    extensions: tuple[str, ...]


_FORMATS: dict[str, Format] = {}
_EXTENSIONS: dict[str, str] = {}


def register(media_type: str, *extensions: str, label: str) -> Callable[[Reader], Reader]:
    def decorator(reader: Reader) -> Reader:
        _FORMATS[media_type] = Format(media_type, label, reader, extensions)
        for ext in extensions:
            _EXTENSIONS[ext.lower()] = media_type
        return reader

    return decorator


def format_for(media_type: str) -> Format:
    return _FORMATS[media_type]


def detect_media_type(data: bytes, filename: str) -> str:
    """The media type to read ``data`` as, reconciling its content with its extension."""
    ext = PurePath(filename).suffix.lower()
    by_name = _EXTENSIONS.get(ext)
    by_content = sniff.sniff(data)
    if by_content == sniff.BROKEN_ZIP:
        label = _FORMATS[by_name].label if by_name in sniff.ZIP_TYPES else "ZIP"
        raise ReadError(f"the {label} file is damaged or truncated")
    if isinstance(by_content, sniff.Rejected):
        raise ReadError(by_content.reason)
    if by_content not in (sniff.TEXT, sniff.HTML):
        return by_content  # a binary format, whatever the name says
    # Text of some kind; the extension says which, and an HTML page needs no extension.
    if by_content == sniff.HTML and by_name != sniff.TEXT:
        return sniff.HTML
    if by_name in (sniff.TEXT, sniff.HTML):
        return by_name
    if not ext:
        return sniff.TEXT
    if by_name is None:
        raise ReadError(f"unknown file type {ext!r}")
    # The name promises a binary format the bytes do not have.
    raise ReadError(f"not a {_FORMATS[by_name].label} file (its content is plain text)")


def read_document(data: bytes, filename: str) -> ReadResult:
    """Read a file's bytes into text and blocks, or raise ReadError saying why not."""
    if not data:
        raise ReadError("the file is empty")
    media_type = detect_media_type(data, filename)
    return _FORMATS[media_type].reader(data, filename)


# The built-in readers register themselves on import.
from practicehub.documents.readers import docx as _docx  # noqa: E402,F401
from practicehub.documents.readers import html as _html  # noqa: E402,F401
from practicehub.documents.readers import odt as _odt  # noqa: E402,F401
from practicehub.documents.readers import pdf as _pdf  # noqa: E402,F401
from practicehub.documents.readers import text as _text  # noqa: E402,F401

__all__ = [
    "Block",
    "Format",
    "ReadError",
    "ReadResult",
    "detect_media_type",
    "format_for",
    "read_document",
    "register",
]

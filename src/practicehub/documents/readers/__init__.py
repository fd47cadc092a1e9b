"""Readers by media type: a registry, so an outside reader plugs in like the built-in ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from practicehub.documents.readers.base import Block, ReadError, ReadResult

Reader = Callable[[bytes, str], ReadResult]

_READERS: dict[str, Reader] = {}
_EXTENSIONS: dict[str, str] = {}


def register(media_type: str, *extensions: str) -> Callable[[Reader], Reader]:
    def decorator(reader: Reader) -> Reader:
        _READERS[media_type] = reader
        for ext in extensions:
            _EXTENSIONS[ext.lower()] = media_type
        return reader

    return decorator


def detect_media_type(data: bytes, filename: str) -> str:
    ext = PurePath(filename).suffix.lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    raise ReadError(f"unknown file type {ext or '(no extension)'!r}")


def read_document(data: bytes, filename: str) -> ReadResult:
    """Read a file's bytes into text and blocks, or raise ReadError saying why not."""
    if not data:
        raise ReadError("the file is empty")
    media_type = detect_media_type(data, filename)
    return _READERS[media_type](data, filename)


# The built-in readers register themselves on import.
from practicehub.documents.readers import text as _text  # noqa: E402,F401

__all__ = ["Block", "ReadError", "ReadResult", "detect_media_type", "read_document", "register"]

"""Running the real readers and extraction on text the tests write, and on shared files."""

from __future__ import annotations

from pathlib import Path

from practicehub.catalogue.extract import extract_records
from practicehub.catalogue.extract.draft import RecordDraft
from practicehub.documents.language import detect_languages
from practicehub.documents.readers import read_document


def extract_bytes(data: bytes, filename: str) -> tuple[str, list[RecordDraft]]:
    result = read_document(data, filename)
    info = detect_languages(result)
    return result.text, extract_records(result.text, result.blocks, info.language)


def extract_text(text: str, filename: str = "doc.txt") -> list[RecordDraft]:
    return extract_bytes(text.encode("utf-8"), filename)[1]


def extract_file(path: Path) -> tuple[str, list[RecordDraft]]:
    return extract_bytes(path.read_bytes(), path.name)

"""Exports of records, one writer per format, registered by name.

Each writer takes an iterable of exchange-format dicts (``selectors.record_to_dict``) and a
binary stream, so the command line, the web download and the API share them. The spreadsheet
(``export_xlsx``) and linked-data (``export_jsonld``) writers live in modules of their own and
register here the same way.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO

Writer = Callable[[Iterable[dict[str, Any]], BinaryIO], None]
WRITERS: dict[str, Writer] = {}
MEDIA_TYPES: dict[str, str] = {}
EXTENSIONS: dict[str, str] = {}


def writer(name: str, media_type: str, extension: str = "") -> Callable[[Writer], Writer]:
    def decorator(func: Writer) -> Writer:
        WRITERS[name] = func
        MEDIA_TYPES[name] = media_type
        EXTENSIONS[name] = extension or name
        return func

    return decorator


@writer("json", "application/json")
def write_json(records: Iterable[dict[str, Any]], out: BinaryIO) -> None:
    # Streamed record by record so a large catalogue never sits in memory as one string.
    out.write(b"[")
    for i, record in enumerate(records):
        out.write(b",\n" if i else b"\n")
        out.write(json.dumps(record, ensure_ascii=False, indent=2).encode())
    out.write(b"\n]\n")


@writer("jsonl", "application/x-ndjson")
def write_jsonl(records: Iterable[dict[str, Any]], out: BinaryIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")


CSV_COLUMNS = [
    "id",
    "kind",
    "title",
    "language",
    "status",
    "summary",
    "period_start",
    "period_end",
    "organisations",
    "roles",
    "funding_programmes",
    "funding_text",
    "project_numbers",
    "themes",
    "target_groups",
    "objectives",
    "activities",
    "emails",
    "websites",
    "addresses",
    "source_file",
    "source_sha256",
]
_LIST_SEPARATOR = "; "


def flat_row(record: dict[str, Any]) -> dict[str, str]:
    """One spreadsheet row: lists joined with "; ", nested objects spread over columns."""

    def join(items: Iterable[Any]) -> str:
        return _LIST_SEPARATOR.join(str(i) for i in items if i)

    orgs = record["organisations"]
    return {
        "id": record["id"],
        "kind": record["kind"],
        "title": record["title"],
        "language": record["language"],
        "status": record["status"],
        "summary": record["summary"],
        "period_start": record["period"]["start"] or "",
        "period_end": record["period"]["end"] or "",
        "organisations": join(o["name"] for o in orgs),
        "roles": join(f"{o['name']} ({o['role']})" for o in orgs),
        "funding_programmes": join(f["programme"] for f in record["funding"]),
        "funding_text": join(f["text"] for f in record["funding"]),
        "project_numbers": join(record["project_numbers"]),
        "themes": join(record["themes"]),
        "target_groups": join(record["target_groups"]),
        "objectives": join(record.get("objectives", [])),
        "activities": join(record.get("activities", [])),
        "emails": join(record["contacts"]["emails"]),
        "websites": join(record["contacts"]["websites"]),
        "addresses": join(record["contacts"]["addresses"]),
        "source_file": record["source"]["file"],
        "source_sha256": record["source"]["sha256"],
    }


@writer("csv", "text/csv; charset=utf-8")
def write_csv(records: Iterable[dict[str, Any]], out: BinaryIO) -> None:
    # A byte-order mark so that spreadsheet programs open Lithuanian letters correctly.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        rows = csv.DictWriter(text, fieldnames=CSV_COLUMNS)
        rows.writeheader()
        for record in records:
            rows.writerow(flat_row(record))
    finally:
        text.detach()


# The other built-in writers register themselves on import.
from practicehub.catalogue import export_jsonld, export_xlsx  # noqa: E402, F401

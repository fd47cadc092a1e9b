"""The spreadsheet export: every field of every record, in four sheets a report can use.

``records`` has one row per record with list fields one item per line in the cell;
``organisations``, ``funding`` and ``sections`` have one row per item, keyed by ``record_id`` and
``position``, so nothing the JSON holds is left out. Cells are written as text, never as
formulas ("=..." from a document stays text), and a section longer than a cell may hold (32,767
characters) continues on the next row with the next ``part`` number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from practicehub.catalogue.export import writer

RECORD_COLUMNS = [
    "id",
    "kind",
    "title",
    "language",
    "status",
    "summary",
    "period_start",
    "period_end",
    "objectives",
    "activities",
    "project_numbers",
    "themes",
    "target_groups",
    "emails",
    "websites",
    "addresses",
    "source_file",
    "source_sha256",
    "source_span_start",
    "source_span_end",
]
ORGANISATION_COLUMNS = [
    "record_id", "position", "name", "role", "acronym", "country", "organisation_id",
]  # fmt: skip
FUNDING_COLUMNS = ["record_id", "position", "programme", "text"]
SECTION_COLUMNS = ["record_id", "position", "key", "heading", "part", "text"]
LIST_FIELDS = {
    "objectives": ("objectives",),
    "activities": ("activities",),
    "project_numbers": ("project_numbers",),
    "themes": ("themes",),
    "target_groups": ("target_groups",),
    "emails": ("contacts", "emails"),
    "websites": ("contacts", "websites"),
    "addresses": ("contacts", "addresses"),
}
CELL_LIMIT = 32_767
LINE = "\n"


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell | None:
    if value is None:
        return None
    if isinstance(value, int):
        return WriteOnlyCell(sheet, value=value)
    # Control characters are not allowed in the file format; they carry no text.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    cell.data_type = "s"  # text, even when it starts with "=" (no formula injection)
    return cell


def _append(sheet: WriteOnlyWorksheet, values: list[Any]) -> None:
    sheet.append([_cell(sheet, v) for v in values])


def _header(sheet: WriteOnlyWorksheet, columns: list[str]) -> None:
    cells = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)
    sheet.freeze_panes = "A2"


def _record_row(record: dict[str, Any]) -> list[Any]:
    def listed(path: tuple[str, ...]) -> str:
        value: Any = record
        for key in path:
            value = value[key]
        return LINE.join(value)

    span = record["source"].get("span") or [None, None]
    row = {
        "id": record["id"],
        "kind": record["kind"],
        "title": record["title"],
        "language": record["language"],
        "status": record["status"],
        "summary": record["summary"],
        "period_start": record["period"]["start"],
        "period_end": record["period"]["end"],
        **{name: listed(path) for name, path in LIST_FIELDS.items()},
        "source_file": record["source"]["file"],
        "source_sha256": record["source"]["sha256"],
        "source_span_start": span[0],
        "source_span_end": span[1],
    }
    return [row[c] for c in RECORD_COLUMNS]


@writer(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension="xlsx"
)
def write_xlsx(records: Iterable[dict[str, Any]], out: BinaryIO) -> None:
    book = Workbook(write_only=True)
    sheets = {
        "records": RECORD_COLUMNS,
        "organisations": ORGANISATION_COLUMNS,
        "funding": FUNDING_COLUMNS,
        "sections": SECTION_COLUMNS,
    }
    made = {name: book.create_sheet(name) for name in sheets}
    for name, columns in sheets.items():
        _header(made[name], columns)
    for record in records:
        rid = record["id"]
        _append(made["records"], _record_row(record))
        for i, org in enumerate(record["organisations"], start=1):
            _append(
                made["organisations"],
                [rid, i, org["name"], org["role"], org.get("acronym"), org.get("country"),
                 org.get("organisation_id")],
            )  # fmt: skip
        for i, funding in enumerate(record["funding"], start=1):
            _append(made["funding"], [rid, i, funding["programme"], funding["text"]])
        for i, section in enumerate(record["sections"], start=1):
            text = section["text"]
            parts = [text[n : n + CELL_LIMIT] for n in range(0, len(text), CELL_LIMIT)] or [""]
            for part, chunk in enumerate(parts, start=1):
                _append(made["sections"], [rid, i, section["key"], section["heading"], part, chunk])
    book.save(out)

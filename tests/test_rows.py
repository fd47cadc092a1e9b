"""``rows_insert`` stores rows as ``bulk_create`` would: read back through the ORM, a row it
wrote equals the same row written by ``bulk_create``, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practicehub.catalogue.models import Record, Revision
from practicehub.documents.models import Document
from practicehub.rows import PG_ROWS, instances_insert, rows_insert

pytestmark = pytest.mark.django_db

# Text a driver or an array literal must escape: quotes, backslashes, braces, commas, NULL,
# line breaks, Lithuanian letters.
TRICKY = 'Lygių "galimybių" \\ {centras}, NULL\n\tą\u3000'
VALUES = {
    "kind": Record.Kind.GOOD_PRACTICE,
    "title": TRICKY,
    "language": "lt",
    "summary": "",
    "sections": [{"key": "aim", "heading": TRICKY, "text": "x", "span": None}],
    "objectives": [TRICKY, "", "null"],
    "activities": [],
    "project_numbers": ["NR-1"],
    "period_start": "2019-01",
    "period_end": "",
    "target_groups": ["migrantai"],
    "emails": [],
    "websites": ["https://example.org/a?b=\"c\"&d='e'"],
    "addresses": [],
    "span_start": 0,
    "span_end": None,
    "status": Record.Status.PUBLISHED,
    "provenance": {"title": [[0, 12]], "nested": {"deep": [None, True, 1.5, TRICKY]}},
    "extracted": {},
}
FIELDS = ("id", "document_id", "ordinal", *VALUES)


def _read(record_id: str) -> dict:
    record = Record.objects.get(id=record_id)
    skip = {"id", "created_at", "updated_at"}
    return {f.attname: getattr(record, f.attname) for f in Record._meta.concrete_fields} | {
        name: None for name in skip
    }


def _document() -> Document:
    return Document.objects.create(
        sha256="a" * 64, filename="a.txt", media_type="text/plain", size=1, text="a"
    )


def test_a_row_reads_back_as_the_same_row_written_by_bulk_create():
    document = _document()
    Record.objects.bulk_create([Record(id="by-orm", document=document, ordinal=2, **VALUES)])
    before = timezone.now()
    written = rows_insert(Record, FIELDS, [("by-rows", document.id, 2, *VALUES.values())])
    assert written == 1
    assert _read("by-rows") == _read("by-orm")
    stored = Record.objects.get(id="by-rows")
    # The timestamps bulk_create would set are set, to the time of the call.
    assert before - timedelta(seconds=1) <= stored.created_at <= timezone.now()
    assert before - timedelta(seconds=1) <= stored.updated_at <= timezone.now()


def test_fields_left_out_take_their_defaults_and_nulls_stay_null():
    rows_insert(Record, ("id", "title", "language"), [("bare", "Pavadinimas", "lt")])
    Record.objects.bulk_create([Record(id="bare-orm", title="Pavadinimas", language="lt")])
    assert _read("bare") == _read("bare-orm")
    bare = Record.objects.get(id="bare")
    assert (bare.kind, bare.status, bare.ordinal) == ("project", "draft", 1)
    assert (bare.sections, bare.provenance, bare.document_id, bare.span_start) == (
        [],
        {},
        None,
        None,
    )


def test_the_database_numbers_the_rows_in_the_order_given_across_statements():
    Record.objects.create(id="r", title="t", language="en")
    count = 2 * PG_ROWS + 7  # more than one statement on PostgreSQL
    changes = [{"n": [n, str(n)], "text": TRICKY} for n in range(count)]
    rows_insert(Revision, ("record_id", "action", "changes"), [("r", "ingest", c) for c in changes])
    stored = list(Revision.objects.filter(record_id="r").order_by("id"))
    assert [r.changes for r in stored] == changes
    assert len({r.id for r in stored}) == count
    assert all(r.created_at is not None and r.author_id is None for r in stored)


def test_instances_are_written_from_their_attributes():
    document = _document()
    record = Record(id="inst", document=document, title=TRICKY, language="en", objectives=["a"])
    instances_insert(Record, ("id", "document_id", "title", "language", "objectives"), [record])
    stored = Record.objects.get(id="inst")
    assert (stored.document, stored.title, stored.objectives) == (document, TRICKY, ["a"])


def test_no_rows_is_no_query():
    with CaptureQueriesContext(connection) as queries:
        assert rows_insert(Revision, ("record_id", "action"), []) == 0
    assert len(queries) == 0

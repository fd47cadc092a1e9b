"""Bulk inserts on PostgreSQL send each column as one text array (``pg_arrays``): our dumper
must write exactly the bytes psycopg's own does, and what goes in must come back unchanged."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg.adapt import PyFormat, Transformer
from psycopg.types.array import ListDumper
from psycopg.types.json import Jsonb

from practicehub.documents.models import Document
from practicehub.documents.pg_arrays import ArrayTextDumper

# What makes an element need quotes or escapes in PostgreSQL's array text form.
TRICKY = ['"', "\\", "{", "}", ",", " ", "\t", "\n", "NULL", "null", "\u3000", "ą", "'", ""]
# (PostgreSQL text cannot hold NUL, nor UTF-8 a lone surrogate: psycopg refuses both before
# any array is written.)
texts = st.lists(st.sampled_from(TRICKY), max_size=6).map("".join) | st.text(
    st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30
)


def dumped(dumper: type[ListDumper], value: list) -> bytes:
    tx = Transformer()
    return bytes(dumper(list, tx).upgrade(value, PyFormat.TEXT).dump(value))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.none() | texts, max_size=8))
def test_text_arrays_are_dumped_as_psycopg_dumps_them(value):
    assert dumped(ArrayTextDumper, value) == dumped(ListDumper, value)


json_values = st.dictionaries(texts, st.none() | texts | st.lists(texts), max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.lists(json_values, max_size=5))
def test_json_arrays_are_dumped_as_psycopg_dumps_them(value):
    rows = [Jsonb(v) for v in value]
    assert dumped(ArrayTextDumper, rows) == dumped(ListDumper, rows)


def test_nested_and_empty_lists_are_dumped_as_psycopg_dumps_them():
    for value in ([], [None], [["a\\b", 'c"d'], ["", None]], [[]]):
        assert dumped(ArrayTextDumper, value) == dumped(ListDumper, value)


@pytest.mark.django_db
def test_documents_bulk_inserted_come_back_unchanged():
    """Quotes, backslashes, braces and words PostgreSQL's array form treats specially, in text
    and JSON columns, through Django's bulk insert (one array per column on PostgreSQL)."""
    odd = 'a "quoted" \\ back\\slash {brace}, NULL\tnull \u3000 ą\n'
    documents = [
        Document(
            sha256=f"{n:064x}",
            filename=f'{n} "{odd}".txt',
            source=odd * n,
            media_type="text/plain",
            size=n,
            text=odd * (n + 1),
            blocks=[{"kind": "paragraph", "text": odd, "n": n}, {"kind": '\\"', "x": None}],
            language="lt",
            languages={odd: 0.5},
            metadata={"title": odd, "list": [odd, "NULL", "", "\\"]},
        )
        for n in range(3)
    ]
    Document.objects.bulk_create(documents)
    stored = {d.sha256: d for d in Document.objects.all()}
    for d in documents:
        got = stored[d.sha256]
        fields = ("filename", "source", "text", "blocks", "languages", "metadata")
        assert [getattr(got, f) for f in fields] == [getattr(d, f) for f in fields]


@pytest.mark.django_db
def test_postgresql_connections_use_the_faster_dumper():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    connection.ensure_connection()
    adapters = connection.connection.adapters
    assert adapters.get_dumper(list, PyFormat.AUTO) is ArrayTextDumper
    assert adapters.get_dumper(list, PyFormat.TEXT) is ArrayTextDumper

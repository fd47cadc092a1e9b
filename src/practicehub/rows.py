"""Many new rows inserted without a model instance per row.

``bulk_create`` builds an instance per row, asks every field of every instance for its value
and compiles a statement that names each value: for the tens of rows an ingested document makes
(its records, their organisations, funding, themes, passages, index entry) that was most of the
CPU time the ingesting process spent storing it. ``rows_insert`` takes the rows as tuples and
sends them with one prepared statement: only the values whose type the database driver cannot
take as they are (JSON, dates and times) go through their field, the rest are passed untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, models
from django.utils import timezone

# Fields whose value the drivers of both databases take as it is, when it has the field's
# Python type (str, int, bool or None): ``get_db_prep_save`` would return it unchanged.
_AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "IntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallAutoField",
        "SmallIntegerField",
        "TextField",
    }
)


def rows_insert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    using: str = "default",
) -> int:
    """Insert ``rows`` (each the values of ``fields``, field names or attnames such as
    ``record_id``, in that order) as new rows of ``model``; the number inserted.

    As ``bulk_create`` would store them: a field not named takes its default, ``auto_now`` and
    ``auto_now_add`` fields the time of the call, an automatic primary key the database's next.
    The values must have their field's Python type (a str for a text field, an int for a
    number); the ids the database gives are not read back, so a model whose rows are referred
    to by those ids before they are read again is not for this function.
    """
    connection = connections[using]
    named = [model._meta.get_field(name) for name in fields]
    rest = [f for f in model._meta.concrete_fields if f not in named and not _automatic_pk(f)]
    constants = tuple(f.get_db_prep_save(_default(f), connection) for f in rest)
    prepared = [(i, f) for i, f in enumerate(named) if _internal_type(f) not in _AS_IS]
    params = [_row(row, prepared, constants, connection) for row in rows]
    if params:
        with connection.cursor() as cursor:
            _execute(cursor, connection, model._meta.db_table, [*named, *rest], params)
    return len(params)


def instances_insert(
    model: type[models.Model],
    fields: Sequence[str],
    instances: Iterable[models.Model],
    *,
    using: str = "default",
) -> int:
    """``rows_insert`` of the values of ``fields`` of these (unsaved) instances, for rows that
    are needed as instances anyway. The instances are left as they are (``bulk_create`` would
    set their timestamps and mark them saved)."""
    rows = ([getattr(obj, name) for name in fields] for obj in instances)
    return rows_insert(model, fields, rows, using=using)


# Rows per statement on PostgreSQL, where a statement holds one array per column.
PG_ROWS = 1000


def _execute(
    cursor: Any, connection: Any, table: str, columns: list[models.Field], params: list[tuple]
) -> None:
    """SQLite: one prepared statement run for each row (``executemany``, a loop in C).
    PostgreSQL: a statement per ``PG_ROWS`` rows taking each column as an array (``UNNEST``,
    as ``bulk_create`` does there): psycopg would send ``executemany``'s rows one by one."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in columns)
    if connection.vendor != "postgresql":
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", params)
        return
    # The type without its size (varchar[], not varchar(50)[]), as Django does.
    arrays = ", ".join(f"%s::{f.db_type(connection).split('(')[0]}[]" for f in columns)
    sql = f"INSERT INTO {quote(table)} ({names}) SELECT * FROM UNNEST({arrays})"
    for start in range(0, len(params), PG_ROWS):
        cursor.execute(
            sql, [list(column) for column in zip(*params[start : start + PG_ROWS], strict=True)]
        )


def _row(
    row: Sequence[Any],
    prepared: list[tuple[int, models.Field]],
    constants: tuple[Any, ...],
    connection: Any,
) -> tuple[Any, ...]:
    if not prepared:
        return (*row, *constants)
    values = list(row)
    for i, field in prepared:
        values[i] = field.get_db_prep_save(values[i], connection)
    return (*values, *constants)


def _automatic_pk(field: models.Field) -> bool:
    return field.primary_key and isinstance(field, models.AutoField)


def _internal_type(field: models.Field) -> str:
    target = field.target_field if field.is_relation else field
    return target.get_internal_type()


def _default(field: models.Field) -> Any:
    """The value a new row gets for a field not named (what ``pre_save`` would set)."""
    if not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)):
        return field.get_default()
    now = timezone.now()
    return now if isinstance(field, models.DateTimeField) else timezone.localdate(now)

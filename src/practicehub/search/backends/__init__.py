"""Keyword backends, one per database vendor, registered by vendor name.

Each turns a parsed query into its database's full-text query (built apart from running it, so
the SQL can be read and tested) and returns the matching entry ids with scores, higher better.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol

import numpy as np
from django.db import connection

from practicehub.search.query import ParsedQuery, Term

Mode = Literal["all", "any"]


def compile_boolean(
    query: ParsedQuery,
    mode: Mode,
    compile_term: Callable[[Term], str],
    *,
    and_: str,
    or_: str,
    and_not: str,
) -> str | None:
    """The query's groups joined in a database's boolean syntax: every group ("all") or any
    ("any"), each group any of its alternatives, excluded terms ruled out. None when empty."""
    groups = ["(" + or_.join(compile_term(t) for t in group) + ")" for group in query.groups]
    if not groups:
        return None
    expression = "(" + (and_ if mode == "all" else or_).join(groups) + ")"
    if query.excluded:
        expression += and_not + "(" + or_.join(compile_term(t) for t in query.excluded) + ")"
    return expression


class KeywordBackend(Protocol):
    def build(self, query: ParsedQuery, mode: Mode) -> tuple[str, list[str]] | None:
        """SQL and parameters for the query, or None when it cannot match anything."""

    def match(self, query: ParsedQuery, mode: Mode = "all") -> tuple[np.ndarray, np.ndarray]:
        """Entry ids (int64) and scores (float64, higher is better) of the matching rows."""


BACKENDS: dict[str, type] = {}


def register(vendor: str):
    def wrap(cls: type) -> type:
        BACKENDS[vendor] = cls
        return cls

    return wrap


def backend() -> KeywordBackend:
    from practicehub.search.backends import postgres, sqlite  # noqa: F401  (registration)

    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise RuntimeError(
            f"no keyword search backend for the {connection.vendor} database"
        ) from None


def run(sql: str, params: list[str]) -> tuple[np.ndarray, np.ndarray]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    ids, scores = zip(*rows, strict=True)
    return np.fromiter(ids, dtype=np.int64, count=len(ids)), np.asarray(scores, dtype=np.float64)


def phrase_key_rows(term: Term) -> list[tuple[str, ...]]:
    """The stem-key sequences a phrase may appear as: one per analyser, duplicates dropped."""
    rows: list[tuple[str, ...]] = []
    width = max(len(w.keys) for w in term.words)
    for i in range(width):
        row = tuple(sorted(w.keys)[min(i, len(w.keys) - 1)] for w in term.words)
        if row not in rows:
            rows.append(row)
    return rows

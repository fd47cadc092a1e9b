"""A file of vectors keyed by (model, text hash), kept in the data folder beside the database.

Embedding is the slow step (about 15 passages a second on two cores). The vectors of a text do
not depend on which database holds the record, so a second database on the same machine (the
PostgreSQL half of the test suite after the SQLite half, an evaluation run, a restore) takes
them from this file instead of running the model again. It is a plain SQLite file with one
table; losing it costs only time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path

from django.conf import settings


def cache_path() -> Path | None:
    """Where the cache lives; ``SEMANTIC_VECTOR_CACHE = None`` in settings turns it off."""
    default = Path(settings.DATA_DIR) / "vector-cache.sqlite3"
    path = getattr(settings, "SEMANTIC_VECTOR_CACHE", default)
    return Path(path) if path else None


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, hash TEXT NOT NULL, "
        "vector BLOB NOT NULL, PRIMARY KEY (model, hash)) WITHOUT ROWID"
    )
    return connection


def cache_get(model: str, hashes: Iterable[str]) -> dict[str, bytes]:
    """The cached vectors (float32 bytes) of those hashes the cache holds."""
    path = cache_path()
    wanted = list(hashes)
    if path is None or not wanted or not path.exists():
        return {}
    found: dict[str, bytes] = {}
    try:
        with closing(_connect(path)) as connection:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT hash, vector FROM vectors WHERE model = ? AND hash IN ({marks})",
                    [model, *chunk],
                )
                found.update(rows)
    except sqlite3.Error:
        # A damaged or locked cache is only a missed shortcut: the model embeds instead.
        return {}
    return found


def cache_put(model: str, vectors: Mapping[str, bytes]) -> None:
    path = cache_path()
    if path is None or not vectors:
        return
    try:
        with closing(_connect(path)) as connection, connection:
            connection.executemany(
                "INSERT OR IGNORE INTO vectors (model, hash, vector) VALUES (?, ?, ?)",
                [(model, h, v) for h, v in vectors.items()],
            )
    except sqlite3.Error:
        return

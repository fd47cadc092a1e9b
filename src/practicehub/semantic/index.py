"""The vectors of all passages as one float32 matrix in memory, searched exactly with numpy.

Rows are grouped by record (record_starts gives where each record's rows begin), so the best
passage of every record is one ``np.maximum.reduceat``. At 100,000 records with three passages
each the matrix takes 460 MB and a query reads it in under 20 ms on two cores; no approximate
index is needed at that size. The matrix is loaded on first use and again whenever
``IndexVersion`` says the passages or vectors changed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from practicehub.semantic.models import IndexVersion, Passage, PassageVector

_FETCH = 2000


@dataclass
class VectorIndex:
    model: str
    version: int | None
    matrix: np.ndarray  # (passages, dim) float32, unit rows
    passage_ids: np.ndarray  # (passages,) int64
    record_starts: np.ndarray  # (records,) int64, first row of each record
    record_ids: list[str]
    record_languages: np.ndarray  # (records,) int32, index into languages
    languages: list[str]
    loaded_at: float = 0.0
    load_seconds: float = 0.0
    _positions: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.record_ids)

    def position(self, record_id: str) -> int | None:
        if not self._positions and self.record_ids:
            self._positions = {rid: i for i, rid in enumerate(self.record_ids)}
        return self._positions.get(record_id)

    def record_rows(self, position: int) -> slice:
        end = (
            int(self.record_starts[position + 1])
            if position + 1 < len(self.record_starts)
            else len(self.passage_ids)
        )
        return slice(int(self.record_starts[position]), end)

    def best_per_record(self, passage_scores: np.ndarray) -> np.ndarray:
        if not len(self.record_starts):
            return np.empty(0, dtype=np.float32)
        return np.maximum.reduceat(passage_scores, self.record_starts)


def _current_version() -> int | None:
    row = IndexVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return int(row) if row is not None else None


def index_load(model: str, dim: int, version: int | None = None) -> VectorIndex:
    """Read every embedded passage of this model into one matrix, a few thousand rows at a time.

    Rows go straight into a matrix allocated once, so loading never holds the blobs and the
    matrix at the same time.
    """
    passages = Passage._meta.db_table
    vectors = PassageVector._meta.db_table
    qn = connection.ops.quote_name
    join = (
        f"FROM {qn(passages)} p JOIN {qn(vectors)} v "
        f"ON v.{qn('model')} = p.{qn('model')} AND v.{qn('content_hash')} = p.{qn('content_hash')} "
        f"WHERE p.{qn('model')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {join}", [model])
        expected = int(cursor.fetchone()[0])
        matrix = np.empty((expected, dim), dtype=np.float32)
        passage_ids = np.empty(expected, dtype=np.int64)
        record_ids: list[str] = []
        starts: list[int] = []
        record_languages: list[int] = []
        languages: dict[str, int] = {}
        cursor.execute(
            f"SELECT p.id, p.record_id, p.language, v.vector {join} "
            f"ORDER BY p.record_id, p.position",
            [model],
        )
        row = 0
        while rows := cursor.fetchmany(_FETCH):
            for pid, rid, language, blob in rows:
                if row >= len(matrix):  # passages added since the count
                    grow = max(_FETCH, len(matrix) // 4)
                    matrix = np.concatenate([matrix, np.empty((grow, dim), np.float32)])
                    passage_ids = np.concatenate([passage_ids, np.empty(grow, np.int64)])
                if not record_ids or record_ids[-1] != rid:
                    record_ids.append(rid)
                    starts.append(row)
                    record_languages.append(languages.setdefault(language, len(languages)))
                matrix[row] = np.frombuffer(bytes(blob), dtype="<f4", count=dim)
                passage_ids[row] = pid
                row += 1
    if row < len(matrix):
        matrix, passage_ids = matrix[:row].copy(), passage_ids[:row].copy()
    return VectorIndex(
        model=model,
        version=version,
        matrix=matrix,
        passage_ids=passage_ids,
        record_starts=np.asarray(starts, dtype=np.int64),
        record_ids=record_ids,
        record_languages=np.asarray(record_languages, dtype=np.int32),
        languages=list(languages),
    )


_lock = threading.Lock()
_loaded: dict[tuple, VectorIndex] = {}

# While a large collection is being embedded the version changes with every batch. A matrix
# that took more than SLOW_LOAD seconds to read is read again at most once per RELOAD_FACTOR
# times its load time, so a web process spends at most a few percent of its time reloading;
# small collections (and the tests) always see the newest vectors at once.
SLOW_LOAD = 0.5
RELOAD_FACTOR = 20


def index_current(model: str, dim: int) -> VectorIndex:
    """The matrix for this model and database, loaded again if the passages changed."""
    key = (connection.alias, connection.vendor, str(connection.settings_dict.get("NAME")), model)
    version = _current_version()
    index = _loaded.get(key)
    if index is not None and (index.version == version or _too_soon(index)):
        return index
    with _lock:
        index = _loaded.get(key)
        if index is None or (index.version != version and not _too_soon(index)):
            # Drop the old matrix before reading the new one: peak memory stays one matrix.
            _loaded.pop(key, None)
            index = None
            started = time.monotonic()
            index = index_load(model, dim, version)
            index.loaded_at = time.monotonic()
            index.load_seconds = index.loaded_at - started
            _loaded[key] = index
    return index


def _too_soon(index: VectorIndex) -> bool:
    return (
        index.load_seconds > SLOW_LOAD
        and time.monotonic() - index.loaded_at < RELOAD_FACTOR * index.load_seconds
    )

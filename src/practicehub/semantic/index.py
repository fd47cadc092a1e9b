"""The vectors of all passages as one matrix in memory, every passage scored for every query.

The matrix holds half-precision floats (float16): at 100,000 records with the sample
collection's 3.8 passages each it takes 280 MB instead of 560 MB. Scores are computed by
SimSIMD's half-precision kernels (numpy has none: it converts float16 element by element, 20
times slower than the scan); the rounding moves a cosine by about 1e-5, far below the
differences that order the records (search figures unchanged). Rows are grouped by record
(record_starts gives where each record's rows begin). The matrix is loaded on first use and
again whenever ``IndexVersion`` says the passages or vectors changed.

Beside it an int8 copy (half as large again) serves a first pass over every passage at about
half the cost of the half-precision scan (``coarse_scores``); a search then scores exactly only
the passages of the records that pass could rank near the top (``scores_of``; see
services._record_scores). The int8 values are kept offset by 128, as unsigned bytes: SimSIMD's
unsigned kernel is faster on AVX2 (5.6 against 7.6 ms for one query over 200,000 rows, 7.6
against 13.3 for two), and the offset's share of each product is a per-row and a per-query
term taken off afterwards, so the products are exactly the signed ones.

Why every passage is scored: an exact shortcut - a first pass on a 32-128 dimension projection
(PCA), bounding the rest by its norm - prunes nothing on e5 vectors. They share one large
mean direction and spread their remaining variance widely (64 components hold about 70% of
it), so the bound (0.05-0.1) is several times the spread of one query's scores (0.027).
Measured on 200,000 vectors drawn with the sample collection's mean and covariance and the
development queries: at 128 dimensions 37-57% of the records would still need scoring.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import simsimd
from django.db import connection

from practicehub.memory import release_free_memory
from practicehub.semantic.models import IndexVersion, Passage, PassageVector

_FETCH = 2000
# The matrix's element type (see the module docstring).
DTYPE = np.float16
# The scan's threads: while the search's own thread still builds its keyword lists they share the
# two cores, and once it waits for the semantic list the scan has both.
SCAN_THREADS = 2


@dataclass
class VectorIndex:
    model: str
    version: int | None
    matrix: np.ndarray  # (passages, dim) float16, unit rows
    passage_ids: np.ndarray  # (passages,) int64
    record_starts: np.ndarray  # (records,) int64, first row of each record
    record_ids: list[str]
    record_languages: np.ndarray  # (records,) int32, index into languages
    languages: list[str]
    # The first pass (see ``coarse_scores``): each row less ``centre``, scaled so its largest
    # element is 127 and rounded to int8, with that scale kept per row; stored as unsigned
    # bytes, the int8 value + 128 (``offset_bytes``).
    coarse: np.ndarray | None = None  # (passages, dim) uint8
    coarse_scale: np.ndarray | None = None  # (passages,) float32
    centre: np.ndarray | None = None  # (dim,) float32
    loaded_at: float = 0.0
    load_seconds: float = 0.0
    _positions: dict[str, int] = field(default_factory=dict, repr=False)
    _aligned: tuple[Sequence[str], np.ndarray] | None = field(default=None, repr=False)
    # For best_per_record: the records by passage count, most first, and the row of each
    # one's next passage for each further passage (see there).
    row_counts: np.ndarray = field(init=False, repr=False)  # (records,) rows of each record
    # (languages, records) float64: 1 where the record is in that language (for sums per
    # language as matrix products).
    language_rows: np.ndarray = field(init=False, repr=False)
    # (passages,) int32: what the 128 offset adds to a row's product besides the query's part.
    _coarse_offset: np.ndarray = field(init=False, repr=False)
    _by_count: np.ndarray = field(init=False, repr=False)
    _first_rows: np.ndarray = field(init=False, repr=False)
    _later_rows: list[np.ndarray] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.coarse is None:  # an index made in memory (the tests), not by index_load
            self.centre = (
                self.matrix.mean(axis=0, dtype=np.float32)
                if len(self.matrix)
                else np.zeros(self.matrix.shape[1], dtype=np.float32)
            )
            self.coarse = np.empty(self.matrix.shape, dtype=np.uint8)
            self.coarse_scale = np.empty(len(self.matrix), dtype=np.float32)
            for start in range(0, len(self.matrix), _FETCH):
                block = slice(start, start + _FETCH)
                rows, self.coarse_scale[block] = quantised(
                    self.matrix[block].astype(np.float32), self.centre
                )
                self.coarse[block] = offset_bytes(rows)
        # (a + 128) . (b + 128) = a . b + 128 (sum(a + 128) - 128 dim) + 128 sum(b + 128)
        dim = self.coarse.shape[1]
        sums = self.coarse.sum(axis=1, dtype=np.int64)
        self._coarse_offset = (128 * sums - 128 * 128 * dim).astype(np.int32)
        counts = np.diff(self.record_starts, append=len(self.passage_ids))
        self.row_counts = counts
        self.language_rows = np.equal.outer(
            np.arange(len(self.languages)), self.record_languages
        ).astype(np.float64)
        self._by_count = np.argsort(-counts, kind="stable")
        self._first_rows = self.record_starts[self._by_count]
        most = int(counts.max()) if len(counts) else 0
        self._later_rows = [
            self._first_rows[: int(np.count_nonzero(counts > k))] + k for k in range(1, most)
        ]

    @property
    def size(self) -> int:
        return len(self.record_ids)

    def position(self, record_id: str) -> int | None:
        if not self._positions and self.record_ids:
            self._positions = {rid: i for i, rid in enumerate(self.record_ids)}
        return self._positions.get(record_id)

    def positions_of(self, ids: Sequence[str]) -> np.ndarray:
        """The matrix position of each id (-1 for a record without vectors).

        The answer for the last list asked about is kept with the list itself: a caller's
        list of records (the search's facet table) is replaced when it changes, while its
        filters change with every query, so a filtered search costs no lookup per record.
        """
        aligned = self._aligned
        if aligned is not None and aligned[0] is ids and len(aligned[1]) == len(ids):
            return aligned[1]
        if not self._positions and self.record_ids:
            self._positions = {rid: i for i, rid in enumerate(self.record_ids)}
        get = self._positions.get
        positions = np.fromiter((get(rid, -1) for rid in ids), dtype=np.int64, count=len(ids))
        self._aligned = (ids, positions)
        return positions

    def record_rows(self, position: int) -> slice:
        end = (
            int(self.record_starts[position + 1])
            if position + 1 < len(self.record_starts)
            else len(self.passage_ids)
        )
        return slice(int(self.record_starts[position]), end)

    def scores(self, queries: np.ndarray) -> np.ndarray:
        """Every passage's cosine with each query vector: (queries, passages), float32.

        In the calling thread, without the interpreter lock. The query is rounded to half
        precision like the rows. SimSIMD allocates the result itself: with ``out=`` its cdist
        (6.5) takes one reference from ``None`` per call, and a long-running process would
        abort ("deallocating None") after some ten thousand queries.
        """
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32)).astype(DTYPE)
        if not len(self.matrix):
            return np.empty((len(queries), 0), dtype=np.float32)
        return np.asarray(
            simsimd.cdist(
                queries, self.matrix, metric="dot", out_dtype="float32", threads=SCAN_THREADS
            )
        )

    def coarse_scores(self, queries: np.ndarray) -> np.ndarray:
        """Every passage's approximate cosine with each query vector: (queries, passages).

        The int8 rows take half the bytes of the matrix and SimSIMD's int8 kernel half its
        time; the rows go through the kernel once for all the query's texts (matrix by
        queries, where queries by matrix reads the rows once per text). Rows are stored less
        a common centre (the mean direction that e5 vectors share), whose product with the
        query is added back exactly, so the int8 steps spend their precision on what differs
        between passages: the error is about 0.6% of the spread of one query's scores on the
        sample collection's vectors. ``scores_of`` gives the exact scores of the rows that
        decide a ranking.
        """
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        if not len(self.matrix):
            return np.empty((len(queries), 0), dtype=np.float32)
        rows, row_scale = quantised(queries, np.zeros_like(self.centre))
        rows = offset_bytes(rows)
        # Products of the offset bytes: whole numbers below 384 x 255^2, so int32 holds them
        # and the offset's share comes off exactly. Queries by passages, laid out so (a copy
        # of the kernel's passages-by-queries output): numpy's steps along a row of two
        # queries took eight times as long.
        products = np.asarray(
            simsimd.cdist(self.coarse, rows, metric="dot", out_dtype="int32", threads=SCAN_THREADS)
        ).T.copy()
        products -= self._coarse_offset
        products -= 128 * rows.sum(axis=1, dtype=np.int32)[:, None]
        # What is left is the signed product, below 384 x 128^2 < 2^24: exact in float32.
        out = products.astype(np.float32)
        out *= self.coarse_scale
        out *= row_scale[:, None]
        out += (queries @ self.centre)[:, None]
        return out

    def scores_of(self, queries: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The exact cosines of these rows with each query vector: (queries, rows), float32,
        computed as ``scores`` computes them."""
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32)).astype(DTYPE)
        if not len(rows):
            return np.empty((len(queries), 0), dtype=np.float32)
        return np.asarray(
            simsimd.cdist(queries, self.matrix[rows], metric="dot", out_dtype="float32")
        )

    def rows_of(self, positions: np.ndarray) -> np.ndarray:
        """The rows of these records, each record's rows together, in the order given."""
        starts = self.record_starts[positions]
        counts = self.row_counts[positions]
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
        return offsets + np.arange(int(counts.sum()))

    def best_per_record(self, passage_scores: np.ndarray) -> np.ndarray:
        """Each record's best passage score.

        With the records taken most passages first, the records that have a k-th passage are
        a prefix of that order, so each further passage is one contiguous maximum: about 1 ms
        at 100,000 records where ``np.maximum.reduceat`` (a call per record) took 6-12.
        """
        best = passage_scores[self._first_rows]
        for rows in self._later_rows:
            np.maximum(best[: len(rows)], passage_scores[rows], out=best[: len(rows)])
        out = np.empty_like(best)
        out[self._by_count] = best
        return out


def quantised(rows: np.ndarray, centre: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Float rows less ``centre`` as int8 rows and the scale of each: row ~ int8 * scale."""
    rows = rows - centre
    scale = np.abs(rows).max(axis=1) / 127
    scale[scale == 0] = 1.0
    return np.rint(rows / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def offset_bytes(rows: np.ndarray) -> np.ndarray:
    """int8 values as unsigned bytes, each + 128 (flipping the sign bit does exactly that)."""
    return rows.view(np.uint8) ^ np.uint8(0x80)


def _current_version() -> int | None:
    row = IndexVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return int(row) if row is not None else None


def index_version_sql() -> str:
    """The version (``IndexVersion``) as a scalar subquery, so a search can read it in the
    query that reads its own markers: on PostgreSQL each query is a round trip to a server
    process that must get a core, a few tenths of a millisecond on a quiet machine and a few
    milliseconds on a busy one."""
    qn = connection.ops.quote_name
    return f"(SELECT {qn('version')} FROM {qn(IndexVersion._meta.db_table)} WHERE {qn('id')} = 1)"


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
    # The passages of the model, not the joined rows: a passage has at most one vector, so
    # this bounds the rows, and it is counted on the passages' index alone (0.15 s at 200,000
    # passages where counting the join took 1.1-1.5 s). Rows of passages not embedded yet are
    # cut off below.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {qn(passages)} WHERE {qn('model')} = %s", [model])
        expected = int(cursor.fetchone()[0])
    matrix = np.empty((expected, dim), dtype=DTYPE)
    coarse = np.empty((expected, dim), dtype=np.uint8)
    coarse_scale = np.empty(expected, dtype=np.float32)
    centre: np.ndarray | None = None
    passage_ids = np.empty(expected, dtype=np.int64)
    record_ids: list[str] = []
    starts: list[int] = []
    record_languages: list[int] = []
    languages: dict[str, int] = {}
    # A server-side cursor on PostgreSQL: a plain one holds the whole result (every blob, as
    # large as the matrix) in the client at once - 1.5 GB peak at 100,000 records.
    with connection.chunked_cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, p.record_id, p.language, v.vector {join} "
            f"ORDER BY p.record_id, p.position",
            [model],
        )
        row = 0
        while rows := cursor.fetchmany(_FETCH):
            if row + len(rows) > len(matrix):  # passages added since the count
                grow = max(_FETCH, len(matrix) // 4, row + len(rows) - len(matrix))
                matrix = np.concatenate([matrix, np.empty((grow, dim), DTYPE)])
                coarse = np.concatenate([coarse, np.empty((grow, dim), np.uint8)])
                coarse_scale = np.concatenate([coarse_scale, np.empty(grow, np.float32)])
                passage_ids = np.concatenate([passage_ids, np.empty(grow, np.int64)])
            for offset, (_pid, rid, language, _blob) in enumerate(rows):
                if not record_ids or record_ids[-1] != rid:
                    record_ids.append(rid)
                    starts.append(row + offset)
                    record_languages.append(languages.setdefault(language, len(languages)))
            # One buffer per chunk instead of one small array per row.
            blob = b"".join(bytes(r[3]) for r in rows)
            block = np.frombuffer(blob, "<f4").reshape(len(rows), dim)
            if centre is None:
                # The first rows' mean: any vector near the shared direction will do (it is
                # added back exactly), and these rows are a sample of the collection.
                centre = block.mean(axis=0)
            matrix[row : row + len(rows)] = block
            signed, coarse_scale[row : row + len(rows)] = quantised(block, centre)
            coarse[row : row + len(rows)] = offset_bytes(signed)
            passage_ids[row : row + len(rows)] = [r[0] for r in rows]
            row += len(rows)
    if row < len(matrix):
        matrix, passage_ids = matrix[:row].copy(), passage_ids[:row].copy()
        coarse, coarse_scale = coarse[:row].copy(), coarse_scale[:row].copy()
    if centre is None:
        centre = np.zeros(dim, dtype=np.float32)
    return VectorIndex(
        model=model,
        version=version,
        matrix=matrix,
        passage_ids=passage_ids,
        record_starts=np.asarray(starts, dtype=np.int64),
        record_ids=record_ids,
        record_languages=np.asarray(record_languages, dtype=np.int32),
        languages=list(languages),
        coarse=coarse,
        coarse_scale=coarse_scale,
        centre=centre,
    )


_lock = threading.Lock()
_loaded: dict[tuple, VectorIndex] = {}

# While a large collection is being embedded the version changes with every batch. A matrix
# that took more than SLOW_LOAD seconds to read is read again at most once per RELOAD_FACTOR
# times its load time, so a web process spends at most a few percent of its time reloading;
# small collections (and the tests) always see the newest vectors at once.
SLOW_LOAD = 0.5
RELOAD_FACTOR = 20


def index_current(model: str, dim: int, version: int | None = None) -> VectorIndex:
    """The matrix for this model and database, loaded again if the passages changed;
    ``version``: the current ``IndexVersion`` when the caller has read it (read here when
    None)."""
    key = _key(model)
    version = version if version is not None else _current_version()
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
            release_free_memory()
            index.loaded_at = time.monotonic()
            index.load_seconds = index.loaded_at - started
            _loaded[key] = index
    return index


def _key(model: str) -> tuple:
    """The loaded matrix's key: the current database and the model."""
    return (connection.alias, connection.vendor, str(connection.settings_dict.get("NAME")), model)


def index_known_empty(model: str) -> bool:
    """Whether the matrix this process last loaded for the model and database was empty (no
    query is made; False when none is loaded yet)."""
    index = _loaded.get(_key(model))
    return index is not None and index.size == 0


def _too_soon(index: VectorIndex) -> bool:
    return (
        index.load_seconds > SLOW_LOAD
        and time.monotonic() - index.loaded_at < RELOAD_FACTOR * index.load_seconds
    )

"""Ingestion: from a file on disk to stored, searchable records.

The stages, in order, each a plain function from one shape to the next:

1. ``load``      path -> ``Incoming`` (bytes, name, SHA-256); rejects unreadable, empty and
                  oversized files.
2. ``read``      ``Incoming`` -> ``ReadResult`` (text + blocks) through the reader registered for
                  the file's type; rejects unknown types and broken files.
3. ``languages`` ``ReadResult`` -> ``LanguageInfo``; tags each block with its language.
4. ``extract``   text + blocks -> ``RecordDraft`` list (``catalogue.extract``). A document in which
                  extraction finds no record is rejected: nothing would be searchable.
5. ``store``     a batch of files in one transaction: the ``Document`` row, the original bytes,
                  the records. The batch's new files are written together, one query per
                  table; a file that may repeat or replace a stored one goes in a savepoint of
                  its own. If any part of a file fails, nothing of it stays in the database;
                  the other files of the batch are stored.

Ingesting bytes already stored is a no-op reported as "unchanged". A file whose bytes changed at
a source seen before replaces that document and updates its records in place.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

from django.conf import settings
from django.db import transaction

from practicehub.catalogue.extract import extract_records
from practicehub.catalogue.extract.draft import RecordDraft
from practicehub.catalogue.models import Record
from practicehub.catalogue.registry import RegistryTable
from practicehub.catalogue.services import (
    RecordRows,
    Vocabulary,
    draft_mentions,
    draft_values,
    records_build,
    records_save_from_drafts,
    vocabulary_known,
)
from practicehub.catalogue.signals import records_changed
from practicehub.documents import workers
from practicehub.documents.language import LanguageInfo, detect_languages
from practicehub.documents.models import Document
from practicehub.documents.readers import ReadError, ReadResult, read_document
from practicehub.documents.storage import original_path, original_save, sha256_of
from practicehub.search.indexing import record_analysis
from practicehub.semantic.passages import record_passages

logger = logging.getLogger(__name__)

# Files stored per transaction. Past a few dozen, a bigger batch saves little and holds more
# files in memory and the progress back longer (bench/ingest.py prints it). A batch also ends
# at BATCH_BYTES of files, so that large files do not pile up in memory.
BATCH_FILES = 50
BATCH_BYTES = 64 * 2**20


class IngestError(Exception):
    """A file was rejected; the message is the reason, for the user."""


@dataclass(slots=True)
class Incoming:
    filename: str
    source: str
    data: bytes
    sha256: str


@dataclass(slots=True)
class Outcome:
    source: str
    status: Literal["stored", "updated", "unchanged", "rejected"]
    document: Document | None = None
    records: int = 0
    reason: str = ""


def load(path: Path) -> Incoming:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise IngestError("not a regular file")
    if size > settings.MAX_UPLOAD_BYTES:
        raise IngestError(_too_big(size))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror or exc}") from exc
    return incoming_from_bytes(data, filename=path.name, source=str(path.resolve()))


def incoming_from_bytes(data: bytes, *, filename: str, source: str) -> Incoming:
    if not data:
        raise IngestError("the file is empty")
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise IngestError(_too_big(len(data)))
    return Incoming(filename=filename, source=source, data=data, sha256=sha256_of(data))


def _too_big(size: int) -> str:
    return f"the file is {_size(size)}, over the {_size(settings.MAX_UPLOAD_BYTES)} limit"


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} kB"


def read(incoming: Incoming) -> ReadResult:
    try:
        result = read_document(incoming.data, incoming.filename)
    except ReadError as exc:
        raise IngestError(str(exc)) from exc
    if not result.text.strip():
        raise IngestError("no text found in the file")
    return result


def languages(result: ReadResult) -> LanguageInfo:
    return detect_languages(result)


def extract(result: ReadResult, info: LanguageInfo) -> list[RecordDraft]:
    drafts = extract_records(result.text, result.blocks, info.language)
    if not drafts:
        raise IngestError("no record found in the text")
    return drafts


def store(batch: list[Prepared], *, status: str) -> list[Outcome]:
    """Store prepared files, one outcome per file in their order.

    The batch is one transaction. Its new files are written together (``_NewFiles``); a file
    that may repeat or replace a stored one is a savepoint in it, and rolls back its own
    savepoint only should it fail. One commit and one update of the search indexes serve the
    whole batch (per file, those cost more than the rows themselves). Should the batch itself fail
    (the commit, the connection), each file is stored again in a transaction of its own, so a
    failure never costs the other files.
    """
    try:
        return _store_batch(batch, status)
    except Exception as exc:
        if len(batch) == 1:
            return [_rejected(batch[0].incoming, exc)]
        logger.exception("a batch of %d files failed; storing them one by one", len(batch))
        return [outcome for p in batch for outcome in store([p], status=status)]


def _store_batch(batch: list[Prepared], status: str) -> list[Outcome]:
    outcomes: list[Outcome] = []
    stored_ids: list[str] = []
    with transaction.atomic():
        # What the batch's files need from the database, in a few queries for the batch
        # rather than a few per file: the organisation registry for all their names, the
        # programmes and themes they name, the documents they may repeat or replace.
        registry = RegistryTable().load(draft_mentions([d for p in batch for d in p.drafts]))
        vocabulary = vocabulary_known(drafts=[d for p in batch for d in p.drafts])
        known = _Known.load(batch)
        new = _NewFiles(status)
        for n, prepared in enumerate(batch):
            by_hash, by_source = known.lookups(prepared.incoming)
            if not (by_hash or by_source):
                outcomes.append(new.add(prepared, registry, vocabulary))
                continue
            # A file that may repeat or replace a document looks at the database: what the
            # files before it made is written first.
            stored_ids += new.write(registry)
            try:
                outcome, ids = _store_file(
                    prepared, status, registry, vocabulary, by_hash=by_hash, by_source=by_source
                )
            except Exception as exc:
                outcome, ids = _rejected(prepared.incoming, exc), []
                # What the table learnt from the file rolled back with it.
                rest = [d for p in batch[n + 1 :] for d in p.drafts]
                registry = RegistryTable().load(draft_mentions(rest))
            outcomes.append(outcome)
            stored_ids += ids
        stored_ids += new.write(registry)
        if stored_ids:
            # Robust: should the indexes fail to follow, the error is logged and the files,
            # committed by then, are still reported stored (`practicehub reindex` mends the
            # index) rather than the whole batch stored again as "unchanged".
            transaction.on_commit(
                lambda: records_changed.send(
                    sender=Record, record_ids=stored_ids, derived=new.derived
                ),
                robust=True,
            )
    return outcomes


class _NewFiles:
    """Files of a batch new to the database (bytes and source), written together: one query
    per table for all of them, not a few per file. Each file's original is kept on disk
    before anything of it is resolved or built, so a file whose bytes cannot be kept is
    rejected alone, and the registry never learns from it; any other failure fails the batch
    (``store`` then stores its files one by one)."""

    def __init__(self, status: str) -> None:
        self.status = status
        self.documents: list[Document] = []
        self.rows = RecordRows()
        self.originals: list[Path] = []  # written for these files, removed should they fail
        self.derived: dict[str, dict] = {}  # by record id, for ``records_changed``

    def add(self, p: Prepared, registry: RegistryTable, vocabulary: Vocabulary) -> Outcome:
        incoming = p.incoming
        try:
            fresh = not original_path(incoming.sha256).exists()
            path = original_save(data=incoming.data, sha256=incoming.sha256)
        except Exception as exc:
            return _rejected(incoming, exc)
        if fresh:
            self.originals.append(path)
        document = _document(p)
        records = records_build(
            document=document,
            drafts=p.drafts,
            status=self.status,
            registry=registry,
            vocabulary=vocabulary,
            rows=self.rows,
        )
        self.documents.append(document)
        if len(p.derived) == len(records):
            self.derived.update(zip([r.id for r in records], p.derived, strict=True))
        return Outcome(
            source=incoming.source, status="stored", document=document, records=len(records)
        )

    def write(self, registry: RegistryTable) -> list[str]:
        """Write what was added since the last write; the ids of the records written."""
        if not self.documents:
            return []
        try:
            Document.objects.bulk_create(self.documents)
            registry.flush()  # the organisations the participations name
            self.rows.write()
        except BaseException:
            for path in self.originals:
                path.unlink(missing_ok=True)
            raise
        ids = [r.id for r in self.rows.records]
        self.documents, self.rows, self.originals = [], RecordRows(), []
        return ids


@dataclass(slots=True)
class _Known:
    """Which of the batch's hashes and sources the database held when the batch began, so
    that a file whose bytes and source are new to it is stored without looking them up. A hash
    or source a file of the batch wrote is looked up again for the files after it (that file
    may have rolled back, or replaced a document)."""

    hashes: set[str]
    sources: set[str]
    written: set[str]

    @classmethod
    def load(cls, batch: list[Prepared]) -> _Known:
        hashes = {p.incoming.sha256 for p in batch}
        sources = {p.incoming.source for p in batch if p.incoming.source}
        stored = Document.objects.filter(sha256__in=hashes).values_list("sha256", flat=True)
        current = Document.objects.filter(source__in=sources, replaced_by__isnull=True)
        return cls(
            hashes=set(stored),
            sources=set(current.values_list("source", flat=True).distinct()),
            written=set(),
        )

    def lookups(self, incoming: Incoming) -> tuple[bool, bool]:
        """Whether the file's hash and its source need a query; the file then counts as
        written."""
        sha, source = incoming.sha256, incoming.source
        by_hash = sha in self.hashes or sha in self.written
        by_source = bool(source) and (source in self.sources or source in self.written)
        self.written.update((sha, source))
        return by_hash, by_source


def _document(p: Prepared) -> Document:
    """The (unsaved) document row of a prepared file: its text, blocks and languages."""
    incoming, result, info = p.incoming, p.result, p.info
    return Document(
        sha256=incoming.sha256,
        filename=incoming.filename,
        source=incoming.source,
        media_type=result.media_type,
        size=len(incoming.data),
        encoding=result.encoding or "",
        text=result.text,
        blocks=[b.to_dict() for b in result.blocks],
        language=info.language,
        languages=info.shares,
        is_mixed_language=info.is_mixed,
        metadata=result.metadata,
    )


def _store_file(
    p: Prepared,
    status: str,
    registry: RegistryTable,
    vocabulary: Vocabulary,
    *,
    by_hash: bool,
    by_source: bool,
) -> tuple[Outcome, list[str]]:
    """One file that may repeat or replace a stored document, in a savepoint of its own; the
    ids of the records to announce. ``by_hash`` and ``by_source``: whether its bytes and its
    source may be in the database (``_Known``)."""
    incoming = p.incoming
    with transaction.atomic():
        # Looked up here, not only before reading: with workers, or twice in one batch, the
        # same bytes may have been prepared twice, and the second must read "unchanged".
        existing = unchanged(incoming) if by_hash else None
        if existing is not None:
            return existing, []
        previous = (
            Document.objects.filter(source=incoming.source, replaced_by__isnull=True)
            .exclude(sha256=incoming.sha256)
            .first()
            if by_source
            else None
        )
        document = _document(p)
        document.save(force_insert=True)
        records = records_save_from_drafts(
            document=document,
            drafts=p.drafts,
            status=status,
            previous=previous,
            announce=False,
            registry=registry,
            vocabulary=vocabulary,
        )
        if previous is not None:
            previous.replaced_by = document
            previous.save(update_fields=["replaced_by"])
        # Last, so a failure above leaves no file behind that no row points to.
        original_save(data=incoming.data, sha256=incoming.sha256)
    outcome = Outcome(
        source=incoming.source,
        status="updated" if previous is not None else "stored",
        document=document,
        records=sum(1 for r in records if r.status != Record.Status.ARCHIVED),
    )
    return outcome, [r.id for r in records]


@dataclass(slots=True)
class Prepared:
    """A file read and extracted, ready to store: everything but the database. ``derived``,
    per draft, is what the search indexes make of a new record's values (``derive``)."""

    incoming: Incoming
    result: ReadResult
    info: LanguageInfo
    drafts: list[RecordDraft]
    derived: list[dict] = field(default_factory=list)


def prepare(incoming: Incoming) -> Prepared:
    """Read, tag languages and extract: pure computation, so it can run in a worker process."""
    result = read(incoming)
    info = languages(result)
    drafts = extract(result, info)
    return Prepared(incoming, result, info, drafts, [derive(d) for d in drafts])


def derive(draft: RecordDraft) -> dict:
    """The analysed texts and the passages of the record a draft becomes, for the indexes
    (``records_changed``'s ``derived``): computed here, in the worker processes, they cost the
    process that stores the files nothing but inserting the rows."""
    values = draft_values(draft)
    return {
        "search": record_analysis(values, [f["text"] for f in values["funding"]]),
        "passages": record_passages(SimpleNamespace(**values)),
    }


def ingest_path(path: Path, *, status: str = Record.Status.PUBLISHED) -> Outcome:
    """Run every stage for one file; a rejection is returned, never raised."""
    item = _read(path)
    prepared = _prepared_if_new(item) if isinstance(item, Incoming) else item
    return commit([prepared], status=status)[0]


def ingest_incoming(incoming: Incoming, *, status: str = Record.Status.PUBLISHED) -> Outcome:
    return commit([_prepared_if_new(incoming)], status=status)[0]


def _prepared_if_new(incoming: Incoming) -> Prepared | Outcome:
    """The file prepared, or its outcome when its bytes are stored already."""
    return unchanged(incoming) or _guarded(prepare, incoming)


def unchanged(incoming: Incoming) -> Outcome | None:
    """The outcome for bytes already stored, or None when the file is new."""
    existing = Document.objects.filter(sha256=incoming.sha256).first()
    if existing is None:
        return None
    return Outcome(
        source=incoming.source,
        status="unchanged",
        document=existing,
        records=existing.records.exclude(status=Record.Status.ARCHIVED).count(),
    )


def commit(items: list[Prepared | Outcome], *, status: str) -> list[Outcome]:
    """Store what ``prepare`` made, as one batch; rejections from it pass through untouched."""
    stored = iter(store([p for p in items if isinstance(p, Prepared)], status=status))
    return [item if isinstance(item, Outcome) else next(stored) for item in items]


def ingest_paths(
    paths: list[Path],
    *,
    status: str = Record.Status.PUBLISHED,
    jobs: int = 1,
    batch: int = BATCH_FILES,
) -> Iterator[tuple[Path, Outcome]]:
    """Ingest files in order, yielding each outcome once its batch is committed.

    With ``jobs`` > 1, reading and extraction (the CPU-bound part) run in that many worker
    processes while this process stores the files read before, in their order, ``batch`` files
    per transaction. This process prepares the first file itself before it starts them: that
    loads the language model and the extraction tables (about a second of CPU), which workers
    forked from it then have without loading them each (see ``_pool``).
    """
    batch = max(1, batch)
    loaded = _loaded(paths, batch)
    if jobs <= 1:
        chunk: list[tuple[Path, Prepared | Outcome, int]] = []
        for path, item in loaded:
            item = _prepare_loaded(item)
            chunk.append((path, item, len(item.incoming.data) if isinstance(item, Prepared) else 0))
            if len(chunk) >= batch or sum(size for _, _, size in chunk) >= BATCH_BYTES:
                yield from _commit_chunk(chunk, status)
                chunk = []
        yield from _commit_chunk(chunk, status)
        return
    pending: deque[tuple[Path, Future | Prepared | Outcome, int]] = deque()
    for path, item in loaded:
        item = _prepare_loaded(item)
        pending.append((path, item, len(item.incoming.data) if isinstance(item, Prepared) else 0))
        if isinstance(item, Prepared):
            break
        if len(pending) >= batch:
            yield from _commit_next(pending, batch, status)
    with _pool(jobs) as pool:
        for path, item in loaded:
            if isinstance(item, Incoming):
                pending.append((path, pool.submit(_guarded, prepare, item), len(item.data)))
            else:
                pending.append((path, item, 0))
            # Keep a batch in the workers' hands while this process stores the one before, and
            # the memory bounded: two batches ahead at most.
            if len(pending) >= 2 * batch or _bytes(pending) >= 2 * BATCH_BYTES:
                yield from _commit_next(pending, batch, status)
        # The last files: half of what is left at a time, so that storing overlaps with the
        # workers' last files and the store after them is a file or two, not a whole batch.
        while pending:
            yield from _commit_next(pending, min(batch, max(1, len(pending) // 2)), status)


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes for ``prepare``. Forked where fork is safe (Linux), so that they start
    with what this process has loaded; they never use its database connections, and this
    process runs no other thread when they start. Elsewhere spawned, each setting Django up."""
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=workers.tune_gc)
        _widen_result_pipe(pool)
        return pool
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=workers.setup)


# Room for a dozen prepared files (one is ~75 kB pickled: its text, blocks, drafts and index
# texts), and the most Linux lets a process without privileges ask for (fs.pipe-max-size).
RESULT_PIPE_BYTES = 2**20


def _widen_result_pipe(pool: ProcessPoolExecutor) -> None:
    """Widen the pipe the workers send prepared files back through. At Linux's default 64 kB a
    prepared file does not fit, so a worker waits halfway through sending one until this
    process, busy storing the batch before, reads it (with two workers, ~5% of their time).
    The pipe is a private part of ``concurrent.futures``: where it is not there, or the
    system refuses, the pool works as before."""
    import fcntl

    try:
        fcntl.fcntl(pool._result_queue._writer.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
    except (AttributeError, OSError):
        logger.debug("the workers' result pipe keeps its default size", exc_info=True)


def _bytes(items) -> int:
    return sum(size for _, _, size in items)


def _read(path: Path) -> Incoming | Outcome:
    """The file's bytes, or its rejection when it cannot be read."""
    try:
        return load(path)
    except IngestError as exc:
        return Outcome(source=str(path), status="rejected", reason=str(exc))


def _loaded(paths: Iterable[Path], batch: int) -> Iterator[tuple[Path, Incoming | Outcome]]:
    """The files read, in order: each an ``Incoming`` to prepare, or its outcome when there is
    nothing to do (unreadable, or its bytes stored already). Whether bytes are stored is asked
    once for ``batch`` files (``BATCH_BYTES`` at most), not once per file: on PostgreSQL a query
    per file cost this process ~0.5 ms of each file's ~9 ms. ``store`` asks again before
    writing, so bytes stored in the meantime (or twice in one call) still read "unchanged"."""
    group: list[tuple[Path, Incoming | Outcome]] = []
    size = 0
    for path in paths:
        item = _read(path)
        if isinstance(item, Incoming):
            size += len(item.data)
        group.append((path, item))
        if len(group) >= batch or size >= BATCH_BYTES:
            yield from _unchanged_marked(group)
            group, size = [], 0
    yield from _unchanged_marked(group)


def _unchanged_marked(
    group: list[tuple[Path, Incoming | Outcome]],
) -> Iterator[tuple[Path, Incoming | Outcome]]:
    """The group with the files whose bytes are stored replaced by their outcome."""
    hashes = {item.sha256 for _, item in group if isinstance(item, Incoming)}
    stored = (
        set(Document.objects.filter(sha256__in=hashes).values_list("sha256", flat=True))
        if hashes
        else set()
    )
    for path, item in group:
        if isinstance(item, Incoming) and item.sha256 in stored:
            yield path, unchanged(item) or item
        else:
            yield path, item


def _prepare_loaded(item: Incoming | Outcome) -> Prepared | Outcome:
    return _guarded(prepare, item) if isinstance(item, Incoming) else item


def _commit_next(pending: deque, batch: int, status: str) -> Iterator[tuple[Path, Outcome]]:
    """Wait for the next files in order, up to a batch, and store them."""
    chunk: list[tuple[Path, Prepared | Outcome, int]] = []
    while pending and len(chunk) < batch and _bytes(chunk) < BATCH_BYTES:
        path, item, size = pending.popleft()
        try:
            item = item.result() if isinstance(item, Future) else item
        except BrokenProcessPool:  # a parser took its worker down with it
            item = Outcome(
                source=str(path), status="rejected", reason="could not be processed (worker ended)"
            )
        chunk.append((path, item, size))
    yield from _commit_chunk(chunk, status)


def _commit_chunk(
    chunk: list[tuple[Path, Prepared | Outcome, int]], status: str
) -> Iterator[tuple[Path, Outcome]]:
    if chunk:
        outcomes = commit([item for _, item, _ in chunk], status=status)
        yield from zip([path for path, _, _ in chunk], outcomes, strict=True)


def _guarded(stage, incoming: Incoming, *args, **kwargs):
    """Run a stage; a rejection, or a bug in a reader or extractor, becomes a rejected outcome
    so that it never loses the other files of the same call."""
    try:
        return stage(incoming, *args, **kwargs)
    except Exception as exc:
        return _rejected(incoming, exc)


def _rejected(incoming: Incoming, exc: Exception) -> Outcome:
    if isinstance(exc, IngestError):
        return Outcome(source=incoming.source, status="rejected", reason=str(exc))
    logger.error("ingest failed for %s", incoming.source, exc_info=exc)
    return Outcome(
        source=incoming.source,
        status="rejected",
        reason=f"could not be processed ({type(exc).__name__}: {exc})",
    )


def iter_files(paths: list[Path]) -> list[Path]:
    """Files named, and files under folders named (recursively, hidden ones skipped), in order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
        else:
            found.append(path)
    return found

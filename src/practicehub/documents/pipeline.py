"""Ingestion: from a file on disk to stored, searchable records.

The stages, in order, each a plain function from one shape to the next:

1. ``load``      path -> ``Incoming`` (bytes, name, SHA-256); rejects unreadable, empty and
                  oversized files.
2. ``read``      ``Incoming`` -> ``ReadResult`` (text + blocks) through the reader registered for
                  the file's type; rejects unknown types and broken files.
3. ``languages`` ``ReadResult`` -> ``LanguageInfo``; tags each block with its language.
4. ``extract``   text + blocks -> ``RecordDraft`` list (``catalogue.extract``). A document in which
                  extraction finds no record is rejected: nothing would be searchable.
5. ``store``     one transaction: the ``Document`` row, the original bytes, the records. If any
                  part fails, nothing of the file stays in the database.

Ingesting bytes already stored is a no-op reported as "unchanged". A file whose bytes changed at
a source seen before replaces that document and updates its records in place.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db import transaction

from practicehub.catalogue.extract import extract_records
from practicehub.catalogue.extract.draft import RecordDraft
from practicehub.catalogue.models import Record
from practicehub.catalogue.services import records_save_from_drafts
from practicehub.documents import workers
from practicehub.documents.language import LanguageInfo, detect_languages
from practicehub.documents.models import Document
from practicehub.documents.readers import ReadError, ReadResult, read_document
from practicehub.documents.storage import original_save, sha256_of

logger = logging.getLogger(__name__)


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


def store(
    incoming: Incoming,
    result: ReadResult,
    info: LanguageInfo,
    drafts: list[RecordDraft],
    *,
    status: str,
) -> Outcome:
    with transaction.atomic():
        previous = (
            Document.objects.filter(source=incoming.source, replaced_by__isnull=True)
            .exclude(sha256=incoming.sha256)
            .first()
            if incoming.source
            else None
        )
        document = Document.objects.create(
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
        records = records_save_from_drafts(
            document=document, drafts=drafts, status=status, previous=previous
        )
        if previous is not None:
            previous.replaced_by = document
            previous.save(update_fields=["replaced_by"])
        # Last, so a failure above leaves no file behind that no row points to.
        original_save(data=incoming.data, sha256=incoming.sha256)
    return Outcome(
        source=incoming.source,
        status="updated" if previous is not None else "stored",
        document=document,
        records=sum(1 for r in records if r.status != Record.Status.ARCHIVED),
    )


@dataclass(slots=True)
class Prepared:
    """A file read and extracted, ready to store: everything but the database."""

    incoming: Incoming
    result: ReadResult
    info: LanguageInfo
    drafts: list[RecordDraft]


def prepare(incoming: Incoming) -> Prepared:
    """Read, tag languages and extract: pure computation, so it can run in a worker process."""
    result = read(incoming)
    info = languages(result)
    return Prepared(incoming, result, info, extract(result, info))


def ingest_path(path: Path, *, status: str = Record.Status.PUBLISHED) -> Outcome:
    """Run every stage for one file; a rejection is returned, never raised."""
    try:
        incoming = load(path)
    except IngestError as exc:
        return Outcome(source=str(path), status="rejected", reason=str(exc))
    return ingest_incoming(incoming, status=status)


def ingest_incoming(incoming: Incoming, *, status: str = Record.Status.PUBLISHED) -> Outcome:
    return unchanged(incoming) or commit(_guarded(prepare, incoming), status=status)


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


def commit(prepared: Prepared | Outcome, *, status: str) -> Outcome:
    """Store what ``prepare`` made; a rejection from it passes through untouched.

    Bytes are looked up again here: with workers, the same bytes may have been prepared twice
    in one call, and the second must read "unchanged", not fail on the first.
    """
    if isinstance(prepared, Outcome):
        return prepared
    p = prepared
    return unchanged(p.incoming) or _guarded(
        store, p.incoming, p.result, p.info, p.drafts, status=status
    )


def ingest_paths(
    paths: list[Path], *, status: str = Record.Status.PUBLISHED, jobs: int = 1
) -> Iterator[tuple[Path, Outcome]]:
    """Ingest files in order, yielding each outcome as it is stored.

    With ``jobs`` > 1, reading and extraction (the CPU-bound part) run in that many worker
    processes while this process stores, in the files' order, one transaction per file. Workers
    are spawned, not forked, so they share no database connection with this process.
    """
    if jobs <= 1:
        for path in paths:
            yield path, ingest_path(path, status=status)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=workers.setup) as pool:
        pending: deque[tuple[Path, Future | Outcome]] = deque()
        for path in paths:
            pending.append((path, _submit(pool, path)))
            # Keep the workers busy but the memory bounded: a few files ahead of the store.
            while len(pending) > 4 * jobs or (pending and _ready(pending[0][1])):
                yield _commit_next(pending, status)
        while pending:
            yield _commit_next(pending, status)


def _submit(pool: ProcessPoolExecutor, path: Path) -> Future | Outcome:
    try:
        incoming = load(path)
    except IngestError as exc:
        return Outcome(source=str(path), status="rejected", reason=str(exc))
    return unchanged(incoming) or pool.submit(_guarded, prepare, incoming)


def _ready(item: Future | Outcome) -> bool:
    return isinstance(item, Outcome) or item.done()


def _commit_next(pending: deque, status: str) -> tuple[Path, Outcome]:
    path, item = pending.popleft()
    try:
        prepared = item if isinstance(item, Outcome) else item.result()
    except BrokenProcessPool:  # a parser took its worker down with it
        prepared = Outcome(
            source=str(path), status="rejected", reason="could not be processed (worker ended)"
        )
    return path, commit(prepared, status=status)


def _guarded(stage, incoming: Incoming, *args, **kwargs):
    """Run a stage; a rejection, or a bug in a reader or extractor, becomes a rejected outcome
    so that it never loses the other files of the same call."""
    try:
        return stage(incoming, *args, **kwargs)
    except IngestError as exc:
        return Outcome(source=incoming.source, status="rejected", reason=str(exc))
    except Exception as exc:
        logger.exception("ingest failed for %s", incoming.source)
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

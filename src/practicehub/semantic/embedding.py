"""Embedding the passages that have no vector yet: the background step.

Pending work is read from the database each time (passages whose text hash has no vector for
the current model), and each batch is committed on its own, so the step can be stopped at any
moment and started again without losing or repeating work. A text is embedded once, however
many records hold it and however often its record is saved.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from practicehub.semantic.cache import cache_get, cache_put
from practicehub.semantic.embedder import Embedder, get_embedder
from practicehub.semantic.models import Passage, PassageVector
from practicehub.semantic.passages import index_version_bump


def pending_hashes(model: str) -> list[str]:
    """Text hashes of passages that have no vector for this model, in a stable order."""
    have = PassageVector.objects.filter(model=model).values("content_hash")
    return list(
        Passage.objects.filter(model=model)
        .exclude(content_hash__in=have)
        .order_by("content_hash")
        .values_list("content_hash", flat=True)
        .distinct()
    )


def _texts(model: str, hashes: list[str]) -> dict[str, str]:
    rows = Passage.objects.filter(model=model, content_hash__in=hashes).values_list(
        "content_hash", "text"
    )
    return dict(rows)


@contextmanager
def _progress_bar(total: int, enabled: bool) -> Iterator:
    if not enabled or total == 0:
        yield lambda n: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("Embedding passages"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=None,
        transient=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task("embed", total=total)
        yield lambda n: bar.advance(task, n)


@dataclass
class _Batch:
    hashes: list[str]
    vectors: dict[str, bytes]  # from the vector cache
    todo: list[str]  # hashes the model embeds
    embedded: Future | None


def _store(model: str, batch: _Batch) -> int:
    """Wait for the batch's vectors and commit them with a new index version."""
    if batch.embedded is not None:
        fresh = {
            h: np.asarray(row, dtype="<f4").tobytes()
            for h, row in zip(batch.todo, batch.embedded.result(), strict=True)
        }
        batch.vectors.update(fresh)
        cache_put(model, fresh)
    with transaction.atomic():
        PassageVector.objects.bulk_create(
            [
                PassageVector(model=model, content_hash=h, vector=v)
                for h, v in batch.vectors.items()
            ],
            ignore_conflicts=True,
        )
        index_version_bump()
    return len(batch.vectors)


def embed_pending(
    *, batch_size: int = 32, progress: bool = False, embedder: Embedder | None = None
) -> int:
    """Embed every passage text that has no vector yet; returns how many vectors were stored.

    Vectors of texts embedded before on this machine come from the vector cache (cache.py)
    instead of the model. The model works in a thread of its own (it releases the GIL), so
    reading the next batch's texts and committing the last batch's vectors happen while it
    computes: the database's time is hidden behind the model's instead of added to it.
    """
    embedder = embedder or get_embedder()
    model = embedder.name
    # Passages written for another model keep their texts; only their vectors are new.
    if Passage.objects.exclude(model=model).update(model=model):
        index_version_bump()
    hashes = pending_hashes(model)
    size = max(1, batch_size)
    stored = 0
    waiting: _Batch | None = None
    with (
        _progress_bar(len(hashes), progress) as advance,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed") as model_thread,
    ):
        for start in range(0, len(hashes), size):
            wanted = hashes[start : start + size]
            texts = _texts(model, wanted)
            wanted = [h for h in wanted if h in texts]  # a passage may have gone meanwhile
            vectors = cache_get(model, wanted)
            todo = [h for h in wanted if h not in vectors]
            embedded = (
                model_thread.submit(embedder.embed_passages, [texts[h] for h in todo])
                if todo
                else None
            )
            if waiting is not None:
                stored += _store(model, waiting)
                advance(len(waiting.hashes))
            waiting = _Batch(wanted, vectors, todo, embedded)
            advance(len(hashes[start : start + size]) - len(wanted))
        if waiting is not None:
            stored += _store(model, waiting)
            advance(len(waiting.hashes))
    return stored


def vectors_prune(model: str | None = None) -> int:
    """Delete vectors no passage uses any more (texts edited away, records deleted)."""
    used = Passage.objects.values("content_hash")
    qs = PassageVector.objects.exclude(content_hash__in=used)
    if model:
        qs = qs.filter(model=model)
    deleted, _ = qs.delete()
    return deleted

"""Passages follow the catalogue: rebuilt when records change, dropped when they go.

Cutting a record into passages is quick and happens at once, in the process that saved the
record; embedding them is slow and is queued as a task, so an ingest never waits for the model.
Until the task has run, the record has passages without vectors: the semantic search does not
see it yet, keyword search does.
"""

from __future__ import annotations

import logging

from django.dispatch import receiver

from practicehub.catalogue.signals import records_changed, records_deleted
from practicehub.semantic.embedder import model_name
from practicehub.semantic.passages import passages_delete, passages_rebuild

log = logging.getLogger(__name__)


@receiver(records_changed, dispatch_uid="semantic_passages_rebuild")
def _records_changed(sender, record_ids, derived=None, **kwargs) -> None:
    cut = {rid: d["passages"] for rid, d in (derived or {}).items() if "passages" in d}
    if passages_rebuild(record_ids, model=model_name(), cut=cut):
        from practicehub.semantic.tasks import embedding_enqueue

        embedding_enqueue()


@receiver(records_deleted, dispatch_uid="semantic_passages_delete")
def _records_deleted(sender, record_ids, **kwargs) -> None:
    passages_delete(record_ids)

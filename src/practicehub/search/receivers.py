"""The catalogue's signals keep the index current."""

from __future__ import annotations

from django.dispatch import receiver

from practicehub.catalogue.signals import records_changed, records_deleted
from practicehub.search import indexing


@receiver(records_changed, dispatch_uid="search_records_changed")
def on_records_changed(sender, record_ids, derived=None, **kwargs) -> None:
    analysed = {rid: d["search"] for rid, d in (derived or {}).items() if "search" in d}
    indexing.records_index(record_ids, analysed=analysed)


@receiver(records_deleted, dispatch_uid="search_records_deleted")
def on_records_deleted(sender, record_ids, **kwargs) -> None:
    indexing.records_unindex(record_ids)

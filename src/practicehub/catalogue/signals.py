"""Signals other apps listen to, so the catalogue does not need to know about them.

``records_changed`` is sent with ``record_ids`` after records are created or updated and
``records_deleted`` before they are deleted; the search app keeps its indexes current from them.
``records_changed`` may also carry ``derived``: by record id, what the indexes make of a record's
current values computed ahead of time (ingest computes it in its workers, see
``documents.pipeline.derive``); a receiver uses it instead of reading the record's texts.
"""

from django.dispatch import Signal

records_changed = Signal()
records_deleted = Signal()

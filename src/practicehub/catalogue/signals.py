"""Signals other apps listen to, so the catalogue does not need to know about them.

``records_changed`` is sent with ``record_ids`` after records are created or updated and
``records_deleted`` before they are deleted; the search app keeps its indexes current from them.
"""

from django.dispatch import Signal

records_changed = Signal()
records_deleted = Signal()

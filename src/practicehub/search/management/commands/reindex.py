from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from practicehub.search.indexing import index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the keyword search index from the published records (after a restore, or if "
        "the index was changed by hand).\n\n"
        "Example: practicehub reindex"
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = index_rebuild()
        self.stdout.write(f"indexed {count} records in {time.perf_counter() - started:.1f} s")

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandParser

from practicehub.semantic.embedding import embed_pending, vectors_prune


class Command(BaseCommand):
    help = (
        "Embed the passages of published records that have no vector yet (the semantic "
        "index). Safe to stop and run again: finished batches are kept, unchanged passages are "
        "never embedded twice. Ingest queues this as a background task; run it by hand after a "
        "bulk ingest, or let `practicehub db_worker` run the queue.\n\n"
        "Example: practicehub embed"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=32, help="passages per batch")
        parser.add_argument(
            "--rebuild-passages",
            action="store_true",
            help="cut every published record into passages again first",
        )
        parser.add_argument(
            "--prune", action="store_true", help="also delete vectors no passage uses"
        )

    def handle(self, *args, batch_size: int, rebuild_passages: bool, prune: bool, **options):
        if rebuild_passages:
            from practicehub.semantic.services import passages_reindex

            self.stdout.write(f"{passages_reindex()} passages new, changed or gone")
        started = time.perf_counter()
        stored = embed_pending(batch_size=batch_size, progress=sys.stderr.isatty())
        seconds = time.perf_counter() - started
        self.stdout.write(f"{stored} passages embedded in {seconds:.1f} s")
        if prune:
            self.stdout.write(f"{vectors_prune()} unused vectors deleted")

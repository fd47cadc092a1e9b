from __future__ import annotations

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from practicehub.catalogue.models import Record
from practicehub.documents.pipeline import BATCH_FILES, Outcome, ingest_paths, iter_files


class Command(BaseCommand):
    help = (
        "Read files or folders (recursively) into the catalogue and say what was made of each. "
        "Exit code 1 if any file was rejected; the others are still stored.\n\n"
        "Example: practicehub ingest reports/ leaflet.pdf"
    )
    # Django's system checks import the web and API layers (half a second of every call's
    # start-up, before any file is read) and check nothing ingest uses; `practicehub check`,
    # serve and the test suite run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="store the records as drafts (not searchable or exported until published)",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="worker processes that read and extract (default: one per CPU for 20 or more "
            "files, else 1)",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=BATCH_FILES,
            help=f"files stored per transaction (default {BATCH_FILES}); a file that fails is "
            "rolled back alone whatever the batch",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="print only rejections and the summary"
        )

    def handle(
        self,
        *args,
        paths: list[Path],
        draft: bool,
        quiet: bool,
        jobs: int | None,
        batch: int,
        **options,
    ) -> None:
        status = Record.Status.DRAFT if draft else Record.Status.PUBLISHED
        files = iter_files(paths)
        if jobs is None:
            jobs = _cpus() if len(files) >= 20 else 1
        counts = {"stored": 0, "updated": 0, "unchanged": 0, "rejected": 0}
        progress = None
        if sys.stderr.isatty() and len(files) > 1:
            from rich.progress import Progress

            # Refreshed here, not by a thread of its own: the workers are forked from this
            # process, which must not run other threads when they start.
            progress = Progress(transient=True, auto_refresh=False)
            progress.start()
            task = progress.add_task("Ingesting", total=len(files))
        try:
            for path, outcome in ingest_paths(files, status=status, jobs=jobs, batch=batch):
                counts[outcome.status] += 1
                self._report(path, outcome, quiet)
                if progress is not None:
                    progress.advance(task)
                    progress.refresh()
        finally:
            if progress is not None:
                progress.stop()
        self.stdout.write(
            f"{len(files)} files: {counts['stored']} stored, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['rejected']} rejected"
        )
        if counts["rejected"]:
            raise SystemExit(1)

    def _report(self, path: Path, outcome: Outcome, quiet: bool) -> None:
        if outcome.status == "rejected":
            self.stderr.write(f"{path}: rejected: {outcome.reason}")
            return
        if quiet:
            return
        doc = outcome.document
        assert doc is not None
        language = doc.language + (" (mixed)" if doc.is_mixed_language else "")
        records = f"{outcome.records} record{'s' if outcome.records != 1 else ''}"
        self.stdout.write(f"{path}: {outcome.status}: {records}, {doc.media_type}, {language}")


def _cpus() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1

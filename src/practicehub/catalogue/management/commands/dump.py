from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practicehub.catalogue.dump import DumpError, instance_dump


class Command(BaseCommand):
    help = (
        "Write the whole instance to one file: records, organisations and their names, "
        "corrections, revisions, editors, documents and their original files. "
        "`practicehub restore` loads it into an empty instance.\n\n"
        "Example: practicehub dump backup-2025-06-01.zip"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, metavar="PATH", help="the dump file to write")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            summary = instance_dump(path)
        except DumpError as exc:
            raise CommandError(str(exc)) from exc
        for sha256 in summary.missing_originals:
            self.stderr.write(
                f"warning: the original file {sha256} is missing from the data folder"
            )
        self.stdout.write(f"dumped {summary} to {path}")

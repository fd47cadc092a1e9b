from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practicehub.catalogue.dump import DumpError, instance_restore


class Command(BaseCommand):
    help = (
        "Load a file written by `practicehub dump` into this instance, which must be empty "
        "(a new database after `practicehub migrate`, a new data folder). Everything comes back "
        "as it was: ids, texts, corrections, revisions, dates and the original files.\n\n"
        "Example: practicehub restore backup-2025-06-01.zip"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, metavar="PATH", help="the dump file to read")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            summary = instance_restore(path)
        except DumpError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {summary} from {path}")

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from practicehub.catalogue.export import WRITERS
from practicehub.catalogue.selectors import records_as_dicts


class Command(BaseCommand):
    help = (
        "Write the published records in an open format, to a file or to standard output.\n\n"
        "Example: practicehub export --format csv --output catalogue.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=sorted(WRITERS), default="json")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")
        parser.add_argument(
            "--all", action="store_true", help="include drafts, records in review and archived ones"
        )

    def handle(self, *args, format: str, output: Path | None, all: bool, **options) -> None:
        statuses = ("draft", "review", "published", "archived") if all else ("published",)
        records = records_as_dicts(statuses=statuses)
        if output is None:
            WRITERS[format](records, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        tmp = output.with_name(f".{output.name}.partial")
        with tmp.open("wb") as out:
            WRITERS[format](records, out)
        tmp.replace(output)
        self.stderr.write(f"wrote {output}")

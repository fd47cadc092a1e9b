from __future__ import annotations

from django.core.management.base import BaseCommand

from practicehub.vocab.sync import vocab_sync


class Command(BaseCommand):
    help = (
        "Bring the theme and funding-programme rows in line with the vocabulary files "
        "(vocab/themes.json, vocab/programmes.json): new entries are added, changed labels "
        "updated; rows no longer in the files are listed, never deleted. `practicehub migrate` "
        "does the same after every run.\n\n"
        "Example: practicehub vocab_sync"
    )

    def handle(self, *args, **options) -> None:
        for noun, table in vocab_sync().items():
            self.stdout.write(table.summary(noun.capitalize()))

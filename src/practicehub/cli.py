"""The ``practicehub`` command: Django's management commands with our settings.

Every command lives in an app's ``management/commands`` folder so that ``practicehub ingest`` and
``python -m django ingest`` are the same thing; this module only points Django at our settings.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["practicehub", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    main()

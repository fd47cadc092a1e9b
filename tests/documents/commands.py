"""Running a management command the way a user's shell does: exit code, output, errors."""

from __future__ import annotations

import io

from django.core.management import call_command


def run(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``practicehub ARGS``; a SystemExit is its exit code."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()

"""The Lithuanian interface is complete: every string the code marks is translated."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "practicehub"
PO_FILE = PACKAGE / "locale" / "lt" / "LC_MESSAGES" / "django.po"


def msgids(po_text: str) -> set[str]:
    """The msgid of every live entry of a .po file (the header's empty one left out)."""
    ids, current, collecting = set(), [], False
    for line in [*po_text.splitlines(), ""]:
        if line.startswith("msgid "):
            current, collecting = [line[6:]], True
        elif collecting and line.startswith('"'):
            current.append(line)
        elif collecting:
            text = "".join(ast.literal_eval(part) for part in current)
            if text:
                ids.add(text)
            collecting = False
    return ids


def test_the_lithuanian_catalogue_has_no_untranslated_or_fuzzy_entry():
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed (scripts/install.sh installs it)")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


def test_every_marked_string_of_the_code_is_in_the_lithuanian_catalogue(
    tmp_path, settings, monkeypatch
):
    if shutil.which("xgettext") is None:
        pytest.skip("gettext's xgettext is not installed (scripts/install.sh installs it)")
    copy = tmp_path / "practicehub"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "migrations")
    )
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["lt"], verbosity=0)
    fresh = msgids((copy / "locale" / "lt" / "LC_MESSAGES" / "django.po").read_text("utf-8"))
    ours = msgids(PO_FILE.read_text("utf-8"))
    assert fresh, "makemessages found no string: is the copy of the package complete?"
    assert sorted(fresh - ours) == [], "run makemessages and translate the new strings"
    assert sorted(ours - fresh) == [], "strings the code no longer uses: run makemessages"

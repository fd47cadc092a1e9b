"""Documentation keeps up with the code: every command and setting we add is in the README."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_practicehub_command_is_documented_in_the_readme():
    ours = sorted(name for name, app in get_commands().items() if app.startswith("practicehub."))
    assert ours, "no commands found: is the package installed?"
    missing = [name for name in ours if f"practicehub {name}" not in README]
    assert not missing, f"README.md does not mention: {', '.join(missing)}"


def test_every_environment_setting_is_documented_in_the_readme():
    sources = (ROOT / "src" / "practicehub" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', sources))
    assert "DATABASE_URL" in names
    missing = sorted(name for name in names if f"`{name}`" not in README)
    assert not missing, f"README.md's configuration table lacks: {', '.join(missing)}"


def test_every_command_explains_itself_with_an_example():
    from django.core.management import load_command_class

    for name, app in get_commands().items():
        if app.startswith("practicehub."):
            help_text = load_command_class(app, name).help
            assert "Example: practicehub" in help_text, f"`practicehub {name}` help has no example"

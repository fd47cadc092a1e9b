"""Fixtures shared by the whole suite: paths to real documents and a way to ingest them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _shared_dir() -> Path:
    """The team's shared folder: beside the checkout, or where PRACTICEHUB_SHARED_DIR says."""
    if os.environ.get("PRACTICEHUB_SHARED_DIR"):
        return Path(os.environ["PRACTICEHUB_SHARED_DIR"])
    for candidate in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared"


SHARED = _shared_dir()


@pytest.fixture(scope="session", autouse=True)
def _static_root_exists():
    """WhiteNoise warns about a missing static folder whenever a request handler starts; a test
    run has collected nothing there, but the folder may as well exist."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _originals_in_tmp(settings, tmp_path_factory):
    """Each test keeps the originals it stores in a folder of its own."""
    settings.ORIGINALS_DIR = tmp_path_factory.mktemp("originals")


@pytest.fixture
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"the shared seed documents are not here ({path})")
    return path


@pytest.fixture
def seeds_expected_dir() -> Path:
    path = SHARED / "seeds-expected"
    if not path.is_dir():
        pytest.skip(f"the shared expected files are not here ({path})")
    return path


@pytest.fixture
def record_schema() -> dict:
    path = SHARED / "schema" / "record.schema.json"
    if not path.is_file():
        pytest.skip(f"the shared record schema is not here ({path})")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES

"""`practicehub dump` / `practicehub restore`: a whole instance round-trips unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import serializers
from django.core.management import CommandError, call_command

from practicehub.catalogue.dump import MODELS, _model
from practicehub.catalogue.models import Organisation, Record, Revision
from practicehub.catalogue.selectors import record_to_dict
from practicehub.catalogue.services import record_correct
from practicehub.documents.models import Document
from practicehub.documents.storage import original_read
from tests.api.conftest import catalogue_wipe

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Everything a user could tell two instances apart by."""
    return {
        "records": {r.id: record_to_dict(r) for r in Record.objects.all()},
        "organisations": {
            o.id: (o.name, o.acronym, o.country, sorted(o.names.values_list("name", flat=True)))
            for o in Organisation.objects.all()
        },
        "originals": {d.sha256: original_read(d.sha256) for d in Document.objects.all()},
        # Every stored row of every model in the dump, ids and timestamps included.
        "rows": {
            label: serializers.serialize(
                "python",
                _model(label)._default_manager.order_by("pk"),
                use_natural_foreign_keys=True,
            )
            for label in MODELS
        },
    }


@pytest.fixture
def edited_catalogue(sample_catalogue, settings):
    """The samples plus what only people add: an editor, a correction, a record in review."""
    settings.ORIGINALS_DIR = sample_catalogue.originals
    editor = User.objects.create_user("editor", password="a-long-enough-password-1")
    record = Record.objects.filter(status="published").order_by("id").first()
    record_correct(record=record, values={"title": "Corrected title"}, editor=editor)
    Record.objects.filter(pk=record.pk).update(status="review")
    return record


def empty_instance(settings, tmp_path: Path) -> None:
    catalogue_wipe()
    User.objects.all().delete()
    settings.ORIGINALS_DIR = tmp_path / "fresh-originals"


def test_dump_and_restore_bring_back_the_same_instance(edited_catalogue, settings, tmp_path):
    before = snapshot()
    assert len(before["records"]) >= 10 and before["originals"]
    assert before["records"][edited_catalogue.id]["title"] == "Corrected title"
    dump = tmp_path / "instance.zip"
    call_command("dump", str(dump))
    empty_instance(settings, tmp_path)
    assert Record.objects.count() == 0
    assert not (tmp_path / "fresh-originals").exists()
    call_command("restore", str(dump))
    assert snapshot() == before
    # The instance goes on working: new rows get new ids.
    doc = tmp_path / "new.txt"
    doc.write_text("Women in local politics\n\nA project that trains women candidates.", "utf-8")
    call_command("ingest", "--quiet", str(doc))
    assert Revision.objects.count() == len(before["rows"]["catalogue.revision"]) + 1


def test_restore_refuses_an_instance_that_is_not_empty(edited_catalogue, tmp_path):
    dump = tmp_path / "instance.zip"
    call_command("dump", str(dump))
    with pytest.raises(CommandError, match=r"the database is not empty \(\d+ documents"):
        call_command("restore", str(dump))


def test_restore_names_a_file_that_is_not_a_dump(tmp_path):
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("hello", "utf-8")
    with pytest.raises(CommandError, match=r"notes.txt: not a Practice Hub dump"):
        call_command("restore", str(not_zip))
    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("readme.txt", "not ours")
    with pytest.raises(CommandError, match=r"other.zip: not a Practice Hub dump"):
        call_command("restore", str(other_zip))
    with pytest.raises(CommandError, match=r"missing.zip: no such file"):
        call_command("restore", str(tmp_path / "missing.zip"))


def test_a_damaged_original_stops_the_restore_with_nothing_stored(
    edited_catalogue, settings, tmp_path
):
    dump = tmp_path / "instance.zip"
    call_command("dump", str(dump))
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(dump) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("originals/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.writestr(item, data)
    empty_instance(settings, tmp_path)
    with pytest.raises(CommandError, match=r"originals/[0-9a-f]{64}: the bytes do not match"):
        call_command("restore", str(damaged))
    assert Record.objects.count() == 0 and Document.objects.count() == 0


def test_a_dump_restores_into_a_new_database_by_the_command_line(
    edited_catalogue, tmp_path, capsysbinary
):
    """The administrator's path: a new data folder and SQLite file, `migrate`, `restore`."""
    call_command("export", "--all", "--format", "json")
    expected = json.loads(capsysbinary.readouterr().out)
    originals = {d.sha256: original_read(d.sha256) for d in Document.objects.all()}
    dump = tmp_path / "instance.zip"
    call_command("dump", str(dump))
    fresh = tmp_path / "fresh"
    env = {
        **os.environ,
        "PRACTICEHUB_DATA_DIR": str(fresh),
        "DATABASE_URL": f"sqlite:///{fresh / 'db.sqlite3'}",
    }

    def practicehub(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "practicehub", *args],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    practicehub("migrate", "-v0")
    assert "restored" in practicehub("restore", str(dump))
    assert json.loads(practicehub("export", "--all", "--format", "json")) == expected
    for sha256, data in originals.items():
        assert (fresh / "originals" / sha256[:2] / sha256).read_bytes() == data

"""`practicehub ingest` and `practicehub export` as a user runs them."""

from __future__ import annotations

import json

import jsonschema
import pytest
from django.core.management import call_command

from practicehub.catalogue.models import Record
from practicehub.documents.models import Document
from tests.documents.commands import run

pytestmark = pytest.mark.django_db


def test_it_stores_the_seeds_and_reports_them_unchanged_the_second_time(seeds_dir):
    code, out, _ = run("ingest", str(seeds_dir))
    assert code == 0
    assert "2 stored" in out
    assert Document.objects.count() == 2
    code, out, _ = run("ingest", str(seeds_dir))
    assert code == 0
    assert "2 unchanged" in out and "0 stored" in out
    assert Document.objects.count() == 2


def test_exported_json_validates_against_the_schema(seeds_dir, record_schema, capsysbinary):
    run("ingest", str(seeds_dir))
    call_command("export", "--format", "json")
    records = json.loads(capsysbinary.readouterr().out)
    assert records
    validator = jsonschema.Draft202012Validator(record_schema)
    for record in records:
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (record["id"], errors)


def test_a_rejected_file_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(
        "Moterų lyderystė\n\nProjektas stiprina moterų lyderystę savivaldybėse.", "utf-8"
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run("ingest", str(good), str(empty), str(tmp_path / "missing.txt"))
    assert code == 1
    assert f"{empty}: rejected: the file is empty" in err
    assert "missing.txt: rejected: cannot read the file" in err
    assert "1 stored" in out and "2 rejected" in out
    assert Document.objects.count() == 1
    assert Record.objects.filter(status="published").count() == 1


def test_draft_flag_keeps_records_out_of_the_export(tmp_path, capsysbinary):
    doc = tmp_path / "draft.txt"
    doc.write_text("Women in local politics\n\nA project that trains women candidates.", "utf-8")
    run("ingest", "--draft", str(doc))
    assert Record.objects.get().status == "draft"
    call_command("export", "--format", "jsonl")
    assert capsysbinary.readouterr().out == b""


def test_workers_store_the_same_catalogue_as_one_process(examples_dir, tmp_path, capsysbinary):
    """--jobs 2 reads in worker processes; the stored records, their order, rejections and
    duplicate bytes in one call must come out exactly as with one process."""
    files = sorted((examples_dir / "documents").iterdir())[:6]
    copy = tmp_path / "copy-of-first" / files[0].name
    copy.parent.mkdir()
    copy.write_bytes(files[0].read_bytes())
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a word file")
    paths = [*map(str, files), str(copy), str(broken)]

    code, out, err = run("ingest", "--jobs", "2", *paths)
    assert code == 1
    assert f"{broken}: rejected:" in err
    assert f"{copy}: unchanged" in out
    assert "6 stored, 0 updated, 1 unchanged, 1 rejected" in out
    call_command("export", "--format", "json")
    with_workers = json.loads(capsysbinary.readouterr().out)

    Record.objects.all().delete()
    Document.objects.all().delete()
    run("ingest", "--jobs", "1", *paths)
    call_command("export", "--format", "json")
    one_process = json.loads(capsysbinary.readouterr().out)
    assert with_workers == one_process
    assert len(one_process) >= 6

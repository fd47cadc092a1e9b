"""`practicehub ingest` stores files in batches, one transaction per batch and a savepoint per
file: what a user sees must not depend on it."""

from __future__ import annotations

import json
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from practicehub.catalogue.models import (
    Organisation,
    OrganisationName,
    Participation,
    Record,
    Revision,
)
from practicehub.documents.models import Document
from practicehub.documents.storage import sha256_of
from practicehub.search.models import SearchEntry
from practicehub.search.services import record_search
from tests.documents.commands import run

pytestmark = pytest.mark.django_db

GOOD = (
    "Moterų lyderystė savivaldybėse\n\n"
    "Projektą įgyvendina Asociacija „Lygios galimybės“ kartu su Kauno rajono savivaldybe. "
    "Projektas stiprina moterų lyderystę savivaldybėse ir mokyklose.\n"
)


def ids(query: str) -> set[str]:
    return {h.record_id for h in record_search(query=query, per_page=100).hits}


def catalogue(capsysbinary) -> dict:
    """What a user can see of the catalogue: records with their organisations, and the
    registry."""
    capsysbinary.readouterr()
    call_command("export", "--format", "json")
    return {
        "records": json.loads(capsysbinary.readouterr().out),
        "organisations": sorted(Organisation.objects.values_list("id", "name", "acronym")),
        "spellings": sorted(OrganisationName.objects.values_list("organisation_id", "name")),
    }


def test_a_file_that_fails_while_stored_leaves_nothing_and_the_rest_of_its_batch_is_stored(
    tmp_path, django_capture_on_commit_callbacks, caplog
):
    """The middle file of one batch cannot be kept on disk: it is rejected with one line, and
    nothing of it stays (no document, record, index entry, nor the organisation only it
    named), while the files before and after it, one naming that same organisation, are
    stored whole."""
    texts = {
        "a-first.txt": GOOD,
        "b-broken.txt": (
            "Zuikių kalnelio bendruomenės projektas\n\n"
            "Projektą įgyvendina Zuikių kalnelio bendruomenės centras. "
            "Projektas skatina jaunimo dalyvavimą bendruomenės veikloje.\n"
        ),
        "c-after.txt": (
            "Bendruomenės jaunimo vasara\n\n"
            "Projektą įgyvendina Zuikių kalnelio bendruomenės centras kartu su mokyklomis. "
            "Projektas skatina jaunimo dalyvavimą vasaros stovyklose.\n"
        ),
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, "utf-8")
    shas = {name: sha256_of((tmp_path / name).read_bytes()) for name in texts}
    assert len({sha[:2] for sha in shas.values()}) == 3, "the folders of the originals differ"
    # Where the broken file's original would go there is a file, not a folder: storing its
    # bytes fails after its rows were written in the batch's transaction.
    originals = settings.ORIGINALS_DIR
    originals.mkdir(parents=True, exist_ok=True)
    (originals / shas["b-broken.txt"][:2]).write_bytes(b"in the way")

    with django_capture_on_commit_callbacks(execute=True):
        code, out, err = run("ingest", "--batch", "50", str(tmp_path))

    assert code == 1
    assert err.strip().splitlines() == [
        f"{tmp_path / 'b-broken.txt'}: rejected: could not be processed "
        f"(FileExistsError: [Errno 17] File exists: '{originals / shas['b-broken.txt'][:2]}')"
    ]
    assert "3 files: 2 stored, 0 updated, 0 unchanged, 1 rejected" in out
    # Only the broken file was rolled back, not the batch (which would be stored again file
    # by file, hiding a fault of the savepoints).
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [f"ingest failed for {tmp_path / 'b-broken.txt'}"]
    assert set(Document.objects.values_list("filename", flat=True)) == {
        "a-first.txt",
        "c-after.txt",
    }
    broken_prefix = shas["b-broken.txt"][:12]
    assert not Record.objects.filter(id__startswith=broken_prefix).exists()
    assert not SearchEntry.objects.filter(record_id__startswith=broken_prefix).exists()
    # The organisation exists once, made by the file after the broken one, with its record.
    after = Record.objects.get(document__filename="c-after.txt")
    centre = Organisation.objects.get(name__startswith="Zuikių kalnelio")
    assert Participation.objects.filter(organisation=centre).get().record == after
    assert after.id in ids("Zuikių kalnelio bendruomenės")
    first = Record.objects.get(document__filename="a-first.txt")
    assert ids("moterų lyderystė") == {first.id}
    assert (originals / shas["a-first.txt"][:2] / shas["a-first.txt"]).is_file()


def test_records_of_a_batch_are_searchable_and_the_same_bytes_again_change_nothing(
    examples_dir, tmp_path, django_capture_on_commit_callbacks, capsysbinary
):
    folder = tmp_path / "documents"
    shutil.copytree(examples_dir / "documents", folder)
    files = sorted(folder.iterdir())
    with django_capture_on_commit_callbacks(execute=True):
        code, out, _ = run("ingest", "--quiet", "--batch", "7", str(folder))
    assert code == 0
    assert f"{len(files)} files: {len(files)} stored" in out
    published = set(Record.objects.filter(status="published").values_list("id", flat=True))
    assert set(SearchEntry.objects.values_list("record_id", flat=True)) == published
    smurto = Record.objects.get(document__filename="lt-gp-smurto-prevencija-mokyklose.txt")
    assert smurto.id in ids("smurto prevencija")

    before = catalogue(capsysbinary)
    revisions = Revision.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        code, out, _ = run("ingest", "--quiet", "--batch", "7", str(folder))
    assert code == 0
    assert f"{len(files)} files: 0 stored, 0 updated, {len(files)} unchanged, 0 rejected" in out
    assert catalogue(capsysbinary) == before
    assert Revision.objects.count() == revisions


def test_the_catalogue_is_the_same_whatever_the_batch_size(examples_dir, capsysbinary):
    """Organisations named in several files of one batch are resolved as if the files had
    been stored one by one: same registry, same records."""
    paths = [str(p) for p in sorted((examples_dir / "documents").iterdir())]
    run("ingest", "--quiet", "--batch", "1", *paths)
    one_by_one = catalogue(capsysbinary)
    Record.objects.all().delete()
    Document.objects.all().delete()
    Organisation.objects.all().delete()
    run("ingest", "--quiet", "--batch", "200", *paths)
    assert catalogue(capsysbinary) == one_by_one


def test_a_batch_also_ends_at_its_size_in_bytes(examples_dir, monkeypatch, capsysbinary):
    """Large files close a batch early (memory stays bounded); the files are stored alike."""
    from practicehub.documents import pipeline

    paths = [str(p) for p in sorted((examples_dir / "documents").iterdir())[:8]]
    run("ingest", "--quiet", *paths)
    whole = catalogue(capsysbinary)
    Record.objects.all().delete()
    Document.objects.all().delete()
    Organisation.objects.all().delete()
    monkeypatch.setattr(pipeline, "BATCH_BYTES", 1)
    code, out, _ = run("ingest", "--quiet", *paths)
    assert code == 0 and "8 stored" in out
    assert catalogue(capsysbinary) == whole


def test_whether_files_are_stored_already_is_asked_once_for_a_batch(examples_dir, tmp_path):
    """New files cost the documents table a few questions per batch, not one each; among them,
    files stored before still read "unchanged" and an unreadable one is rejected, each in its
    place."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    files = sorted((examples_dir / "documents").iterdir())[:12]
    with CaptureQueriesContext(connection) as queries:
        code, out, _ = run("ingest", "--quiet", *map(str, files))
    assert code == 0 and "12 files: 12 stored" in out
    asked = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and "documents_document" in q["sql"]
    ]
    assert len(asked) <= 4, asked

    new = sorted((examples_dir / "documents").iterdir())[12:15]
    assert len(new) == 3
    mixed = [files[0], new[0], files[1], tmp_path / "missing.txt", new[1], files[2], new[2]]
    code, out, err = run("ingest", *map(str, mixed))
    assert code == 1
    assert "missing.txt: rejected: cannot read the file" in err
    lines = [line.split(": ")[1] for line in out.splitlines()[:-1]]
    assert lines == ["unchanged", "stored", "unchanged", "stored", "unchanged", "stored"]
    assert "7 files: 3 stored, 0 updated, 3 unchanged, 1 rejected" in out

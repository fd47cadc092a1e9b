"""Themes and programmes reach the registry rows, and edits to the files follow them there."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from practicehub.catalogue.models import Programme, Theme
from practicehub.vocab import load_themes, programmes, themes
from practicehub.vocab.sync import vocab_sync

pytestmark = pytest.mark.django_db


def _rows_match_the_files() -> None:
    assert {t.id: (t.label_en, t.label_lt, t.eurovoc) for t in Theme.objects.all()} == {
        t["id"]: (t["label"]["en"], t["label"]["lt"], t["eurovoc"] or "") for t in themes()
    }
    assert {
        p.id: (p.name_en, p.name_lt, p.scope, p.parent_id) for p in Programme.objects.all()
    } == {
        p["id"]: (p["name"]["en"], p["name"]["lt"], p["scope"], p["parent"]) for p in programmes()
    }


def test_a_migrated_database_holds_every_theme_and_programme():
    _rows_match_the_files()


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_itself_loads_the_vocabulary_into_empty_tables():
    Programme.objects.all().delete()
    Theme.objects.all().delete()
    loader = MigrationLoader(connection)
    migration = loader.get_migration("catalogue", "0002_load_vocabulary")
    state = loader.project_state(("catalogue", "0001_initial"))
    with connection.schema_editor() as editor:
        migration.apply(state, editor)
    _rows_match_the_files()


def test_an_edited_label_in_the_file_reaches_the_database_without_new_rows(tmp_path):
    edited = copy.deepcopy(list(themes()))
    edited[0]["label"]["lt"] = "Lyčių lygybė (pataisyta)"
    path = tmp_path / "themes.json"
    path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    count = Theme.objects.count()

    report = vocab_sync(theme_entries=load_themes(path))

    assert report["themes"].updated == [edited[0]["id"]]
    assert Theme.objects.count() == count
    assert Theme.objects.get(id=edited[0]["id"]).label_lt == "Lyčių lygybė (pataisyta)"


def test_syncing_twice_changes_nothing_the_second_time():
    vocab_sync()
    report = vocab_sync()
    assert not report["themes"].changed and not report["programmes"].changed


def test_the_command_restores_what_the_files_say(capsys):
    Theme.objects.filter(id="gender-equality").update(label_en="Something else")
    Programme.objects.filter(id="eif").update(parent=None)

    call_command("vocab_sync")

    _rows_match_the_files()
    out = capsys.readouterr().out
    assert "Themes: 0 created, 1 updated" in out
    assert "Programmes: 0 created, 1 updated" in out


def test_migrate_brings_an_existing_database_up_to_date():
    Theme.objects.filter(id="ageing").delete()
    Theme.objects.filter(id="youth").update(label_lt="Senas pavadinimas")

    call_command("migrate", verbosity=0)

    _rows_match_the_files()


def test_rows_no_longer_in_the_files_are_reported_and_kept():
    Theme.objects.create(id="retired-theme", label_en="Retired", label_lt="Nebenaudojama")
    report = vocab_sync()
    assert report["themes"].stale == ["retired-theme"]
    assert Theme.objects.filter(id="retired-theme").exists()

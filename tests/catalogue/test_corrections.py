"""An editor's correction survives re-ingest of a changed file; the admin saves through it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from practicehub.catalogue.models import Correction, Record, Revision

pytestmark = pytest.mark.django_db

VERSION_1 = (
    "Moterų lyderystės akademija\n\n"
    "Projektas stiprina moterų lyderystę savivaldybėse.\n\n"
    "Projekto partneriai: Lygybės iniciatyvų centras.\n\nTrukmė: 2019–2020 m.\n"
)
VERSION_2 = VERSION_1.replace("2019–2020", "2019–2021") + "\nEl. paštas: info@akademija.lt\n"


def test_it_keeps_editor_corrections_on_reingest(tmp_path):
    path = tmp_path / "akademija.txt"
    path.write_text(VERSION_1, encoding="utf-8")
    call_command("ingest", str(path), "--quiet")
    record = Record.objects.get()
    editor = get_user_model().objects.create_user("editor")
    from practicehub.catalogue.services import record_correct

    record_correct(record=record, values={"title": "Women's Leadership Academy"}, editor=editor)

    path.write_text(VERSION_2, encoding="utf-8")
    call_command("ingest", str(path), "--quiet")
    record = Record.objects.get(pk=record.pk)
    assert record.title == "Women's Leadership Academy"
    assert record.period_end == "2021"
    assert record.emails == ["info@akademija.lt"]
    assert Revision.objects.filter(record=record, action="reingest").exists()


def test_saving_a_record_in_the_admin_becomes_a_kept_correction(client, tmp_path, settings):
    # The pages are rendered without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    path = tmp_path / "akademija.txt"
    path.write_text(VERSION_1, encoding="utf-8")
    call_command("ingest", str(path), "--quiet")
    record = Record.objects.get()
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    page = client.get(f"/admin/catalogue/record/{record.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = field.prepare_value(value) if value is not None else ""
    data["summary"] = "Akademija moterims, kurios nori dirbti savivaldoje."
    response = client.post(f"/admin/catalogue/record/{record.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    assert list(Correction.objects.values_list("field", flat=True)) == ["summary"]
    revision = Revision.objects.get(record=record, action="edit")
    assert revision.author == admin
    assert "summary" in revision.changes

    path.write_text(VERSION_2, encoding="utf-8")
    call_command("ingest", str(path), "--quiet")
    record.refresh_from_db()
    assert record.summary == "Akademija moterims, kurios nori dirbti savivaldoje."
    assert record.period_end == "2021"


def test_publishing_a_draft_in_the_admin_makes_it_searchable(
    client, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from practicehub.search.services import record_search

    path = tmp_path / "akademija.txt"
    path.write_text(VERSION_1, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", "--draft", str(path), "--quiet")
    record = Record.objects.get()
    assert record_search(query="lyderystės akademija").total == 0
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    form = client.get(f"/admin/catalogue/record/{record.pk}/change/").context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = field.prepare_value(value) if value is not None else ""
    data["status"] = "published"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/catalogue/record/{record.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    assert Revision.objects.get(record=record, action="status").changes == {
        "status": ["draft", "published"]
    }
    hits = record_search(query="lyderystės akademija").hits
    assert [h.record_id for h in hits] == [record.pk]

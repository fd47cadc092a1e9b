"""`GET /api/records/{id}`: one published record, exactly as the exchange format and the export."""

from __future__ import annotations

import json

import jsonschema
import pytest
from django.core.management import call_command

from practicehub.catalogue.models import Record

pytestmark = pytest.mark.django_db


def test_every_record_is_the_exported_json_and_validates_against_the_schema(
    sample_catalogue, client, record_schema, capsysbinary
):
    call_command("export", "--format", "json")
    exported = {r["id"]: r for r in json.loads(capsysbinary.readouterr().out)}
    assert len(exported) >= 10
    validator = jsonschema.Draft202012Validator(record_schema)
    for record_id, expected in exported.items():
        response = client.get(f"/api/records/{record_id}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        record = response.json()
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (record_id, errors)
        assert record == expected


def test_a_lithuanian_record_keeps_its_letters(sample_catalogue, client):
    record = Record.objects.filter(language="lt", status="published").first()
    body = client.get(f"/api/records/{record.id}").json()
    assert body["title"] == record.title
    assert any(ch in body["title"] for ch in "ąčęėįšųūž")


def test_an_unknown_id_is_a_json_404_that_names_it(sample_catalogue, client):
    response = client.get("/api/records/no-such-record-1")
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "detail": "no published record with id 'no-such-record-1'",
    }


def test_a_draft_is_not_public(sample_catalogue, client, tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text("Women in local politics\n\nA project that trains women candidates.", "utf-8")
    call_command("ingest", "--draft", "--quiet", str(doc))
    draft = Record.objects.get(status="draft")
    assert client.get(f"/api/records/{draft.id}").status_code == 404

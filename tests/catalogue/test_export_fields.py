"""The exported records carry every field extraction filled in."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_json_export_carries_all_extracted_fields(seeds_dir, capsysbinary):
    call_command("ingest", str(seeds_dir), "--quiet")
    capsysbinary.readouterr()
    call_command("export", "--format", "json")
    records = {r["title"]: r for r in json.loads(capsysbinary.readouterr().out)}
    project = records["More Women in European Politics – More women in 2014"]
    assert project["organisations"][0]["name"] == "LUDEN"
    assert project["organisations"][0]["country"] == "BE"
    assert project["organisations"][0]["organisation_id"]
    assert project["funding"][0]["programme"] == "fundamental-rights-citizenship"
    assert len(project["activities"]) >= 4
    assert "women-in-politics" in project["themes"]
    strategy = records["GenderStrat 4 Equality"]
    assert len(strategy["objectives"]) == 4
    assert "trainers" in strategy["target_groups"]
    form = next(r for r in records.values() if r["kind"] == "good_practice")
    assert form["period"] == {"start": "2017", "end": "2021"}
    assert form["contacts"]["emails"] == ["lumalithua@gmail.com"]
    assert form["contacts"]["addresses"] == ["K. Donelaičio g. 73, Kaunas"]
    assert [s["key"] for s in form["sections"]][1:4] == ["organisation", "contacts", "aim"]

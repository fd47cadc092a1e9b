"""The seeds stored through `practicehub ingest`: one registry row per organisation."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from practicehub.catalogue.models import Organisation, Record

pytestmark = pytest.mark.django_db


def test_magnum_bonum_is_one_organisation_linked_to_both_records(seeds_dir):
    call_command("ingest", str(seeds_dir), "--quiet")
    named = Organisation.objects.filter(names__name__icontains="Magnum Bonum").distinct()
    assert named.count() == 1
    organisation = named.get()
    titles = set(
        Record.objects.filter(participations__organisation=organisation).values_list(
            "title", flat=True
        )
    )
    assert titles == {
        "Strategic Document for Integration of non-EU Nationals",
        "Towards Complex Integration Policy: development of inter-cultural competences and "
        "institutional cooperation",
    }


def test_seed_records_carry_their_programmes_and_themes(seeds_dir):
    call_command("ingest", str(seeds_dir), "--quiet")
    record = Record.objects.get(title__startswith="Towards Complex Integration Policy")
    assert [f.programme_id for f in record.funding.all()] == ["eif"]
    assert {"migrant-integration", "intercultural-competence"} <= {
        t.id for t in record.themes.all()
    }

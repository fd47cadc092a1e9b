"""The registry links a name written in another grammatical case to the organisation it names."""

from __future__ import annotations

import pytest

from practicehub.catalogue.models import Organisation
from practicehub.catalogue.registry import organisation_resolve

pytestmark = pytest.mark.django_db


def test_an_inflected_name_joins_the_organisation_seen_in_the_nominative():
    centre = organisation_resolve(name="Lygių galimybių plėtros centras", language="lt")
    again = organisation_resolve(name="Lygių galimybių plėtros centru", language="lt")
    assert again == centre
    centre.refresh_from_db()
    # The organisation keeps its nominative; the other spelling is remembered.
    assert centre.name == "Lygių galimybių plėtros centras"
    assert set(centre.names.values_list("name", flat=True)) == {
        "Lygių galimybių plėtros centras",
        "Lygių galimybių plėtros centru",
    }


def test_names_that_only_share_a_word_stay_apart():
    organisation_resolve(name="Vilniaus universitetas", language="lt")
    organisation_resolve(name="Kauno universitetas", language="lt")
    assert Organisation.objects.count() == 2


def test_an_editor_added_spelling_is_matched_like_an_extracted_one(admin_client, settings):
    # The pages are rendered without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    centre = organisation_resolve(name="Moterų informacijos centras", language="lt")
    response = admin_client.post(
        f"/admin/catalogue/organisation/{centre.id}/change/",
        {
            "id": centre.id,
            "name": centre.name,
            "acronym": "MIC",
            "country": "LT",
            "names-TOTAL_FORMS": "2",
            "names-INITIAL_FORMS": "1",
            "names-MIN_NUM_FORMS": "0",
            "names-MAX_NUM_FORMS": "1000",
            "names-0-id": str(centre.names.get().id),
            "names-0-organisation": centre.id,
            "names-0-name": centre.name,
            "names-0-language": "lt",
            "names-1-organisation": centre.id,
            "names-1-name": "Women's Information Centre",
            "names-1-language": "en",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    assert organisation_resolve(name="Women’s Information Centre Ltd", language="en") == centre

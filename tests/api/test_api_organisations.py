"""`GET /api/organisations` (any spelling) and `GET /api/organisations/{id}`."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command

from practicehub.catalogue.models import Organisation

pytestmark = pytest.mark.django_db


def ids(client, q: str) -> list[str]:
    response = client.get("/api/organisations", {"q": q})
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("spelling", "organisation_id"),
    [
        # the Lithuanian name of an organisation the seeds name only in English
        ("Socialinės partnerystės fondas „Magnum Bonum“", "social-partnership-fund-magnum-bonum"),
        ("magnum bonum", "social-partnership-fund-magnum-bonum"),
        # no diacritics, part of the name
        ("lietuvos universitetu moteru", "lietuvos-universitetu-moteru-asociacija"),
        # another grammatical case (dative), with the state prefix
        (
            "Lietuvos Respublikos socialinės apsaugos ir darbo ministerijai",
            "lt-ministry-social-security-and-labour",
        ),
        ("LUDEN", "luden"),
    ],
)
def test_q_finds_an_organisation_by_any_spelling(
    sample_catalogue, client, spelling, organisation_id
):
    assert organisation_id in ids(client, spelling)


def test_q_leaves_out_organisations_that_do_not_match(sample_catalogue, client):
    found = ids(client, "magnum bonum")
    assert found == ["social-partnership-fund-magnum-bonum"]
    assert ids(client, "zzzz no such organisation") == []


def test_a_shared_word_alone_does_not_match_and_the_written_name_comes_first(
    sample_catalogue, client
):
    # "lygybės" (equality) is in several names; the core rule needs the same kind of name.
    assert ids(client, "Lygybės iniciatyvų centrui") == ["lygybes-iniciatyvu-centras"]
    found = ids(client, "Lithuanian Red Cross Society")
    assert found[0] == "lithuanian-red-cross-society"


def test_the_list_pages_through_every_organisation(sample_catalogue, client):
    total = Organisation.objects.filter(participations__record__status="published").distinct()
    total = total.count()
    first = client.get("/api/organisations", {"per_page": 5}).json()
    assert first["total"] == total and first["pages"] == -(-total // 5)
    seen = []
    for page in range(1, first["pages"] + 1):
        body = client.get("/api/organisations", {"per_page": 5, "page": page}).json()
        seen += [item["id"] for item in body["items"]]
    assert sorted(seen) == sorted(Organisation.objects.values_list("id", flat=True))


def test_an_organisation_known_only_from_a_draft_is_not_public(sample_catalogue, client, tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text(
        "Moterų lyderystė\n\nProjektą įgyvendina VšĮ „Slaptas juodraščio centras“.", "utf-8"
    )
    call_command("ingest", "--draft", "--quiet", str(doc))
    hidden = Organisation.objects.get(names__name__contains="Slaptas")
    assert ids(client, "Slaptas juodraščio centras") == []
    assert client.get(f"/api/organisations/{hidden.id}").status_code == 404


def test_an_organisation_shows_its_names_records_roles_and_partners(sample_catalogue, client):
    body = client.get("/api/organisations/social-partnership-fund-magnum-bonum").json()
    assert body["name"] == "Social Partnership Fund Magnum Bonum"
    assert "Social Partnership Fund Magnum Bonum" in [n["name"] for n in body["names"]]
    assert len(body["records"]) >= 2
    # Roles and partners agree with the records themselves, as the record endpoint gives them.
    partners: Counter[str] = Counter()
    for item in body["records"]:
        record = client.get(item["url"]).json()
        ours = [o for o in record["organisations"] if o["organisation_id"] == body["id"]]
        assert sorted(item["roles"]) == sorted({o["role"] for o in ours})
        partners.update(
            {o["organisation_id"] for o in record["organisations"]} - {body["id"], None}
        )
    assert {p["id"]: p["shared_records"] for p in body["partners"]} == dict(partners)
    assert "diversity-development-group" in partners
    counts = [p["shared_records"] for p in body["partners"]]
    assert counts == sorted(counts, reverse=True)


def test_an_organisation_url_and_the_list_agree(sample_catalogue, client):
    item = client.get("/api/organisations", {"q": "luden"}).json()["items"][0]
    body = client.get(item["url"]).json()
    assert body["id"] == "luden" and len(body["records"]) == item["records"]
    assert [r["roles"] for r in body["records"]] == [["coordinator"]]


def test_an_unknown_organisation_is_a_json_404(sample_catalogue, client):
    response = client.get("/api/organisations/no-such-organisation")
    assert response.status_code == 404
    assert "no-such-organisation" in response.json()["detail"]

"""`GET /api/records`: the search page's query, filters, facets, sorting and paging as JSON."""

from __future__ import annotations

import json

import pytest

from practicehub.catalogue.models import Record

pytestmark = pytest.mark.django_db
FACETS = ("kind", "language", "theme", "programme", "organisation", "year", "target_group")


def search(client, **params) -> dict:
    response = client.get("/api/records", params)
    assert response.status_code == 200, response.content
    return response.json()


def all_ids(client, **params) -> list[str]:
    ids, page = [], 1
    while True:
        body = search(client, per_page=7, page=page, **params)
        ids += [item["id"] for item in body["items"]]
        if page >= body["pages"]:
            return ids
        page += 1


def test_without_a_query_it_pages_through_every_published_record(sample_catalogue, client):
    published = set(Record.objects.filter(status="published").values_list("id", flat=True))
    body = search(client, per_page=7)
    assert body["total"] == len(published) and body["pages"] == -(-len(published) // 7)
    ids = all_ids(client)
    assert len(ids) == len(set(ids)) and set(ids) == published


def test_every_facet_value_filters_to_as_many_records_as_it_counts(sample_catalogue, client):
    facets = search(client)["facets"]
    assert set(FACETS) <= set(facets)
    for key in FACETS:
        assert facets[key], f"no {key} facet values on the sample collection"
        for value in facets[key][:3]:
            body = search(client, **{key: value["value"], "per_page": 100})
            assert body["total"] == value["count"], (key, value)


def covers(period: dict, year: str) -> bool:
    start = period["start"]
    return bool(start) and start[:4] <= year <= (period["end"] or start)[:4]


def test_the_filters_select_records_that_have_the_value(sample_catalogue, client):
    facets = search(client)["facets"]
    theme = facets["theme"][0]["value"]
    programme = facets["programme"][0]["value"]
    organisation = facets["organisation"][0]["value"]
    year = facets["year"][0]["value"]
    checks = {
        "kind": ("good_practice", lambda r: r["kind"] == "good_practice"),
        "language": ("lt", lambda r: r["language"] == "lt"),
        "theme": (theme, lambda r: theme in r["themes"]),
        "programme": (programme, lambda r: programme in [f["programme"] for f in r["funding"]]),
        "organisation": (
            organisation,
            lambda r: organisation in [o["organisation_id"] for o in r["organisations"]],
        ),
        "year": (
            year,
            lambda r: (
                r["period"]["start"]
                and r["period"]["start"][:4]
                <= year
                <= (r["period"]["end"] or r["period"]["start"])[:4]
            ),
        ),
    }
    for name, (value, holds) in checks.items():
        ids = all_ids(client, **{name: value})
        assert ids, name
        for record_id in ids:
            assert holds(client.get(f"/api/records/{record_id}").json()), (name, record_id)


def test_values_of_one_filter_add_up_and_filters_together_narrow(sample_catalogue, client):
    everything = search(client)["total"]
    projects = search(client, kind="project")["total"]
    practices = search(client, kind="good_practice")["total"]
    assert projects and practices and projects + practices == everything
    assert search(client, kind=["project", "good_practice"])["total"] == everything
    lithuanian_practices = set(all_ids(client, kind="good_practice", language="lt"))
    assert lithuanian_practices == set(all_ids(client, kind="good_practice")) & set(
        all_ids(client, language="lt")
    )
    assert lithuanian_practices


def test_a_query_finds_its_record_first_with_the_words_marked(sample_catalogue, client):
    record = Record.objects.get(title__startswith="Nevyriausybinių organizacijų ir savivaldybių")
    body = search(client, q="moterų lyderystė savivaldybėse")
    assert body["items"][0]["id"] == record.id
    assert "<mark>" in body["items"][0]["snippet"]
    assert body["items"][0]["url"] == f"/api/records/{record.id}"
    # typed without the diacritics, the same record comes first
    assert search(client, q="moteru lyderyste savivaldybese")["items"][0]["id"] == record.id


def test_sorting_by_newest_puts_later_periods_first(sample_catalogue, client):
    starts = [
        item["period"]["start"]
        for item in search(client, sort="newest", per_page=100)["items"]
        if item["period"]["start"]
    ]
    assert starts and starts == sorted(starts, reverse=True)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"theme": "no-such-theme"}, "unknown theme: no-such-theme"),
        ({"organisation": "nobody"}, "unknown organisation: nobody"),
        ({"year": "last"}, "not a year: last"),
        ({"sort": "best"}, "sort: "),
        ({"per_page": 1000}, "per_page: "),
        ({"page": "x"}, "page: "),
    ],
)
def test_a_bad_filter_or_parameter_is_a_400_that_says_which(
    sample_catalogue, client, params, message
):
    response = client.get("/api/records", params)
    assert response.status_code == 400
    assert response.json()["status"] == 400
    assert message in response.json()["detail"]


def test_a_search_result_downloads_as_the_records_the_search_lists(sample_catalogue, client):
    ids = all_ids(client, language="lt", sort="title")
    response = client.get("/api/export", {"format": "jsonl", "language": "lt", "sort": "title"})
    assert response["Content-Disposition"].startswith('attachment; filename="practicehub-search-')
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids


def test_a_sorted_export_follows_the_sort(sample_catalogue, client):
    response = client.get("/api/export", {"format": "jsonl", "sort": "title"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == all_ids(client, sort="title")


def test_a_bad_filter_on_an_export_is_a_400_not_a_broken_file(sample_catalogue, client):
    response = client.get("/api/export", {"format": "csv", "theme": "no-such-theme"})
    assert response.status_code == 400
    assert response.json()["detail"] == "unknown theme: no-such-theme"

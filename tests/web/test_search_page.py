"""The search page without a browser: state in the URL, facets that combine, paging, the htmx
fragment, the export of the current result."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from practicehub.catalogue.models import Record
from practicehub.web import search_page

pytestmark = pytest.mark.django_db


def get(client, url: str, **headers) -> HTMLParser:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return HTMLParser(response.content.decode())


def result_ids(tree: HTMLParser) -> list[str]:
    return [a.attributes["href"].rsplit("/", 1)[1] for a in tree.css(".result h3 a")]


def facet_options(tree: HTMLParser, key: str) -> dict[str, int]:
    return {
        label.css_first("input").attributes["value"]: int(label.css_first(".count").text())
        for label in tree.css(f"fieldset.facet label:has(input[name={key}])")
    }


def test_an_empty_query_lists_every_published_record_with_facet_counts(client, catalogue):
    tree = get(client, "/")
    published = Record.objects.filter(status="published")
    assert sorted(result_ids(tree)) == sorted(published.values_list("id", flat=True))
    kinds = facet_options(tree, "kind")
    assert kinds == {
        "project": published.filter(kind="project").count(),
        "good_practice": published.filter(kind="good_practice").count(),
    }
    assert set(facet_options(tree, "language")) == {"en", "lt"}


def test_matches_are_highlighted_and_facets_combine(client, catalogue):
    tree = get(client, "/?q=training")
    everything = result_ids(tree)
    assert len(everything) >= 2
    assert tree.css(".snippet mark")
    kinds = facet_options(tree, "kind")
    narrowed = get(client, "/?q=training&kind=good_practice")
    assert len(result_ids(narrowed)) == kinds["good_practice"]
    assert set(result_ids(narrowed)) < set(everything)
    # Two values of one facet: either; two facets: both.
    both_kinds = get(client, "/?q=training&kind=good_practice&kind=project")
    assert sorted(result_ids(both_kinds)) == sorted(everything)
    checked = [i.attributes["value"] for i in both_kinds.css("input[name=kind][checked]")]
    assert sorted(checked) == ["good_practice", "project"]
    english = get(client, "/?q=training&kind=good_practice&language=en")
    expected = set(
        Record.objects.filter(
            pk__in=result_ids(narrowed), language="en", kind="good_practice"
        ).values_list("id", flat=True)
    )
    assert set(result_ids(english)) == expected


def test_a_bad_filter_value_is_reported_not_ignored(client, catalogue):
    response = client.get("/?theme=no-such-theme")
    assert response.status_code == 400
    tree = HTMLParser(response.content.decode())
    assert "no-such-theme" in tree.css_first("[role=alert]").text()


def test_htmx_gets_the_results_fragment_and_history_gets_the_page(client, catalogue):
    fragment = client.get("/?q=training", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content and b'class="result"' in fragment.content
    assert "HX-Request" in fragment["Vary"]
    restored = client.get(
        "/?q=training", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert b"<html" in restored.content


def test_paging_keeps_the_query_filters_and_sort_in_each_link(client, catalogue, monkeypatch):
    monkeypatch.setattr(search_page, "PER_PAGE", 3)
    first = get(client, "/?kind=project&kind=good_practice&sort=title")
    total = Record.objects.filter(status="published").count()
    assert total > 3
    links = [a.attributes["href"] for a in first.css(".pager a")]
    assert links
    state = parse_qs(urlparse(links[-1]).query)
    assert state["kind"] == ["project", "good_practice"] and state["sort"] == ["title"]
    seen: list[str] = []
    page = 1
    while True:
        tree = get(client, f"/?kind=project&kind=good_practice&sort=title&page={page}")
        seen += result_ids(tree)
        if not tree.css(".pager a[rel=next]"):
            break
        page += 1
    assert len(seen) == len(set(seen)) == total
    titles = [Record.objects.get(pk=i).title.casefold() for i in seen]
    assert titles == sorted(titles)


def test_the_csv_export_holds_exactly_the_current_result(client, catalogue):
    tree = get(client, "/?q=training&language=en")
    export = next(a.attributes["href"] for a in tree.css(".exports a") if a.text().strip() == "CSV")
    assert parse_qs(urlparse(export).query) == {
        "q": ["training"],
        "language": ["en"],
        "format": ["csv"],
    }
    response = client.get(export)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == result_ids(tree)
    assert {r["language"] for r in rows} == {"en"}
    assert client.get("/export?format=docx").status_code == 400


def test_a_record_page_offers_similar_records(client, catalogue):
    (record,) = catalogue["lt-gp-moteru-lyderyste-savivaldybese.txt"]
    tree = get(client, f"/records/{record.id}")
    similar = [a.attributes["href"].rsplit("/", 1)[1] for a in tree.css(".similar a")]
    assert similar and record.id not in similar
    assert Record.objects.filter(pk__in=similar, status="published").count() == len(similar)

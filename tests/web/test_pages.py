"""The record, organisation and about pages, read through Django's test client on a real
catalogue ingested from sample documents."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.conf import settings
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from practicehub.catalogue.models import Organisation, Participation, Record
from practicehub.web.labels import FORM_KEYS
from tests.web.conftest import sample_path

pytestmark = pytest.mark.django_db


def page(client, url: str, language: str = "en", status: int = 200) -> HTMLParser:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == status, url
    return HTMLParser(response.content.decode())


def texts(tree: HTMLParser, selector: str) -> list[str]:
    return [" ".join(n.text().split()) for n in tree.css(selector)]


def test_a_good_practice_shows_its_nine_parts_labelled_in_the_interface_language(client, catalogue):
    (record,) = catalogue["lt-gp-moteru-lyderyste-savivaldybese.txt"]
    english = page(client, f"/records/{record.id}")
    assert english.css_first("html").attributes["lang"] == "en"
    assert texts(english, ".form-part h3") == [
        f"{n}. {label}"
        for n, label in enumerate(
            [
                "Organisation providing the practice",
                "Contacts of the organisation",
                "Aim of the practice",
                "Partner organisations",
                "Target group",
                "Duration of the practice",
                "Description of the practice",
                "Impact and results of monitoring",
                "Advice for those who want to adopt the practice",
            ],
            start=1,
        )
    ]
    assert len(FORM_KEYS) == 9
    lithuanian = page(client, f"/records/{record.id}", language="lt")
    assert lithuanian.css_first("html").attributes["lang"] == "lt"
    headings = texts(lithuanian, ".form-part h3")
    assert headings[2] == "3. Gerosios praktikos tikslas"
    assert headings[8] == "9. Patarimai norintiems pritaikyti šią gerąją praktiką"
    # The document's own heading shows where it says more than the label.
    source_headings = texts(english, ".form-part .source-heading")
    assert "In the document: 3. Gerosios praktikos tikslas" in source_headings
    assert "Dokumente: 3. Gerosios praktikos tikslas" not in texts(
        lithuanian, ".form-part .source-heading"
    )
    # The record's own language is marked on its text, whatever the interface language.
    title = english.css_first("h1")
    assert title.attributes["lang"] == "lt"
    assert title.text() == record.title
    assert all(n.attributes["lang"] == "lt" for n in english.css(".form-part .prose"))
    assert "Stiprinti moterų lyderystę vietos savivaldoje" in english.text()


def test_a_project_page_keeps_nested_activities_and_links_its_organisations(client, catalogue):
    record = next(
        r for r in catalogue["en-projects-2013.txt"] if "Candidates Academy" in str(r.sections)
    )
    tree = page(client, f"/records/{record.id}")
    nested = tree.css(".prose li > ul > li")
    assert any("weekend workshops" in li.text() for li in nested)
    lead_in = next(li for li in tree.css(".prose li") if li.css_first("ul"))
    assert lead_in.text(deep=False).strip().endswith(":")
    links = {
        a.attributes["href"]: a.text()
        for a in tree.css(".record-facts a")
        if a.attributes["href"].startswith("/organisations/")
    }
    expected = set(
        Participation.objects.filter(record=record).values_list("organisation_id", flat=True)
    )
    assert {href.rsplit("/", 1)[1] for href in links} == expected
    for href in links:
        assert client.get(href).status_code == 200


def test_funding_programmes_and_themes_show_in_the_interface_language(client, catalogue):
    (record,) = catalogue["lt-gp-moteru-lyderyste-savivaldybese.txt"]
    theme = record.themes.first()
    funding = record.funding.exclude(programme=None).select_related("programme").first()
    assert theme is not None and funding is not None
    english = page(client, f"/records/{record.id}").text()
    lithuanian = page(client, f"/records/{record.id}", language="lt").text()
    assert theme.label_en in english and theme.label_lt in lithuanian
    assert funding.programme.name_en in english
    assert funding.programme.name_lt in lithuanian


def test_an_unknown_record_gets_the_sites_not_found_page(client, catalogue):
    tree = page(client, "/records/000000000000-9", status=404)
    assert texts(tree, "h1") == ["Page not found"]
    assert tree.css_first("a.skip-link") is not None  # the site's own layout
    tree = page(client, "/organisations/no-such-organisation", language="lt", status=404)
    assert texts(tree, "h1") == ["Puslapis nerastas"]


def test_a_draft_record_is_not_shown_to_the_public(client, catalogue):
    (record,) = catalogue["en-gp-digital-buddies.odt"]
    Record.objects.filter(pk=record.pk).update(status=Record.Status.DRAFT)
    page(client, f"/records/{record.id}", status=404)
    assert client.get(f"/records/{record.id}/original").status_code == 404


def test_the_original_document_downloads_unchanged_as_an_attachment(client, catalogue):
    (record,) = catalogue["en-gp-digital-buddies.odt"]
    response = client.get(f"/records/{record.id}/original")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == sample_path("en-gp-digital-buddies.odt").read_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="en-gp-digital-buddies.odt"'
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert "sandbox" in response["Content-Security-Policy"]


def test_the_organisation_page_lists_names_records_with_roles_and_partners(client, catalogue):
    org = Organisation.objects.get(pk="centre-for-equality-initiatives")
    tree = page(client, f"/organisations/{org.pk}")
    assert org.name in texts(tree, "h1")[0]
    names = texts(tree, "#names-title + ul li")
    assert set(org.names.values_list("name", flat=True)) <= set(names)
    record_ids = set(
        Participation.objects.filter(organisation=org).values_list("record_id", flat=True)
    )
    shown = {a.attributes["href"].rsplit("/", 1)[1] for a in tree.css(".result-list h3 a")}
    assert shown == record_ids
    roles = texts(tree, ".result-list .result-meta")
    assert all(r.startswith("Role: ") for r in roles)
    # A partner's count is the number of records it shares with this organisation.
    partners = tree.css(".partners li")
    assert partners
    for li in partners:
        partner_id = li.css_first("a").attributes["href"].rsplit("/", 1)[1]
        shared = (
            Participation.objects.filter(organisation_id=partner_id, record_id__in=record_ids)
            .values("record_id")
            .distinct()
            .count()
        )
        count = int(re.search(r"(\d+) shared record", li.text()).group(1))
        assert count == shared, partner_id
    lithuanian = page(client, f"/organisations/{org.pk}", language="lt")
    assert "Partneriai" in texts(lithuanian, "h2")


def test_the_about_page_counts_what_is_published(client, catalogue):
    (hidden,) = catalogue["en-gp-digital-buddies.odt"]
    Record.objects.filter(pk=hidden.pk).update(status=Record.Status.DRAFT)
    published = Record.objects.filter(status="published")
    tree = page(client, "/about")
    stats = dict(
        (" ".join(li.text().split()[1:]), int(li.css_first("strong").text()))
        for li in tree.css(".stats li")
    )
    assert stats["published records"] == published.count() == Record.objects.count() - 1
    assert stats["good practices"] == published.filter(kind="good_practice").count()
    assert stats["projects"] == published.filter(kind="project").count()
    assert "/api/openapi.json" in tree.text()
    # The whole catalogue downloads from the page: every published record, nothing else.
    link = next(a.attributes["href"] for a in tree.css("a[download]") if a.text() == "CSV")
    response = client.get(link)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == sorted(published.values_list("id", flat=True))


def test_the_language_switch_keeps_the_choice_for_the_next_pages(client, catalogue):
    tree = page(client, "/about")
    form = tree.css_first("form.language-switch")
    assert {b.attributes["value"] for b in form.css("button")} == {"en", "lt"}
    response = client.post(
        form.attributes["action"], {"language": "lt"}, HTTP_REFERER="http://testserver/about"
    )
    assert response.status_code == 302 and response["Location"].endswith("/about")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lt"
    tree = HTMLParser(client.get("/about").content.decode())
    assert texts(tree, "h1") == ["Apie Practice Hub"]
    pressed = tree.css_first('.language-switch button[aria-pressed="true"]')
    assert pressed.attributes["value"] == "lt"


@pytest.mark.parametrize("url", ["/about", "/records/{id}", "/organisations/vsi-diversity-bridge"])
def test_every_page_carries_the_security_headers(client, catalogue, url):
    record = catalogue["en-projects-2013.txt"][0]
    response = client.get(url.format(id=record.id))
    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "style=" not in response.content.decode()  # the policy would block inline styles

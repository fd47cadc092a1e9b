"""XLSX and JSON-LD exports carry every field; `/api/export` downloads what the CLI writes."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from practicehub.catalogue.export_xlsx import LIST_FIELDS
from practicehub.catalogue.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(sample_catalogue, capsysbinary) -> dict[str, dict]:
    call_command("export", "--format", "json")
    return {r["id"]: r for r in json.loads(capsysbinary.readouterr().out)}


def cli_export(fmt: str, capsysbinary) -> bytes:
    call_command("export", "--format", fmt)
    return capsysbinary.readouterr().out


def rows(sheet) -> list[dict]:
    values = list(sheet.values)
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def record_from_workbook(book, record_id: str) -> dict:
    """The exchange-format record rebuilt from the four sheets, as a reader of the file would."""
    (row,) = [r for r in rows(book["records"]) if r["id"] == record_id]

    def mine(sheet):
        return sorted((r for r in rows(book[sheet]) if r["record_id"] == record_id),
                      key=lambda r: (r["position"], r.get("part") or 0))  # fmt: skip

    def listed(name):
        return row[name].split("\n") if row[name] else []

    sections: list[dict] = []
    for r in mine("sections"):
        if r["part"] == 1:
            sections.append({"key": r["key"], "heading": r["heading"], "text": r["text"] or ""})
        else:
            sections[-1]["text"] += r["text"]
    record = {
        "id": row["id"],
        "kind": row["kind"],
        "title": row["title"],
        "language": row["language"],
        "summary": row["summary"] or "",
        "sections": sections,
        "organisations": [
            {k: r[k] for k in ("name", "role", "acronym", "country", "organisation_id")}
            for r in mine("organisations")
        ],
        "funding": [{"programme": r["programme"], "text": r["text"]} for r in mine("funding")],
        "period": {"start": row["period_start"], "end": row["period_end"]},
        "contacts": {},
        "source": {
            "file": row["source_file"],
            "sha256": row["source_sha256"],
            "span": [row["source_span_start"], row["source_span_end"]]
            if row["source_span_start"] is not None
            else None,
        },
        "status": row["status"],
    }
    for name, path in LIST_FIELDS.items():
        (record["contacts"] if path[0] == "contacts" else record)[name] = listed(name)
    return record


def test_the_xlsx_export_holds_every_field_of_every_record(exported, capsysbinary):
    book = load_workbook(io.BytesIO(cli_export("xlsx", capsysbinary)), read_only=True)
    assert book.sheetnames == ["records", "organisations", "funding", "sections"]
    assert len(rows(book["records"])) == len(exported)
    for record_id, expected in exported.items():
        assert record_from_workbook(book, record_id) == expected


def record_from_graph(node: dict) -> dict:
    """The exchange-format record read back from its JSON-LD node."""
    return {
        "id": node["identifier"],
        "kind": node["kind"],
        "title": node["name"],
        "language": node["inLanguage"],
        "summary": node["description"],
        "sections": [
            {"key": p["sectionKey"], "heading": p["headline"], "text": p["text"]}
            for p in node["hasPart"]
        ],
        "objectives": node["objectives"],
        "activities": node["activities"],
        "organisations": [
            {
                "name": m["nameAsWritten"],
                "role": m["roleName"],
                "acronym": m["acronym"],
                "country": m["ph:country"],
                "organisation_id": m["member"]["@id"].rsplit("/", 1)[1]
                if "@id" in m["member"]
                else None,
            }
            for m in node["member"]
        ],
        "funding": [
            {
                "programme": f["isPartOf"]["@id"].rsplit("/", 1)[1] if f["isPartOf"] else None,
                "text": f["description"],
            }
            for f in node["funding"]
        ],
        "project_numbers": node["projectNumbers"],
        "period": {"start": node["startDate"], "end": node["endDate"]},
        "target_groups": [a["audienceType"] for a in node["audience"]],
        "themes": [k["termCode"] for k in node["keywords"]],
        "contacts": {
            "emails": node["email"],
            "websites": node["url"],
            "addresses": node["address"],
        },
        "source": {
            "file": node["subjectOf"]["name"],
            "sha256": node["subjectOf"]["sha256"],
            "span": node["subjectOf"]["span"],
        },
        "status": node["status"],
    }


def test_the_jsonld_export_is_schema_org_with_stable_uris_and_every_field(
    exported, capsysbinary, settings
):
    settings.BASE_URL = "https://hub.example.org"
    doc = json.loads(cli_export("jsonld", capsysbinary))
    assert doc["@context"]["@vocab"] == "https://schema.org/"
    projects = {n["@id"]: n for n in doc["@graph"] if n["@type"] == "Project"}
    organisations = {n["@id"]: n for n in doc["@graph"] if n["@type"] == "Organization"}
    assert set(projects) == {f"https://hub.example.org/records/{i}" for i in exported}
    for node in projects.values():
        assert record_from_graph(node) == exported[node["identifier"]]
        for role in node["member"]:
            assert role["@type"] == "OrganizationRole"
            if "@id" in role["member"]:
                assert role["member"]["@id"] in organisations
    magnum = organisations[
        "https://hub.example.org/organisations/social-partnership-fund-magnum-bonum"
    ]
    assert magnum["name"] == "Social Partnership Fund Magnum Bonum"
    named = {o["organisation_id"] for r in exported.values() for o in r["organisations"]}
    assert {n["identifier"] for n in organisations.values()} == named - {None}
    spellings = Organisation.objects.get(id="lt-ministry-social-security-and-labour").names
    node = organisations[
        "https://hub.example.org/organisations/lt-ministry-social-security-and-labour"
    ]
    assert {node["name"], *node["alternateName"]} == set(spellings.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json"),
        ("jsonl", "application/x-ndjson"),
        ("jsonld", "application/ld+json"),
    ],
)
def test_the_http_export_of_the_whole_catalogue_is_the_cli_export(
    sample_catalogue, client, capsysbinary, fmt, media_type
):
    response = client.get("/api/export", {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"] == media_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="practicehub-records-')
    assert disposition.endswith(f'.{fmt}"')
    body = b"".join(response.streaming_content)
    if fmt == "xlsx":  # the zip's timestamps differ from run to run; the cells do not
        ours, theirs = (
            load_workbook(io.BytesIO(data), read_only=True)
            for data in (body, cli_export(fmt, capsysbinary))
        )
        assert [list(s.values) for s in ours] == [list(s.values) for s in theirs]
    else:
        assert body == cli_export(fmt, capsysbinary)


def test_an_unknown_format_is_a_400_that_lists_the_formats(client):
    response = client.get("/api/export", {"format": "pdf"})
    assert response.status_code == 400
    assert "csv" in response.json()["detail"] and "jsonld" in response.json()["detail"]


def test_a_formula_in_a_document_stays_text_in_the_spreadsheet(client, tmp_path):
    doc = tmp_path / "formula.txt"
    doc.write_text(
        '=HYPERLINK("http://evil.example","click")\n\n'
        "A project that trains women candidates for local councils.",
        "utf-8",
    )
    call_command("ingest", "--quiet", str(doc))
    response = client.get("/api/export", {"format": "xlsx"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c for row in book["records"].iter_rows() for c in row if c.value]
    formulas = [c for c in cells if str(c.value).startswith("=")]
    assert formulas and all(c.data_type == "s" for c in formulas)

"""What every API client meets: JSON errors, CORS for reading, the OpenAPI document, the docs."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_a_parameter_of_the_wrong_type_is_a_400_that_names_it(client):
    response = client.get("/api/organisations", {"page": "two"})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["detail"].startswith("page: ")


def test_a_page_below_one_is_a_400(client):
    response = client.get("/api/organisations", {"page": 0})
    assert response.status_code == 400
    assert "page" in response.json()["detail"]


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/recordz")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "detail": "no such API endpoint: /api/recordz"}


def test_any_origin_may_read_the_api(client):
    response = client.get("/api/vocabularies", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    error = client.get("/api/records/nope", HTTP_ORIGIN="https://example.org")
    assert error["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_allows_reading_only(client):
    response = client.options(
        "/api/records",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_the_rest_of_the_site_is_not_opened_to_other_origins(client, plain_static):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in response


def test_head_answers_like_get_without_a_body(client):
    get = client.get("/api/vocabularies")
    head = client.head("/api/vocabularies")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    download = client.head("/api/export", {"format": "csv"})
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")


def test_writing_is_not_allowed(client):
    assert client.post("/api/vocabularies", {}).status_code == 405


def test_the_openapi_document_describes_every_endpoint(client):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {
        "/api/records",
        "/api/records/{record_id}",
        "/api/organisations",
        "/api/organisations/{organisation_id}",
        "/api/vocabularies",
    } <= set(doc["paths"])
    record = doc["components"]["schemas"]["RecordOut"]
    assert {"id", "kind", "title", "organisations", "source", "status"} <= set(record["required"])


def test_the_interactive_docs_load_their_scripts_from_our_own_server(client, plain_static):
    page = client.get("/api/docs").content.decode()
    assert '<div id="swagger-ui">' in page
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert f"/static/{asset}" in page
        assert finders.find(asset), f"{asset} is not among our static files"
    assert "cdn." not in page and "unpkg" not in page and "jsdelivr" not in page

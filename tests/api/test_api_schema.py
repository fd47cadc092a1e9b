"""Schema-driven tests: schemathesis generates requests from `/api/openapi.json` and checks that
no request makes a server error and every response conforms to what the document promises
(status codes, content types, bodies), on the sample catalogue."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from practicehub.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_connection():
    """Keep the test's database connection across requests, as Django's test client does:
    the WSGI handler closes it at the end of each request, and with it the test's
    transaction (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Read through the application itself, as a client would read it.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@schema.parametrize()
# Bounded so the whole run stays well under a minute on two cores.
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_the_promises_of_its_openapi_document(case, sample_catalogue, one_connection):
    # A filter value of the right type may still name no theme, programme or organisation the
    # catalogue knows: the document promises a 400 for that, which schemathesis's check that
    # "schema-valid" input is accepted cannot know, as the known values live in the database.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])

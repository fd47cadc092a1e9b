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

# Read through the application itself, as a client would read it.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def connection_kept_between_requests():
    """Requests go through the real WSGI handler, whose signals close a database connection
    that is inside a transaction; the test's transaction (PostgreSQL) must survive them, as
    Django's own test client arranges."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
# Bounded so the whole run stays well under a minute on two cores.
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_the_promises_of_its_openapi_document(case, sample_catalogue):
    # A filter value of the right type may still name no theme, programme or organisation the
    # catalogue knows: the document promises a 400 for that, which schemathesis's check that
    # "schema-valid" input is accepted cannot know, as the known values live in the database.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])

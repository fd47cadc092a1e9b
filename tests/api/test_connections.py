"""Database connections outlive a request, and a dead one is replaced before a request uses it."""

from __future__ import annotations

import psycopg
import pytest
from django.core.signals import request_finished, request_started
from django.db import connection

from practicehub.catalogue.models import Record


def test_connections_are_kept_between_requests_by_default():
    assert connection.settings_dict["CONN_MAX_AGE"] == 600
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db(transaction=True)
def test_a_request_after_the_server_dropped_the_connection_still_answers():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database lives in its connection: only a server drops one")
    request_started.send(sender=None)
    Record.objects.count()
    first = connection.connection.info.backend_pid
    request_finished.send(sender=None)

    request_started.send(sender=None)
    Record.objects.count()
    assert connection.connection.info.backend_pid == first  # kept, not opened again
    request_finished.send(sender=None)

    # The server ends that session (a restart, an idle timeout, an administrator).
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [first])

    request_started.send(sender=None)
    assert Record.objects.count() == 0  # answered, on a new connection
    assert connection.connection.info.backend_pid != first
    request_finished.send(sender=None)

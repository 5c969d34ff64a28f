"""The PostgreSQL backend's health check: no round trip for a live connection, a dead one found."""

import time
from typing import Any

import psycopg
import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's own check"),
]


def _server(settings_dict: dict[str, Any]) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"],
        dbname=settings_dict["NAME"],
        autocommit=True,
    )


def test_a_live_idle_connection_is_usable_without_a_query(monkeypatch):
    connection.ensure_connection()
    monkeypatch.setattr(connection.connection, "cursor", lambda *a, **k: pytest.fail("queried"))
    assert connection.is_usable()


def test_a_connection_the_server_ended_is_not_usable_and_is_replaced():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with _server(connection.settings_dict) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not connection.is_usable()
    connection.health_check_done = False
    connection.close_if_health_check_failed()  # what Django does at the start of a request
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_a_notice_waiting_on_a_live_connection_is_read_and_the_connection_kept():
    with connection.cursor() as cursor:
        cursor.execute("LISTEN amends_health_probe")
    with _server(connection.settings_dict) as other:
        other.execute("NOTIFY amends_health_probe")
    time.sleep(0.1)  # the notification now waits on the socket
    assert connection.is_usable()
    with connection.cursor() as cursor:
        cursor.execute("UNLISTEN *")

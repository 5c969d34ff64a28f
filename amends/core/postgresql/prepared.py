"""A cursor whose statements PostgreSQL parses and plans once per connection.

Django sends every query with its values written into the text (client-side binding), so the
server parses and plans it again each time. For the one statement that takes a complaint in,
that was most of the database's work: 0.3 ms of planning beside 0.2 ms of executing. This
cursor binds values on the server and has psycopg prepare each statement the first time a
connection runs it; later runs send only the values.

A prepared statement lives as long as its connection. Behind PgBouncer in transaction mode,
turn on PgBouncer's ``max_prepared_statements`` (1.21 and later) or set
``AMENDS_DATABASE_PREPARE=0``. Write constants the planner must see (a partial index's
condition) into the statement's text: after five runs PostgreSQL may choose one plan for every
value, and a plan for any value of a parameter cannot use such an index.

A migration that changes the type of a column such a statement returns makes PostgreSQL refuse
the prepared statement ("cached plan must not change result type") until its connection closes:
restart the web processes after such a migration, as a deployment does anyway.

On other databases, and with ``AMENDS_DATABASE_PREPARE=0``, it is Django's usual cursor.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from django.conf import settings
from django.db import connections
from django.db.backends.utils import CursorWrapper


@contextmanager
def prepared_cursor(alias: str = "default") -> Iterator[CursorWrapper]:
    """A Django cursor (errors translated, queries logged) whose statements are prepared."""
    connection = connections[alias]
    if connection.vendor != "postgresql" or not settings.AMENDS_DATABASE_PREPARE:
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    # Django turns preparing off for the whole connection (None). Its own cursors bind on the
    # client and are never prepared whatever this says, so it only reaches cursors like this one.
    if raw.prepare_threshold is None:
        raw.prepare_threshold = 0
    # The stubs type make_cursor's argument as Django's wrapper; it takes the driver's cursor.
    server_bound: Any = psycopg.Cursor(raw)
    cursor = (
        connection.make_debug_cursor(server_bound)
        if connection.queries_logged
        else connection.make_cursor(server_bound)
    )
    try:
        yield cursor
    finally:
        server_bound.close()

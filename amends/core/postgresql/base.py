"""Django's PostgreSQL backend, with a connection health check that needs no round trip.

With ``CONN_HEALTH_CHECKS`` Django checks a reused connection at the start of every request
with ``SELECT 1``: on this project's intake path that is a tenth of a request's time. A
connection the server has closed (a restart, ``pg_terminate_backend``, a crashed backend) has
something to read on its socket: the server's goodbye, or the end of the stream. An idle
connection that has nothing to read is usable, so only then is the query skipped; when there is
something to read, Django's own check decides (it reads the message and fails on a dead
connection). A connection that is not idle is also left to Django's check.
"""

import select
from typing import Any

import psycopg
from django.db.backends.postgresql import base
from django.db.backends.postgresql.operations import DatabaseOperations as BaseOperations
from psycopg.pq import TransactionStatus


class DatabaseOperations(BaseOperations):
    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        if not isinstance(cursor, psycopg.ClientCursor):  # bound on the server: compose it here
            try:
                return str(self.compose_sql(sql, params))
            except psycopg.errors.DataError:
                pass
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def is_usable(self) -> bool:
        connection: Any = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status == TransactionStatus.IDLE:
            try:
                readable, _, _ = select.select([connection.fileno()], [], [], 0)
            except (OSError, ValueError):
                return False
            if not readable:
                return True
        return bool(super().is_usable())

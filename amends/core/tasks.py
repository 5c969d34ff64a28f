"""Queueing background work so that it happens if, and only if, the transaction commits."""

import json
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.tasks import Task, TaskResultStatus, task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend

from .inserts import copy_fields, rows_copy, rows_insert, stamped_on_save


def enqueue_on_commit(task: Task[Any, Any], *args: Any) -> None:
    """Queue ``task(*args)`` as part of the current transaction.

    With the database backend the task row is written in the same transaction: workers see it
    only once the transaction commits, and it cannot be lost between the commit and the queueing
    (a transactional outbox). Other backends (the immediate one in tests) are called after commit.
    """
    backend = task_backends[task.backend]
    if isinstance(backend, DatabaseBackend) and transaction.get_connection().in_atomic_block:
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))


def enqueue_many_on_commit(calls: Sequence[tuple[Task[Any, Any], tuple[Any, ...]]]) -> None:
    """Queue each ``(task, args)`` in ``calls`` as part of the current transaction.

    With the database backend the rows are written in one statement (a batch of new complaints
    queues its acknowledgements and triage together); otherwise each is queued after commit, as
    ``enqueue_on_commit`` does.
    """
    from django_tasks_db.models import DBTaskResult

    connection = transaction.get_connection()
    rows = []
    for task, args in calls:
        backend = task_backends[task.backend]
        if isinstance(backend, DatabaseBackend) and connection.in_atomic_block:
            rows.append((backend, task, args))
        else:
            enqueue_on_commit(task, *args)
    if not rows:
        return
    if connection.vendor == "postgresql":
        # The rows' values without a model instance each: making three instances a complaint
        # had been a quarter of the time a batch of complaints took to file.
        now = timezone.now()
        rows_copy(
            DBTaskResult, [_task_values(connection, backend, task, args, now) for backend, task, args in rows]
        )
    else:
        rows_insert([_task_row(backend, task, args) for backend, task, args in rows])


def _task_row(backend: DatabaseBackend, task: Task[Any, Any], args: tuple[Any, ...]) -> Any:
    # The row ``DatabaseBackend.enqueue`` writes (see its ``_task_to_db_task``), built to be
    # written with others. The complaints tests check that the worker runs such rows.
    from django_tasks_db.compat import normalize_json
    from django_tasks_db.models import DBTaskResult, get_date_max

    backend.validate_task(task)
    return DBTaskResult(
        id=backend._get_id(),
        args_kwargs=normalize_json({"args": list(args), "kwargs": {}}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after or get_date_max(),  # what its pre_save signal would set
        backend_name=backend.alias,
    )


def _task_values(
    connection: Any, backend: DatabaseBackend, task: Task[Any, Any], args: tuple[Any, ...], now: datetime
) -> list[Any]:
    """``_task_row``'s values in ``copy_fields`` order, prepared as ``rows_insert`` would write them."""
    from django_tasks_db.compat import normalize_json

    template, pk, arguments, stamps = _task_template(connection, backend, task)
    values = list(template)
    values[pk] = backend._get_id()
    values[arguments] = json.dumps(normalize_json({"args": list(args), "kwargs": {}}))
    for i in stamps:
        values[i] = now
    return values


def _task_template(
    connection: Any, backend: DatabaseBackend, task: Task[Any, Any]
) -> tuple[list[Any], int, int, list[int]]:
    """The prepared values of ``task``'s row, which are the same for every run but its id,
    arguments and times; and where those stand. Made once per process (the task validated then)."""
    from django_tasks_db.models import DBTaskResult

    key = _task_key(connection, backend, task)
    made = _TEMPLATES.get(key)
    if made is None:
        row = _task_row(backend, task, ())
        fields = copy_fields(DBTaskResult)
        values = [field.get_db_prep_save(field.pre_save(row, add=True), connection) for field in fields]
        names = [field.attname for field in fields]
        stamps = [i for i, field in enumerate(fields) if stamped_on_save(field)]
        made = _TEMPLATES[key] = (values, names.index("id"), names.index("args_kwargs"), stamps)
    return made


_TEMPLATES: dict[tuple[Any, ...], tuple[list[Any], int, int, list[int]]] = {}


def _task_key(connection: Any, backend: DatabaseBackend, task: Task[Any, Any]) -> tuple[Any, ...]:
    """What a queued run's row depends on but its id, arguments and times: the database, the
    backend and the task as configured."""
    return (connection.alias, backend.alias, task.module_path, task.priority, task.queue_name, task.run_after)


def _waiting(backend: DatabaseBackend, task: Task[Any, Any]) -> dict[str, str]:
    return {
        "status": TaskResultStatus.READY,
        "task_path": task.module_path,
        "queue_name": task.queue_name,
        "backend_name": backend.alias,
    }


def enqueue_once(task: Task[Any, Any]) -> None:
    """Queue ``task()`` unless a run of it is waiting to start.

    For a task that works through whatever is waiting (filing submissions): a burst of callers
    queues one run, and a caller after that run has started queues the next. With the database
    backend the look and the row are part of the current transaction, if there is one; two
    transactions that commit at once may both queue a run, which costs a run that finds little
    to do. Other backends cannot be looked at: they queue a run for every call, at once, so call
    this once the work is committed.
    """
    from django_tasks_db.models import DBTaskResult

    backend = task_backends[task.backend]
    if not isinstance(backend, DatabaseBackend):
        task.enqueue()
        return
    with transaction.atomic():
        if not DBTaskResult.objects.filter(**_waiting(backend, task)).exists():
            task.enqueue()


def enqueue_once_sql(task: Task[Any, Any], *, when: str = "TRUE") -> tuple[str, list[Any]]:
    """An ``INSERT`` that queues ``task()`` where ``when`` holds and no run of it waits to start.

    For a statement that does its own write and queues work in the same round trip (a common
    table expression); what it queues is the row ``enqueue_once`` would write. Only the run's id
    and times are parameters: the values every run shares are written into the statement, each
    cast to its column's type (PostgreSQL does not infer it in a ``SELECT``). Returns ``("", [])``
    when the task's backend is not the database backend: the caller then queues with
    ``enqueue_once``.
    """
    backend = task_backends[task.backend]
    if not isinstance(backend, DatabaseBackend):
        return "", []
    connection = transaction.get_connection()
    key = (when, *_task_key(connection, backend, task))
    planned = _ONCE.get(key)
    if planned is None:
        planned = _ONCE[key] = _enqueue_once_plan(connection, when, backend, task)
    sql, stamps = planned
    now = timezone.now()
    return sql, [backend._get_id(), *([now] * stamps)]


# What may be written into a statement as it is: task paths, queue and backend names.
_NAME = re.compile(r"[A-Za-z0-9_.\-]+")

# The statements of ``enqueue_once_sql``, with how many times each takes, by database, condition
# and task.
_ONCE: dict[tuple[Any, ...], tuple[str, int]] = {}


def _enqueue_once_plan(
    connection: Any, when: str, backend: DatabaseBackend, task: Task[Any, Any]
) -> tuple[str, int]:
    """The statement, taking the run's id and then its times (how many is returned with it)."""
    from django_tasks_db.models import DBTaskResult
    from psycopg import sql

    task_path, queue_name, backend_alias = task.module_path, task.queue_name, backend.alias
    for name in (task_path, queue_name, backend_alias):
        if not _NAME.fullmatch(name):
            raise ValueError(f"{name!r} cannot be written into a statement.")
    template, pk, _, stamps = _task_template(connection, backend, task)
    connection.ensure_connection()
    quote = connection.ops.quote_name
    fields = copy_fields(DBTaskResult)
    table = quote(DBTaskResult._meta.db_table)
    columns = ", ".join(quote(str(field.column)) for field in fields)
    # The id first, then the times, in the order of the columns: the id is the first column.
    assert pk < min(stamps, default=pk + 1), "the id's column comes before the times'"
    values = ", ".join(
        (
            "%s"
            if i == pk or i in stamps
            else sql.Literal(value).as_string(connection.connection)  # quoted by the driver
        )
        + f"::{field.cast_db_type(connection)}"
        for i, (field, value) in enumerate(zip(fields, template, strict=True))
    )
    # Which run to look for is written out rather than passed as parameters, so that the planner
    # can use the partial index of waiting runs (complaints migration 0009) in a plan made once
    # for every value, as a prepared statement's may be.
    waiting = (
        f"status = '{TaskResultStatus.READY.value}' AND task_path = '{task_path}' "
        f"AND queue_name = '{queue_name}' AND backend_name = '{backend_alias}'"
    )
    statement = (
        f"INSERT INTO {table} ({columns}) SELECT {values} "  # noqa: S608 - names are checked above
        f"WHERE {when} AND NOT EXISTS (SELECT 1 FROM {table} WHERE {waiting})"
    )
    return statement, len(stamps)

"""Queueing background work so that it happens if, and only if, the transaction commits."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.tasks import Task, task_backends
from django_tasks_db import DatabaseBackend

from .inserts import rows_insert


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
    rows = []
    for task, args in calls:
        backend = task_backends[task.backend]
        if isinstance(backend, DatabaseBackend) and transaction.get_connection().in_atomic_block:
            rows.append(_task_row(backend, task, args))
        else:
            enqueue_on_commit(task, *args)
    if rows:
        rows_insert(rows)


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

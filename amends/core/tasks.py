"""Queueing background work so that it happens if, and only if, the transaction commits."""

from typing import Any

from django.db import transaction
from django.tasks import Task, task_backends
from django_tasks_db import DatabaseBackend


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

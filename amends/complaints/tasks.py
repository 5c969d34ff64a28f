"""Background work for complaints. Each task loads by id and calls one service."""

import time

from django.conf import settings
from django.tasks import task, task_backends
from django_tasks_db import DatabaseBackend

from . import delivery, services


@task()
def acknowledge_complaint(complaint_id: int) -> None:
    services.complaint_acknowledge(complaint_id=complaint_id)


@task()
def deliver_message(message_id: int) -> None:
    delivery.message_deliver(message_id=message_id)


@task()
def deliver_messages(message_ids: list[int]) -> None:
    """Send a batch of outbound messages (one incident update to many), each as ``deliver_message``."""
    for message_id in message_ids:
        delivery.message_deliver(message_id=message_id)


@task(queue_name="intake", priority=50)
def file_submissions() -> int:
    """File the complaints taken in by the web form and the API (``complaint_accept``).

    On a queue of its own, so a worker can be kept for it (`amends worker --queue-name intake`),
    and ahead of other work where one worker does everything. With the database backend taking
    in queues one run for a burst (``core.tasks.enqueue_once``), so the run first lets the burst
    gather: a batch of a hundred costs far less a complaint than a hundred batches of one.
    Submissions taken in from the moment it starts queue the next run.
    """
    if isinstance(task_backends[file_submissions.backend], DatabaseBackend):
        time.sleep(settings.AMENDS_FILING_GATHER_MS / 1000)
    return services.submissions_file_waiting()

"""Background work for complaints. Each task loads by id and calls one service."""

from django.tasks import task

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
    and ahead of other work where one worker does everything.
    """
    return services.submissions_file_waiting()

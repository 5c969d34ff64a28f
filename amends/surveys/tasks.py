"""Background work for follow-up. Each task loads by id and calls one service."""

from django.tasks import task

from . import services


@task()
def schedule_follow_up(complaint_id: int) -> None:
    """Queued when a complaint is resolved (``AMENDS_AFTER_RESOLVE_TASKS``)."""
    services.follow_up_schedule(complaint_id=complaint_id)

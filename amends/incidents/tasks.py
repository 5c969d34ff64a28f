"""Background work for incidents. Each task loads by id and calls one service."""

from django.tasks import task

from . import matching, services


@task()
def match_new_complaint(complaint_id: int) -> None:
    """Suggest links from a new complaint to open incidents; queued after intake by the setting
    ``AMENDS_AFTER_RECEIVE_TASKS``."""
    matching.incidents_match_complaint(complaint_id=complaint_id)


@task()
def prepare_update(update_id: int) -> None:
    services.update_prepare(update_id=update_id)


@task()
def send_update_batch(update_id: int, first: int, last: int) -> None:
    services.update_send_batch(update_id=update_id, first=first, last=last)


@task()
def prepare_gesture(gesture_id: int) -> None:
    services.gesture_prepare(gesture_id=gesture_id)


@task()
def grant_gesture_batch(gesture_id: int, first: int, last: int) -> None:
    services.gesture_grant_batch(gesture_id=gesture_id, first=first, last=last)

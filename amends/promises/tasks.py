"""Background work for promises. Each task loads by id (or carries plain data) and calls one service."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils.module_loading import import_string


@task()
def send_staff_notices(notices: list[dict[str, Any]]) -> None:
    """Send reminder and escalation emails to staff; the sweep queues them after commit."""
    for notice in notices:
        send_mail(notice["subject"], notice["body"], settings.DEFAULT_FROM_EMAIL, notice["to"])


@task()
def run_sweeps() -> None:
    """Run every sweep in ``AMENDS_SWEEPS`` once (what `amends sweep --enqueue` queues)."""
    for path in settings.AMENDS_SWEEPS:
        import_string(path)()

"""Background work for insights: load by id, call one service."""

from datetime import date

from django.tasks import task

from amends.accounts.models import User

from .digest import digest_send


@task()
def send_digest(owner_id: int, week_start: str) -> None:
    """Send one owner's weekly digest (queued by the sweep once per owner and week)."""
    owner = User.objects.filter(pk=owner_id, is_active=True).first()
    if owner is not None:
        digest_send(owner=owner, week_start=date.fromisoformat(week_start))

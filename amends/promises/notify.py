"""Emails to staff about promises: reminders before a target, escalations before a promise breaks."""

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse

from amends.accounts.models import Role, User

if TYPE_CHECKING:
    from amends.complaints.models import Complaint


@dataclass(frozen=True)
class Notice:
    """One email to members of staff; plain data, so a task can carry it."""

    to: list[str]
    subject: str
    body: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def supervisors_of(team_id: int | None) -> list[User]:
    """The active supervisors of a team (for an unrouted complaint: every supervisor)."""
    people = User.objects.filter(role=Role.SUPERVISOR, is_active=True)
    if team_id is not None:
        people = people.filter(teams__id=team_id)
    return list(people.order_by("id"))


def desk_url(complaint: "Complaint") -> str:
    return settings.SITE_URL + reverse("desk:complaint", args=[complaint.reference])


def notice_to(people: list[User], *, subject: str, body: str) -> Notice | None:
    addresses = sorted({p.email for p in people if p.email})
    return Notice(addresses, subject, body) if addresses else None

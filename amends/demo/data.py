"""Demo data: an organisation with teams, staff and categories, and a living desk of complaints.

Complaints go through the real services (receive, reply, note, transitions), then their clocks
are moved back in time so the desk shows a history of weeks, with some promises overdue.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from amends.accounts.models import Role, Team, User
from amends.accounts.services import staff_create, team_create
from amends.complaints.models import Category, Complaint, Event, Message
from amends.promises.models import Promise

from .stories import TEAMS_AND_CATEGORIES, build_complaints

DEMO_PASSWORD = "amends-demo"
DEMO_LOGINS = [
    ("alex", DEMO_PASSWORD, "agent, Orders and Delivery"),
    ("bea", DEMO_PASSWORD, "agent, Billing"),
    ("sam", DEMO_PASSWORD, "supervisor, Orders and Delivery and Billing"),
    ("pat", DEMO_PASSWORD, "spokesperson"),
    ("admin", DEMO_PASSWORD, "administrator (sees every team, /admin/)"),
]


def _organisation() -> tuple[dict[str, Team], dict[str, Category], dict[str, User]]:
    teams: dict[str, Team] = {}
    categories: dict[str, Category] = {}
    for team_name, category_names in TEAMS_AND_CATEGORIES.items():
        slug = team_name.lower().replace(" ", "-").replace("&", "and")
        team = team_create(name=team_name, reply_from=f"{slug}@care.amends.localhost")
        teams[team_name] = team
        for name in category_names:
            categories[name] = Category.objects.create(
                name=name, slug=name.lower().replace(" ", "-").replace("&", "and"), team=team
            )
    names = list(teams.values())
    staff = {
        "alex": staff_create(username="alex", password=DEMO_PASSWORD, role=Role.AGENT, teams=names[:1],
                             first_name="Alex", last_name="Morgan", email="alex@amends.localhost"),
        "bea": staff_create(username="bea", password=DEMO_PASSWORD, role=Role.AGENT, teams=names[1:2],
                            first_name="Bea", last_name="Okafor", email="bea@amends.localhost"),
        "sam": staff_create(username="sam", password=DEMO_PASSWORD, role=Role.SUPERVISOR, teams=names[:2],
                            first_name="Sam", last_name="Rivera", email="sam@amends.localhost"),
        "pat": staff_create(username="pat", password=DEMO_PASSWORD, role=Role.SPOKESPERSON, teams=names,
                            first_name="Pat", last_name="Lindqvist", email="pat@amends.localhost"),
        "admin": staff_create(username="admin", password=DEMO_PASSWORD, role=Role.ADMIN,
                              first_name="Ada", last_name="Admin", email="admin@amends.localhost"),
    }
    for team in names[2:]:
        staff[f"agent-{team.slug}"] = staff_create(
            username=f"{team.slug}-agent", password=DEMO_PASSWORD, role=Role.AGENT, teams=[team],
            first_name="Chris", last_name=team.name.split()[0],
        )
    return teams, categories, staff


def _shift_back(complaint: Complaint, delta: timedelta) -> None:
    """Move a complaint's whole history back by ``delta``, as if it had happened then."""
    for model, fields in (
        (Complaint, ["received_at", "acknowledged_at", "first_response_at", "resolved_at", "closed_at", "due_at"]),
    ):
        values = {f: getattr(complaint, f) - delta for f in fields if getattr(complaint, f)}
        model.objects.filter(pk=complaint.pk).update(**values)
    for event in Event.objects.filter(complaint=complaint):
        Event.objects.filter(pk=event.pk).update(created_at=event.created_at - delta)
    for message in Message.objects.filter(complaint=complaint):
        Message.objects.filter(pk=message.pk).update(
            created_at=message.created_at - delta,
            delivered_at=message.delivered_at - delta if message.delivered_at else None,
        )
    for promise in Promise.objects.filter(complaint=complaint):
        Promise.objects.filter(pk=promise.pk).update(
            due_at=promise.due_at - delta,
            target_at=promise.target_at - delta,
            created_at=promise.created_at - delta,
            settled_at=promise.settled_at - delta if promise.settled_at else None,
        )


def load_demo_data(*, complaints: int = 300, seed: int = 2026) -> int:
    """Create the demo organisation and ``complaints`` complaints; return how many were made."""
    rng = random.Random(seed)
    with transaction.atomic():
        _, categories, staff = _organisation()
    made = 0
    for plan in build_complaints(rng, complaints, categories=categories, staff=staff):
        with transaction.atomic():
            complaint = plan.carry_out()
            _shift_back(Complaint.objects.get(pk=complaint.pk), plan.age)
        made += 1
    return made

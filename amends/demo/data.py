"""Demo data: an organisation with teams, staff and categories, and a living desk of complaints.

Complaints go through the real services (receive, reply, note, transitions), each step played
at the moment it happened weeks or days ago (see ``stories.clock``), so the desk shows a history
with promises kept, broken and some overdue now.
"""

import contextlib
import random

from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from amends.accounts.models import Role, Team, User
from amends.accounts.services import staff_create, team_create
from amends.complaints.models import Category, Complaint
from amends.core.errors import InvalidInput
from amends.insights.fold import summaries_rebuild
from amends.triage import services as triage_services

from .stories import TEAMS_AND_CATEGORIES, build_complaints, incident, learning
from .stories.aftercare import aftercare

DEMO_PASSWORD = "amends-demo"  # noqa: S105 - printed for newcomers; demo data only
DEMO_LOGINS = [
    ("alex", DEMO_PASSWORD, "agent, Orders and Delivery"),
    ("bea", DEMO_PASSWORD, "agent, Billing"),
    ("sam", DEMO_PASSWORD, "supervisor, Orders and Delivery and Billing"),
    ("pat", DEMO_PASSWORD, "spokesperson"),
    ("admin", DEMO_PASSWORD, "administrator (sees every team, /admin/)"),
    ("robin", DEMO_PASSWORD, "policy owner: delivery and products (insights, proposals)"),
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
    # (username, first name, last name, role, teams). The first five are the logins printed by
    # `amends demo`; the others are colleagues, so inboxes show work shared out.
    people = [
        ("alex", "Alex", "Morgan", Role.AGENT, names[:1]),
        ("bea", "Bea", "Okafor", Role.AGENT, names[1:2]),
        ("sam", "Sam", "Rivera", Role.SUPERVISOR, names[:2]),
        ("pat", "Pat", "Lindqvist", Role.SPOKESPERSON, names),
        ("admin", "Ada", "Admin", Role.ADMIN, []),
        ("jordan", "Jordan", "Reyes", Role.AGENT, names[:1]),
        ("priya", "Priya", "Shah", Role.AGENT, names[1:2]),
        ("chris", "Chris", "Novak", Role.AGENT, names[2:3]),
        ("dana", "Dana", "Whitfield", Role.AGENT, names[3:4]),
        ("lee", "Lee", "Ashworth", Role.SUPERVISOR, names[2:]),
    ]
    staff = {
        username: staff_create(
            username=username,
            password=None,
            role=role,
            teams=member_of,
            first_name=first,
            last_name=last,
            email=f"{username}@amends.localhost",
        )
        for username, first, last, role, member_of in people
    }
    # One hash for everyone: hashing is slow on purpose, and all demo logins share the password.
    User.objects.filter(pk__in=[u.pk for u in staff.values()]).update(password=make_password(DEMO_PASSWORD))
    return teams, categories, staff


def load_demo_data(*, complaints: int = 300, seed: int = 2026) -> int:
    """Create the demo organisation and ``complaints`` complaints; return how many were made."""
    rng = random.Random(seed)
    with transaction.atomic():
        _, categories, staff = _organisation()
        learning.policy_areas(categories, staff)
    made = 0
    for plan in build_complaints(rng, complaints, categories=categories, staff=staff):
        with transaction.atomic():
            plan.carry_out()
        made += 1
    aftercare(now=timezone.now(), seed=seed)
    learning.policy_loop(now=timezone.now(), seed=seed)
    with transaction.atomic():
        incident.incident_story(staff)
    _settle_history()
    return made


def _settle_history() -> None:
    """Leave the desk as if its history had been worked through by a worker.

    Loading queues the tasks each step would queue (deliveries, triage, follow-ups) with the
    times they had in the story. Their effects are part of the history already (outbound mail
    is marked sent), so the queue is emptied rather than replayed at first start, and triage
    is run here, in order, with one model trained from the categories people set.
    """
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()
    cache.delete(triage_services.RETRAIN_QUEUED_KEY)
    for complaint_id in Complaint.objects.order_by("pk").values_list("pk", flat=True):
        triage_services.triage_complaint(complaint_id=complaint_id)
    # A small demo may have too few labelled complaints: triage then abstains until people label more.
    with contextlib.suppress(InvalidInput):
        triage_services.category_model_train(force=True)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()
    # The insight pages' summary tables, from the whole history just played (nothing else is
    # writing, so nothing needs to wait out the fold's lag).
    summaries_rebuild(lag_seconds=0)

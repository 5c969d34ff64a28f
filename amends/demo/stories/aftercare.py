"""What happened after the demo's complaints were resolved: the remedies granted and what they
cost, and the customers who answered the satisfaction survey and the "did it hold?" check-in.

Played after the stories, each step through the real services at its moment in the past, so the
redress ledger, the timeline and the insight pages agree. Only answers that would not reopen a
complaint are given (a low score reopens it for a supervisor), so the desk's states stay as the
stories left them.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from amends.accounts.models import Role, User
from amends.complaints.models import Complaint, Delivery, Direction, Message, State
from amends.core.errors import AmendsError
from amends.remedies.models import Remedy
from amends.remedies.services import remedy_grant
from amends.surveys import services as survey_services
from amends.surveys.models import Recommend, Survey, SurveyKind, SurveyState

from .clock import demo_clock
from .goods import FAULTY, SAFETY
from .money import BENEFITS, CANCEL, CARD, DOUBLE, REFUND
from .orders import COURIER, DAMAGED, LATE, WRONG
from .plans import SENDING_TIME

# What each kind of complaint was usually put right with, and what it cost.
GRANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    LATE: ("Partial refund", ("4.99", "9.99", "14.99")),
    DAMAGED: ("Replacement", ("45.00", "80.00", "129.00")),
    WRONG: ("Replacement", ("25.00", "39.99", "60.00")),
    COURIER: ("Account credit", ("10.00", "15.00")),
    DOUBLE: ("Full refund", ("19.99", "34.50", "49.99")),
    REFUND: ("Account credit", ("10.00", "20.00")),
    CARD: ("Account credit", ("10.00", "15.00", "25.00")),
    CANCEL: ("Partial refund", ("7.99", "23.97", "47.94")),
    BENEFITS: ("Account credit", ("5.00", "10.00")),
    FAULTY: ("Repair", ("35.00", "60.00", "90.00", "150.00")),
    SAFETY: ("Replacement", ("30.00", "45.00", "60.00")),
}
AGENT_LIMIT = Decimal("50")


def aftercare(*, now: datetime, seed: int) -> None:
    rng = random.Random(seed ^ 0xCA4E)
    remedies = {r.name: r for r in Remedy.objects.filter(is_active=True)}
    done = Complaint.objects.filter(state__in=[State.RESOLVED, State.CLOSED], resolved_at__isnull=False)
    for complaint in done.select_related("category", "assignee").order_by("resolved_at", "pk"):
        if complaint.category and complaint.category.name in GRANTS and rng.random() < 0.65:
            _grant(rng, complaint, remedies)
        _follow_up(rng, complaint, now)
    # The surveys went out long ago, as the stories' own mail did.
    Message.objects.filter(direction=Direction.OUTBOUND, delivery=Delivery.PENDING).update(
        delivery=Delivery.SENT, delivered_at=F("created_at") + SENDING_TIME
    )


def _granter(complaint: Complaint, amount: Decimal) -> User | None:
    if amount <= AGENT_LIMIT and complaint.assignee is not None:
        return complaint.assignee
    return User.objects.filter(role=Role.SUPERVISOR, teams=complaint.team_id).order_by("pk").first()


def _grant(rng: random.Random, complaint: Complaint, remedies: dict[str, Remedy]) -> None:
    assert complaint.category is not None
    assert complaint.resolved_at is not None
    name, amounts = GRANTS[complaint.category.name]
    amount = Decimal(rng.choice(amounts))
    by = _granter(complaint, amount)
    if name not in remedies or by is None:
        return
    with demo_clock(complaint.resolved_at - timedelta(minutes=rng.randint(5, 90))):
        try:
            remedy_grant(
                by=by, complaint=complaint, remedy=remedies[name], amount=amount, key=f"demo:{complaint.pk}"
            )
        except AmendsError:
            return  # over a budget, say: the story goes on without it


def _follow_up(rng: random.Random, complaint: Complaint, now: datetime) -> None:
    for survey in survey_services.follow_up_schedule(complaint_id=complaint.pk):
        if survey.send_at > now - timedelta(hours=2):
            continue
        with demo_clock(survey.send_at), transaction.atomic():
            locked = Survey.objects.select_for_update().select_related("complaint").get(pk=survey.pk)
            survey_services.survey_send(survey=locked, now=survey.send_at)
        answered_at = survey.send_at + timedelta(hours=rng.uniform(1, 30))
        if locked.state != SurveyState.SENT or answered_at > now or rng.random() > 0.55:
            continue
        with demo_clock(answered_at):
            if survey.kind == SurveyKind.SATISFACTION:
                score = rng.choices((3, 4, 5), weights=(2, 5, 6))[0]
                recommend = Recommend.YES if score >= 4 else Recommend.UNSURE
                survey_services.survey_answer(survey=locked, score=score, recommend=recommend)
            else:
                survey_services.checkin_answer(survey=locked, held=True)

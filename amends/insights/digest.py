"""The weekly digest to each policy owner: their areas' figures for last week, and proposals.

``digests_due`` (from the sweep) writes one ``DigestLog`` row per owner and week, unique, and
queues the sending after commit, so a week's digest is sent once however often the sweep runs.
``digest_send`` renders and sends one; ``amends insights digest`` sends them by hand.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone

from amends.accounts.models import User
from amends.core.tasks import enqueue_on_commit
from amends.promises.clock import parse_weekdays
from amends.reviews.models import PolicyArea, Proposal
from amends.reviews.selectors import policy_owners, proposals_waiting_for

from .filters import InsightFilters, Scope, owner_scope, rows_in
from .models import DailyCause, DailyCost, DailyFigures, DigestLog
from .reports.common import category_names
from .tables import hours, ratio

FIGURES = ["received", "repeats", "first_responses", "first_response_seconds", "kept", "kept_early", "broken"]


def week_of(day: date) -> date:
    """The Monday of the week ``day`` is in."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Digest:
    owner: User
    week_start: date
    areas: list[PolicyArea]
    this_week: dict[str, Any]
    last_week: dict[str, Any]
    categories: list[tuple[str, int, int]]
    causes: list[tuple[str, int]]
    costs: list[tuple[str, Decimal]]
    waiting: list[Proposal]
    new: list[Proposal]

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)


def _figures(scope: Scope, filters: InsightFilters) -> dict[str, Any]:
    sums = rows_in(DailyFigures.objects.all(), scope, filters).aggregate(**{f: Sum(f) for f in FIGURES})
    values = {f: sums[f] or 0 for f in FIGURES}
    settled = values["kept"] + values["kept_early"] + values["broken"]
    return {
        **values,
        "first_response_hours": hours(values["first_response_seconds"], values["first_responses"]),
        "broken_share": ratio(values["broken"], settled),
    }


def digest_for(owner: User, week_start: date) -> Digest:
    """What the owner's digest for the week starting ``week_start`` (a Monday) says."""
    scope = owner_scope(owner)
    week = InsightFilters(week_start, week_start + timedelta(days=7))
    before = InsightFilters(week_start - timedelta(days=7), week_start)
    names = category_names()
    this = {
        r["category_id"]: r["n"] or 0
        for r in rows_in(DailyFigures.objects.all(), scope, week)
        .values("category_id")
        .annotate(n=Sum("received"))
    }
    prior = {
        r["category_id"]: r["n"] or 0
        for r in rows_in(DailyFigures.objects.all(), scope, before)
        .values("category_id")
        .annotate(n=Sum("received"))
    }
    categories = sorted(
        ((names.get(c, "?"), this.get(c, 0), prior.get(c, 0)) for c in sorted(scope.category_ids)),
        key=lambda row: (-row[1], row[0]),
    )
    causes = rows_in(DailyCause.objects.all(), scope, week).values("root_cause").annotate(n=Sum("reviews"))
    costs = rows_in(DailyCost.objects.all(), scope, week).values("currency").annotate(total=Sum("amount"))
    start = timezone.make_aware(datetime.combine(week_start, time()))
    return Digest(
        owner=owner,
        week_start=week_start,
        areas=list(PolicyArea.objects.filter(owner=owner, is_active=True).order_by("name")),
        this_week=_figures(scope, week),
        last_week=_figures(scope, before),
        categories=categories,
        causes=sorted(((r["root_cause"].replace("_", " "), r["n"]) for r in causes), key=lambda c: -c[1]),
        costs=[(r["currency"], r["total"]) for r in costs.order_by("currency")],
        waiting=proposals_waiting_for(owner),
        new=list(
            Proposal.objects.filter(
                owner=owner, created_at__gte=start, created_at__lt=start + timedelta(days=7)
            ).order_by("pk")
        ),
    )


def digest_send(*, owner: User, week_start: date) -> bool:
    """Render and send the owner's digest for a week, and mark it sent. False without an address."""
    if not owner.email:
        return False
    digest = digest_for(owner, week_start)
    context = {"digest": digest, "site": settings.SITE_URL, "organisation": settings.AMENDS_ORGANISATION}
    subject = f"Your weekly complaints digest, week of {week_start:%-d %b %Y}"
    body = render_to_string("insights/email/digest.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email])
    DigestLog.objects.update_or_create(
        owner=owner, week_start=week_start, defaults={"sent_at": timezone.now()}
    )
    return True


def send_moment(week_start: date) -> datetime:
    """When the digest of the week before ``week_start`` goes: the configured weekday and hour."""
    weekday = min(parse_weekdays(settings.AMENDS_DIGEST_WEEKDAY) or {0})
    day = week_start + timedelta(days=weekday)
    return timezone.make_aware(datetime.combine(day, time(hour=settings.AMENDS_DIGEST_HOUR)))


def digests_due(*, now: datetime) -> int:
    """Queue last week's digest for every owner who has not had it yet, once the send time has come.

    Returns how many were queued. The log row is written in the same transaction as the task,
    so an owner's week is queued once even when two sweeps run at once.
    """
    this_monday = week_of(timezone.localtime(now).date())
    if now < send_moment(this_monday):
        return 0
    covered = this_monday - timedelta(days=7)
    done = DigestLog.objects.filter(week_start=covered).values("owner_id")
    queued = 0
    for owner in policy_owners().exclude(pk__in=done).exclude(email=""):
        try:
            with transaction.atomic():
                DigestLog.objects.create(owner=owner, week_start=covered)
                from .tasks import send_digest

                enqueue_on_commit(send_digest, owner.pk, covered.isoformat())
        except IntegrityError:
            continue
        queued += 1
    return queued

"""Reads of promises that respect who is asking: the desk panel and the insight pages' figures."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Q, QuerySet

from amends.accounts.models import User
from amends.complaints.selectors import complaints_visible_to
from amends.core.errors import NotFound

from .models import SETTLED_STATES, Promise, PromiseKind, PromiseState


def promise_get_for_user(*, user: User, pk: int) -> Promise:
    """The promise ``pk`` if ``user`` may see its complaint; ``NotFound`` otherwise."""
    promise = (
        Promise.objects.select_related("complaint")
        .filter(pk=pk, complaint__in=complaints_visible_to(user))
        .first()
    )
    if promise is None:
        raise NotFound("No such promise on a complaint you can see.")
    return promise


def promises_for_panel(complaint_id: int) -> list[Promise]:
    """A complaint's promises for the desk: what is owed first, then the last few settled."""
    owed = list(
        Promise.objects.filter(
            complaint_id=complaint_id, state__in=[PromiseState.OPEN, PromiseState.PAUSED]
        ).order_by("due_at")
    )
    settled = list(
        Promise.objects.filter(complaint_id=complaint_id)
        .exclude(state__in=[PromiseState.OPEN, PromiseState.PAUSED])
        .order_by("-settled_at", "-id")[:6]
    )
    return owed + settled


@dataclass(frozen=True)
class Period:
    """What the insight pages filter by: a period (settled in [since, until)), a team, a category."""

    since: datetime
    until: datetime
    team: int | None = None
    category: int | None = None


def _scoped(user: User, period: Period, *, when: str = "settled_at") -> QuerySet[Promise]:
    qs = Promise.objects.filter(
        **{f"{when}__gte": period.since, f"{when}__lt": period.until},
        complaint__in=complaints_visible_to(user),
    )
    if period.team is not None:
        qs = qs.filter(complaint__team_id=period.team)
    if period.category is not None:
        qs = qs.filter(complaint__category_id=period.category)
    return qs


@dataclass(frozen=True)
class PromiseRates:
    kept: int
    kept_early: int
    broken: int

    @property
    def settled(self) -> int:
        return self.kept + self.kept_early + self.broken

    def _rate(self, n: int) -> float | None:
        return n / self.settled if self.settled else None

    @property
    def kept_rate(self) -> float | None:
        """Kept on time but not early; ``kept_early_rate`` counts those before the internal target."""
        return self._rate(self.kept)

    @property
    def kept_early_rate(self) -> float | None:
        return self._rate(self.kept_early)

    @property
    def broken_rate(self) -> float | None:
        return self._rate(self.broken)


def promise_rates_for_user(
    *, user: User, period: Period, kinds: list[PromiseKind] | None = None
) -> PromiseRates:
    """Kept, kept-early and broken promises settled in the period, among complaints ``user`` sees.

    Promises no longer owed (cancelled) are not counted either way. Rates are shares of the
    settled total; ``None`` when nothing was settled.
    """
    qs = _scoped(user, period).filter(state__in=SETTLED_STATES)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    counts = qs.aggregate(
        kept=Count("id", filter=Q(state=PromiseState.KEPT)),
        kept_early=Count("id", filter=Q(state=PromiseState.KEPT_EARLY)),
        broken=Count("id", filter=Q(state=PromiseState.BROKEN)),
    )
    return PromiseRates(counts["kept"], counts["kept_early"], counts["broken"])


@dataclass(frozen=True)
class FirstResponseTimes:
    count: int
    mean_hours: float | None
    median_hours: float | None
    p90_hours: float | None


def first_response_times_for_user(*, user: User, period: Period) -> FirstResponseTimes:
    """First-response time in business hours (the team's calendar, holidays and all) of the
    complaints first answered in the period: count, mean, median and 90th percentile."""
    # By when the reply went, so a late reply counts in the period it was sent.
    qs = _scoped(user, period, when="fulfilled_at").filter(
        kind=PromiseKind.FIRST_RESPONSE, business_seconds__isnull=False
    )
    qs = qs.exclude(state=PromiseState.CANCELLED)
    summary = qs.aggregate(n=Count("id"), mean=Avg("business_seconds"))
    n = summary["n"]
    if not n:
        return FirstResponseTimes(0, None, None, None)
    ordered = qs.order_by("business_seconds").values_list("business_seconds", flat=True)

    def at(share: float) -> float:
        value: int = ordered[min(n - 1, int(share * (n - 1) + 0.5))]
        return round(value / 3600, 2)

    return FirstResponseTimes(n, round(float(summary["mean"]) / 3600, 2), at(0.5), at(0.9))

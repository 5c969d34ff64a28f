"""What an insight page is about: who is looking (their scope), the period, a team, a category."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import TruncWeek

from amends.accounts.models import Role, User
from amends.reviews.selectors import owned_category_ids

# Periods up to this many days are drawn day by day; longer ones week by week.
DAILY_UP_TO = 45


@dataclass(frozen=True)
class Scope:
    """The summary rows a person may see: their teams' (and, for a supervisor, the unrouted), and
    the categories of the policy areas they own, across teams. Administrators see everything."""

    every: bool = False
    team_ids: frozenset[int] = frozenset()
    category_ids: frozenset[int] = frozenset()

    def q(self) -> Q:
        if self.every:
            return Q()
        return Q(team_id__in=sorted(self.team_ids)) | Q(category_id__in=sorted(self.category_ids))

    def allows(self, *, team_id: int, category_id: int) -> bool:
        return self.every or team_id in self.team_ids or category_id in self.category_ids


def scope_for(user: User) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope()
    if user.sees_every_team:
        return Scope(every=True)
    teams = set(user.teams.values_list("id", flat=True))
    if user.role == Role.SUPERVISOR:
        teams.add(0)
    return Scope(team_ids=frozenset(teams), category_ids=frozenset(owned_category_ids(user)))


def owner_scope(owner: User) -> Scope:
    """A policy owner's areas, whichever teams handle them: what their digest reports."""
    return Scope(category_ids=frozenset(owned_category_ids(owner)))


@dataclass(frozen=True)
class InsightFilters:
    """Days in [since, until), optionally one team and one category (ids; 0 is "none")."""

    since: date
    until: date
    team: int | None = None
    category: int | None = None

    @property
    def daily(self) -> bool:
        return (self.until - self.since).days <= DAILY_UP_TO

    @property
    def days(self) -> int:
        return (self.until - self.since).days

    def buckets(self) -> list[date]:
        """The first day of every bucket in the period, so empty ones still show."""
        if self.daily:
            return [self.since + timedelta(days=n) for n in range(self.days)]
        start = self.since - timedelta(days=self.since.weekday())
        weeks = [start + timedelta(weeks=n) for n in range((self.until - start).days // 7 + 1)]
        return [week for week in weeks if week < self.until]

    def bucket_label(self, day: date, *, short: bool = False) -> str:
        """'3 Nov' for a day; 'w/c 3 Nov' for a week, '(part)' when the period cuts it short.

        ``short`` is for a chart's axis, whose title says whether it counts days or weeks.
        """
        if self.daily or short:
            return f"{day:%-d %b}"
        part = day < self.since or day + timedelta(days=7) > self.until
        return f"w/c {day:%-d %b}{' (part)' if part else ''}"

    def describe(self) -> str:
        return f"{self.since:%-d %b %Y} to {self.until - timedelta(days=1):%-d %b %Y}"


def last_days(days: int, *, today: date) -> InsightFilters:
    return InsightFilters(since=today - timedelta(days=days - 1), until=today + timedelta(days=1))


def rows_in(qs: QuerySet[Any], scope: Scope, filters: InsightFilters) -> QuerySet[Any]:
    """Summary rows in the period that ``scope`` may see, narrowed by the filters."""
    qs = qs.filter(day__gte=filters.since, day__lt=filters.until).filter(scope.q())
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    if filters.category is not None:
        qs = qs.filter(category_id=filters.category)
    return qs


def by_bucket(qs: QuerySet[Any], filters: InsightFilters) -> QuerySet[Any]:
    """``qs`` with a ``bucket`` column: the day, or the Monday of its week."""
    annotated: QuerySet[Any] = qs.annotate(bucket=F("day") if filters.daily else TruncWeek("day"))
    return annotated

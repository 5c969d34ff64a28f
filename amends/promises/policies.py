"""Which clocks apply to a complaint: its team's calendar and the policy for its category and severity.

Both are rows edited in the admin. With none configured (a fresh database that skipped the data
migration, say), the settings give a working default so intake never fails for want of a policy.
"""

from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q

from amends.core.memo import remembered

from .clock import BusinessHours, parse_weekdays
from .models import BusinessCalendar, Policy, Regime


@dataclass(frozen=True)
class Clock:
    """Business hours to the time told to the customer, and to the tighter internal target."""

    told_hours: float
    target_hours: float

    @classmethod
    def of(cls, told: Decimal | None, target: Decimal | None) -> "Clock | None":
        if told is None or told <= 0:
            return None
        target = told if target is None or target > told else target
        return cls(float(told), float(target))


@dataclass(frozen=True)
class PolicyClocks:
    name: str
    first_response: Clock
    update: Clock | None
    resolution: Clock | None
    follow_up_days: int | None
    survey_delay_hours: float | None
    regime: str
    iso_10002: bool


def _default_policy() -> PolicyClocks:
    told = settings.AMENDS_FIRST_RESPONSE_HOURS
    target = min(settings.AMENDS_FIRST_RESPONSE_TARGET_HOURS, told)
    return PolicyClocks(
        name="Default (settings)",
        first_response=Clock(float(told), float(target)),
        update=Clock(24.0, 16.0),
        resolution=None,
        follow_up_days=5,
        survey_delay_hours=8.0,
        regime=Regime.NONE,
        iso_10002=False,
    )


def _score(policy: Policy) -> tuple[int, int]:
    return (2 if policy.category_id else 0) + (1 if policy.severity else 0), policy.pk


def policy_for(*, category_id: int | None, severity: str) -> PolicyClocks:
    """The most specific active policy for a category and severity, or the settings' default."""
    return remembered(("policy", category_id, severity), lambda: _policy_for(category_id, severity))


def _policy_for(category_id: int | None, severity: str) -> PolicyClocks:
    candidates = Policy.objects.filter(is_active=True).filter(
        Q(category_id=category_id) | Q(category__isnull=True) if category_id else Q(category__isnull=True),
        Q(severity=severity) | Q(severity=""),
    )
    best = max(candidates, key=_score, default=None)
    if best is None:
        return _default_policy()
    first = Clock.of(best.first_response_hours, best.first_response_target_hours)
    return PolicyClocks(
        name=best.name,
        first_response=first or _default_policy().first_response,
        update=Clock.of(best.update_interval_hours, best.update_target_hours),
        resolution=Clock.of(best.resolution_hours, best.resolution_target_hours),
        follow_up_days=best.follow_up_days or None,
        survey_delay_hours=float(best.survey_delay_hours) if best.survey_delay_hours is not None else None,
        regime=best.regime,
        iso_10002=best.iso_10002,
    )


def hours_from_calendar(calendar: BusinessCalendar) -> BusinessHours:
    return BusinessHours(
        opens=calendar.opens if isinstance(calendar.opens, time) else time.fromisoformat(str(calendar.opens)),
        closes=calendar.closes
        if isinstance(calendar.closes, time)
        else time.fromisoformat(str(calendar.closes)),
        weekdays=parse_weekdays(calendar.weekdays),
        tz=ZoneInfo(calendar.time_zone),
        holiday_country=calendar.holiday_country.upper(),
        holiday_subdivision=calendar.holiday_subdivision.upper(),
        closures=frozenset(calendar.closures.values_list("date", flat=True)),
    )


def hours_for_team(team_id: int | None) -> BusinessHours:
    """The business hours of a team: its own calendar, else the default calendar, else settings."""
    return remembered(("hours", team_id), lambda: _hours_for_team(team_id))


def _hours_for_team(team_id: int | None) -> BusinessHours:
    calendars = BusinessCalendar.objects.filter(
        Q(team_id=team_id) | Q(team__isnull=True) if team_id else Q(team__isnull=True)
    )
    chosen = sorted(calendars, key=lambda c: (c.team_id is None, c.pk))
    return hours_from_calendar(chosen[0]) if chosen else BusinessHours.from_settings()

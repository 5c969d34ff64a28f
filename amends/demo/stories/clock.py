"""Time for the demo: a clock that can be set to the past, and when people act.

The demo plays each complaint's story through the real services at the moments it happened, so
promises are kept or broken, stamps are set and the timeline is ordered exactly as the services
would have done live. Django and Amends read the time through ``django.utils.timezone.now``,
which calls that module's ``datetime.now``; replacing that one name for the length of a story
moves every clock they read, including model field defaults, without patching the services.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any

import django.utils.timezone

from amends.promises.clock import BusinessHours

_REAL_DATETIME = datetime


class _LooksLikeDatetime(type):
    # django.utils.timezone also uses its ``datetime`` name for isinstance checks; keep those true.
    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, _REAL_DATETIME)


@dataclass
class DemoClock:
    """The moment the demo's ``now`` reports; set it before each step of a story."""

    moment: datetime

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("The demo clock needs an aware datetime.")
        self.moment = moment


@contextmanager
def demo_clock(start: datetime) -> Iterator[DemoClock]:
    """Make ``django.utils.timezone.now()`` return the clock's moment until the block ends."""
    clock = DemoClock(start)

    class _FrozenDatetime(_REAL_DATETIME, metaclass=_LooksLikeDatetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Any:
            moment = clock.moment.astimezone(tz or UTC)
            return moment if tz else clock.moment.astimezone().replace(tzinfo=None)

    module: Any = django.utils.timezone
    module.datetime = _FrozenDatetime
    try:
        yield clock
    finally:
        module.datetime = _REAL_DATETIME


def staff_time(hours: BusinessHours, start: datetime, after_hours: float) -> datetime:
    """When a member of staff acts, ``after_hours`` of working time after ``start``."""
    return hours.add(start, after_hours)


def customer_time(start: datetime, after_hours: float) -> datetime:
    """When a customer writes: any day, but people rarely write between midnight and seven."""
    moment = start + timedelta(hours=after_hours)
    local = django.utils.timezone.localtime(moment)
    if local.hour < 7:
        moment += timedelta(hours=7 - local.hour)
    return moment


def office_moment(hours: BusinessHours, day: datetime, fraction: float) -> datetime:
    """A moment inside opening hours on ``day`` (or the working day before it), ``fraction`` through."""
    local = day.astimezone(hours.tz)
    while local.weekday() not in hours.weekdays:
        local -= timedelta(days=1)
    opens = datetime.combine(local.date(), hours.opens, tzinfo=hours.tz)
    closes = datetime.combine(local.date(), hours.closes, tzinfo=hours.tz)
    return opens + (closes - opens) * fraction


def at_local(moment: datetime, clock_time: time) -> datetime:
    """``moment``'s local day at ``clock_time``."""
    local = django.utils.timezone.localtime(moment)
    return datetime.combine(local.date(), clock_time, tzinfo=local.tzinfo)


def day_phrase(moment: datetime, reference: datetime) -> str:
    """'today', 'tomorrow', 'Thursday' or 'Thursday 3 December', as a person would say it."""
    day = django.utils.timezone.localtime(moment).date()
    ref = django.utils.timezone.localtime(reference).date()
    if day == ref:
        return "today"
    if day == ref + timedelta(days=1):
        return "tomorrow"
    if timedelta(0) < day - ref < timedelta(days=6):
        return f"{day:%A}"
    return f"{day:%A} {day.day} {day:%B}"


def date_phrase(moment: datetime) -> str:
    """'Tuesday 3 November'."""
    day = django.utils.timezone.localtime(moment).date()
    return f"{day:%A} {day.day} {day:%B}"

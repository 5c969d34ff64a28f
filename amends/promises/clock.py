"""Business-time arithmetic: opening hours on working days, in one time zone, minus holidays.

A clock counts only working time: the opening hours on the working weekdays, in the team's time
zone, skipping public holidays (from the maintained ``holidays`` package) and the team's own
closures. Every datetime in and out is aware; naive ones are refused.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Ten years of days: a calendar with no working day cannot loop forever.
_MAX_DAYS = 3660


def parse_weekdays(text: str) -> frozenset[int]:
    """``"mon,tue,wed"`` as weekday numbers (Monday is 0). Raises ``ValueError`` on an unknown day."""
    days = set()
    for part in text.split(","):
        name = part.strip().lower()[:3]
        if not name:
            continue
        if name not in DAY_NAMES:
            raise ValueError(f"{part.strip()!r} is not a day of the week; use mon, tue, … sun.")
        days.add(DAY_NAMES.index(name))
    return frozenset(days)


@lru_cache(maxsize=64)
def _public_holidays(country: str, subdivision: str) -> Any:
    # The holidays object fills in each year the first time it is asked about it; keeping one per
    # country means a sweep over thousands of promises computes each year once.
    return holidays.country_holidays(country, subdiv=subdivision or None)


def _aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Business-hours arithmetic needs an aware datetime.")


@dataclass(frozen=True)
class BusinessHours:
    opens: time
    closes: time
    weekdays: frozenset[int]
    tz: ZoneInfo
    holiday_country: str = ""
    holiday_subdivision: str = ""
    closures: frozenset[date] = field(default_factory=frozenset)
    # Each day's opening window once worked out (None on a day off). Walking forward over weeks
    # asked the holidays package about every day for every promise: a resolution promise of 320
    # business hours took 0.2 ms. The calendar never changes, so what it says of a day is kept.
    _days: dict[date, tuple[datetime, datetime] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @classmethod
    def from_settings(cls) -> "BusinessHours":
        opens, closes = settings.AMENDS_BUSINESS_HOURS.split("-")
        return cls(
            opens=time.fromisoformat(opens.strip()),
            closes=time.fromisoformat(closes.strip()),
            weekdays=parse_weekdays(settings.AMENDS_BUSINESS_DAYS),
            tz=ZoneInfo(settings.TIME_ZONE),
            holiday_country=getattr(settings, "AMENDS_HOLIDAY_COUNTRY", ""),
            holiday_subdivision=getattr(settings, "AMENDS_HOLIDAY_SUBDIVISION", ""),
        )

    # Days ---------------------------------------------------------------------------------

    def holiday_name(self, day: date) -> str:
        """The public holiday or closure on ``day``, or ``""`` when there is none."""
        if day in self.closures:
            return "Closed"
        if self.holiday_country:
            name: str | None = _public_holidays(self.holiday_country, self.holiday_subdivision).get(day)
            return name or ""
        return ""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.weekdays and not self.holiday_name(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        for offset in range(1, _MAX_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("No business hours are configured; check the working days of the calendar.")

    def _open(self, day: date) -> tuple[datetime, datetime] | None:
        """The opening window of ``day``, or None when it is not a working day."""
        try:
            return self._days[day]
        except KeyError:
            window = self._window(day) if self.is_working_day(day) else None
            self._days[day] = window
            return window

    def _window(self, day: date) -> tuple[datetime, datetime]:
        return (
            datetime.combine(day, self.opens, tzinfo=self.tz),
            datetime.combine(day, self.closes, tzinfo=self.tz),
        )

    def close_of(self, day: date) -> datetime:
        """Close of business on ``day``, as an aware datetime."""
        return self._window(day)[1]

    # Moments ------------------------------------------------------------------------------

    def is_open_at(self, moment: datetime) -> bool:
        """Whether ``moment`` falls inside opening hours on a working day."""
        _aware(moment)
        local = moment.astimezone(self.tz)
        if not self.is_working_day(local.date()):
            return False
        open_at, close_at = self._window(local.date())
        return open_at <= local < close_at

    def receipt_day(self, moment: datetime) -> date:
        """The working day a complaint received at ``moment`` counts as received on.

        After close of business, or on a day off, receipt counts from the next working day.
        """
        _aware(moment)
        local = moment.astimezone(self.tz)
        if self.is_working_day(local.date()) and local < self._window(local.date())[1]:
            return local.date()
        return self.next_working_day(local.date())

    def add(self, start: datetime, hours: float) -> datetime:
        """Return the moment ``hours`` of business time after ``start``."""
        _aware(start)
        remaining = timedelta(hours=float(hours))
        local = start.astimezone(self.tz)
        day = local.date()
        for _ in range(_MAX_DAYS):
            window = self._open(day)
            if window is not None:
                open_at, close_at = window
                begin = max(local, open_at)  # on later days, their opening
                if begin < close_at:
                    available = close_at - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            day += timedelta(days=1)
        raise ValueError("No business hours are configured; check AMENDS_BUSINESS_DAYS and _HOURS.")

    def add_business_days(self, start: datetime, days: int) -> datetime:
        """Close of business on the ``days``-th working day after the day ``start`` counts as.

        This is how regulators count: a complaint received on Monday (a working day, before
        close) has "three business days" until close of business on Thursday.
        """
        day = self.receipt_day(start)
        for _ in range(days):
            day = self.next_working_day(day)
        return self.close_of(day)

    def seconds_between(self, start: datetime, end: datetime) -> int:
        """Business seconds from ``start`` to ``end`` (zero if ``end`` is not after ``start``)."""
        _aware(start)
        _aware(end)
        if end <= start:
            return 0
        start, end = start.astimezone(self.tz), end.astimezone(self.tz)
        total = timedelta()
        day = start.date()
        while day <= end.date():
            window = self._open(day)
            if window is not None:
                open_at, close_at = window
                begin, finish = max(start, open_at), min(end, close_at)
                if finish > begin:
                    total += finish - begin
            day += timedelta(days=1)
        return int(total.total_seconds())

    def next_open(self, moment: datetime) -> datetime:
        """``moment`` itself if the office is open then, else the next opening time."""
        _aware(moment)
        local = moment.astimezone(self.tz)
        if self.is_working_day(local.date()):
            open_at, close_at = self._window(local.date())
            if local < open_at:
                return open_at
            if local < close_at:
                return local
        return self._window(self.next_working_day(local.date()))[0]

    def describe(self) -> str:
        """The opening hours as a person reads them: 'Monday to Friday, 09:00-17:00 (Europe/London)'."""
        names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        days = sorted(self.weekdays)
        if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
            span = f"{names[days[0]]} to {names[days[-1]]}"
        else:
            span = ", ".join(names[d] for d in days) or "no days"
        return f"{span}, {self.opens:%H:%M}-{self.closes:%H:%M} ({self.tz.key})"

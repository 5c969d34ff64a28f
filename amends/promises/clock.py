"""Business-hours arithmetic for the default clocks.

A clock counts only working time: the configured opening hours on the configured weekdays, in
the organisation's time zone. Every datetime in and out is aware; naive ones are refused.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class BusinessHours:
    opens: time
    closes: time
    weekdays: frozenset[int]
    tz: ZoneInfo

    @classmethod
    def from_settings(cls) -> "BusinessHours":
        opens, closes = settings.AMENDS_BUSINESS_HOURS.split("-")
        days = {_DAY_NAMES.index(d.strip().lower()[:3]) for d in settings.AMENDS_BUSINESS_DAYS.split(",")}
        return cls(
            opens=time.fromisoformat(opens.strip()),
            closes=time.fromisoformat(closes.strip()),
            weekdays=frozenset(days),
            tz=ZoneInfo(settings.TIME_ZONE),
        )

    def _window(self, day: datetime) -> tuple[datetime, datetime]:
        start = datetime.combine(day.date(), self.opens, tzinfo=self.tz)
        end = datetime.combine(day.date(), self.closes, tzinfo=self.tz)
        return start, end

    def add(self, start: datetime, hours: float) -> datetime:
        """Return the moment ``hours`` of business time after ``start``."""
        if start.tzinfo is None:
            raise ValueError("Business-hours arithmetic needs an aware datetime.")
        remaining = timedelta(hours=hours)
        cursor = start.astimezone(self.tz)
        for _ in range(3660):  # ten years of days: a misconfigured week cannot loop forever
            if cursor.weekday() in self.weekdays:
                open_at, close_at = self._window(cursor)
                begin = max(cursor, open_at)
                if begin < close_at:
                    available = close_at - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            next_day = (cursor + timedelta(days=1)).date()
            cursor = datetime.combine(next_day, time(0), tzinfo=self.tz)
        raise ValueError("No business hours are configured; check AMENDS_BUSINESS_DAYS and _HOURS.")

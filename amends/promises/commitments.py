"""Dates and times in English replies: "refund by Friday", "call you back Tuesday at 15:00".

``parse_when`` reads one phrase (what an agent types in "when?"); ``find_commitments`` finds the
sentences of a reply draft that commit us to something by a time, so the desk can offer to record
each as a promise. Times are read in the team's time zone; a day without a time means close of
business that day; a weekday means the next one after today ("Tuesday" said on a Tuesday is a
week later). British day-first order is used for numeric dates (12/03 is 12 March).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .clock import BusinessHours
from .models import PromiseKind

_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip

_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_PATTERNS = [
    ("relative", r"\b(?P<rel>today|tonight|tomorrow|the day after tomorrow)\b"),
    ("weekday", rf"\b(?:(?P<next>next|this|on|coming)\s+)?(?P<wd>{_WD})\b\.?"),
    ("day_month", rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MO})\b\.?"
                  rf"(?:\s+(?P<y1>\d{{4}}))?"),
    ("month_day", rf"\b(?P<m2>{_MO})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}}))?"),
    ("iso", r"\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b"),
    ("numeric", r"\b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})(?:/(?P<ny>\d{2,4}))?\b"),
    ("eod", r"\b(?P<eod>end of (?:the )?(?:day|today)|close of business|cob|eod)\b"),
    ("eow", r"\b(?P<eow>end of (?:the |this )?week)\b"),
    ("within_days", r"\b(?:within|in)\s+(?P<wn>\d{1,2}|one|two|three|four|five|ten)\s+"
                    r"(?P<wk>working |business )?days?\b"),
    ("within_hours", r"\b(?:within|in)\s+(?P<hn>\d{1,3}|one|two|three|four|24|48)\s+hours?\b"),
]  # fmt: skip
_TIME_PATTERNS = [
    r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?",
    r"\b(?P<h>1[0-2]|0?[1-9])\s*(?P<ap>am|pm|a\.m\.|p\.m\.)",
    r"\b(?P<word>noon|midday|(?:in the |this )?morning|(?:in the |this )?afternoon|lunchtime)\b",
]
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
# Curly apostrophes too: replies pasted from word processors use them.
_CUE = re.compile(
    r"\b(i|we)\s*('ll|\u2019ll| will| shall| are going to| am going to| aim to| promise to| can| expect to)\b"
    r"|\byou\s*('ll|\u2019ll| will| should)\s+(receive|get|hear|have|see|be)\b"
    r"|\b(expect|by|before|no later than)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


@dataclass(frozen=True)
class Commitment:
    phrase: str  # the words that named the time
    sentence: str  # the sentence they were in: the description of the promise
    due_at: datetime
    kind: PromiseKind


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    value: object


def _number(text: str) -> int:
    return _NUMBER_WORDS.get(text.lower()) or int(text)


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _next_date(today: date, month: int, day: int, year: int | None) -> date | None:
    try:
        if year is not None:
            return date(year if year > 99 else 2000 + year, month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def _end_of_week(today: date, hours: BusinessHours) -> date:
    friday = today + timedelta(days=(4 - today.weekday()) % 7)
    day = friday
    while not hours.is_working_day(day) and day > today:
        day -= timedelta(days=1)
    return day


def _day(kind: str, m: re.Match[str], now: datetime, hours: BusinessHours) -> date | datetime | None:
    today = now.astimezone(hours.tz).date()
    g = m.groupdict()
    if kind == "relative":
        offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "the day after tomorrow": 2}
        return today + timedelta(days=offsets[g["rel"].lower()])
    if kind == "weekday":
        return _next_weekday(today, _WEEKDAYS[g["wd"].lower()])
    if kind in ("day_month", "month_day"):
        d, mo, y = (g["d1"], g["m1"], g["y1"]) if kind == "day_month" else (g["d2"], g["m2"], g["y2"])
        return _next_date(today, _MONTHS[mo.lower()], int(d), int(y) if y else None)
    if kind == "iso":
        return _next_date(today, int(g["im"]), int(g["id"]), int(g["iy"]))
    if kind == "numeric":
        return _next_date(today, int(g["nm"]), int(g["nd"]), int(g["ny"]) if g["ny"] else None)
    if kind == "eod":
        return today
    if kind == "eow":
        return _end_of_week(today, hours)
    if kind == "within_days":
        n = _number(g["wn"])
        return hours.add_business_days(now, n) if g["wk"] else hours.close_of(today + timedelta(days=n))
    if kind == "within_hours":
        return now + timedelta(hours=_number(g["hn"]))
    return None


def _time(m: re.Match[str], hours: BusinessHours) -> time | None:
    g = m.groupdict()
    word = (g.get("word") or "").lower()
    if word:
        if word.endswith("morning"):
            return time(12)
        if word in ("noon", "midday", "lunchtime"):
            return time(12) if word != "lunchtime" else time(13)
        return hours.closes
    hour, minute = int(g["h"]), int(g.get("m") or 0)
    ampm = (g.get("ap") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return time(hour, minute) if hour < 24 else None


def _scan(text: str, now: datetime, hours: BusinessHours) -> tuple[list[_Match], list[_Match]]:
    days: list[_Match] = []
    for kind, pattern in _DAY_PATTERNS:
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            if any(d.start <= m.start() < d.end for d in days):
                continue
            value = _day(kind, m, now, hours)
            if value is not None:
                days.append(_Match(m.start(), m.end(), value))
    times: list[_Match] = []
    for pattern in _TIME_PATTERNS:
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            inside = any(x.start <= m.start() < x.end for x in times + days)
            moment = _time(m, hours)
            if not inside and moment is not None:
                times.append(_Match(m.start(), m.end(), moment))
    return sorted(days, key=lambda x: x.start), sorted(times, key=lambda x: x.start)


def _combine(day: date | datetime | None, at: time | None, now: datetime, hours: BusinessHours) -> datetime:
    if isinstance(day, datetime):
        return day
    if day is None:
        assert at is not None
        today = now.astimezone(hours.tz).date()
        moment = datetime.combine(today, at, tzinfo=hours.tz)
        return (
            moment if moment > now else datetime.combine(hours.next_working_day(today), at, tzinfo=hours.tz)
        )
    return datetime.combine(day, at or hours.closes, tzinfo=hours.tz)


def _moments(text: str, now: datetime, hours: BusinessHours) -> list[tuple[str, datetime]]:
    """Every (phrase, moment) in ``text``: each day paired with a time close to it."""
    days, times = _scan(text, now, hours)
    used: set[int] = set()
    found: list[tuple[int, int, datetime]] = []
    for d in days:
        near = [
            (i, t)
            for i, t in enumerate(times)
            if i not in used and (0 <= t.start - d.end <= 12 or 0 <= d.start - t.end <= 12)
        ]
        at = None
        start, end = d.start, d.end
        if near and not isinstance(d.value, datetime):
            i, t = near[0]
            used.add(i)
            at, start, end = t.value, min(start, t.start), max(end, t.end)
        assert isinstance(d.value, date | datetime)
        found.append((start, end, _combine(d.value, at if isinstance(at, time) else None, now, hours)))
    for i, t in enumerate(times):
        if i not in used and isinstance(t.value, time):
            found.append((t.start, t.end, _combine(None, t.value, now, hours)))
    return [(text[s:e].strip().rstrip("."), when) for s, e, when in sorted(found, key=lambda x: x[0])]


def parse_when(text: str, *, now: datetime, hours: BusinessHours) -> datetime | None:
    """The moment a short phrase names ("Friday", "Tue 15:00", "12 March 3pm"), or ``None``.

    An ISO datetime from a form's date-time input is read in the team's time zone.
    """
    text = text.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        moments = _moments(text, now, hours)
        return moments[0][1] if moments else None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=hours.tz)


def _kind_of(sentence: str) -> PromiseKind:
    lowered = sentence.lower()
    if re.search(r"\b(call|ring|phone)\b", lowered):
        return PromiseKind.CALLBACK
    if re.search(r"\b(update|write to you|get back to you|let you know|hear from)\b", lowered):
        return PromiseKind.UPDATE
    return PromiseKind.CUSTOM


def find_commitments(text: str, *, now: datetime, hours: BusinessHours) -> list[Commitment]:
    """The sentences of ``text`` that commit us to something by a future time."""
    found: list[Commitment] = []
    for match in _SENTENCE.finditer(text):
        sentence = " ".join(match.group(0).split())
        if not sentence or not _CUE.search(sentence):
            continue
        for phrase, when in _moments(sentence, now, hours):
            if when > now:
                found.append(Commitment(phrase, sentence[:300], when, _kind_of(sentence)))
    return found

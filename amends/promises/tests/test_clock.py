from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from amends.promises.clock import BusinessHours

LONDON = ZoneInfo("Europe/London")
NINE_TO_FIVE = BusinessHours(opens=time(9), closes=time(17), weekdays=frozenset(range(5)), tz=LONDON)


def at(year: int, month: int, day: int, hour: int, minute: int = 0, tz: ZoneInfo = LONDON) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def test_hours_within_the_same_working_day():
    assert NINE_TO_FIVE.add(at(2026, 11, 23, 10), 3) == at(2026, 11, 23, 13)


def test_hours_carry_over_to_the_next_morning():
    assert NINE_TO_FIVE.add(at(2026, 11, 23, 15), 4) == at(2026, 11, 24, 11)


def test_a_complaint_on_friday_evening_is_counted_from_monday_morning():
    assert NINE_TO_FIVE.add(at(2026, 11, 27, 19, 30), 8) == at(2026, 11, 30, 17)


def test_before_opening_counts_from_opening():
    assert NINE_TO_FIVE.add(at(2026, 11, 24, 6), 1) == at(2026, 11, 24, 10)


def test_time_zones_are_respected_across_the_clock_change():
    # British Summer Time ends on 25 October 2026: Friday 23rd 16:00 BST + 2h lands Monday 10:00 GMT.
    result = NINE_TO_FIVE.add(at(2026, 10, 23, 16), 2)
    assert result == at(2026, 10, 26, 10)
    assert result.utcoffset().total_seconds() == 0


def test_an_instant_in_another_zone_is_converted_first():
    new_york = ZoneInfo("America/New_York")
    assert NINE_TO_FIVE.add(at(2026, 11, 23, 5, tz=new_york), 1) == at(2026, 11, 23, 11)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        NINE_TO_FIVE.add(datetime(2026, 11, 23, 10), 1)  # noqa: DTZ001


def test_a_week_with_no_working_days_is_a_configuration_error():
    closed = BusinessHours(opens=time(9), closes=time(17), weekdays=frozenset(), tz=LONDON)
    with pytest.raises(ValueError, match="No business hours"):
        closed.add(at(2026, 11, 23, 10), 1)


def test_settings_define_the_default_clock(settings):
    settings.AMENDS_BUSINESS_HOURS = "08:30-12:00"
    settings.AMENDS_BUSINESS_DAYS = "sat,sun"
    hours = BusinessHours.from_settings()
    assert (hours.opens, hours.closes, hours.weekdays) == (time(8, 30), time(12), frozenset({5, 6}))


ENGLAND = BusinessHours(
    opens=time(9),
    closes=time(17),
    weekdays=frozenset(range(5)),
    tz=LONDON,
    holiday_country="GB",
    holiday_subdivision="ENG",
)


def test_public_holidays_are_not_business_time():
    # Thursday 24 December 2026, 16:00 + 2h: Christmas Day (Fri), the weekend and Boxing Day
    # observed (Mon 28th) are skipped, landing Tuesday 29th at 10:00.
    assert ENGLAND.add(at(2026, 12, 24, 16), 2) == at(2026, 12, 29, 10)


def test_holidays_of_one_region_do_not_close_another():
    scotland = BusinessHours(
        opens=time(9), closes=time(17), weekdays=frozenset(range(5)), tz=LONDON,
        holiday_country="GB", holiday_subdivision="SCT",
    )  # fmt: skip
    # 2 January is a bank holiday in Scotland only (Monday 4 January 2027 when observed).
    assert ENGLAND.is_working_day(datetime(2027, 1, 4).date())  # noqa: DTZ001
    assert not scotland.is_working_day(datetime(2027, 1, 4).date())  # noqa: DTZ001


def test_a_team_closure_day_is_skipped_like_a_holiday():
    closed = BusinessHours(
        opens=time(9), closes=time(17), weekdays=frozenset(range(5)), tz=LONDON,
        closures=frozenset({datetime(2026, 11, 24).date()}),  # noqa: DTZ001
    )  # fmt: skip
    assert closed.add(at(2026, 11, 23, 16), 2) == at(2026, 11, 25, 10)
    assert closed.holiday_name(datetime(2026, 11, 24).date()) == "Closed"  # noqa: DTZ001


def test_business_days_end_at_close_of_business():
    # Received Monday 10:00: three business days after is close of business on Thursday.
    assert ENGLAND.add_business_days(at(2026, 11, 23, 10), 3) == at(2026, 11, 26, 17)


def test_receipt_after_close_counts_from_the_next_working_day():
    assert ENGLAND.add_business_days(at(2026, 11, 23, 18), 3) == at(2026, 11, 27, 17)
    assert ENGLAND.add_business_days(at(2026, 11, 28, 11), 1) == at(2026, 12, 1, 17)  # a Saturday


def test_business_days_skip_christmas_and_boxing_day():
    assert ENGLAND.add_business_days(at(2026, 12, 24, 16), 3) == at(2026, 12, 31, 17)


def test_business_seconds_between_two_moments_count_only_working_time():
    # Friday 16:00 to Monday 10:00 is two business hours.
    assert ENGLAND.seconds_between(at(2026, 11, 27, 16), at(2026, 11, 30, 10)) == 2 * 3600
    assert ENGLAND.seconds_between(at(2026, 11, 30, 10), at(2026, 11, 27, 16)) == 0


def test_next_open_moves_past_nights_weekends_and_holidays():
    assert ENGLAND.next_open(at(2026, 11, 23, 12)) == at(2026, 11, 23, 12)
    assert ENGLAND.next_open(at(2026, 11, 27, 18)) == at(2026, 11, 30, 9)
    assert ENGLAND.next_open(at(2026, 12, 24, 17, 30)) == at(2026, 12, 29, 9)


def test_opening_hours_in_another_time_zone_are_counted_there():
    new_york = ZoneInfo("America/New_York")
    office = BusinessHours(opens=time(9), closes=time(17), weekdays=frozenset(range(5)), tz=new_york)
    # 16:00 in London on Monday is 11:00 in New York: two hours later is 13:00 there.
    result = office.add(at(2026, 11, 23, 16), 2)
    assert result == datetime(2026, 11, 23, 13, tzinfo=new_york)
    assert office.is_open_at(at(2026, 11, 23, 21))  # 16:00 in New York
    assert not office.is_open_at(at(2026, 11, 23, 10))  # 05:00 in New York


def test_naive_datetimes_are_refused_everywhere():
    naive = datetime(2026, 11, 23, 10)  # noqa: DTZ001
    for call in (
        lambda: ENGLAND.add_business_days(naive, 1),
        lambda: ENGLAND.seconds_between(naive, naive),
        lambda: ENGLAND.is_open_at(naive),
    ):
        with pytest.raises(ValueError, match="aware"):
            call()


def _walk(hours: BusinessHours, start: datetime, business_hours: float) -> datetime:
    """Business time added the plain way: a day at a time, asking the calendar about each day."""
    remaining = timedelta(hours=business_hours)
    cursor = start.astimezone(hours.tz)
    while True:
        if hours.is_working_day(cursor.date()):
            open_at = datetime.combine(cursor.date(), hours.opens, tzinfo=hours.tz)
            close_at = datetime.combine(cursor.date(), hours.closes, tzinfo=hours.tz)
            begin = max(cursor, open_at)
            if begin < close_at:
                if remaining <= close_at - begin:
                    return begin + remaining
                remaining -= close_at - begin
        cursor = datetime.combine(cursor.date() + timedelta(days=1), time(0), tzinfo=hours.tz)


def test_adding_hours_agrees_with_a_day_by_day_walk_over_holidays_and_closures():
    """The clock keeps what it worked out of each day; asked again and again (as it is for every
    promise), it must still agree with the plain walk, holidays and closures included."""
    import random

    calendar = BusinessHours(
        opens=time(8, 30),
        closes=time(17, 15),
        weekdays=frozenset({0, 1, 2, 3, 4}),
        tz=ZoneInfo("Europe/London"),
        holiday_country="GB",
        holiday_subdivision="ENG",
        closures=frozenset({date(2026, 12, 29), date(2027, 4, 7)}),
    )
    rng = random.Random(7)
    first = datetime(2026, 11, 20, tzinfo=ZoneInfo("UTC"))
    for _ in range(400):
        start = first + timedelta(minutes=rng.randrange(0, 60 * 24 * 200))
        business_hours = rng.choice([0.5, 8, 16, 40, 120, 320, 700])
        assert calendar.add(start, business_hours) == _walk(calendar, start, business_hours), (
            start,
            business_hours,
        )

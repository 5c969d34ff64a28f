from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from amends.promises.clock import BusinessHours
from amends.promises.commitments import find_commitments, parse_when
from amends.promises.models import PromiseKind

LONDON = ZoneInfo("Europe/London")
HOURS = BusinessHours(
    opens=time(9), closes=time(17), weekdays=frozenset(range(5)), tz=LONDON, holiday_country="GB",
    holiday_subdivision="ENG",
)  # fmt: skip
TUESDAY_10 = datetime(2026, 11, 24, 10, tzinfo=LONDON)


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Friday", at(11, 27, 17)),
        ("by Friday 3pm", at(11, 27, 15)),
        ("Tue 15:00", at(12, 1, 15)),
        ("3pm on Thursday", at(11, 26, 15)),
        ("tomorrow", at(11, 25, 17)),
        ("tomorrow morning", at(11, 25, 12)),
        ("by 4pm", at(11, 24, 16)),
        ("12 March 9:30am", at(3, 12, 9, 30, year=2027)),
        ("March 12", at(3, 12, 17, year=2027)),
        ("1/12", at(12, 1, 17)),
        ("within 3 working days", at(11, 27, 17)),
        ("end of the week", at(11, 27, 17)),
        ("2026-12-01T10:30", at(12, 1, 10, 30)),
    ],
)
def test_phrases_agents_type_are_read_in_the_team_time_zone(phrase, expected):
    assert parse_when(phrase, now=TUESDAY_10, hours=HOURS) == expected


def test_a_phrase_with_no_time_in_it_is_not_read():
    assert parse_when("as soon as possible", now=TUESDAY_10, hours=HOURS) is None


def test_commitments_in_a_reply_are_found_with_their_sentence_and_kind():
    draft = (
        "Thank you, Jo, and I am sorry. We will refund the delivery charge by Friday. "
        "I'll call you back on Tuesday at 15:00 to check the new screen works.\n"
        "Your parcel was due on Monday."
    )
    found = find_commitments(draft, now=TUESDAY_10, hours=HOURS)
    assert [(c.sentence, c.due_at, c.kind) for c in found] == [
        ("We will refund the delivery charge by Friday.", at(11, 27, 17), PromiseKind.CUSTOM),
        (
            "I'll call you back on Tuesday at 15:00 to check the new screen works.",
            at(12, 1, 15),
            PromiseKind.CALLBACK,
        ),
    ]


def test_a_date_mentioned_without_a_commitment_is_not_offered():
    assert find_commitments("It arrived broken on 12 November.", now=TUESDAY_10, hours=HOURS) == []

from datetime import time
from decimal import Decimal

import pytest

from amends.complaints.models import Severity
from amends.core.errors import InvalidInput
from amends.promises.models import BusinessCalendar, Policy, PromiseKind, PromiseState
from amends.promises.policies import hours_for_team, policy_for

from .conftest import london, receive

pytestmark = pytest.mark.django_db


def test_defaults_give_each_severity_its_own_first_response_clock():
    assert policy_for(category_id=None, severity=Severity.CRITICAL).first_response.told_hours == 2
    assert policy_for(category_id=None, severity=Severity.NORMAL).first_response.told_hours == 16


def test_the_most_specific_active_policy_applies(category):
    Policy.objects.create(
        name="Delivery",
        category=category,
        first_response_hours=Decimal(6),
        first_response_target_hours=Decimal(3),
    )
    Policy.objects.create(
        name="Delivery, high",
        category=category,
        severity=Severity.HIGH,
        first_response_hours=Decimal(1),
        first_response_target_hours=Decimal("0.5"),
    )
    assert policy_for(category_id=category.pk, severity=Severity.HIGH).name == "Delivery, high"
    assert policy_for(category_id=category.pk, severity=Severity.LOW).name == "Delivery"
    assert policy_for(category_id=None, severity=Severity.LOW).name == "Low severity"


def test_with_no_policy_rows_the_settings_still_give_a_clock(settings):
    Policy.objects.all().delete()
    settings.AMENDS_FIRST_RESPONSE_HOURS = 12
    assert policy_for(category_id=None, severity=Severity.NORMAL).first_response.told_hours == 12


def test_intake_starts_first_response_and_resolution_clocks_in_business_hours(clock, category):
    clock.move_to(london(2026, 11, 27, 15))  # Friday afternoon
    complaint = receive(category)
    first = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE)
    # Normal severity: told 16 business hours, target 8, from Friday 15:00.
    assert (first.due_at, first.target_at) == (london(2026, 12, 1, 15), london(2026, 11, 30, 15))
    assert complaint.promises.filter(kind=PromiseKind.RESOLUTION, state=PromiseState.OPEN).exists()
    assert complaint.due_at == first.target_at


def test_a_team_calendar_in_another_time_zone_sets_its_clocks(clock, team, category):
    BusinessCalendar.objects.create(
        name="New York", team=team, time_zone="America/New_York", opens=time(9), closes=time(17),
        holiday_country="US", holiday_subdivision="",
    )  # fmt: skip
    clock.move_to(london(2026, 11, 25, 10))  # Wednesday 05:00 in New York; Thursday is Thanksgiving
    complaint = receive(category)
    first = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE)
    hours = hours_for_team(team.pk)
    # 8 target hours: all of Wednesday in New York, then Thanksgiving is skipped.
    assert first.target_at.astimezone(hours.tz).isoformat() == "2026-11-25T17:00:00-05:00"
    assert first.due_at.astimezone(hours.tz).isoformat() == "2026-11-27T17:00:00-05:00"


def test_a_callback_asked_for_at_intake_is_a_promise_at_that_time(clock, category):
    complaint = receive(
        category,
        phone="+44 20 7946 0000",
        preferred_contact_method="phone",
        callback_at=london(2026, 11, 24, 15),
    )
    callback = complaint.promises.get(kind=PromiseKind.CALLBACK)
    assert (callback.due_at, callback.target_at, callback.source) == (
        london(2026, 11, 24, 15), london(2026, 11, 24, 15), "customer",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (london(2026, 11, 24, 19), "outside our hours"),
        (london(2026, 11, 28, 11), "outside our hours"),  # a Saturday
        (london(2026, 12, 25, 11), "Christmas Day"),
        (london(2026, 11, 20, 11), "past"),
    ],
)
def test_a_callback_outside_business_hours_or_in_the_past_is_refused(clock, category, when, words):
    with pytest.raises(InvalidInput, match=words) as caught:
        receive(category, phone="+44 20 7946 0000", preferred_contact_method="phone", callback_at=when)
    assert caught.value.field == "due_at"


def test_a_refused_callback_names_when_we_can_call(clock, category):
    with pytest.raises(InvalidInput, match="next time we can is Wednesday 25 November at 09:00"):
        receive(category, phone="+44 20 7946 0000", preferred_contact_method="phone",
                callback_at=london(2026, 11, 24, 18))  # fmt: skip


def test_a_preferred_contact_time_that_names_a_moment_becomes_a_callback(clock, category):
    complaint = receive(
        category,
        phone="+44 20 7946 0000",
        preferred_contact_method="phone",
        preferred_contact_time="Tuesday 15:00",
    )
    assert complaint.promises.get(kind=PromiseKind.CALLBACK).due_at == london(2026, 11, 24, 15)


def test_a_preferred_contact_time_we_cannot_meet_stays_a_note_for_the_agent(clock, category):
    complaint = receive(
        category,
        phone="+44 20 7946 0000",
        preferred_contact_method="phone",
        preferred_contact_time="evenings after 7pm",
    )
    assert not complaint.promises.filter(kind=PromiseKind.CALLBACK).exists()
    assert complaint.preferred_contact_time == "evenings after 7pm"

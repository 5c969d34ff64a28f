import pytest

from amends.complaints.services import complaint_reply
from amends.promises.models import PromiseKind
from amends.promises.selectors import Period, first_response_times_for_user, promise_rates_for_user
from amends.promises.sweep import sweep_promises

from .conftest import london, receive

pytestmark = pytest.mark.django_db


def _period(**filters):
    return Period(since=london(2026, 11, 1, 0), until=london(2026, 12, 31, 0), **filters)


def test_kept_early_kept_and_broken_rates_for_the_insight_pages(
    clock, category, other_category, admin_user, agent
):
    early, late, broken = receive(category), receive(category), receive(category)
    receive(other_category)
    complaint_reply(complaint=early, by=agent, body="Hello")  # at once: kept early
    clock.move_to(london(2026, 11, 24, 14))  # after the Tuesday 10:00 target, before Wednesday 10:00
    complaint_reply(complaint=late, by=agent, body="Hello")
    clock.move_to(london(2026, 11, 25, 11))
    sweep_promises()
    rates = promise_rates_for_user(
        user=admin_user, period=_period(team=category.team_id), kinds=[PromiseKind.FIRST_RESPONSE]
    )
    assert (rates.kept_early, rates.kept, rates.broken) == (1, 1, 1)
    assert rates.broken_rate == pytest.approx(1 / 3)
    assert broken.promises.get(kind=PromiseKind.FIRST_RESPONSE).state == "broken"
    everyone = promise_rates_for_user(user=admin_user, period=_period(), kinds=[PromiseKind.FIRST_RESPONSE])
    assert everyone.broken == 2  # the other team's complaint was never answered either


def test_rates_only_count_what_the_user_may_see(clock, category, other_category, outsider):
    receive(category)
    clock.move_to(london(2026, 11, 25, 11))
    sweep_promises()
    assert promise_rates_for_user(user=outsider, period=_period()).settled == 0


def test_first_response_time_is_counted_in_business_hours(clock, category, agent, admin_user):
    clock.move_to(london(2026, 11, 27, 16))  # Friday 16:00
    complaint = receive(category)
    clock.move_to(london(2026, 11, 30, 10))  # Monday 10:00: two business hours later
    complaint_reply(complaint=complaint, by=agent, body="Hello")
    times = first_response_times_for_user(user=admin_user, period=_period(category=category.pk))
    assert (times.count, times.mean_hours, times.median_hours) == (1, 2.0, 2.0)
    none = first_response_times_for_user(
        user=admin_user, period=Period(since=london(2026, 12, 1, 0), until=london(2026, 12, 2, 0))
    )
    assert none.count == 0
    assert none.mean_hours is None

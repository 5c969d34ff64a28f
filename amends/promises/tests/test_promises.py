from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from amends.complaints.models import Channel, EventKind, State
from amends.complaints.services import complaint_add_customer_message, complaint_reply, complaint_transition
from amends.core.errors import InvalidInput
from amends.promises.models import PromiseKind, PromiseState
from amends.promises.services import promise_create, promise_settle

from .conftest import london, receive

pytestmark = pytest.mark.django_db


def test_promise_settled_before_the_internal_target_is_kept_early(complaint):
    promise = complaint.promises.get(kind="first_response")
    assert promise_settle(promise=promise, at=promise.target_at).state == PromiseState.KEPT_EARLY


def test_promise_settled_between_target_and_told_time_is_kept(complaint):
    promise = complaint.promises.get(kind="first_response")
    at = promise.target_at + (promise.due_at - promise.target_at) / 2
    assert promise_settle(promise=promise, at=at).state == PromiseState.KEPT


def test_promise_settled_after_the_told_time_is_broken(complaint):
    promise = complaint.promises.get(kind="first_response")
    assert (
        promise_settle(promise=promise, at=promise.due_at + timedelta(seconds=1)).state == PromiseState.BROKEN
    )


def test_a_promise_in_the_past_is_refused(complaint, agent):
    with pytest.raises(InvalidInput, match="past"):
        promise_create(
            complaint=complaint,
            kind=PromiseKind.CUSTOM,
            description="Refund",
            due_at=timezone.now() - timedelta(hours=1),
            by=agent,
        )


def test_an_internal_target_later_than_the_told_time_is_refused(complaint, agent):
    due = timezone.now() + timedelta(days=2)
    with pytest.raises(InvalidInput) as caught:
        promise_create(
            complaint=complaint,
            kind=PromiseKind.CUSTOM,
            description="Refund",
            due_at=due,
            target_at=due + timedelta(hours=1),
            by=agent,
        )
    assert caught.value.field == "target_at"


def test_a_naive_time_is_refused(complaint, agent):
    with pytest.raises(InvalidInput, match="time zone"):
        promise_create(
            complaint=complaint,
            kind=PromiseKind.CUSTOM,
            description="Refund",
            due_at=datetime(2030, 1, 1, 12),  # noqa: DTZ001 - the naive time under test
            by=agent,
        )


# Clocks with a frozen time: pauses, updates, what the customer is told.


def test_every_reply_keeps_the_update_promise_and_starts_the_next(clock, category, agent):
    complaint = receive(category)
    complaint_reply(complaint=complaint, by=agent, body="Thank you, Jo. I am sorry.")
    first_update = complaint.promises.get(kind=PromiseKind.UPDATE, state=PromiseState.OPEN)
    # Normal severity: an update within 24 business hours (target 16) of the reply.
    assert first_update.due_at == london(2026, 11, 26, 10)
    clock.move_to(london(2026, 11, 24, 11))
    complaint_reply(complaint=complaint, by=agent, body="The courier collects it tomorrow.")
    first_update.refresh_from_db()
    assert first_update.state == PromiseState.KEPT_EARLY
    assert complaint.promises.filter(kind=PromiseKind.UPDATE, state=PromiseState.OPEN).count() == 1


def test_every_update_tells_the_customer_what_happens_next_and_by_when(clock, category, agent):
    complaint = receive(category)
    message = complaint_reply(complaint=complaint, by=agent, body="Thank you, Jo. I am sorry.")
    assert "What happens next:" in message.body
    assert "We will write to you with an update by Thursday 26 November at 10:00 (UK time)" in message.body


def test_clocks_pause_while_awaiting_the_customer_and_resume_with_the_time_left(clock, category, agent):
    complaint = receive(category)  # Monday 10:00; resolution told 80 business hours ahead
    resolution = complaint.promises.get(kind=PromiseKind.RESOLUTION)
    left = resolution.due_at
    clock.move_to(london(2026, 11, 23, 12))
    complaint_reply(complaint=complaint, by=agent, body="Could you send a photo of the screen?")
    complaint_transition(complaint=complaint, by=agent, to_state=State.AWAITING_CUSTOMER)
    resolution.refresh_from_db()
    assert resolution.state == PromiseState.PAUSED
    complaint.refresh_from_db()
    assert complaint.due_at is None or complaint.due_at > london(2026, 11, 23, 12)
    clock.move_to(london(2026, 11, 30, 12))  # the customer answers a week later
    complaint_add_customer_message(complaint=complaint, body="Here is the photo.", channel=Channel.EMAIL)
    resolution.refresh_from_db()
    assert resolution.state == PromiseState.OPEN
    assert resolution.due_at == left + (london(2026, 11, 30, 12) - london(2026, 11, 23, 12))


def test_agent_promises_do_not_pause(clock, category, agent):
    from amends.promises.keeping import promise_add

    complaint = receive(category)
    refund = promise_add(complaint=complaint, by=agent, description="Refund the £40", when="Friday 12:00")
    complaint_reply(complaint=complaint, by=agent, body="Could you send a photo of the screen?")
    complaint_transition(complaint=complaint, by=agent, to_state=State.AWAITING_CUSTOMER)
    refund.refresh_from_db()
    assert refund.state == PromiseState.OPEN


def test_an_agent_promise_is_recorded_with_a_tighter_target_and_on_the_timeline(clock, category, agent):
    from amends.promises.keeping import promise_add

    complaint = receive(category)
    refund = promise_add(complaint=complaint, by=agent, description="Refund the £40", when="Friday")
    assert refund.due_at == london(2026, 11, 27, 17)
    assert london(2026, 11, 26, 17) <= refund.target_at < refund.due_at
    event = complaint.events.get(kind=EventKind.PROMISE_MADE)
    assert event.reason == "Refund the £40 by Friday 27 November at 17:00 (UK time)"


def test_a_promise_phrase_that_names_no_time_is_refused_with_an_example(clock, category, agent):
    from amends.promises.keeping import promise_add

    complaint = receive(category)
    with pytest.raises(InvalidInput, match="try 'Friday 15:00'"):
        promise_add(complaint=complaint, by=agent, description="Refund", when="soonish")


def test_an_agent_callback_outside_business_hours_is_refused(clock, category, agent):
    from amends.promises.keeping import promise_add

    complaint = receive(category)
    with pytest.raises(InvalidInput, match="We cannot call then"):
        promise_add(complaint=complaint, by=agent, description="Call back", when="Saturday 10:00",
                    kind=PromiseKind.CALLBACK)  # fmt: skip


def test_the_acknowledgement_lists_what_happens_next(clock, category, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        receive(category)
    body = mail.outbox[0].body
    assert "reply to you personally by Tuesday 24 November at 18:00" not in body  # business hours only
    assert "reply to you personally by Wednesday 25 November at 10:00 (UK time)" in body
    assert "What happens next:" in body
    assert "We aim to have this put right by" in body

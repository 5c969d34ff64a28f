"""Further customer messages, many at once (a mail import): as if each were added in turn."""

import pytest

from amends.complaints.models import Channel, EventKind, Message, State
from amends.complaints.services import (
    CustomerMessage,
    complaint_transition,
    complaints_add_customer_messages,
)
from amends.core.errors import InvalidInput
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db


def _item(complaint, body, **extra):
    return CustomerMessage(complaint=complaint, body=body, channel=Channel.EMAIL, **extra)


def test_messages_to_several_complaints_are_added_in_order_with_their_timeline_entries(complaint, category):
    other = make_complaint(category=category, email="someone@example.org")
    items = [_item(complaint, "One."), _item(other, "Two."), _item(complaint, "Three.")]
    messages = complaints_add_customer_messages(items=items)
    assert [m.body for m in messages] == ["One.", "Two.", "Three."]
    assert [m.complaint_id for m in messages] == [complaint.pk, other.pk, complaint.pk]
    assert all(m.pk for m in messages)
    added = complaint.events.filter(kind=EventKind.MESSAGE_IN).order_by("id")
    assert [e.message.body for e in added] == ["One.", "Three."]


def test_the_second_message_sees_the_state_the_first_left_the_complaint_in(complaint, agent):
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED)
    items = [
        _item(complaint, "Out of office.", automatic=True),
        _item(complaint, "It broke again."),
        _item(complaint, "And the charger too."),
    ]
    complaints_add_customer_messages(items=items)
    complaint.refresh_from_db()
    assert complaint.state == State.REOPENED
    timeline = list(
        complaint.events.filter(kind__in=[EventKind.MESSAGE_IN, EventKind.STATE_CHANGED])
        .order_by("id")
        .values_list("kind", "to_state")
    )
    assert timeline[-4:] == [
        (EventKind.MESSAGE_IN, ""),
        (EventKind.MESSAGE_IN, ""),
        (EventKind.STATE_CHANGED, State.REOPENED),
        (EventKind.MESSAGE_IN, ""),
    ]


def test_an_empty_message_refuses_the_whole_batch(complaint):
    before = Message.objects.count()
    with pytest.raises(InvalidInput):
        complaints_add_customer_messages(items=[_item(complaint, "Fine."), _item(complaint, "  ")])
    assert Message.objects.count() == before

"""Receiving many complaints at once (a mail import): the same result as one at a time."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from amends.complaints.models import Channel, Complaint, ContactPoint, Event, EventKind, Message, State
from amends.complaints.services import ComplaintInput, complaints_receive
from amends.core.errors import InvalidInput
from amends.promises.models import Promise, PromiseKind

pytestmark = pytest.mark.django_db


def _input(n: int, **extra: object) -> ComplaintInput:
    fields: dict[str, object] = {
        "channel": Channel.EMAIL,
        "name": f"Customer {n}",
        "email": f"customer{n}@example.net",
        "story": f"Parcel {n} never came.",
        "raw": f"raw {n}".encode(),
        "message_id": f"<m{n}@example.net>",
        **extra,
    }
    return ComplaintInput(**fields)  # type: ignore[arg-type]


def test_a_batch_gets_consecutive_references_in_order(category):
    received = complaints_receive(items=[_input(n, category=category) for n in range(3)])
    year = timezone.now().year
    assert [r.complaint.reference for r in received] == [f"C-{year}-00000{n}" for n in (1, 2, 3)]
    assert [r.complaint.story for r in received] == [
        "Parcel 0 never came.",
        "Parcel 1 never came.",
        "Parcel 2 never came.",
    ]


def test_each_complaint_in_a_batch_keeps_its_raw_message_timeline_and_promises(category):
    received = complaints_receive(items=[_input(n, category=category) for n in range(3)])
    for n, intake in enumerate(received):
        message = Message.objects.get(complaint=intake.complaint)
        assert message == intake.message
        assert bytes(message.raw) == f"raw {n}".encode()
        assert message.message_id == f"<m{n}@example.net>"
        event = Event.objects.get(complaint=intake.complaint)
        assert (event.kind, event.to_state, event.message_id) == (
            EventKind.RECEIVED,
            State.RECEIVED,
            message.pk,
        )
        first = Promise.objects.get(complaint=intake.complaint, kind=PromiseKind.FIRST_RESPONSE)
        assert intake.complaint.due_at == first.target_at


def test_two_complaints_from_one_address_in_a_batch_are_one_customer(category):
    a, b, c = complaints_receive(
        items=[
            _input(1, category=category),
            _input(2, category=category, email="Customer1@Example.net", phone="+44 20 7946 0000"),
            _input(3, category=category),
        ]
    )
    assert a.complaint.customer_id == b.complaint.customer_id != c.complaint.customer_id
    points = ContactPoint.objects.filter(customer_id=a.complaint.customer_id).order_by("kind")
    assert [(p.kind, p.value, p.is_primary) for p in points] == [
        ("email", "customer1@example.net", True),
        ("phone", "+442079460000", False),
    ]


def test_a_customer_on_file_is_found_not_duplicated(category):
    (first,) = complaints_receive(items=[_input(1, category=category)])
    (again,) = complaints_receive(items=[_input(9, category=category, email="customer1@example.net")])
    assert again.complaint.customer_id == first.complaint.customer_id
    assert ContactPoint.objects.filter(value="customer1@example.net").count() == 1


def test_one_invalid_item_refuses_the_whole_batch_naming_the_field(category):
    with pytest.raises(InvalidInput) as refused:
        complaints_receive(items=[_input(1, category=category), _input(2, category=category, story="  ")])
    assert refused.value.field == "story"
    assert Complaint.objects.count() == 0


def test_a_batch_is_written_in_a_fixed_number_of_statements(
    category, settings, django_assert_max_num_queries
):
    settings.AMENDS_CONFIG_CACHE_SECONDS = 30  # as deployed: policies and calendars read once
    complaints_receive(items=[_input(0, category=category)])  # warm the remembered configuration
    with django_assert_max_num_queries(14) as small:
        complaints_receive(items=[_input(n, category=category) for n in range(1, 3)])
    with django_assert_max_num_queries(len(small.captured_queries)):
        complaints_receive(items=[_input(n, category=category) for n in range(3, 53)])


@pytest.mark.django_db(transaction=True)  # the worker closes and reopens its connection
def test_acknowledgements_queued_together_are_run_by_the_worker(category, settings, mailoutbox):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}
    }
    settings.AMENDS_AFTER_RECEIVE_TASKS = []
    from django_tasks_db.models import DBTaskResult

    received = complaints_receive(
        items=[_input(1, category=category), _input(2, category=category, acknowledge=False)]
    )
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs == {"args": [received[0].complaint.pk], "kwargs": {}}
    call_command("db_worker", batch=True, interval=0, verbosity=0)
    assert Complaint.objects.get(pk=received[0].complaint.pk).state == State.ACKNOWLEDGED
    assert Complaint.objects.get(pk=received[1].complaint.pk).state == State.RECEIVED
    assert [m.to for m in mailoutbox] == [["customer1@example.net"]]

import json

import pytest
from django.core import mail
from django.utils import timezone

from amends.complaints.models import Channel, Complaint, ContactPoint, Direction, EventKind, State
from amends.complaints.services import ComplaintInput, complaint_receive
from amends.core.errors import InvalidInput
from amends.promises.models import PromiseKind, PromiseState
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db


def test_received_complaint_gets_a_yearly_reference_and_keeps_the_customers_words(category):
    first = make_complaint(category=category)
    second = make_complaint(category=category, email="someone.else@example.net")
    year = timezone.now().year
    assert first.reference == f"C-{year}-000001"
    assert second.reference == f"C-{year}-000002"
    assert first.story.startswith("My order 4471")
    assert first.outcome_sought == "A replacement screen this week."
    assert first.team == category.team


def test_raw_input_is_stored_verbatim_with_the_first_message(category):
    raw = b"story=It+broke&name=Jo%20%E2%9C%93"
    complaint = complaint_receive(
        data=ComplaintInput(
            channel=Channel.WEB,
            name="Jo",
            email="jo@example.net",
            story="It broke",
            raw=raw,
            raw_content_type="application/x-www-form-urlencoded",
        )
    )
    message = complaint.messages.get(direction=Direction.INBOUND)
    assert message.raw is not None
    assert bytes(message.raw) == raw
    assert message.raw_content_type == "application/x-www-form-urlencoded"


def test_acknowledgement_is_emailed_after_commit_and_names_a_time(
    category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        complaint = make_complaint(category=category)
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert callbacks
    complaint.refresh_from_db()
    assert complaint.state == State.ACKNOWLEDGED
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["jo.bloggs@example.net"]
    assert complaint.reference in sent.subject
    assert "Thank you" in sent.body
    assert "My order 4471 arrived with a cracked screen" in sent.body
    promise = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE)
    local = timezone.localtime(promise.due_at)
    assert f"{local:%A} {local.day} {local:%B} at {local:%H:%M}" in sent.body
    assert "/track/" in sent.body


def test_acknowledgement_is_sent_once_even_if_the_task_runs_twice(complaint):
    from amends.complaints.services import complaint_acknowledge

    complaint_acknowledge(complaint_id=complaint.pk)
    assert complaint.messages.filter(direction=Direction.OUTBOUND).count() == 1


def test_same_email_address_means_the_same_customer(category):
    first = make_complaint(category=category, email="Jo.Bloggs@Example.net")
    second = make_complaint(category=category, email="jo.bloggs@example.net ")
    assert first.customer_id == second.customer_id
    assert ContactPoint.objects.filter(value="jo.bloggs@example.net").count() == 1


def test_complaint_with_no_way_to_reply_is_refused_naming_the_field(category):
    with pytest.raises(InvalidInput) as caught:
        make_complaint(category=category, email="", phone="")
    assert caught.value.field == "email"
    assert Complaint.objects.count() == 0


def test_story_over_the_limit_is_refused_not_truncated(category, settings):
    settings.AMENDS_MAX_STORY_CHARS = 100
    with pytest.raises(InvalidInput) as caught:
        make_complaint(category=category, story="x" * 101)
    assert caught.value.field == "story"
    assert "under 100" in caught.value.message


def test_malformed_email_is_refused(category):
    with pytest.raises(InvalidInput) as caught:
        make_complaint(category=category, email="not-an-address")
    assert caught.value.field == "email"


def test_phone_only_complaint_waits_for_a_person_to_acknowledge(category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(category=category, email="", phone="+44 20 7946 0000")
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED
    assert mail.outbox == []
    assert complaint.events.filter(kind=EventKind.NOTE, reason__contains="phone").exists()


def test_first_response_promise_sets_when_the_complaint_is_due(category):
    complaint = make_complaint(category=category)
    promise = complaint.promises.get(kind="first_response")
    assert promise.kind == PromiseKind.FIRST_RESPONSE
    assert promise.state == PromiseState.OPEN
    assert promise.target_at <= promise.due_at
    assert complaint.due_at == promise.target_at


def test_received_event_starts_the_timeline(category):
    complaint = make_complaint(category=category, extra={"form": "v1"})
    event = complaint.events.get()
    assert event.kind == EventKind.RECEIVED
    assert event.to_state == State.RECEIVED
    assert event.actor_label == "Customer"
    assert json.dumps(event.data)


def test_with_the_database_queue_the_acknowledgement_task_is_part_of_the_intake_transaction(
    category, settings
):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "intake"]}
    }

    class Abandoned(Exception):
        pass

    def intake_then_abandon() -> None:
        with transaction.atomic():
            make_complaint(category=category)
            assert DBTaskResult.objects.filter(task_path__endswith="acknowledge_complaint").count() == 1
            raise Abandoned

    with pytest.raises(Abandoned):
        intake_then_abandon()
    assert DBTaskResult.objects.count() == 0  # rolled back with the complaint: no orphan task
    complaint = make_complaint(category=category)
    queued = DBTaskResult.objects.get(task_path__endswith="acknowledge_complaint")
    assert queued.args_kwargs["args"] == [complaint.pk]

"""One update to every linked complainant: personal, recorded on each timeline, sent once."""

from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings

from amends.complaints import services as complaint_services
from amends.complaints.models import ContactPoint, Delivery, Direction, Event, EventKind, Message, State
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from amends.incidents import services
from amends.incidents.models import DeliveryState, IncidentDelivery, IncidentStatus, IncidentUpdate
from amends.incidents.sweep import sweep_incidents
from amends.promises.models import Promise, PromiseState

pytestmark = pytest.mark.django_db


def send(capture, incident, by, body="We found the cause and are refunding every declined payment.", **kw):
    kw.setdefault("status", IncidentStatus.IDENTIFIED)
    with capture(execute=True):
        update = services.incident_update_send(incident=incident, by=by, body=body, **kw)
    update.refresh_from_db()
    return update


def test_one_update_reaches_every_linked_customer_personally(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    complaints = linked(3)
    mail.outbox.clear()
    update = send(django_capture_on_commit_callbacks, incident, supervisor)

    assert (update.total, update.sent, update.skipped) == (3, 3, 0)
    assert update.finished_at is not None
    assert len(mail.outbox) == 3
    for complaint in complaints:
        email = next(m for m in mail.outbox if m.to == [f"customer{complaints.index(complaint)}@example.net"])
        assert email.body.startswith(f"Dear {complaint.customer.name},")
        assert complaint.reference in email.subject
        assert "refunding every declined payment" in email.body
        assert "Some card payments were wrongly declined" in email.body
        promise = Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN, visible=True).first()
        assert promise is not None
        assert f"{promise.due_at.astimezone().day}" in email.body  # their own promise date
        message = Message.objects.get(complaint=complaint, direction=Direction.OUTBOUND, body=email.body)
        assert message.delivery == Delivery.SENT
        event = Event.objects.get(complaint=complaint, message=message)
        assert event.kind == EventKind.MESSAGE_OUT
        assert event.data == {"incident": incident.pk, "incident_update": update.pk}


def test_each_customer_sees_only_their_own_promise_dates(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    first, _second = linked(2)
    from amends.complaints.messages import format_moment

    promise = Promise.objects.filter(complaint=first, state=PromiseState.OPEN, visible=True).first()
    Promise.objects.filter(pk=promise.pk).update(due_at=promise.due_at.replace(year=promise.due_at.year + 1))
    promise.refresh_from_db()
    mail.outbox.clear()
    send(django_capture_on_commit_callbacks, incident, supervisor)
    told = format_moment(promise.due_at, first)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert told in bodies["customer0@example.net"]
    assert told not in bodies["customer1@example.net"]


def test_the_incident_takes_the_status_and_next_update_time_of_the_update(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    linked(1)
    send(django_capture_on_commit_callbacks, incident, supervisor, status=IncidentStatus.MONITORING)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.MONITORING


def test_running_a_batch_again_sends_nobody_the_same_update_twice(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    complaints = linked(4)
    update = send(django_capture_on_commit_callbacks, incident, supervisor)
    mail.outbox.clear()
    first, last = complaints[0].pk, complaints[-1].pk
    with django_capture_on_commit_callbacks(execute=True):
        assert services.update_send_batch(update_id=update.pk, first=first, last=last) == 0
        services.update_prepare(update_id=update.pk)
        services.update_resume(update=update, by=supervisor)
    assert mail.outbox == []
    assert Message.objects.filter(subject__contains="an update").count() == 4
    update.refresh_from_db()
    assert update.sent == 4


@override_settings(AMENDS_INCIDENT_BATCH=2)
def test_a_send_that_crashes_midway_resumes_without_repeating_anyone(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    complaints = linked(5)
    mail.outbox.clear()
    real = complaint_services.complaints_send_system_messages
    calls = {"n": 0}

    def crash_on_second_batch(*, items):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return real(items=items)

    target = "amends.incidents.services.updates.complaint_services.complaints_send_system_messages"
    with mock.patch(target, side_effect=crash_on_second_batch):
        send(
            django_capture_on_commit_callbacks, incident, supervisor
        )  # the task fails, as a dying worker's would

    update = IncidentUpdate.objects.get()
    assert update.sent == 3  # batches one and three committed; the crashed one rolled back whole
    assert update.finished_at is None
    crashed = [c.pk for c in complaints[2:4]]
    assert IncidentDelivery.objects.filter(update=update, state=DeliveryState.PENDING).count() == 2
    assert set(
        IncidentDelivery.objects.filter(state=DeliveryState.PENDING).values_list("complaint_id", flat=True)
    ) == set(crashed)
    assert not Message.objects.filter(complaint__in=crashed, subject__contains="an update").exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_resume(update=update, by=supervisor)
    update.refresh_from_db()
    assert (update.sent, update.finished_at is not None) == (5, True)
    sent_to = sorted(m.to[0] for m in mail.outbox if "an update" in m.subject)
    assert sent_to == sorted(f"customer{i}@example.net" for i in range(5))  # each exactly once
    for complaint in complaints:
        assert Message.objects.filter(complaint=complaint, subject__contains="an update").count() == 1


def test_the_sweep_resumes_a_send_that_made_no_progress(
    incident, linked, supervisor, django_capture_on_commit_callbacks, time_machine
):
    linked(2)
    with django_capture_on_commit_callbacks(execute=False):
        update = services.incident_update_send(
            incident=incident, by=supervisor, body="Still working on it.", status=IncidentStatus.IDENTIFIED
        )  # the worker died before preparing it: nothing ran
    time_machine.move_to(update.created_at + __import__("datetime").timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        report = sweep_incidents()
    assert report.resumed == 1
    update.refresh_from_db()
    assert (update.sent, update.finished_at is not None) == (2, True)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_incidents().resumed == 0


def test_a_customer_without_email_is_skipped_with_a_note_for_the_team(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    complaints = linked(2)
    ContactPoint.objects.filter(customer=complaints[0].customer).delete()
    update = send(django_capture_on_commit_callbacks, incident, supervisor)
    assert (update.sent, update.skipped) == (1, 1)
    row = IncidentDelivery.objects.get(update=update, complaint=complaints[0])
    assert row.state == DeliveryState.SKIPPED
    assert Event.objects.filter(
        complaint=complaints[0], kind=EventKind.NOTE, reason__startswith="Not sent"
    ).exists()


def test_merged_and_withdrawn_complaints_are_not_written_to(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    complaints = linked(2)
    complaint_services.complaint_transition(
        complaint=complaints[1], by=supervisor, to_state=State.WITHDRAWN, reason="Customer withdrew it"
    )
    update = send(django_capture_on_commit_callbacks, incident, supervisor)
    assert (update.sent, update.skipped) == (1, 1)
    assert "withdrawn" in IncidentDelivery.objects.get(update=update, complaint=complaints[1]).note


def test_the_resolving_update_resolves_every_open_linked_complaint(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    complaints = linked(3)
    update = send(
        django_capture_on_commit_callbacks,
        incident,
        supervisor,
        body="Every declined payment has been refunded.",
        status=IncidentStatus.RESOLVED,
        resolve_complaints=True,
        agreed_outcome="Payment refunded in full",
    )
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESOLVED
    assert incident.resolved_at is not None
    for complaint in complaints:
        complaint.refresh_from_db()
        assert complaint.state == State.RESOLVED
        assert complaint.agreed_outcome == "Payment refunded in full"
    del update
    body = Message.objects.filter(complaint=complaints[0], subject__contains="an update").get().body
    assert "We have now resolved your complaint: Payment refunded in full" in body


def test_a_resolved_incident_takes_no_more_updates(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    linked(1)
    send(django_capture_on_commit_callbacks, incident, supervisor, status=IncidentStatus.RESOLVED)
    incident.refresh_from_db()
    with pytest.raises(InvalidTransition):
        send(django_capture_on_commit_callbacks, incident, supervisor)


def test_complaints_are_resolved_only_with_the_incident(
    incident, linked, supervisor, django_capture_on_commit_callbacks
):
    linked(1)
    with pytest.raises(InvalidInput):
        send(django_capture_on_commit_callbacks, incident, supervisor, resolve_complaints=True)


def test_an_empty_update_is_refused(incident, supervisor, django_capture_on_commit_callbacks):
    with pytest.raises(InvalidInput):
        send(django_capture_on_commit_callbacks, incident, supervisor, body="   ")


def test_an_agent_cannot_send_an_update(incident, linked, agent, django_capture_on_commit_callbacks):
    linked(1)
    with pytest.raises(PermissionDenied):
        send(django_capture_on_commit_callbacks, incident, agent)


def test_a_supervisor_cannot_update_customers_of_teams_they_are_not_in(
    incident, linked, other_supervisor, django_capture_on_commit_callbacks
):
    linked(1)
    with pytest.raises(PermissionDenied):
        send(django_capture_on_commit_callbacks, incident, other_supervisor)
    assert not IncidentUpdate.objects.exists()


def test_a_batch_costs_the_same_few_queries_however_many_it_sends(
    incident, linked, supervisor, django_capture_on_commit_callbacks, django_assert_max_num_queries, settings
):
    from amends.core.memo import forget

    complaints = linked(30)
    forget()
    settings.AMENDS_CONFIG_CACHE_SECONDS = 60  # as in production: calendars are read once a while
    with django_capture_on_commit_callbacks(execute=False):
        update = services.incident_update_send(
            incident=incident, by=supervisor, body="An update.", status=IncidentStatus.IDENTIFIED
        )
    with django_capture_on_commit_callbacks(execute=False):
        services.update_prepare(update_id=update.pk)
    with django_capture_on_commit_callbacks(execute=False), django_assert_max_num_queries(20):
        done = services.update_send_batch(update_id=update.pk, first=complaints[0].pk, last=complaints[-1].pk)
    assert done == 30
    forget()

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amends.accounts.models import Role
from amends.complaints.models import EventKind, Severity
from amends.complaints.services import complaint_assign, complaint_reply
from amends.promises.models import EscalationRule, Promise, PromiseKind, PromiseState, Reassign, ReminderRule
from amends.promises.sweep import sweep_promises
from tests.factories import UserFactory

from .conftest import london, receive

pytestmark = pytest.mark.django_db


def _sweep(capture):
    with capture(execute=True):
        return sweep_promises()


def test_nothing_due_means_nothing_done(clock, category):
    receive(category)
    report = sweep_promises()
    assert (report.promises, report.reminded, report.broken) == (0, 0, 0)


def test_the_assignee_is_reminded_by_email_before_the_internal_target(
    clock, category, agent, team, django_capture_on_commit_callbacks
):
    complaint = receive(category)
    complaint_assign(complaint=complaint, by=agent, team=team, assignee=agent)
    target = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE).target_at  # Tuesday 10:00
    clock.move_to(target - timedelta(minutes=59))
    mail.outbox.clear()
    report = _sweep(django_capture_on_commit_callbacks)
    assert report.reminded == 1
    [reminder] = [m for m in mail.outbox if m.to == [agent.email]]
    assert reminder.subject.startswith(f"Reminder: {complaint.reference} A person replies to the customer")
    assert complaint.events.filter(kind=EventKind.NOTE, data__reminder=True).exists()
    # Once only.
    assert _sweep(django_capture_on_commit_callbacks).reminded == 0


def test_an_unassigned_complaint_reminds_the_team_supervisors(
    clock, category, supervisor, django_capture_on_commit_callbacks
):
    complaint = receive(category)
    clock.move_to(complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE).target_at - timedelta(minutes=30))
    mail.outbox.clear()
    _sweep(django_capture_on_commit_callbacks)
    assert any(m.to == [supervisor.email] and m.subject.startswith("Reminder") for m in mail.outbox)


def test_a_promise_about_to_break_escalates_severity_notifies_and_reassigns(
    clock, category, agent, supervisor, team, django_capture_on_commit_callbacks
):
    EscalationRule.objects.update(reassign=Reassign.SUPERVISOR)
    complaint = receive(category)
    complaint_assign(complaint=complaint, by=agent, team=team, assignee=agent)
    due = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE).due_at
    clock.move_to(due - timedelta(minutes=20))
    mail.outbox.clear()
    report = _sweep(django_capture_on_commit_callbacks)
    assert report.escalated == 1
    complaint.refresh_from_db()
    assert complaint.severity == Severity.HIGH
    assert complaint.assignee == supervisor
    assert any(m.to == [supervisor.email] and m.subject.startswith("Escalated") for m in mail.outbox)
    assert complaint.events.filter(kind=EventKind.ESCALATED, reason__startswith="Escalated to high").exists()
    assert _sweep(django_capture_on_commit_callbacks).escalated == 0


def test_a_promise_is_broken_when_its_told_time_passes_unkept(clock, category):
    complaint = receive(category)
    promise = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE)
    clock.move_to(promise.due_at + timedelta(minutes=1))
    report = sweep_promises()
    promise.refresh_from_db()
    assert promise.state == PromiseState.BROKEN
    assert promise.settled_at == promise.due_at
    assert report.broken >= 1
    event = complaint.events.get(kind=EventKind.PROMISE_SETTLED, data__promise=promise.pk)
    assert event.reason.startswith("A person replies to the customer: broken")


def test_a_broken_update_promise_starts_the_next_one(clock, category, agent):
    complaint = receive(category)
    complaint_reply(complaint=complaint, by=agent, body="Thank you, and sorry.")
    update = complaint.promises.get(kind=PromiseKind.UPDATE, state=PromiseState.OPEN)
    clock.move_to(update.due_at + timedelta(hours=1))
    sweep_promises()
    update.refresh_from_db()
    assert update.state == PromiseState.BROKEN
    renewed = complaint.promises.get(kind=PromiseKind.UPDATE, state=PromiseState.OPEN)
    assert renewed.due_at > update.due_at
    complaint.refresh_from_db()
    assert complaint.due_at == min(
        Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN).values_list(
            "target_at", flat=True
        )
    )


def test_a_late_reply_still_records_first_response_time_in_business_hours(clock, category, agent):
    complaint = receive(category)  # Monday 10:00
    promise = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE)
    clock.move_to(london(2026, 11, 26, 12))  # Thursday 12:00, after the Wednesday 10:00 told time
    sweep_promises()
    complaint_reply(complaint=complaint, by=agent, body="Sorry for the wait.")
    promise.refresh_from_db()
    assert promise.state == PromiseState.BROKEN
    assert promise.business_seconds == (7 + 8 + 8 + 3) * 3600


def test_rules_edited_in_the_admin_change_when_reminders_go(clock, category, agent, team):
    ReminderRule.objects.update(minutes_before_target=240)
    complaint = receive(category)
    complaint_assign(complaint=complaint, by=agent, team=team, assignee=agent)
    target = complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE).target_at
    clock.move_to(target - timedelta(minutes=230))
    assert sweep_promises().reminded == 1


def test_a_sweep_costs_the_same_however_many_complaints_are_open(clock, category):
    for _ in range(3):
        receive(category)
    with CaptureQueriesContext(connection) as few:
        sweep_promises()
    for _ in range(30):
        receive(category)
    with CaptureQueriesContext(connection) as many:
        sweep_promises()
    assert len(many) == len(few)


def test_supervisors_of_other_teams_are_not_told(
    clock, category, other_team, django_capture_on_commit_callbacks
):
    stranger = UserFactory(username="stranger", role=Role.SUPERVISOR, teams=[other_team])
    complaint = receive(category)
    clock.move_to(complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE).due_at - timedelta(minutes=10))
    mail.outbox.clear()
    _sweep(django_capture_on_commit_callbacks)
    assert not any(stranger.email in m.to for m in mail.outbox)


def test_the_sweep_command_runs_every_sweep_once(clock, category):
    from io import StringIO

    from django.core.management import call_command

    complaint = receive(category)
    clock.move_to(complaint.promises.get(kind=PromiseKind.FIRST_RESPONSE).due_at + timedelta(minutes=1))
    out = StringIO()
    call_command("sweep", stdout=out)
    assert "sweep_promises: " in out.getvalue()
    assert "broken" in out.getvalue()
    assert "sweep_surveys: 0 sent" in out.getvalue()

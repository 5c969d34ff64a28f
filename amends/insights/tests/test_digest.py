"""The weekly digest: sent by the sweep to each policy owner, once a week, with their figures."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from amends.accounts.models import Role
from amends.complaints.models import State
from amends.complaints.services import complaint_transition
from amends.insights.digest import week_of
from amends.insights.models import DigestLog
from amends.insights.sweep import sweep_insights
from amends.reviews.models import PolicyArea, RootCause
from amends.reviews.services import ProposalInput, ReviewInput, review_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(category):
    rosa = UserFactory(username="rosa", first_name="Rosa", role=Role.SUPERVISOR, email="rosa@example.com")
    PolicyArea.objects.create(name="Delivery policy", owner=rosa).categories.add(category)
    return rosa


@pytest.fixture
def proposed(complaint, agent, owner):
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED)
    area = PolicyArea.objects.get(owner=owner)
    proposal = ProposalInput(
        area, "Name the courier in the dispatch email", "Customers chase the wrong firm."
    )
    return review_record(
        complaint=complaint, by=agent, data=ReviewInput(RootCause.COMMUNICATION, [], proposal=proposal)
    )


def _monday_at(hour, *, weeks_ahead=1):
    monday = week_of(timezone.localdate()) + timedelta(weeks=weeks_ahead)
    return timezone.make_aware(datetime.combine(monday, time(hour, 5)))


def test_the_sweep_sends_last_weeks_digest_on_monday_morning(
    proposed, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = sweep_insights(now=_monday_at(8))
    assert report.digests == 1
    [sent] = [m for m in mail.outbox if m.to == ["rosa@example.com"]]
    assert "weekly complaints digest" in sent.subject
    assert "Delivery policy" in sent.body
    assert "Complaints received: 1" in sent.body
    assert "Name the courier in the dispatch email" in sent.body
    assert "Communication: 1" in sent.body
    assert DigestLog.objects.get(owner=owner).sent_at is not None


def test_a_week_is_sent_once_however_often_the_sweep_runs(
    proposed, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sweep_insights(now=_monday_at(8))
        again = sweep_insights(now=_monday_at(9))
    assert again.digests == 0
    assert len([m for m in mail.outbox if m.to == ["rosa@example.com"]]) == 1


def test_nothing_goes_before_the_send_hour(owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = sweep_insights(now=_monday_at(7))
    assert report.digests == 0
    assert not DigestLog.objects.exists()


def test_staff_who_own_no_policy_area_get_no_digest(
    complaint, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_insights(now=_monday_at(8)).digests == 0
    assert not [m for m in mail.outbox if "digest" in m.subject]


def test_the_command_sends_a_digest_by_hand(proposed, owner, capsys):
    call_command("insights", "digest", "--owner", "rosa")
    assert "rosa: sent to rosa@example.com" in capsys.readouterr().out
    call_command("insights", "digest", "--owner", "rosa")
    assert "sent already" in capsys.readouterr().out
    assert len([m for m in mail.outbox if "digest" in m.subject]) == 1


def test_the_rebuild_command_reports_what_it_folded(complaint, capsys, settings):
    settings.AMENDS_INSIGHTS_FOLD_LAG_SECONDS = 0
    call_command("insights", "rebuild")
    assert "events and 0 reviews folded" in capsys.readouterr().out

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from amends.complaints.models import Channel, EventKind, State
from amends.complaints.services import complaint_add_customer_message, complaint_reply, complaint_transition
from amends.promises.models import PromiseKind
from amends.surveys.models import Survey, SurveyKind, SurveyState
from amends.surveys.sweep import sweep_surveys
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def london(month, day, hour, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def clock():
    with time_machine.travel(london(11, 23, 10), tick=False) as traveller:
        yield traveller


@pytest.fixture
def resolved(clock, category, agent, django_capture_on_commit_callbacks):
    """A complaint answered and resolved on Monday 23 November at 11:00."""
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(category=category)
    clock.move_to(london(11, 23, 11))
    with django_capture_on_commit_callbacks(execute=True):
        complaint_reply(complaint=complaint, by=agent, body="We have sent a new screen. I am sorry.")
        complaint_transition(
            complaint=complaint, by=agent, to_state=State.RESOLVED, agreed_outcome="New screen sent"
        )
    return complaint


def _sweep(capture):
    with capture(execute=True):
        return sweep_surveys()


def _link(body):
    return re.search(r"http://\S+/feedback/(\S+?)/", body).group(0).removeprefix("http://127.0.0.1:8000")


def test_resolving_schedules_the_survey_and_the_check_in_by_the_policy_clocks(resolved):
    survey = Survey.objects.get(complaint=resolved, kind=SurveyKind.SATISFACTION)
    checkin = Survey.objects.get(complaint=resolved, kind=SurveyKind.CHECKIN)
    assert survey.send_at == london(11, 24, 11)  # eight business hours after resolution
    assert checkin.send_at == london(11, 30, 11)  # five business days after
    assert (survey.state, checkin.state) == (SurveyState.SCHEDULED, SurveyState.SCHEDULED)


def test_nothing_is_sent_before_it_is_due(resolved, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    assert _sweep(django_capture_on_commit_callbacks).sent == 0
    assert mail.outbox == []


def test_the_survey_email_goes_out_and_its_answers_land_on_the_timeline(
    resolved, clock, client, django_capture_on_commit_callbacks
):
    clock.move_to(london(11, 24, 11, 1))
    mail.outbox.clear()
    assert _sweep(django_capture_on_commit_callbacks).sent == 1
    [email] = mail.outbox
    assert email.to == ["jo.bloggs@example.net"]
    assert "How did we do?" in email.subject
    page = client.get(_link(email.body))
    assert page.status_code == 200
    assert "How could we have done better?" in page.content.decode()
    response = client.post(
        _link(email.body), {"score": "4", "better": "Answer the phone faster", "recommend": "yes"}
    )
    assert "Thank you" in response.content.decode()
    event = resolved.events.filter(kind=EventKind.FEEDBACK).latest("id")
    assert event.data["score"] == 4
    assert "Satisfaction: 4 out of 5" in event.message.body
    assert "Answer the phone faster" in event.message.body
    resolved.refresh_from_db()
    assert resolved.state == State.RESOLVED


def test_a_low_score_reopens_the_complaint_for_a_supervisor(
    resolved, clock, client, supervisor, django_capture_on_commit_callbacks
):
    clock.move_to(london(11, 24, 12))
    _sweep(django_capture_on_commit_callbacks)
    link = _link(mail.outbox[-1].body)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"score": "1", "better": "Nobody listened", "recommend": "no"})
    resolved.refresh_from_db()
    assert resolved.state == State.REOPENED
    assert resolved.assignee == supervisor
    assert any(m.to == [supervisor.email] and "Reopened" in m.subject for m in mail.outbox)
    assert resolved.promises.filter(kind=PromiseKind.UPDATE, state="open").exists()


def test_the_survey_is_answered_once(resolved, clock, client, django_capture_on_commit_callbacks):
    clock.move_to(london(11, 24, 12))
    _sweep(django_capture_on_commit_callbacks)
    link = _link(mail.outbox[-1].body)
    client.post(link, {"score": "5", "recommend": "yes"})
    again = client.post(link, {"score": "1", "recommend": "no"})
    assert "We already have your answers" in again.content.decode()
    assert Survey.objects.get(complaint=resolved, kind=SurveyKind.SATISFACTION).score == 5


def test_a_score_outside_one_to_five_is_refused(resolved, clock, client, django_capture_on_commit_callbacks):
    clock.move_to(london(11, 24, 12))
    _sweep(django_capture_on_commit_callbacks)
    response = client.post(_link(mail.outbox[-1].body), {"score": "9", "recommend": "yes"})
    assert response.status_code == 400
    assert Survey.objects.get(complaint=resolved, kind=SurveyKind.SATISFACTION).state == SurveyState.SENT


def test_one_reminder_then_the_survey_closes_unanswered(resolved, clock, django_capture_on_commit_callbacks):
    clock.move_to(london(11, 24, 12))
    _sweep(django_capture_on_commit_callbacks)
    clock.move_to(london(11, 27, 12, 30))
    mail.outbox.clear()
    assert _sweep(django_capture_on_commit_callbacks).reminded == 1
    assert "a reminder" in mail.outbox[0].subject
    clock.move_to(london(12, 24, 13))
    mail.outbox.clear()
    report = _sweep(django_capture_on_commit_callbacks)
    assert report.closed >= 1
    assert Survey.objects.get(complaint=resolved, kind=SurveyKind.SATISFACTION).state == SurveyState.EXPIRED
    assert not any("How did we do" in m.subject for m in mail.outbox)


def test_the_survey_is_never_sent_mid_thread(resolved, clock, django_capture_on_commit_callbacks):
    complaint_add_customer_message(
        complaint=resolved, body="Actually the new one is scratched.", channel=Channel.EMAIL
    )
    clock.move_to(london(11, 24, 12))
    mail.outbox.clear()
    _sweep(django_capture_on_commit_callbacks)
    survey = Survey.objects.get(complaint=resolved, kind=SurveyKind.SATISFACTION)
    assert survey.state == SurveyState.CANCELLED
    assert "reopened" in survey.note
    assert mail.outbox == []


def test_the_check_in_asks_whether_the_fix_held_and_a_no_reopens(
    resolved, clock, client, supervisor, django_capture_on_commit_callbacks
):
    Survey.objects.filter(complaint=resolved, kind=SurveyKind.SATISFACTION).update(wake_at=None)
    clock.move_to(london(11, 30, 11, 5))
    mail.outbox.clear()
    _sweep(django_capture_on_commit_callbacks)
    [email] = mail.outbox
    assert "Did our fix hold?" in email.subject
    assert "?held=no" in email.body
    page = client.get(_link(email.body) + "?held=no")
    assert re.search(r'<input[^>]*value="no"[^>]*checked', page.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(email.body), {"held": "no", "details": "The screen flickers again."})
    resolved.refresh_from_db()
    assert resolved.state == State.REOPENED
    assert resolved.assignee == supervisor
    event = resolved.events.filter(kind=EventKind.FEEDBACK).latest("id")
    assert event.data == {
        "checkin": Survey.objects.get(complaint=resolved, kind=SurveyKind.CHECKIN).pk,
        "held": False,
    }


def test_the_customer_sees_when_we_will_check_in(resolved, client):
    from amends.portal.links import status_url

    page = client.get(status_url(resolved).removeprefix("http://127.0.0.1:8000")).content.decode()
    assert "We will check with you on Monday 30 November at 11:00 (UK time) that the fix held." in page


def test_an_altered_link_is_refused_with_a_message(client):
    response = client.get("/feedback/not-a-real-token/")
    assert response.status_code == 404
    assert "not valid any more" in response.content.decode()


def test_survey_pages_keep_the_link_to_this_site_and_out_of_search_engines(
    resolved, clock, client, django_capture_on_commit_callbacks
):
    clock.move_to(london(11, 24, 12))
    _sweep(django_capture_on_commit_callbacks)
    response = client.get(_link(mail.outbox[-1].body))
    # "no-referrer" would make browsers send "Origin: null" with the form, and CSRF refuse it.
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex"


def test_what_a_customer_writes_in_the_survey_is_never_run_as_html(
    resolved, clock, client, agent, django_capture_on_commit_callbacks
):
    clock.move_to(london(11, 24, 12))
    _sweep(django_capture_on_commit_callbacks)
    client.post(
        _link(mail.outbox[-1].body), {"score": "4", "better": "<script>alert(1)</script>", "recommend": "yes"}
    )
    client.force_login(agent)
    page = client.get(f"/desk/c/{resolved.reference}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_survey_weeks_overdue_is_not_sent(resolved, clock, django_capture_on_commit_callbacks):
    clock.move_to(london(12, 28, 12))  # the sweep did not run for five weeks
    mail.outbox.clear()
    _sweep(django_capture_on_commit_callbacks)
    survey = Survey.objects.get(complaint=resolved, kind=SurveyKind.SATISFACTION)
    assert (survey.state, survey.note) == (SurveyState.CANCELLED, "Not sent: too long after it was due")
    assert not any("How did we do?" in m.subject for m in mail.outbox)

import pytest
from django.core import mail

from amends.complaints import states
from amends.complaints.models import Complaint, Delivery, Direction, EventKind, State
from amends.complaints.services import (
    complaint_add_customer_message,
    complaint_add_note,
    complaint_merge,
    complaint_reply,
    complaint_transition,
)
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from amends.promises.models import PromiseState
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db

EDGES = [
    (src, dst)
    for src, targets in states.TRANSITIONS.items()
    for dst in sorted(targets)
    if dst != State.MERGED
]


@pytest.mark.parametrize(("from_state", "to_state"), EDGES)
def test_every_allowed_move_is_made_and_recorded(complaint, agent, from_state, to_state):
    Complaint.objects.filter(pk=complaint.pk).update(state=from_state)
    complaint.refresh_from_db()
    complaint_transition(complaint=complaint, by=agent, to_state=to_state, reason="Customer asked us to")
    complaint.refresh_from_db()
    assert complaint.state == to_state
    event = complaint.events.latest("id")
    assert (event.kind, event.from_state, event.to_state, event.actor) == (
        EventKind.STATE_CHANGED,
        from_state,
        to_state,
        agent,
    )


NOT_ALLOWED = [(s, t) for s in State for t in State if t not in states.TRANSITIONS[s] and t != State.MERGED]


@pytest.mark.parametrize(("from_state", "to_state"), NOT_ALLOWED)
def test_every_move_the_journey_does_not_allow_is_refused(complaint, agent, from_state, to_state):
    Complaint.objects.filter(pk=complaint.pk).update(state=from_state)
    complaint.refresh_from_db()
    before = complaint.events.count()
    with pytest.raises(InvalidTransition):
        complaint_transition(complaint=complaint, by=agent, to_state=to_state, reason="because")
    complaint.refresh_from_db()
    assert complaint.state == from_state
    assert complaint.events.count() == before


def test_refused_move_names_the_moves_that_are_allowed(complaint, agent):
    Complaint.objects.filter(pk=complaint.pk).update(state=State.CLOSED)
    complaint.refresh_from_db()
    with pytest.raises(InvalidTransition) as caught:
        complaint_transition(complaint=complaint, by=agent, to_state=State.IN_PROGRESS)
    assert "closed cannot become in progress" in caught.value.message
    assert "reopened" in caught.value.message


@pytest.mark.parametrize("to_state", [State.WITHDRAWN, State.SPAM])
def test_withdrawing_or_marking_spam_needs_a_reason(complaint, agent, to_state):
    with pytest.raises(InvalidInput) as caught:
        complaint_transition(complaint=complaint, by=agent, to_state=to_state, reason="  ")
    assert caught.value.field == "reason"


def test_resolving_records_the_agreed_outcome_and_releases_the_first_response_promise(complaint, agent):
    complaint_transition(
        complaint=complaint,
        by=agent,
        to_state=State.RESOLVED,
        agreed_outcome="Replacement screen sent by courier",
    )
    complaint.refresh_from_db()
    assert complaint.agreed_outcome == "Replacement screen sent by courier"
    assert complaint.resolved_at is not None
    assert complaint.due_at is None
    assert complaint.promises.get(kind="first_response").state == PromiseState.CANCELLED


def test_merging_by_the_transition_verb_is_refused(complaint, agent):
    with pytest.raises(InvalidInput):
        complaint_transition(complaint=complaint, by=agent, to_state=State.MERGED)


def test_first_reply_is_emailed_keeps_the_promise_and_starts_work(
    complaint, agent, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message = complaint_reply(
            complaint=complaint, by=agent, body="Thank you, Jo. I am sorry: it was our fault."
        )
    complaint.refresh_from_db()
    message.refresh_from_db()
    assert complaint.state == State.IN_PROGRESS
    assert complaint.first_response_at is not None
    assert complaint.promises.get(kind="first_response").state == PromiseState.KEPT_EARLY
    assert message.delivery == Delivery.SENT
    sent = mail.outbox[0]
    assert sent.subject.startswith(f"[{complaint.reference}]")
    assert sent.from_email == complaint.team.reply_from
    assert sent.extra_headers["Message-ID"] == message.message_id
    assert sent.alternatives
    assert sent.alternatives[0].mimetype == "text/html"
    ack = complaint.messages.filter(direction=Direction.OUTBOUND).order_by("id").first()
    assert ack.message_id in sent.extra_headers["References"]


def test_reply_with_html_is_sent_as_text_and_escaped_in_the_html_part(
    complaint, agent, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint_reply(complaint=complaint, by=agent, body="<script>alert(1)</script> sorry")
    html = mail.outbox[0].alternatives[0].content
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_reply_after_the_promised_time_breaks_the_promise(complaint, agent):
    from datetime import timedelta

    promise = complaint.promises.get(kind="first_response")
    type(promise).objects.filter(pk=promise.pk).update(
        due_at=promise.created_at - timedelta(minutes=1), target_at=promise.created_at - timedelta(hours=1)
    )
    complaint_reply(complaint=complaint, by=agent, body="Sorry for the wait.")
    promise.refresh_from_db()
    assert promise.state == PromiseState.BROKEN
    assert complaint.events.filter(kind=EventKind.PROMISE_SETTLED, data__state="broken").exists()


def test_reply_to_a_spam_complaint_is_refused(complaint, agent):
    complaint_transition(complaint=complaint, by=agent, to_state=State.SPAM, reason="Advertising")
    with pytest.raises(InvalidTransition):
        complaint_reply(complaint=complaint, by=agent, body="Hello")


def test_empty_reply_is_refused(complaint, agent):
    with pytest.raises(InvalidInput):
        complaint_reply(complaint=complaint, by=agent, body="   ")


def test_agent_of_another_team_cannot_reply_or_note(complaint, outsider):
    with pytest.raises(PermissionDenied):
        complaint_reply(complaint=complaint, by=outsider, body="Hi")
    with pytest.raises(PermissionDenied):
        complaint_add_note(complaint=complaint, by=outsider, body="Hi")


def test_note_is_internal_and_not_emailed(complaint, agent):
    mail.outbox.clear()
    message = complaint_add_note(
        complaint=complaint, by=agent, body="Checked the courier's scan: lost in depot."
    )
    assert message.direction == Direction.INTERNAL
    assert mail.outbox == []
    assert complaint.events.filter(kind=EventKind.NOTE, message=message).exists()


def test_customer_reply_while_awaiting_them_puts_the_complaint_back_in_progress(complaint, agent):
    complaint_transition(complaint=complaint, by=agent, to_state=State.AWAITING_CUSTOMER)
    complaint_add_customer_message(complaint=complaint, body="Here is the photo.", channel=complaint.channel)
    complaint.refresh_from_db()
    assert complaint.state == State.IN_PROGRESS


def test_customer_writing_after_resolution_reopens_the_complaint(complaint, agent):
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED)
    complaint_transition(complaint=complaint, by=agent, to_state=State.CLOSED)
    complaint_add_customer_message(complaint=complaint, body="It broke again.", channel=complaint.channel)
    complaint.refresh_from_db()
    assert complaint.state == State.REOPENED
    assert complaint.events.latest("id").reason.startswith("The customer wrote again")


def test_merge_keeps_the_duplicates_story_on_the_surviving_complaint(complaint, agent, category):
    duplicate = make_complaint(category=category, story="Second email about the cracked screen, order 4471.")
    complaint_merge(source=duplicate, target=complaint, by=agent)
    duplicate.refresh_from_db()
    assert duplicate.state == State.MERGED
    assert duplicate.merged_into == complaint
    merged_event = complaint.events.get(kind=EventKind.MERGED)
    assert merged_event.data["story"].startswith("Second email")
    assert duplicate.promises.get(kind="first_response").state == PromiseState.CANCELLED


def test_complaint_cannot_be_merged_into_itself_or_into_spam(complaint, agent, category):
    with pytest.raises(InvalidInput):
        complaint_merge(source=complaint, target=complaint, by=agent)
    spam = make_complaint(category=category, email="bot@example.org")
    complaint_transition(complaint=spam, by=agent, to_state=State.SPAM, reason="Bot")
    with pytest.raises(InvalidTransition):
        complaint_merge(source=complaint, target=spam, by=agent)


def test_timeline_events_cannot_be_rewritten(complaint):
    event = complaint.events.first()
    event.reason = "tampered"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_assignee_must_be_in_the_team(complaint, admin_user, outsider, agent, team):
    from amends.complaints.services import complaint_assign

    with pytest.raises(InvalidInput) as caught:
        complaint_assign(complaint=complaint, by=admin_user, team=team, assignee=outsider)
    assert "is not an agent in Orders" in caught.value.message
    complaint_assign(complaint=complaint, by=admin_user, team=team, assignee=agent)
    complaint.refresh_from_db()
    assert complaint.assignee == agent
    assert complaint.events.filter(kind=EventKind.ASSIGNED).exists()


def test_agent_cannot_move_a_complaint_to_a_team_they_are_not_in(complaint, agent, other_team):
    from amends.complaints.services import complaint_assign

    with pytest.raises(PermissionDenied):
        complaint_assign(complaint=complaint, by=agent, team=other_team, assignee=None)


def test_a_logged_phone_call_is_the_first_response_for_a_customer_without_email(
    category, agent, django_capture_on_commit_callbacks
):
    from amends.complaints.services import complaint_log_call

    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(category=category, email="", phone="07700 900123")
    mail.outbox.clear()
    message = complaint_log_call(
        complaint=complaint, by=agent, body="Called Jo: apologised, engineer booked for Thursday morning."
    )
    complaint.refresh_from_db()
    assert complaint.state == State.IN_PROGRESS
    assert complaint.first_response_at == message.created_at
    assert complaint.promises.get(kind="first_response").state in (PromiseState.KEPT_EARLY, PromiseState.KEPT)
    assert message.channel == "phone"
    assert message.delivery == ""
    assert mail.outbox == []
    assert complaint.events.filter(kind=EventKind.MESSAGE_OUT, data__call=True).exists()


def test_an_empty_call_record_is_refused(complaint, agent):
    from amends.complaints.services import complaint_log_call

    with pytest.raises(InvalidInput):
        complaint_log_call(complaint=complaint, by=agent, body="  ")

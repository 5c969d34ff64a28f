import pytest
from django.core import mail

from amends.complaints.models import EventKind
from amends.complaints.services import complaint_reply
from amends.promises.models import Policy, Promise, PromiseKind, PromiseState, Regime
from tests.factories import complaint_page_with_panels

from .conftest import london, receive

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_complaint_page_shows_the_promises_panel_with_its_forms(clock, client, agent, category):
    complaint = receive(category)
    client.force_login(agent)
    page = complaint_page_with_panels(client, complaint.reference)
    assert 'id="promises-panel"' in page
    assert "A person replies to the customer" in page
    assert f"/desk/promises/c/{complaint.reference}/add/" in page
    assert "Normal severity policy" in page


def test_an_agent_adds_a_promise_from_the_desk(clock, client, agent, category):
    complaint = receive(category)
    client.force_login(agent)
    response = client.post(
        f"/desk/promises/c/{complaint.reference}/add/",
        {"description": "Refund the delivery charge", "when": "Friday 12:00", "kind": "custom"},
        **HTMX,
    )
    assert response.status_code == 204
    assert response["HX-Refresh"] == "true"
    promise = complaint.promises.get(kind=PromiseKind.CUSTOM)
    assert promise.due_at == london(2026, 11, 27, 12)
    assert promise.created_by == agent


def test_a_promise_in_the_past_is_refused_in_the_panel_with_the_reason(clock, client, agent, category):
    complaint = receive(category)
    client.force_login(agent)
    response = client.post(
        f"/desk/promises/c/{complaint.reference}/add/",
        {"description": "Refund", "when": "2026-11-20T12:00", "kind": "custom"},
        **HTMX,
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#promises-panel"
    assert "cannot be due in the past" in response.content.decode()
    assert not complaint.promises.filter(kind=PromiseKind.CUSTOM).exists()


def test_an_outsider_cannot_add_a_promise(clock, client, outsider, category):
    complaint = receive(category)
    client.force_login(outsider)
    response = client.post(
        f"/desk/promises/c/{complaint.reference}/add/", {"description": "x", "when": "Friday"}, **HTMX
    )
    assert response.status_code == 404
    assert not complaint.promises.filter(kind=PromiseKind.CUSTOM).exists()


def test_marking_a_promise_done_keeps_it_and_records_it(clock, client, agent, category):
    complaint = receive(category)
    client.force_login(agent)
    client.post(
        f"/desk/promises/c/{complaint.reference}/add/", {"description": "Refund", "when": "Friday"}, **HTMX
    )
    promise = complaint.promises.get(kind=PromiseKind.CUSTOM)
    response = client.post(f"/desk/promises/{promise.pk}/keep/", **HTMX)
    assert response.status_code == 204
    promise.refresh_from_db()
    assert promise.state == PromiseState.KEPT_EARLY
    assert complaint.events.filter(kind=EventKind.PROMISE_SETTLED, data__promise=promise.pk).exists()


def test_releasing_a_promise_needs_a_reason(clock, client, agent, category):
    complaint = receive(category)
    client.force_login(agent)
    client.post(
        f"/desk/promises/c/{complaint.reference}/add/", {"description": "Refund", "when": "Friday"}, **HTMX
    )
    promise = complaint.promises.get(kind=PromiseKind.CUSTOM)
    assert client.post(f"/desk/promises/{promise.pk}/release/", {"reason": " "}, **HTMX).status_code == 422
    client.post(f"/desk/promises/{promise.pk}/release/", {"reason": "Customer paid by card"}, **HTMX)
    promise.refresh_from_db()
    assert (promise.state, promise.outcome_note) == (PromiseState.CANCELLED, "Customer paid by card")


def test_a_missed_callback_schedules_a_retry_and_tells_the_customer(
    clock, client, agent, category, django_capture_on_commit_callbacks
):
    complaint = receive(
        category,
        phone="+44 20 7946 0000",
        preferred_contact_method="phone",
        callback_at=london(2026, 11, 23, 15),
    )
    callback = complaint.promises.get(kind=PromiseKind.CALLBACK)
    clock.move_to(london(2026, 11, 23, 15, 2))
    client.force_login(agent)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/desk/promises/{callback.pk}/no-answer/", **HTMX)
    callback.refresh_from_db()
    assert (callback.state, callback.outcome_note) == (PromiseState.KEPT, "Called, no answer")
    retry = complaint.promises.get(kind=PromiseKind.CALLBACK, state=PromiseState.OPEN)
    assert (retry.due_at, retry.attempt) == (london(2026, 11, 24, 15), 2)
    [sent] = [m for m in mail.outbox if m.to == ["jo.bloggs@example.net"]]
    assert "We will try again on Tuesday 24 November at 15:00" in sent.body


def test_after_the_last_attempt_we_write_instead(clock, agent, category, settings):
    from amends.promises.keeping import callback_missed

    settings.AMENDS_CALLBACK_ATTEMPTS = 1
    complaint = receive(
        category,
        phone="+44 20 7946 0000",
        preferred_contact_method="phone",
        callback_at=london(2026, 11, 23, 15),
    )
    assert callback_missed(promise=complaint.promises.get(kind=PromiseKind.CALLBACK), by=agent) is None
    assert "we will write to you instead" in complaint.messages.latest("id").body


def test_a_reply_with_a_commitment_is_offered_as_a_promise(clock, client, agent, category):
    complaint = receive(category)
    complaint_reply(complaint=complaint, by=agent, body="I am sorry. We will refund the £40 by Friday.")
    client.force_login(agent)
    page = complaint_page_with_panels(client, complaint.reference)
    assert "Your last reply promised" in page
    assert "We will refund the £40 by Friday." in page
    client.post(
        f"/desk/promises/c/{complaint.reference}/add/",
        {"description": "We will refund the £40 by Friday.", "when": london(2026, 11, 27, 17).isoformat()},
        **HTMX,
    )
    assert "Your last reply promised" not in complaint_page_with_panels(client, complaint.reference)


def test_the_draft_is_read_for_commitments_as_it_is_typed(clock, client, agent, category):
    complaint = receive(category)
    client.force_login(agent)
    response = client.get(
        f"/desk/promises/c/{complaint.reference}/suggest/", {"body": "I'll call you back Tuesday at 15:00."}
    )
    assert "Your draft promises" in response.content.decode()
    assert "Tue 24 Nov, 15:00" in response.content.decode()


def test_a_regulated_final_response_missing_content_is_refused_in_the_panel(clock, client, agent, category):
    Policy.objects.create(name="Regulated", category=category, regime=Regime.FCA_DISP)
    complaint = receive(category)
    client.force_login(agent)
    response = client.post(
        f"/desk/promises/c/{complaint.reference}/respond/",
        {"response": "final", "response_body": "This is our final response."},
        **HTMX,
    )
    assert response.status_code == 422
    assert (
        "must say: the right to refer the complaint to the Financial Ombudsman Service"
        in response.content.decode()
    )
    assert (
        Promise.objects.get(complaint=complaint, kind=PromiseKind.FINAL_RESPONSE).state == PromiseState.OPEN
    )

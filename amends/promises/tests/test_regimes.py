from datetime import timedelta

import pytest
from django.core import mail

from amends.complaints.models import EventKind
from amends.complaints.services import complaint_reply
from amends.core.errors import InvalidInput
from amends.promises.models import Policy, PromiseKind, PromiseState, Regime
from amends.promises.regimes import ResponseIncomplete, ResponseKind

from .conftest import london, receive

pytestmark = pytest.mark.django_db

FINAL = (
    "This is our final response. We uphold your complaint and have refunded £40. If you are not happy "
    "with it, you may refer your complaint to the Financial Ombudsman Service within six months of this "
    "letter: financial-ombudsman.org.uk."
)


@pytest.fixture
def fca(category):
    Policy.objects.create(name="Regulated", category=category, regime=Regime.FCA_DISP, iso_10002=True)
    return category


@pytest.fixture
def payments(category):
    Policy.objects.create(name="Payments", category=category, regime=Regime.FCA_DISP_PAYMENTS)
    return category


def _clock(complaint, kind):
    return complaint.promises.get(kind=kind, state=PromiseState.OPEN)


def test_fca_summary_resolution_is_due_by_close_of_the_third_business_day(clock, fca):
    clock.move_to(london(2026, 12, 24, 11))  # Christmas Eve: Christmas and Boxing Day follow
    complaint = receive(fca)
    summary = _clock(complaint, PromiseKind.SUMMARY_RESOLUTION)
    assert summary.due_at == london(2026, 12, 31, 17)
    assert not summary.visible


def test_fca_final_response_is_due_eight_weeks_after_receipt(clock, fca):
    complaint = receive(fca)
    final = _clock(complaint, PromiseKind.FINAL_RESPONSE)
    assert final.due_at == london(2026, 11, 23, 10) + timedelta(weeks=8)
    assert final.visible
    assert final.target_at < final.due_at


def test_payment_services_final_response_is_due_in_fifteen_business_days(clock, payments):
    complaint = receive(payments)  # Monday 23 November, 10:00
    final = _clock(complaint, PromiseKind.FINAL_RESPONSE)
    # 15 business days after Monday 23 November, with the Christmas holidays not yet reached.
    assert final.due_at == london(2026, 12, 14, 17)


def test_a_holding_reply_in_exceptional_circumstances_moves_the_limit_to_35_business_days(
    clock, payments, agent
):
    complaint = receive(payments)
    complaint_reply(
        complaint=complaint,
        by=agent,
        body="We need more time because the card scheme has not yet answered us.",
        response=ResponseKind.HOLDING,
    )
    final = _clock(complaint, PromiseKind.FINAL_RESPONSE)
    # 35 business days from 23 November skip Christmas Day, Boxing Day (observed) and New Year's Day.
    assert final.due_at == london(2027, 1, 14, 17)
    assert "our final response by Thursday 14 January" in complaint.messages.latest("id").body


def test_a_final_response_missing_required_content_is_refused_naming_what_is_missing(clock, fca, agent):
    complaint = receive(fca)
    with pytest.raises(ResponseIncomplete) as caught:
        complaint_reply(
            complaint=complaint,
            by=agent,
            body="This is our final response: refund sent.",
            response=ResponseKind.FINAL,
        )
    assert caught.value.missing == [
        "the right to refer the complaint to the Financial Ombudsman Service",
        "the six-month time limit for referring it to the Ombudsman",
        "the Ombudsman's website (financial-ombudsman.org.uk)",
    ]
    assert "Financial Ombudsman Service" in caught.value.message
    assert not complaint.messages.filter(direction="outbound", author=agent).exists()


def test_a_complete_final_response_is_sent_and_keeps_the_final_response_promise(
    clock, fca, agent, django_capture_on_commit_callbacks
):
    complaint = receive(fca)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint_reply(complaint=complaint, by=agent, body=FINAL, response=ResponseKind.FINAL)
    final = complaint.promises.get(kind=PromiseKind.FINAL_RESPONSE)
    assert final.state == PromiseState.KEPT_EARLY
    assert "Financial Ombudsman Service" in mail.outbox[-1].body
    assert complaint.events.filter(kind=EventKind.MESSAGE_OUT, data__response="final").exists()


def test_a_summary_resolution_after_three_business_days_is_refused(clock, fca, agent):
    complaint = receive(fca)
    clock.move_to(london(2026, 11, 26, 17, 30))  # past close of business on Thursday
    from amends.promises.sweep import sweep_promises

    sweep_promises()
    with pytest.raises(InvalidInput, match="window for a summary resolution has passed"):
        complaint_reply(
            complaint=complaint,
            by=agent,
            body="We have resolved your complaint. You may refer it to the Financial Ombudsman Service: "
            "financial-ombudsman.org.uk.",
            response=ResponseKind.SUMMARY,
        )


def test_a_summary_resolution_in_time_releases_the_final_response(clock, fca, agent):
    complaint = receive(fca)
    complaint_reply(
        complaint=complaint,
        by=agent,
        body="We have resolved your complaint today. If you are unhappy you may refer it to the Financial "
        "Ombudsman Service: financial-ombudsman.org.uk.",
        response=ResponseKind.SUMMARY,
    )
    assert complaint.promises.get(kind=PromiseKind.SUMMARY_RESOLUTION).state == PromiseState.KEPT_EARLY
    assert complaint.promises.get(kind=PromiseKind.FINAL_RESPONSE).state == PromiseState.CANCELLED


def test_a_holding_reply_outside_payment_services_is_refused(clock, fca, agent):
    complaint = receive(fca)
    with pytest.raises(InvalidInput, match="payment-services"):
        complaint_reply(complaint=complaint, by=agent, body="Because.", response=ResponseKind.HOLDING)


def test_the_iso_10002_checklist_follows_the_timeline(clock, fca, agent, client):
    from amends.promises.panel import panel_context

    complaint = receive(fca)
    steps = panel_context(complaint, agent)["iso_steps"]
    assert [s.done for s in steps] == [True, False, False, False, False, False, False, False]
    complaint_reply(complaint=complaint, by=agent, body="Thank you, and sorry.")
    complaint.refresh_from_db()
    steps = panel_context(complaint, agent)["iso_steps"]
    assert steps[4].label == "Response to the customer"
    assert steps[4].done

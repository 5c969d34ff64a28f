"""Offering a choice and the customer's answer, through the signed link or on the phone."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone

from amends.complaints.models import EventKind, State
from amends.core.errors import Conflict, InvalidInput, PermissionDenied
from amends.portal.links import status_token
from amends.remedies.links import LinkExpired, offer_token
from amends.remedies.models import ApprovalRequest, ChoiceVia, Grant, Offer, OfferState, SoughtRemedy
from amends.remedies.services import OptionInput, offer_make, offer_respond, remedy_sought_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(agent, complaint, remedies, limits, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return offer_make(
            complaint=complaint,
            by=agent,
            options=[OptionInput(remedies["Partial refund"], "40"), OptionInput(remedies["Replacement"])],
            note="I am sorry the screen arrived cracked.",
        )


def _link(offer_email) -> str:
    match = re.search(r"http://[^\s]+/remedies/offer/[^\s]+/", offer_email.body)
    assert match, offer_email.body
    return match.group(0).removeprefix("http://127.0.0.1:8000")


def test_an_offer_is_emailed_with_a_link_and_the_complaint_waits_for_the_customer(offer, complaint):
    email = mail.outbox[-1]
    assert email.to == ["jo.bloggs@example.net"]
    assert email.subject.startswith(f"[{complaint.reference}]")
    assert "1. A refund of part of what you paid (£40.00)" in email.body
    assert "2. A replacement, delivered free (£120.00)" in email.body
    assert "I am sorry the screen arrived cracked." in email.body
    assert _link(email)
    complaint.refresh_from_db()
    assert complaint.state == State.AWAITING_CUSTOMER
    offered = complaint.events.get(kind=EventKind.REMEDY_OFFERED)
    assert "(£40.00) or A replacement" in offered.reason
    assert offer.message.direction == "outbound"  # threaded through the complaint's reply path


def test_an_offer_has_one_or_two_options(agent, complaint, remedies):
    with pytest.raises(InvalidInput, match="one or two"):
        offer_make(complaint=complaint, by=agent, options=[])
    three = [OptionInput(remedies[n]) for n in ("Partial refund", "Replacement", "Apology")]
    with pytest.raises(InvalidInput, match="one or two"):
        offer_make(complaint=complaint, by=agent, options=three)
    same = [OptionInput(remedies["Apology"]), OptionInput(remedies["Apology"])]
    with pytest.raises(InvalidInput, match="the same"):
        offer_make(complaint=complaint, by=agent, options=same)
    assert not Offer.objects.exists()


def test_an_offer_above_the_catalogues_cap_is_refused(agent, complaint, remedies):
    with pytest.raises(InvalidInput, match=r"at most £500\.00"):
        offer_make(complaint=complaint, by=agent, options=[OptionInput(remedies["Partial refund"], "900")])


def test_an_agent_of_another_team_cannot_make_an_offer(outsider, complaint, remedies):
    with pytest.raises(PermissionDenied):
        offer_make(complaint=complaint, by=outsider, options=[OptionInput(remedies["Apology"])])


def test_choosing_within_the_agents_authority_grants_at_once(client, offer, complaint, agent):
    url = _link(mail.outbox[-1])
    page = client.get(url)
    assert page.status_code == 200
    assert "A refund of part of what you paid (£40.00)" in page.content.decode()
    response = client.post(url, {"position": "1"}, follow=True)
    assert "Thank you: you chose" in response.content.decode()
    grant = Grant.objects.get()
    assert grant.amount == 40
    assert grant.authorised_by == agent
    assert grant.option.position == 1
    offer.refresh_from_db()
    assert offer.state == OfferState.CHOSEN
    assert offer.responded_via == ChoiceVia.PORTAL
    chosen = complaint.events.get(kind=EventKind.REMEDY_CHOSEN)
    assert chosen.actor is None
    assert chosen.actor_label == "Customer"
    assert "they asked for: Replacement" in chosen.reason  # read from "A replacement screen this week."
    complaint.refresh_from_db()
    assert complaint.state == State.IN_PROGRESS


def test_choosing_above_the_agents_authority_asks_for_approval(
    client, offer, complaint, supervisor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link_from(offer), {"position": "2"})
    request = ApprovalRequest.objects.get()
    assert request.amount == 120
    assert request.option.position == 2
    assert not Grant.objects.exists()
    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    assert "/remedies/approvals/link/" in mail.outbox[0].body
    page = client.get(_link_from(offer)).content.decode()
    assert "We are arranging it now" in page


def _link_from(offer: Offer) -> str:
    return f"/remedies/offer/{offer_token(offer)}/"


def test_a_link_is_used_once(client, offer):
    url = _link_from(offer)
    client.post(url, {"position": "1"})
    again = client.post(url, {"position": "2"})
    assert again.status_code == 409
    assert "already made" in again.content.decode()
    assert Grant.objects.count() == 1


def test_a_changed_link_is_refused_and_grants_nothing(client, offer):
    token = offer_token(offer)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(f"/remedies/offer/{forged}/", {"position": "1"})
    assert response.status_code == 404
    assert "cut short or changed" in response.content.decode()
    assert not Grant.objects.exists()


def test_a_link_for_another_offer_number_is_refused(client, offer):
    forged = signing.dumps({"o": offer.pk, "n": "guessed"}, salt="amends.remedies.offer", compress=True)
    assert client.get(f"/remedies/offer/{forged}/").status_code == 404


def test_a_status_link_cannot_be_used_to_choose(client, offer):
    response = client.post(f"/remedies/offer/{status_token(offer.complaint)}/", {"position": "1"})
    assert response.status_code == 404
    assert not Grant.objects.exists()


def test_an_old_link_has_expired(client, offer, settings):
    old = time.time() - (settings.AMENDS_OFFER_DAYS * 86400 + 60)
    with mock.patch.object(signing.time, "time", return_value=old):
        token = offer_token(offer)
    response = client.post(f"/remedies/offer/{token}/", {"position": "1"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Grant.objects.exists()


def test_an_offer_past_its_time_is_closed_whatever_the_link(client, offer):
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(_link_from(offer), {"position": "1"})
    assert response.status_code == 410
    assert "closed" in response.content.decode()
    assert not Grant.objects.exists()
    with pytest.raises(LinkExpired):
        offer_respond(offer=offer, position=1)


def test_a_newer_offer_replaces_the_older_link(client, offer, agent, complaint, remedies):
    offer_make(complaint=complaint, by=agent, options=[OptionInput(remedies["Apology"])], by_phone=True)
    response = client.post(_link_from(offer), {"position": "1"})
    assert response.status_code == 409
    assert "replaced by a newer one" in response.content.decode()


def test_the_customer_can_say_what_they_want_instead_in_their_own_words(client, offer, complaint):
    words = "<script>alert(1)</script> Neither: refund the £15 delivery fee and say sorry."
    client.post(_link_from(offer), {"counter": words})
    offer.refresh_from_db()
    assert offer.state == OfferState.COUNTERED
    event = complaint.events.get(kind=EventKind.REMEDY_COUNTERED)
    assert event.reason == words
    sought = SoughtRemedy.objects.get()
    assert (sought.kind, sought.amount, sought.currency, sought.source) == ("refund", 15, "GBP", "customer")
    page = client.get(_link_from(offer)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert not Grant.objects.exists()


def test_an_answer_needs_a_choice_or_words(offer):
    with pytest.raises(InvalidInput):
        offer_respond(offer=offer)
    with pytest.raises(InvalidInput):
        offer_respond(offer=offer, position=1, counter="both")
    with pytest.raises(InvalidInput, match="not part of this offer"):
        offer_respond(offer=offer, position=3)


def test_an_agent_records_a_choice_made_on_the_phone(offer, second_agent, complaint):
    response = offer_respond(offer=offer, position=1, via=ChoiceVia.PHONE, by=second_agent)
    assert response.outcome.grant.authorised_by == second_agent
    event = complaint.events.get(kind=EventKind.REMEDY_CHOSEN)
    assert event.actor == second_agent
    with pytest.raises(Conflict):
        offer_respond(offer=offer, position=2, via=ChoiceVia.PHONE, by=second_agent)


def test_an_agent_of_another_team_cannot_record_a_choice(offer, outsider):
    with pytest.raises(PermissionDenied):
        offer_respond(offer=offer, position=1, via=ChoiceVia.PHONE, by=outsider)
    assert Offer.objects.get().state == OfferState.OPEN


def test_the_remedy_sought_is_recorded_and_the_choice_compared_with_it(agent, complaint, remedies, limits):
    remedy_sought_record(complaint=complaint, by=agent, kind="partial_refund", amount="45", note="Half back")
    made = offer_make(
        complaint=complaint, by=agent, options=[OptionInput(remedies["Partial refund"], "40")], by_phone=True
    )
    offer_respond(offer=made, position=1, via=ChoiceVia.PHONE, by=agent)
    chosen = complaint.events.get(kind=EventKind.REMEDY_CHOSEN)
    assert chosen.data["compared"] == "less"
    assert "£5.00 less" in chosen.reason
    assert complaint.events.filter(kind=EventKind.REMEDY_SOUGHT).count() == 1


def test_recording_the_remedy_sought_refuses_bad_input(agent, outsider, complaint):
    with pytest.raises(InvalidInput):
        remedy_sought_record(complaint=complaint, by=agent, kind="pony")
    with pytest.raises(InvalidInput, match="negative"):
        remedy_sought_record(complaint=complaint, by=agent, kind="refund", amount="-3")
    with pytest.raises(PermissionDenied):
        remedy_sought_record(complaint=complaint, by=outsider, kind="refund")


def test_the_status_page_links_to_the_open_offer(client, offer, complaint):
    page = client.get(f"/track/{status_token(complaint)}/").content.decode()
    assert "Choose what would put it right" in page
    assert "/remedies/offer/" in page
    offer_respond(offer=offer, position=1)
    page = client.get(f"/track/{status_token(complaint)}/").content.decode()
    assert "Choose what would put it right" not in page


def test_opening_the_link_changes_nothing(client, offer):
    client.get(_link_from(offer))
    client.get(_link_from(offer))
    offer.refresh_from_db()
    assert offer.state == OfferState.OPEN
    assert offer.responded_at is None

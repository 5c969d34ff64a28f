"""The remedies panel on the desk and its endpoints, including every refusal."""

import pytest
from django.core import mail
from django.db import reset_queries
from django.test import Client

from amends.complaints.models import State
from amends.remedies.models import ApprovalRequest, Grant, Offer, SoughtRemedy
from amends.remedies.services import OptionInput, offer_make
from tests.factories import complaint_page_with_panels

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "remedies-panel"}


def _url(complaint, action: str) -> str:
    return f"/remedies/c/{complaint.reference}/{action}/"


def test_the_complaint_page_shows_the_remedies_panel(client, agent, complaint, remedies, limits):
    client.force_login(agent)
    page = complaint_page_with_panels(client, complaint.reference)
    assert 'id="remedies-panel"' in page
    assert "Replacement" in page
    assert "(read from their words: confirm it)" in page
    assert "Offer the choice" in page
    assert "£50.00 per remedy" in page  # the agent's own authority
    assert "Handwritten note" in page  # a gesture suggested


def test_an_agent_offers_two_remedies_from_the_panel(
    client, agent, complaint, remedies, limits, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    form = {
        "remedy_1": remedies["Partial refund"].pk,
        "amount_1": "40",
        "remedy_2": remedies["Replacement"].pk,
        "amount_2": "",
        "note": "Sorry, Jo.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(complaint, "offer"), form, **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/desk/c/{complaint.reference}/"
    offer = Offer.objects.get()
    assert [o.amount for o in offer.options.all()] == [40, 120]
    assert "/remedies/offer/" in mail.outbox[-1].body
    page = complaint_page_with_panels(client, complaint.reference)
    assert "Offer sent to the customer" in page
    assert "Waiting for their choice" in page


def test_a_refused_offer_shows_the_reason_in_the_panel(client, agent, complaint, remedies, limits):
    client.force_login(agent)
    form = {"remedy_1": remedies["Partial refund"].pk, "amount_1": "-5"}
    response = client.post(_url(complaint, "offer"), form, **HTMX)
    assert response.status_code == 422
    page = response.content.decode()
    assert page.lstrip().startswith('<section class="card remedies" id="remedies-panel"')
    assert "cannot be negative" in page
    assert not Offer.objects.exists()


def test_a_refusal_without_htmx_is_an_error_page_not_a_500(client, agent, complaint, remedies):
    client.force_login(agent)
    response = client.post(
        _url(complaint, "offer"), {"remedy_1": remedies["Partial refund"].pk, "amount_1": "x"}
    )
    assert response.status_code == 422
    assert "is not an amount" in response.content.decode()


def test_recording_what_they_asked_for_and_asking_them(
    client, agent, complaint, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    client.post(
        _url(complaint, "sought"), {"kind": "refund", "amount": "25", "currency": "", "note": ""}, **HTMX
    )
    assert SoughtRemedy.objects.get().amount == 25
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(complaint, "ask"), {"body": "What would put it right for you?"}, **HTMX)
    assert "What would put it right for you?" in mail.outbox[0].body


def test_the_ask_phrase_is_offered_ready_to_send(client, agent, complaint):
    client.force_login(agent)
    page = complaint_page_with_panels(client, complaint.reference)
    assert "what would put this right for you?" in page


def test_granting_from_the_panel_twice_with_the_same_form_grants_once(
    client, agent, complaint, remedies, limits
):
    client.force_login(agent)
    form = {"remedy": remedies["Partial refund"].pk, "amount": "20", "wording": "", "key": "once"}
    client.post(_url(complaint, "grant"), form, **HTMX)
    client.post(_url(complaint, "grant"), form, **HTMX)
    assert Grant.objects.count() == 1


def test_a_choice_made_on_the_phone_is_recorded_from_the_panel(client, agent, complaint, remedies, limits):
    offer = offer_make(
        complaint=complaint, by=agent, options=[OptionInput(remedies["Partial refund"], "30")], by_phone=True
    )
    client.force_login(agent)
    client.post(_url(complaint, "choice"), {"offer": offer.pk, "position": "1", "counter": ""}, **HTMX)
    assert Grant.objects.get().amount == 30


def test_resolving_with_the_granted_remedy(client, agent, complaint, remedies, limits):
    client.force_login(agent)
    client.post(
        _url(complaint, "grant"),
        {"remedy": remedies["Partial refund"].pk, "amount": "20", "key": "k"},
        **HTMX,
    )
    client.post(_url(complaint, "resolve"), {"agreed_outcome": "A £20 refund"}, **HTMX)
    complaint.refresh_from_db()
    assert complaint.state == State.RESOLVED
    assert complaint.agreed_outcome == "A £20 refund"


@pytest.mark.parametrize("action", ["sought", "ask", "offer", "choice", "grant", "resolve"])
def test_an_agent_of_another_team_is_refused_every_action(
    client, outsider, complaint, remedies, limits, action
):
    client.force_login(outsider)
    form = {
        "kind": "refund",
        "body": "hello",
        "remedy_1": remedies["Apology"].pk,
        "remedy": remedies["Apology"].pk,
        "key": "k",
        "offer": 1,
        "position": "1",
        "agreed_outcome": "x",
    }
    response = client.post(_url(complaint, action), form, **HTMX)
    assert response.status_code == 404
    assert not (Offer.objects.exists())
    assert not (Grant.objects.exists())
    assert not (SoughtRemedy.objects.exists())
    complaint.refresh_from_db()
    assert complaint.state != State.RESOLVED


@pytest.mark.parametrize("action", ["sought", "ask", "offer", "grant", "resolve"])
def test_a_spokesperson_is_refused_every_action(client, spokesperson, complaint, remedies, limits, action):
    client.force_login(spokesperson)
    form = {
        "kind": "refund",
        "body": "hello",
        "remedy_1": remedies["Apology"].pk,
        "remedy": remedies["Apology"].pk,
        "key": "k",
        "agreed_outcome": "x",
    }
    response = client.post(_url(complaint, action), form, **HTMX)
    assert response.status_code == 403
    assert not (Offer.objects.exists())
    assert not (Grant.objects.exists())
    assert not (SoughtRemedy.objects.exists())


def test_signed_out_visitors_are_sent_to_sign_in(client, complaint):
    for path in (
        _url(complaint, "offer"),
        "/remedies/approvals/",
        "/remedies/ledger/",
        "/remedies/fairness/",
    ):
        response = client.post(path) if "/c/" in path else client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_ledger_and_fairness_pages(client, admin_user, complaint, remedies):
    from amends.remedies.services import remedy_grant

    remedy_grant(by=admin_user, complaint=complaint, remedy=remedies["Partial refund"], amount="12", key="l")
    client.force_login(admin_user)
    ledger = client.get("/remedies/ledger/?days=30").content.decode()
    assert complaint.reference in ledger
    assert "£12.00" in ledger
    assert client.get("/remedies/ledger/?days=abc").status_code == 422
    assert client.get("/remedies/ledger/?kind=pony").status_code == 422
    fairness = client.get("/remedies/fairness/").content.decode()
    assert "Delivery" in fairness
    assert "£12.00" in fairness


def test_the_panel_shows_a_pending_approval(client, agent, supervisor, complaint, remedies, limits):
    client.force_login(agent)
    client.post(
        _url(complaint, "grant"), {"remedy": remedies["Replacement"].pk, "amount": "", "key": "r"}, **HTMX
    )
    assert ApprovalRequest.objects.count() == 1
    page = complaint_page_with_panels(client, complaint.reference)
    assert "Sent to a supervisor for approval" in page
    assert "with a supervisor" in page


def test_the_panel_costs_a_supervisor_the_same_queries_whatever_the_pending_approvals(
    client, agent, supervisor, complaint, remedies, limits, django_assert_max_num_queries
):
    asker = Client()
    asker.force_login(agent)
    client.force_login(supervisor)

    def grant(key: str) -> None:
        asker.post(
            _url(complaint, "grant"), {"remedy": remedies["Replacement"].pk, "amount": "", "key": key}, **HTMX
        )

    def panel() -> str:
        page: str = client.get(f"/desk/c/{complaint.reference}/panel/remedies/").content.decode()
        return page

    grant("one")
    panel()  # what the first look remembers
    reset_queries()  # the log is capped; counting works on what it holds
    with django_assert_max_num_queries(100) as one:
        assert panel().count(">Decide</a>") == 1
    queries = len(one.captured_queries)
    for key in ("two", "three", "four"):
        grant(key)
    assert ApprovalRequest.objects.filter(complaint=complaint).count() == 4
    reset_queries()
    with django_assert_max_num_queries(queries):
        assert panel().count(">Decide</a>") == 4

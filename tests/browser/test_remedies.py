"""Remedies in a real browser: an agent offers two, the customer chooses in the portal, a supervisor
approves what is above the agent's authority, and the agent resolves the complaint."""

import re
from decimal import Decimal

import pytest
from django.core import mail

from amends.accounts.models import Role
from amends.complaints.models import Complaint, State
from amends.remedies.models import ApprovalRequest, ApprovalState, AuthorityLimit, Grant, Remedy, RemedyKind
from tests.factories import PASSWORD, CategoryFactory, TeamFactory, UserFactory, make_complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "intake"],
        }
    }


@pytest.fixture(autouse=True)
def _own_catalogue(transactional_db):
    # Each test sets up its own catalogue and limits, not the migration's starter rows.
    Remedy.objects.all().delete()
    AuthorityLimit.objects.all().delete()


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Inbox").wait_for()


def test_offer_choice_approval_and_resolution(live_server, browser, page, screenshot):
    team = TeamFactory(name="Orders", slug="orders")
    category = CategoryFactory(name="Damaged goods", slug="damaged", team=team)
    UserFactory(username="alex", first_name="Alex", last_name="Agent", role=Role.AGENT, teams=[team])
    sam = UserFactory(
        username="sam", first_name="Sam", last_name="Supervisor", role=Role.SUPERVISOR, teams=[team]
    )
    AuthorityLimit.objects.create(role=Role.AGENT, currency="GBP", per_remedy=Decimal("50"))
    AuthorityLimit.objects.create(role=Role.SUPERVISOR, currency="GBP", per_remedy=Decimal("500"))
    Remedy.objects.create(
        name="Partial refund",
        kind=RemedyKind.PARTIAL_REFUND,
        wording="A refund of part of what you paid",
        default_amount=Decimal("30"),
        max_amount=Decimal("200"),
        fulfilment_steps="Refund in the payment system\nEmail the receipt",
        fulfil_within_days=3,
    )
    Remedy.objects.create(
        name="Replacement",
        kind=RemedyKind.REPLACEMENT,
        wording="A new screen, delivered free",
        default_amount=Decimal("120"),
        fulfilment_steps="Order the screen from stock\nBook the courier for a morning slot",
        fulfil_within_days=5,
    )
    complaint = make_complaint(category=category, outcome_sought="A replacement screen this week.")
    base = live_server.url

    # The agent offers two remedies.
    _sign_in(page, base, "alex")
    page.goto(f"{base}/desk/c/{complaint.reference}/")
    panel = page.locator("#remedies-panel")
    panel.get_by_text("Replacement (read from their words: confirm it)").wait_for()
    panel.get_by_label("First option").select_option(label="Partial refund (£30.00)")
    panel.get_by_label("Amount 1").fill("40")
    panel.get_by_label("Second option").select_option(label="Replacement (£120.00)")
    panel.get_by_label("Your words above the options").fill("I am sorry your screen arrived cracked, Jo.")
    screenshot("remedies-01-agent-offers")
    screenshot_element(panel, "remedies-01b-panel-offer-form")
    panel.get_by_role("button", name="Offer the choice").click()
    page.get_by_text("Offer sent to the customer").wait_for()
    assert page.get_by_test_id("state").inner_text() == "Awaiting customer"
    screenshot("remedies-02-offer-sent")

    # The customer chooses in the portal, from the link in the email.
    offer_email = mail.outbox[-1]
    link = re.search(r"https?://\S+/remedies/offer/\S+/", offer_email.body).group(0)
    customer = browser.new_context(viewport={"width": 900, "height": 900}, locale="en-GB").new_page()
    customer.goto(base + link[link.index("/remedies/") :])
    customer.get_by_role("heading", name="What would put it right for you?").wait_for()
    screenshot_page(customer, "remedies-03-customer-chooses")
    customer.get_by_label("A new screen, delivered free (£120.00)").check()
    customer.get_by_role("button", name="Choose this").click()
    customer.get_by_role("heading", name="Thank you: you chose").wait_for()
    assert "We are arranging it now" in customer.content()
    screenshot_page(customer, "remedies-04-customer-chose")
    request = ApprovalRequest.objects.get()
    assert request.state == ApprovalState.PENDING
    assert request.amount == 120
    assert [m.to for m in mail.outbox[-1:]] == [[sam.email]]

    # The supervisor approves it in one click.
    supervisor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    _sign_in(supervisor, base, "sam")
    supervisor.goto(f"{base}/remedies/approvals/")
    supervisor.get_by_role("heading", name="Waiting for you").wait_for()
    screenshot_page(supervisor, "remedies-05-approval-waiting")
    supervisor.get_by_role("button", name="Approve").click()
    supervisor.get_by_text("Approved and granted").wait_for()
    screenshot_page(supervisor, "remedies-06-approved")
    grant = Grant.objects.get()
    assert grant.authorised_by == sam
    assert grant.amount == 120
    assert grant.promise is not None

    # The agent sees the grant and resolves with it.
    page.goto(f"{base}/desk/c/{complaint.reference}/")
    page.get_by_test_id("grants").get_by_text("Book the courier for a morning slot").wait_for()
    screenshot_element(page.locator("#remedies-panel"), "remedies-06b-panel-granted")
    page.locator("#remedies-panel").get_by_role("button", name="Resolve with this outcome").click()
    page.get_by_text("Resolved with the agreed remedy").wait_for()
    assert page.get_by_test_id("state").inner_text() == "Resolved"
    screenshot("remedies-07-resolved")
    screenshot_element(page.locator("#remedies-panel"), "remedies-07b-panel-resolved")
    complaint.refresh_from_db()
    assert complaint.state == State.RESOLVED
    assert complaint.agreed_outcome == "A new screen, delivered free (£120.00)"
    assert Complaint.objects.get(pk=complaint.pk).events.filter(kind="remedy_chosen").exists()

    # The customer's link now says what was chosen and when it will happen; it cannot be used again.
    customer.goto(base + link[link.index("/remedies/") :])
    assert "We will do this by" in customer.content()
    assert customer.get_by_role("button", name="Choose this").count() == 0
    screenshot_page(customer, "remedies-08-customer-after")


def screenshot_element(locator, name: str) -> None:
    import os
    from pathlib import Path

    folder = os.environ.get("AMENDS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        locator.screenshot(path=str(Path(folder) / f"{name}.png"))


def screenshot_page(page, name: str) -> None:
    import os
    from pathlib import Path

    folder = os.environ.get("AMENDS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_ledger_fairness_links_and_admin_pages(live_server, browser, page, screenshot):
    from amends.portal.links import status_url
    from amends.remedies.links import approval_url, offer_url
    from amends.remedies.services import OptionInput, offer_make, remedy_grant

    team = TeamFactory(name="Orders", slug="orders")
    category = CategoryFactory(name="Damaged goods", slug="damaged", team=team)
    alex = UserFactory(username="alex", first_name="Alex", role=Role.AGENT, teams=[team])
    sam = UserFactory(username="sam", first_name="Sam", role=Role.SUPERVISOR, teams=[team])
    UserFactory(username="ada", first_name="Ada", role=Role.ADMIN, is_staff=True, is_superuser=True)
    AuthorityLimit.objects.create(role=Role.AGENT, currency="GBP", per_remedy=Decimal("50"))
    refund = Remedy.objects.create(
        name="Partial refund", kind=RemedyKind.PARTIAL_REFUND, wording="A refund of part of what you paid",
        default_amount=Decimal("30"), fulfil_within_days=3,
    )  # fmt: skip
    for i, amount in enumerate(["10", "25", "30", "45", "50"]):
        other = make_complaint(
            category=category, email=f"p{i}@example.net", story=f"Parcel {i} arrived crushed"
        )
        remedy_grant(by=alex, complaint=other, remedy=refund, amount=amount, key=f"seed{i}")
    complaint = make_complaint(category=category, story="The <b>lamp</b> arrived in pieces")
    request = remedy_grant(by=alex, complaint=complaint, remedy=refund, amount="75", key="big").approval
    offer = offer_make(complaint=complaint, by=alex, options=[OptionInput(refund, "20")])
    base = live_server.url

    page.goto(status_url(complaint).replace("http://127.0.0.1:8000", base))
    page.get_by_test_id("offer-link").wait_for()
    screenshot("remedies-10-status-with-offer")
    page.goto(offer_url(offer).replace("http://127.0.0.1:8000", base))
    page.get_by_text("Neither is right for me").click()
    page.get_by_label("Tell us, in your own words").fill("<i>Neither</i>: a £60 refund, please.")
    page.get_by_role("button", name="Send").click()
    page.get_by_role("heading", name="Thank you for telling us").wait_for()
    assert "<i>Neither</i>" in page.locator(".story").inner_text()  # shown as typed
    screenshot("remedies-11-counter-proposal")
    page.goto(f"{base}/remedies/offer/not-a-real-link/")
    page.get_by_test_id("link-error").wait_for()
    screenshot("remedies-12-link-refused")

    page.goto(approval_url(request, sam.pk).replace("http://127.0.0.1:8000", base))
    page.get_by_role("button", name="Approve").wait_for()
    screenshot("remedies-13-approval-link")
    page.get_by_label("Reason for declining").fill("Offer the repair first.")
    page.get_by_role("button", name="Decline").click()
    page.get_by_test_id("decision").wait_for()
    screenshot("remedies-14-approval-link-declined")

    _sign_in(page, base, "ada")
    page.goto(f"{base}/remedies/ledger/")
    page.get_by_role("heading", name="Redress ledger").wait_for()
    assert page.locator("table.queue tbody tr").count() == 5
    screenshot("remedies-15-ledger")
    page.goto(f"{base}/remedies/fairness/")
    page.get_by_role("heading", name="Like cases, like remedies").wait_for()
    assert "£30.00" in page.locator("table.queue").inner_text()  # the median of 10, 25, 30, 45, 50
    screenshot("remedies-16-fairness")
    page.goto(f"{base}/desk/c/{complaint.reference}/")
    page.get_by_test_id("like-cases").wait_for()
    screenshot_element(page.locator("#remedies-panel"), "remedies-17-panel-countered")
    page.goto(f"{base}/admin/remedies/remedy/{refund.pk}/change/")
    page.get_by_role("heading", name="Fulfilment").wait_for()
    screenshot("remedies-18-admin-remedy")
    page.goto(f"{base}/admin/remedies/authoritylimit/add/")
    screenshot("remedies-19-admin-limit")

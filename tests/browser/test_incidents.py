"""Incidents in a real browser: a supervisor opens an incident, links 50 complaints from a search,
sends one update to all of them, drafts a public notice; a spokesperson approves it and it appears
on the public notices page."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

from amends.accounts.models import Role
from amends.complaints.models import Direction, Message
from amends.incidents.models import Incident, IncidentDelivery, IncidentLink, IncidentUpdate, LinkState
from tests.factories import PASSWORD, CategoryFactory, TeamFactory, UserFactory, make_complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINKED = 50


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "intake"],
        }
    }


def _top(page, name: str) -> None:
    """The first screenful only, for pages whose full length is mostly a long table."""
    folder = os.environ.get("AMENDS_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Inbox").wait_for()


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def _desk(team):
    category = CategoryFactory(name="Payments", slug="payments", team=team)
    UserFactory(username="sam", first_name="Sam", last_name="Rivera", role=Role.SUPERVISOR, teams=[team])
    UserFactory(username="pat", first_name="Pat", last_name="Lindqvist", role=Role.SPOKESPERSON, teams=[team])
    made = []
    for i in range(LINKED):
        extra = " I will be posting about this on Twitter." if i == 0 else ""
        made.append(
            make_complaint(
                category=category,
                name=f"Customer {i:02d}",
                email=f"customer{i}@example.net",
                story=f"My card payment was declined at checkout on Tuesday, attempt {i}.{extra}",
            )
        )
    make_complaint(category=category, email="other@example.net", story="The parcel came a week late.")
    return made


def test_link_fifty_send_one_update_and_publish_an_approved_notice(live_server, page, screenshot):
    team = TeamFactory(name="Payments team", slug="payments-team")
    complaints = _desk(team)
    base = live_server.url

    # The supervisor opens an incident.
    _sign_in(page, base, "sam")
    page.get_by_role("link", name="Incidents", exact=True).first.click()
    page.locator("summary", has_text="Open an incident").click()
    page.get_by_label("Title (customers see it in emails)").fill("Card payments declined on Tuesday")
    page.get_by_label("What happened, as far as we know").fill(
        "A bank change declined card payments 09:00-11:00."
    )
    page.get_by_label("How we describe it to customers").fill(
        "Some card payments were wrongly declined on Tuesday."
    )
    page.get_by_label("Severity").select_option("high")
    screenshot("incidents-01-list-open-form")
    page.get_by_role("button", name="Open the incident").click()
    page.get_by_text("Incident opened").wait_for()
    incident = Incident.objects.get()

    # Links 50 complaints from a search.
    page.get_by_label("Search complaints").fill("card declined")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_test_id("preview-count").inner_text().startswith(f"{LINKED} complaints match")
    screenshot("incidents-02-link-preview")
    page.get_by_role("button", name=f"Link all {LINKED} to this incident").click()
    page.get_by_text(f"Linked {LINKED} more complaints").wait_for()
    assert page.get_by_test_id("linked-total").inner_text() == f"({LINKED})"
    assert IncidentLink.objects.filter(incident=incident, state=LinkState.LINKED).count() == LINKED

    # One update to all 50.
    mail.outbox.clear()
    page.get_by_label("The update, for everyone linked").fill(
        "We found the cause: a change at our bank. Every declined payment can be tried again now."
    )
    page.get_by_label("The incident is now").select_option("monitoring")
    page.get_by_role("button", name="Send to everyone linked").click()
    page.get_by_text("Update queued for every linked customer").wait_for()
    expect_sent = page.get_by_test_id("sent-count").first
    expect_sent.wait_for()
    assert expect_sent.inner_text() == str(LINKED)
    screenshot("incidents-03-incident-page-after-update")
    _top(page, "incidents-03b-incident-page-top")
    update = IncidentUpdate.objects.get()
    assert (update.sent, update.total) == (LINKED, LINKED)
    updates = [m for m in mail.outbox if "an update" in m.subject]
    assert sorted(m.to[0] for m in updates) == sorted(f"customer{i}@example.net" for i in range(LINKED))
    assert IncidentDelivery.objects.filter(update=update).values("complaint").distinct().count() == LINKED
    first = complaints[0]
    assert (
        Message.objects.filter(
            complaint=first, direction=Direction.OUTBOUND, subject__contains="an update"
        ).count()
        == 1
    )

    # The complaint page shows the incident.
    page.goto(f"{base}/desk/c/{first.reference}/")
    page.get_by_test_id("linked-incident").wait_for()
    screenshot("incidents-04-complaint-panel")

    # The supervisor drafts the public notice; it is not public yet.
    page.goto(f"{base}/desk/incidents/{incident.pk}/notice/")
    page.get_by_label("Headline").fill("Card payments were declined on Tuesday morning")
    page.get_by_label("What happened").fill(
        "Between 09:00 and 11:00 on Tuesday some card payments were declined."
    )
    page.get_by_label("Our apology").fill(
        "We are sorry. You should have been able to pay, and you could not."
    )
    page.get_by_label("What we are doing").fill(
        "The bank change is undone; we are refunding any double charge."
    )
    page.get_by_role("button", name="Save the draft for approval").click()
    page.get_by_text("Nothing is public until a spokesperson approves").first.wait_for()
    assert page.get_by_role("button", name="Approve this exact text").count() == 0
    page.goto(f"{base}/notices/")
    assert "Card payments were declined on Tuesday morning" not in page.content()
    page.goto(f"{base}/desk/")
    _sign_out(page)

    # The spokesperson sees the queue, then approves the exact text.
    _sign_in(page, base, "pat")
    page.goto(f"{base}/desk/incidents/spokesperson/")
    page.get_by_test_id("queue-complaints").get_by_text(first.reference).wait_for()
    screenshot("incidents-05-spokesperson-queue")
    page.get_by_test_id("queue-incidents").get_by_role("link", name=re.compile("Draft waiting")).click()
    page.get_by_role("button", name="Approve this exact text").wait_for()
    screenshot("incidents-06-notice-approval")
    page.get_by_role("button", name="Approve this exact text").click()
    page.get_by_text("it is now the public notice").wait_for()
    page.get_by_test_id("public-link").click()

    page.get_by_test_id("public-notice").wait_for()
    assert (
        "We are sorry. You should have been able to pay" in page.get_by_test_id("public-notice").inner_text()
    )
    screenshot("incidents-07-public-notice")
    page.goto(f"{base}/notices/")
    assert page.get_by_test_id("current-notice").get_by_role("link").inner_text() == (
        "Card payments were declined on Tuesday morning"
    )
    screenshot("incidents-08-public-notices-page")

    # Holding statements: the spokesperson drafts one and approves it word for word.
    page.goto(f"{base}/desk/incidents/statements/")
    page.get_by_label("Title").fill("Press enquiry about payments")
    page.get_by_label("For").select_option("press")
    page.get_by_label("The statement").fill(
        "We know some card payments failed on Tuesday; we are sorry and fixing it."
    )
    page.get_by_role("button", name="Save for approval").click()
    page.get_by_role("button", name="Approve this exact text").click()
    page.get_by_text("it will be suggested from now on").wait_for()
    screenshot("incidents-09-holding-statements")

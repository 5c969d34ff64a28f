"""A complaint's journey in a real browser: the customer writes in, an agent replies from the desk."""

import re

import pytest
from django.core import mail

from amends.accounts.models import Role
from amends.complaints.models import Complaint, State
from tests.factories import PASSWORD, CategoryFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "intake"],
        }
    }


def test_customer_complains_on_the_form_and_an_agent_replies_from_the_desk(live_server, page, screenshot):
    team = TeamFactory(name="Orders", slug="orders")
    CategoryFactory(name="Late delivery", slug="late-delivery", team=team)
    UserFactory(username="alex", first_name="Alex", role=Role.AGENT, teams=[team])

    page.goto(f"{live_server.url}/complain/")
    screenshot("01-complaint-form")
    page.get_by_label("What happened?").fill(
        "My sofa was due on Saturday. I took the day off work and nobody came or called. <b>Twice</b>."
    )
    page.get_by_label("What would put it right for you?").fill(
        "Deliver it this week and refund the delivery fee."
    )
    page.get_by_label("What is it about?").select_option(label="Late delivery")
    page.get_by_label("Your name").fill("Morgan Ellis")
    page.get_by_label("Email address").fill("morgan@example.net")
    page.get_by_label("When is a good time?").fill("Weekday mornings")
    page.get_by_role("button", name="Send my complaint").click()

    page.get_by_text("Thank you. We have your complaint.").wait_for()
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"C-\d{4}-\d{6}", reference)
    assert "will reply to you by" in page.content()
    screenshot("02-received")
    complaint = Complaint.objects.get(reference=reference)
    assert complaint.state == State.ACKNOWLEDGED
    assert [m.to for m in mail.outbox] == [["morgan@example.net"]]

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alex")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Inbox").wait_for()
    screenshot("03-inbox")
    page.get_by_role("link", name=re.compile("My sofa was due on Saturday")).click()

    page.get_by_role("heading", name=re.compile("What Morgan Ellis told us")).wait_for()
    assert "<b>Twice</b>" in page.locator(".story").inner_text()  # shown as typed, never as HTML
    # The side panels arrive after the story and the timeline.
    page.wait_for_function("() => document.querySelectorAll('.lazy-panel').length === 0")
    for heading in ("Triage", "Promises", "Putting it right"):
        page.get_by_role("heading", name=heading, exact=True).first.wait_for()
    screenshot("04-complaint")
    page.get_by_label("Your message").fill(
        "Thank you for telling us, Morgan, and I am sorry: we let you down on Saturday. "
        "Your sofa will be delivered on Thursday between 8am and noon, and I have refunded the delivery fee."
    )
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Reply sent to the customer.").wait_for()
    page.wait_for_function("() => document.querySelectorAll('.lazy-panel').length === 0")
    screenshot("05-replied")

    assert page.get_by_test_id("state").inner_text() == "In progress"
    assert "Your sofa will be delivered on Thursday" in page.locator(".timeline").inner_text()
    complaint.refresh_from_db()
    assert complaint.state == State.IN_PROGRESS
    assert complaint.first_response_at is not None
    assert mail.outbox[-1].subject.startswith(f"[{reference}]")
    assert "Your sofa will be delivered on Thursday" in mail.outbox[-1].body


def test_inbox_filters_by_keyword_in_place(live_server, page):
    team = TeamFactory(name="Orders", slug="orders")
    category = CategoryFactory(name="Damaged", slug="damaged", team=team)
    UserFactory(username="alex", role=Role.AGENT, teams=[team])
    from tests.factories import make_complaint

    make_complaint(category=category, story="The lamp arrived in pieces")
    make_complaint(category=category, email="b@example.net", story="The rug smells of smoke")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alex")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Inbox").wait_for()
    page.get_by_label("Search").fill("lamp")
    page.get_by_label("Search").press("Enter")
    page.wait_for_function("() => !document.querySelector('#results').innerText.includes('rug')")
    results = page.locator("#results").inner_text()
    assert "lamp arrived in pieces" in results
    assert "rug" not in results
    assert "q=lamp" in page.url


def test_a_customer_over_the_throttle_gets_their_form_back_as_typed(live_server, page, settings, screenshot):
    settings.AMENDS_INTAKE_RATE = "1/m"

    def send(story: str) -> None:
        page.goto(f"{live_server.url}/complain/")
        page.get_by_label("What happened?").fill(story)
        page.get_by_label("What would put it right for you?").fill("A working kettle.")
        page.get_by_label("Your name").fill("Sam Okafor")
        page.get_by_label("Email address").fill("sam@example.net")
        page.get_by_role("button", name="Send my complaint").click()

    send("The kettle I bought on Monday stopped heating on Wednesday.")
    page.get_by_text("Thank you. We have your complaint.").wait_for()
    second = "And the replacement kettle leaks from the base."
    send(second)
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Please wait a minute" in alert.inner_text()
    assert page.get_by_label("What happened?").input_value() == second
    assert page.get_by_label("Email address").input_value() == "sam@example.net"
    screenshot("06-throttled")
    assert Complaint.objects.count() == 1

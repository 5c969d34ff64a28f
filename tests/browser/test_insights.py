"""Insights in a real browser, on demo data: the pages draw charts, filters redraw them, a
high-severity complaint closes through its blameless review, and the policy owner decides."""

import os
from importlib import import_module
from pathlib import Path

import pytest

from amends.complaints.models import Complaint, Severity, State
from amends.complaints.services import complaint_categorise
from amends.demo.data import DEMO_PASSWORD, load_demo_data
from amends.reviews.models import Proposal, ProposalState, Review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "intake"],
        }
    }


def _starter_rows() -> None:
    """The remedy catalogue and clock policies the data migrations seed, which an earlier
    transactional test's flush removed (the demo grants remedies from that catalogue)."""
    from django.apps import apps

    from amends.promises.models import Policy
    from amends.remedies.models import Remedy

    for app, migration, model in [
        ("remedies", "0002_default_catalogue", Remedy),
        ("promises", "0003_default_policies", Policy),
    ]:
        if not model._default_manager.exists():
            import_module(f"amends.{app}.migrations.{migration}").create_defaults(apps, None)


@pytest.fixture
def demo(transactional_db):
    _starter_rows()
    load_demo_data(complaints=160, seed=2026)


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Inbox").wait_for()


def _element(locator, name: str) -> None:
    """A screenshot of one part of the page, when AMENDS_SCREENSHOTS names a folder."""
    folder = os.environ.get("AMENDS_SCREENSHOTS")
    if folder:
        locator.screenshot(path=str(Path(folder) / f"{name}.png"))


def _charts_drawn(page) -> int:
    """How many charts show figures: bars or columns, or a line that is not flat on zero."""
    drawn: int = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart')].filter(svg =>
            svg.querySelectorAll('rect').length > 0 ||
            [...svg.querySelectorAll('polyline')].some(line =>
                new Set(line.getAttribute('points').trim().split(/\\s+/).map(p => p.split(',')[1])).size > 1)
        ).length"""
    )
    return drawn


def test_insight_pages_draw_charts_and_filters_redraw_them(demo, live_server, page, screenshot):
    base = live_server.url
    _sign_in(page, base, "sam")
    page.get_by_role("link", name="Insights").click()
    page.get_by_role("heading", name="Volume by category").wait_for()
    assert _charts_drawn(page) == 3
    assert page.locator("svg.chart title").first.text_content()
    screenshot("insights-01-volume")
    for tab, heading, charts in [
        ("Response times and promises", "Promises kept and broken", 2),
        ("Recovery", "Satisfaction after a complaint", 2),
        ("Cost of remedies", "Cost by category", 2),
        ("Root causes and policy changes", "Top root causes", 2),
    ]:
        page.get_by_role("link", name=tab).click()
        page.get_by_role("heading", name=heading).wait_for()
        assert _charts_drawn(page) == charts, tab
        screenshot(f"insights-02-{tab.split()[0].lower()}")
    # A filter change redraws the figures in place (htmx) and keeps the address shareable.
    page.get_by_label("Period").select_option("30")
    page.wait_for_url("**days=30**")
    page.get_by_text("day by day").wait_for()
    assert _charts_drawn(page) >= 1
    screenshot("insights-03-causes-30-days")


def test_agent_sees_their_own_figures(demo, live_server, page, screenshot):
    base = live_server.url
    _sign_in(page, base, "alex")
    page.goto(f"{base}/insights/people/")
    page.get_by_role("heading", name="Your figures").wait_for()
    assert _charts_drawn(page) == 1
    screenshot("insights-04-own-figures")
    page.goto(f"{base}/insights/people/jordan/")
    assert page.get_by_role("alert").inner_text().startswith("Figures about one person")


def test_review_closes_a_high_severity_complaint_and_the_owner_decides(demo, live_server, page, screenshot):
    complaint = (
        Complaint.objects.filter(state=State.RESOLVED, assignee__username="alex", review__isnull=True)
        .select_related("category")
        .first()
    )
    assert complaint is not None
    sam = complaint.team.members.get(username="sam")
    complaint_categorise(complaint=complaint, by=sam, category=complaint.category, severity=Severity.HIGH)
    base = live_server.url
    _sign_in(page, base, "alex")
    page.goto(f"{base}/desk/c/{complaint.reference}/")
    panel = page.locator("#review-panel")
    panel.get_by_text("Needed before this high-severity complaint can close").wait_for()
    panel.get_by_label("Process").check()
    panel.get_by_label("A handoff between teams or systems").check()
    panel.get_by_label("Contributing factors, in your words").fill("The return sat in two queues at once.")
    panel.get_by_text("Propose a policy change", exact=True).click()
    panel.get_by_label("Addressed to").select_option(index=1)
    panel.get_by_label("The change, in a line").fill("One queue for returns")
    panel.get_by_label("What should change, and why").fill("Two queues mean nobody owns the return.")
    screenshot("insights-05-review-form")
    _element(panel, "insights-05b-review-panel")
    panel.get_by_role("button", name="Record review and close").click()
    page.get_by_text("Review recorded; the complaint is closed.").wait_for()
    assert page.get_by_test_id("state").inner_text() == "Closed"
    page.locator("#review-panel").get_by_text("One queue for returns").wait_for()
    _element(page.locator("#review-panel"), "insights-06-reviewed-panel")
    assert Review.objects.filter(complaint=complaint).exists()

    proposal = Proposal.objects.get(review__complaint=complaint)
    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, base, proposal.owner.username)
    page.get_by_role("link", name="Insights").click()
    page.get_by_role("link", name="Policy proposals").click()
    page.get_by_role("link", name="One queue for returns").click()
    page.get_by_role("button", name="Acknowledge").click()
    page.get_by_label("Accept: the policy will change").check()
    page.get_by_role("button", name="Save decision").click()
    page.get_by_label("What changed").fill("Returns now go to one queue, owned by the returns desk.")
    page.get_by_label("In effect from").fill(complaint.resolved_at.date().isoformat())
    screenshot("insights-07-proposal-outcome")
    page.get_by_role("button", name="Record the change").click()
    assert page.get_by_test_id("proposal-state").inner_text() == "Changed"
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CHANGED
    page.get_by_role("link", name="Complaints before and after").click()
    page.get_by_role("heading", name="Policy changes: before and after").wait_for()
    assert page.get_by_role("rowheader", name="One queue for returns").count() == 1
    screenshot("insights-08-before-after")

"""The coach in a real browser: verdicts update as the agent types, and playbooks go from draft to desk.

Run with (from the checkout):
    DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/pytest -m browser -p no:xdist \
        amends/coaching/tests/test_browser.py
Set AMENDS_SCREENSHOTS to a folder to keep screenshots of each step.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from amends.accounts.models import Role
from amends.coaching import services
from amends.coaching.models import PlaybookKind
from amends.complaints.models import Direction, Message
from tests.factories import PASSWORD, CategoryFactory, TeamFactory, UserFactory, make_complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPOSER = 'textarea[hx-target="#coach-panel"]'

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = os.environ.get("AMENDS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is not installed: run `make browser` (apt-get install chromium).")
    # Playwright's sync API keeps an event loop running in this thread, which Django's ORM takes for
    # an async context; the tests only touch the database between browser steps, never concurrently.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def tab(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def shot(tab: Any):
    folder = os.environ.get("AMENDS_SCREENSHOTS")

    def take(name: str, full_page: bool = True) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)

    return take


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "intake"],
        }
    }


def sign_in(tab: Any, live_server: Any, username: str) -> None:
    tab.goto(f"{live_server.url}/accounts/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/desk/**")


def rule(tab: Any, name: str, passed: bool) -> Any:
    return tab.locator(f'#coach-panel [data-rule="{name}"][data-passed="{"true" if passed else "false"}"]')


def test_verdicts_update_live_as_the_agent_types_a_reply(live_server, tab, shot):
    team = TeamFactory(name="Orders", slug="orders")
    category = CategoryFactory(name="Delivery", slug="delivery", team=team)
    UserFactory(username="alex", first_name="Alex", role=Role.AGENT, teams=[team])
    lead = UserFactory(username="sam", role=Role.SUPERVISOR, teams=[team])
    version = services.playbook_create(
        by=lead, title="Late deliveries", kind=PlaybookKind.CATEGORY, category=category
    )
    services.playbook_version_save(
        version=version,
        by=lead,
        data=services.VersionInput(
            summary="Parcels that arrive late or not at all.",
            questions="When was it due?\nWas a card left?",
            may_not_promise="A delivery slot the courier has not confirmed",
            templates=[
                services.TemplateInput(
                    "First reply", "Dear {name}, thank you for telling us about {reference}."
                )
            ],
        ),
    )
    services.playbook_version_submit(version=version, by=lead)
    services.playbook_version_approve(version=version, by=lead)
    complaint = make_complaint(
        category=category,
        name="Morgan Ellis",
        story="My parcel was due on Saturday and never came. Nobody called.",
    )
    sent_before = Message.objects.filter(complaint=complaint, direction=Direction.OUTBOUND).count()

    sign_in(tab, live_server, "alex")
    tab.goto(f"{live_server.url}/desk/c/{complaint.reference}/")
    box = tab.locator(COMPOSER)
    box.press_sequentially("We will look into it.", delay=15)
    rule(tab, "apology", passed=False).wait_for()
    expect(rule(tab, "next_step", passed=False)).to_have_count(1)
    first_score = int(tab.get_by_test_id("coach-score").inner_text().split("/")[0])

    box.press_sequentially(
        " I'm so sorry we lost your parcel, Morgan. "
        "I'll call you on Thursday at 10 to arrange a new delivery.",
        delay=10,
    )
    expect(tab.locator('#coach-panel [data-rule="timeline"] q')).to_have_text("Thursday")
    expect(rule(tab, "apology", passed=True)).to_have_count(1)
    expect(rule(tab, "next_step", passed=True)).to_have_count(1)
    expect(tab.locator('#coach-panel [data-rule="apology"] q')).to_contain_text("lost your parcel")
    assert int(tab.get_by_test_id("coach-score").inner_text().split("/")[0]) > first_score
    shot("coach-01-composer", full_page=True)

    # Typing never sent the compose form: nothing went to the customer.
    assert Message.objects.filter(complaint=complaint, direction=Direction.OUTBOUND).count() == sent_before
    assert tab.locator(COMPOSER).input_value().startswith("We will look into it.")

    panel = tab.get_by_test_id("playbook-panel")
    assert "Late deliveries" in panel.inner_text()
    panel.get_by_text("Template: First reply").click()
    panel.get_by_role("button", name="Use this reply").click()
    expect(box).to_have_value(f"Dear Morgan Ellis, thank you for telling us about {complaint.reference}.")
    rule(tab, "thanks", passed=True).wait_for()
    shot("coach-02-template-used")


def test_a_supervisor_writes_and_approves_a_playbook_that_agents_then_see(live_server, tab, shot):
    team = TeamFactory(name="Orders", slug="orders")
    CategoryFactory(name="Delivery", slug="delivery", team=team)
    UserFactory(username="sam", first_name="Sam", role=Role.SUPERVISOR, teams=[team])
    UserFactory(username="alex", role=Role.AGENT, teams=[team])

    sign_in(tab, live_server, "sam")
    tab.goto(f"{live_server.url}/coach/playbooks/")
    tab.get_by_role("link", name="New playbook").click()
    tab.get_by_label("Title").fill("Late deliveries")
    tab.locator("select#id_category").select_option(label="Delivery")
    shot("playbook-01-new")
    tab.get_by_role("button", name="Create and write version 1").click()
    tab.get_by_label("When this applies").fill("Parcels that arrive late or not at all.")
    tab.get_by_label("Questions to ask").fill("When was it due?\nWas a card left?")
    tab.get_by_label("May promise").fill("A replacement by tracked courier")
    tab.get_by_label("Must not promise").fill("A slot the courier has not confirmed")
    tab.get_by_label("Template title").fill("First reply")
    tab.locator("textarea[name=form-0-body]").fill(
        "Dear {name}, about {reference}: we will be back to you by {promised_date}."
    )
    shot("playbook-02-edit")
    tab.get_by_role("button", name="Save and submit for approval").click()
    assert "Waiting for approval" in tab.get_by_test_id("version-state").inner_text()
    shot("playbook-03-submitted")
    tab.get_by_role("button", name="Approve version 1").click()
    assert "Approved" in tab.get_by_test_id("version-state").inner_text()
    shot("playbook-04-approved")

    tab.get_by_role("button", name="Sign out").click()
    sign_in(tab, live_server, "alex")
    tab.goto(f"{live_server.url}/coach/playbooks/")
    tab.get_by_role("link", name="Late deliveries").click()
    assert "When was it due?" in tab.content()
    assert tab.get_by_role("button", name="Start a new version").count() == 0
    shot("playbook-05-agent-view")

"""The insight pages: charts and tables for what the viewer may see, CSV of every table."""

import csv
import io

import pytest
from django.utils import timezone

from amends.accounts.models import Role
from amends.complaints.models import State
from amends.complaints.services import complaint_assign, complaint_reply, complaint_transition
from amends.insights.filters import InsightFilters, scope_for
from amends.insights.reports import PAGES
from amends.reviews.models import PolicyArea, RootCause
from amends.reviews.services import ReviewInput, review_record
from tests.factories import UserFactory, make_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(complaint, agent, other_category, fold):
    """A complaint answered, resolved and reviewed in one team; another in a second team."""
    complaint_assign(complaint=complaint, by=agent, team=complaint.team, assignee=agent)
    complaint_reply(complaint=complaint, by=agent, body="Jo, a new screen goes out today with our apology.")
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED, agreed_outcome="New screen")
    review_record(complaint=complaint, by=agent, data=ReviewInput(RootCause.THIRD_PARTY, []), close=True)
    make_complaint(category=other_category, email="kim@example.net", story="Charged twice for one order.")
    fold()
    return complaint


def _get(client, user, path):
    client.force_login(user)
    return client.get(path)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_draws_charts_with_tables(
    history, supervisor, client, name, django_assert_max_num_queries
):
    client.force_login(supervisor)
    path = "/insights/" if name == "volume" else f"/insights/{name}/"
    with django_assert_max_num_queries(30):
        response = client.get(path)
    assert response.status_code == 200
    text = response.content.decode()
    assert '<svg class="chart"' in text
    assert "<title" in text
    assert "<table" in text


@pytest.mark.parametrize("name", list(PAGES))
def test_every_table_exports_as_csv_with_the_rows_shown(history, supervisor, client, name):
    client.force_login(supervisor)
    scope = scope_for(supervisor)
    today = timezone.localdate()
    from amends.insights.filters import last_days

    for section in PAGES[name][1](scope, last_days(90, today=today), today):
        response = client.get(f"/insights/{name}/{section.table.name}.csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == [c.label for c in section.table.columns]
        assert len(rows) == len(section.table.rows) + 1
        assert all(len(row) == len(rows[0]) for row in rows)


def test_an_unknown_table_is_not_found(history, supervisor, client):
    assert _get(client, supervisor, "/insights/volume/nothing.csv").status_code == 404
    assert _get(client, supervisor, "/insights/nothing/").status_code == 404


def test_volume_counts_what_the_viewer_may_see(history, agent, outsider, admin_user, client):
    def received(user):
        section = PAGES["volume"][1](scope_for(user), _period(), timezone.localdate())[1]
        return {row[0]: row[1] for row in section.table.rows}

    assert received(agent) == {"Delivery": 1}
    assert received(outsider) == {"Charges": 1}
    assert received(admin_user) == {"Delivery": 1, "Charges": 1}


def test_a_policy_owner_sees_their_areas_across_teams(history, other_category):
    owner = UserFactory(username="rosa", role=Role.SUPERVISOR)
    PolicyArea.objects.create(name="Charges policy", owner=owner).categories.add(other_category)
    rows = PAGES["volume"][1](scope_for(owner), _period(), timezone.localdate())[1].table.rows
    assert [(r[0], r[1]) for r in rows] == [("Charges", 1)]


def test_a_team_outside_the_viewers_scope_is_refused_as_a_filter(history, agent, other_team, client):
    response = _get(client, agent, f"/insights/?team={other_team.pk}")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Select a valid choice" in text
    assert "Charges" not in text


def test_filter_changes_answer_htmx_with_the_sections_only(history, supervisor, client):
    client.force_login(supervisor)
    response = client.get("/insights/?days=30", headers={"HX-Request": "true", "HX-Target": "insight-body"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "<svg" in text
    assert "<nav" not in text


def test_a_custom_period_that_ends_before_it_starts_is_refused(history, supervisor, client):
    text = _get(client, supervisor, "/insights/?since=2026-03-01&until=2026-02-01").content.decode()
    assert "ends after it starts" in text


def test_names_typed_by_people_are_escaped_in_charts_and_csv(history, category, supervisor, client):
    category.name = '=HYPERLINK("x")<script>'
    category.save()
    text = _get(client, supervisor, "/insights/").content.decode()
    assert "<script>" not in text
    body = client.get("/insights/volume/volume_by_category.csv").content.decode()
    assert "'=HYPERLINK" in body


def _period():
    today = timezone.localdate()
    return InsightFilters(
        today.replace(day=1) - timezone.timedelta(days=60), today + timezone.timedelta(days=1)
    )


def test_the_causes_page_compares_volume_before_and_after_a_change(history, agent, supervisor, client):
    from amends.reviews.models import Proposal
    from amends.reviews.services import ProposalInput, proposal_decide, proposal_record_outcome

    owner = UserFactory(username="rosa", role=Role.SUPERVISOR)
    area = PolicyArea.objects.create(name="Delivery policy", owner=owner)
    area.categories.add(history.category)
    second = make_complaint(category=history.category, email="lou@example.net", story="Late again.")
    complaint_transition(complaint=second, by=agent, to_state=State.RESOLVED)
    review_record(
        complaint=second,
        by=agent,
        data=ReviewInput(RootCause.POLICY, [], proposal=ProposalInput(area, "Free redelivery", "Why")),
    )
    proposal = Proposal.objects.get()
    proposal_decide(proposal=proposal, by=owner, accept=True)
    proposal_record_outcome(proposal=proposal, by=owner, outcome="Done", changed_on=timezone.localdate())
    text = _get(client, supervisor, "/insights/causes/").content.decode()
    assert "Free redelivery" in text
    assert "Policy changes: before and after" in text


def test_the_causes_page_costs_the_same_queries_however_many_changes(history, agent, supervisor, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from amends.reviews.models import Proposal
    from amends.reviews.services import ProposalInput, proposal_decide, proposal_record_outcome

    owner = UserFactory(username="rosa", role=Role.SUPERVISOR)
    area = PolicyArea.objects.create(name="Delivery policy", owner=owner)
    area.categories.add(history.category)
    client.force_login(supervisor)

    def change(n):
        made = make_complaint(category=history.category, email=f"c{n}@example.net", story=f"Late, order {n}.")
        complaint_transition(complaint=made, by=agent, to_state=State.RESOLVED)
        data = ReviewInput(RootCause.POLICY, [], proposal=ProposalInput(area, f"Change {n}", "Why"))
        proposal = review_record(complaint=made, by=agent, data=data).proposal
        proposal_decide(proposal=proposal, by=owner, accept=True)
        proposal_record_outcome(proposal=proposal, by=owner, outcome="Done", changed_on=timezone.localdate())

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/insights/causes/").status_code == 200
        return len(ctx.captured_queries)

    change(1)
    one = queries()
    change(2)
    change(3)
    assert Proposal.objects.count() == 3
    assert queries() == one

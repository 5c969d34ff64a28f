"""One person's figures: shown to them and their coach (their team's supervisor), nobody else."""

import pytest

from amends.accounts.models import Role
from amends.complaints.models import State
from amends.complaints.services import complaint_assign, complaint_transition
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(complaint, agent, fold):
    complaint_assign(complaint=complaint, by=agent, team=complaint.team, assignee=agent)
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED, agreed_outcome="Refund")
    fold()
    return complaint


def _page(client, viewer, agent):
    client.force_login(viewer)
    return client.get(f"/insights/people/{agent.username}/")


def test_an_agent_sees_their_own_figures(worked, agent, client):
    response = _page(client, agent, agent)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Your figures" in text
    assert '<svg class="chart"' in text


def test_the_agents_coach_sees_their_figures(worked, agent, supervisor, client):
    response = _page(client, supervisor, agent)
    assert response.status_code == 200
    assert "you, their supervisor" in response.content.decode()
    csv = client.get(f"/insights/people/{agent.username}/agent.csv")
    assert csv.status_code == 200
    assert csv.content.decode().splitlines()[-1].startswith("Whole period,0,,1,")


def test_the_coach_lists_the_people_they_coach(worked, agent, supervisor, client):
    client.force_login(supervisor)
    text = client.get("/insights/people/").content.decode()
    assert f"/insights/people/{agent.username}/" in text


def test_an_agent_asking_for_the_people_list_gets_their_own_page(worked, agent, client):
    client.force_login(agent)
    response = client.get("/insights/people/")
    assert response.status_code == 302
    assert response["Location"] == f"/insights/people/{agent.username}/"


@pytest.mark.parametrize(
    "who",
    ["colleague", "outsider", "other_supervisor", "admin_user", "spokesperson", "policy_owner"],
)
def test_nobody_else_sees_one_persons_figures(worked, agent, team, other_team, client, request, who):
    viewers = {
        "colleague": lambda: UserFactory(username="cleo", role=Role.AGENT, teams=[team]),
        "outsider": lambda: request.getfixturevalue("outsider"),
        "other_supervisor": lambda: UserFactory(username="otto", role=Role.SUPERVISOR, teams=[other_team]),
        "admin_user": lambda: request.getfixturevalue("admin_user"),
        "spokesperson": lambda: UserFactory(username="pat", role=Role.SPOKESPERSON, teams=[team]),
        "policy_owner": lambda: UserFactory(username="rosa", role=Role.SUPERVISOR),
    }
    viewer = viewers[who]()
    response = _page(client, viewer, agent)
    assert response.status_code == 403
    assert "shown only to them and to their team" in response.content.decode()
    assert client.get(f"/insights/people/{agent.username}/agent.csv").status_code == 403

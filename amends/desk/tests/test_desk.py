import pytest
from django.core import mail

from amends.complaints.models import Complaint, State
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "complaint"}


def test_desk_requires_signing_in(client, complaint):
    for path in ("/desk/", f"/desk/c/{complaint.reference}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_signing_in_leads_to_the_inbox(client, agent):
    from tests.factories import PASSWORD

    response = client.post("/accounts/login/", {"username": "alex", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/desk/"
    assert "Inbox" in response.content.decode()


def test_inbox_shows_only_the_agents_teams(client, agent, category, other_category):
    mine = make_complaint(category=category, story="Parcel never arrived at all")
    theirs = make_complaint(category=other_category, email="b@example.net", story="Charged twice for tea")
    client.force_login(agent)
    page = client.get("/desk/").content.decode()
    assert mine.reference in page
    assert theirs.reference not in page


def test_inbox_search_results_come_back_as_a_fragment_for_htmx(client, agent, category):
    make_complaint(category=category, story="The fridge door fell off")
    make_complaint(category=category, email="b@example.net", story="My parcel was soaked")
    client.force_login(agent)
    response = client.get("/desk/?q=fridge", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    page = response.content.decode()
    assert "<html" not in page
    assert "fridge door" in page
    assert "parcel" not in page


def test_complaint_page_puts_the_customers_story_and_wish_before_the_timeline(client, agent, complaint):
    client.force_login(agent)
    page = client.get(f"/desk/c/{complaint.reference}/").content.decode()
    story = page.index("My order 4471 arrived")
    wish = page.index("A replacement screen this week.")
    timeline = page.index('id="timeline-h"')
    assert story < wish < timeline


def test_another_teams_agent_gets_not_found_for_page_and_actions(client, outsider, complaint):
    client.force_login(outsider)
    assert client.get(f"/desk/c/{complaint.reference}/").status_code == 404
    response = client.post(f"/desk/c/{complaint.reference}/compose/", {"kind": "reply", "body": "hi"})
    assert response.status_code == 404
    assert complaint.messages.filter(direction="outbound", author=outsider).count() == 0


def test_reply_from_the_desk_is_emailed_and_shown_in_place(
    client, agent, complaint, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/desk/c/{complaint.reference}/compose/",
            {"kind": "reply", "body": "Thank you for waiting, Jo. A courier comes Friday."},
            **HTMX,
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="complaint"')
    assert "A courier comes Friday." in page
    assert "Reply sent to the customer." in page
    assert len(mail.outbox) == 1


def test_empty_reply_shows_a_message_and_sends_nothing(client, agent, complaint):
    client.force_login(agent)
    response = client.post(f"/desk/c/{complaint.reference}/compose/", {"kind": "reply", "body": ""}, **HTMX)
    assert response.status_code == 400
    assert "required" in response.content.decode()


def test_state_change_refused_by_the_journey_shows_why(client, agent, complaint):
    client.force_login(agent)
    response = client.post(
        f"/desk/c/{complaint.reference}/state/", {"to_state": "spam", "reason": ""}, **HTMX
    )
    assert response.status_code == 422
    assert "Please say why" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.state == State.ACKNOWLEDGED


def test_state_change_without_htmx_redirects_back_to_the_complaint(client, agent, complaint):
    client.force_login(agent)
    response = client.post(
        f"/desk/c/{complaint.reference}/state/",
        {"to_state": "resolved", "agreed_outcome": "New screen fitted"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == State.RESOLVED


def test_assigning_to_someone_outside_the_team_is_refused(client, agent, outsider, complaint, team):
    client.force_login(agent)
    response = client.post(
        f"/desk/c/{complaint.reference}/assign/", {"team": team.pk, "assignee": outsider.pk}, **HTMX
    )
    # Only people in the agent's own teams are offered; anyone else is refused as a choice.
    assert response.status_code == 400
    assert "not one of the available choices" in response.content.decode()
    assert outsider.display_name not in client.get(f"/desk/c/{complaint.reference}/").content.decode()
    response = client.post(
        f"/desk/c/{complaint.reference}/assign/", {"team": team.pk, "assignee": agent.pk}, **HTMX
    )
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.assignee == agent


def test_merge_from_the_desk(client, agent, complaint, category):
    duplicate = make_complaint(category=category, story="Again: the cracked screen")
    client.force_login(agent)
    client.post(f"/desk/c/{duplicate.reference}/merge/", {"target": complaint.reference}, **HTMX)
    duplicate.refresh_from_db()
    assert duplicate.state == State.MERGED
    assert duplicate.merged_into_id == complaint.pk


def test_categorise_from_the_desk(client, agent, complaint, other_category):
    client.force_login(agent)
    client.post(
        f"/desk/c/{complaint.reference}/categorise/",
        {"category": other_category.pk, "severity": "high"},
        **HTMX,
    )
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert (complaint.category, complaint.severity) == (other_category, "high")


def test_a_refused_reply_keeps_what_the_agent_typed(client, agent, complaint):
    from amends.complaints.services import complaint_transition

    complaint_transition(complaint=complaint, by=agent, to_state=State.SPAM, reason="Advertising")
    client.force_login(agent)
    response = client.post(
        f"/desk/c/{complaint.reference}/compose/",
        {"kind": "reply", "body": "A long careful reply I do not want to lose"},
        **HTMX,
    )
    assert response.status_code == 409
    assert "A long careful reply I do not want to lose" in response.content.decode()


def test_logging_a_call_from_the_desk(client, agent, complaint):
    client.force_login(agent)
    response = client.post(
        f"/desk/c/{complaint.reference}/compose/",
        {"kind": "call", "body": "Spoke with Jo; new screen ships Friday."},
        **HTMX,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Call recorded." in page
    assert "Phone call with the customer" in page


@pytest.mark.parametrize("name", ["actions", "triage", "playbooks", "promises", "remedies"])
def test_side_panels_load_for_those_who_may_see_the_complaint_and_no_one_else(
    client, agent, outsider, complaint, name
):
    client.force_login(agent)
    assert (
        f"/desk/c/{complaint.reference}/panel/{name}/"
        in client.get(f"/desk/c/{complaint.reference}/").content.decode()
    )
    assert client.get(f"/desk/c/{complaint.reference}/panel/{name}/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"/desk/c/{complaint.reference}/panel/{name}/").status_code == 404


def test_an_unknown_panel_is_not_found(client, agent, complaint):
    client.force_login(agent)
    assert client.get(f"/desk/c/{complaint.reference}/panel/secrets/").status_code == 404


def test_action_forms_load_after_the_page_with_the_complaints_current_values(
    client, agent, complaint, category
):
    client.force_login(agent)
    page = client.get(f"/desk/c/{complaint.reference}/").content.decode()
    assert 'name="to_state"' not in page
    panel = client.get(f"/desk/c/{complaint.reference}/panel/actions/").content.decode()
    assert 'name="to_state"' in panel
    assert f'<option value="{category.pk}" selected>{category.name}</option>' in panel
    assert f'action="/desk/c/{complaint.reference}/assign/"' in panel
    assert "Merge a duplicate" in panel
    assert "{#" not in panel
    assert "{%" not in panel


def test_a_refused_state_change_shows_the_action_forms_in_place_with_what_was_typed(client, agent, complaint):
    client.force_login(agent)
    response = client.post(
        f"/desk/c/{complaint.reference}/state/",
        {"to_state": "spam", "reason": "", "agreed_outcome": "Fitted a new screen on Tuesday"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Please say why" in html
    assert 'name="to_state"' in html
    assert "Fitted a new screen on Tuesday" in html

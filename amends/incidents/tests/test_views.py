"""The incident pages, the complaint panel and the spokesperson's pages, through the desk."""

import pytest
from django.core import mail

from amends.incidents import publicity, services
from amends.incidents.models import (
    Incident,
    IncidentLink,
    IncidentUpdate,
    LinkState,
    NoticeVersion,
    StatementTopic,
)
from tests.factories import complaint_page_with_panels

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_desk_nav_leads_to_incidents(client, agent):
    page = signed_in(client, agent).get("/desk/").content.decode()
    assert 'href="/desk/incidents/"' in page


def test_a_supervisor_opens_an_incident_from_the_list(client, supervisor):
    response = signed_in(client, supervisor).post(
        "/desk/incidents/new/",
        {"title": "Website down", "what_happened": "The shop returns errors.", "severity": "critical"},
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/desk/incidents/{incident.pk}/"
    assert incident.owner == supervisor
    assert incident.severity == "critical"


def test_a_refused_incident_form_keeps_what_was_typed(client, supervisor):
    response = signed_in(client, supervisor).post(
        "/desk/incidents/new/", {"title": "Website down", "what_happened": " ", "severity": "high"}
    )
    assert response.status_code == 422
    assert 'value="Website down"' in response.content.decode()


def test_an_agent_cannot_open_an_incident(client, agent):
    response = signed_in(client, agent).post(
        "/desk/incidents/new/", {"title": "X", "what_happened": "Y", "severity": "high"}
    )
    assert response.status_code == 403
    assert not Incident.objects.exists()


def test_the_incident_page_shows_only_the_linked_complaints_the_user_may_see(
    client, incident, linked, outsider, agent
):
    complaints = linked(2)
    page = signed_in(client, agent).get(f"/desk/incidents/{incident.pk}/").content.decode()
    assert all(c.reference in page for c in complaints)
    client.logout()
    page = signed_in(client, outsider).get(f"/desk/incidents/{incident.pk}/").content.decode()
    assert not any(c.reference in page for c in complaints)
    assert "All 2 are in teams you are not in" in page


def test_the_incident_pages_cost_the_same_few_queries_however_many_are_linked(
    client, incident, linked, supervisor, django_assert_max_num_queries
):
    linked(12)
    signed_in(client, supervisor)
    with django_assert_max_num_queries(25):
        assert client.get(f"/desk/incidents/{incident.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/desk/incidents/").status_code == 200


def test_sending_an_update_from_the_page_shows_its_progress(
    client, incident, linked, supervisor, django_capture_on_commit_callbacks
):
    linked(3)
    mail.outbox.clear()
    signed_in(client, supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/desk/incidents/{incident.pk}/update/",
            {
                "body": "We have found the cause.",
                "status": "identified",
                "next_update_at": "2030-01-01T10:00",
            },
        )
    assert response.status_code == 302
    update = IncidentUpdate.objects.get()
    assert len(mail.outbox) == 3
    fragment = client.get(f"/desk/incidents/{incident.pk}/updates/{update.pk}/progress/").content.decode()
    assert "3</strong> of 3 sent" in fragment
    assert "done" in fragment
    assert "hx-trigger" not in fragment  # finished: no more polling


def test_a_refused_update_keeps_its_text(client, incident, linked, supervisor):
    linked(1)
    response = signed_in(client, supervisor).post(
        f"/desk/incidents/{incident.pk}/update/",
        {"body": "Long careful words.", "status": "identified", "resolve_complaints": "on"},
    )
    assert response.status_code == 422
    assert "Long careful words." in response.content.decode()


def test_the_link_preview_counts_then_links_the_search(client, incident, receive, category, supervisor):
    for i in range(3):
        receive(category=category, story=f"Card payment declined number {i}.", email=f"p{i}@example.net")
    signed_in(client, supervisor)
    page = client.get(f"/desk/incidents/{incident.pk}/link/", {"q": "card declined", "open_only": "on"})
    assert "3 complaints match" in page.content.decode()
    response = client.post(
        f"/desk/incidents/{incident.pk}/link/all/", {"q": "card declined", "open_only": "on"}
    )
    assert response.status_code == 302
    assert IncidentLink.objects.filter(incident=incident, state=LinkState.LINKED).count() == 3


def test_the_complaint_panel_links_and_confirms(
    client, incident, receive, category, agent, django_capture_on_commit_callbacks
):
    incident.match_words = "payment failed"
    incident.save()
    suggested = receive(category=category, story="My payment failed at the till.")
    signed_in(client, agent)
    page = complaint_page_with_panels(client, suggested.reference)
    assert "Part of a known problem?" in page
    assert "Card payments failing" in page
    link = IncidentLink.objects.get(complaint=suggested)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/desk/incidents/c/{suggested.reference}/links/{link.pk}/confirm/")
    assert response.status_code == 302
    assert "Part of:" in complaint_page_with_panels(client, suggested.reference)


def test_an_outsider_cannot_act_on_another_teams_suggestion(client, incident, receive, category, outsider):
    incident.match_words = "payment failed"
    incident.save()
    complaint = receive(category=category, story="My payment failed at the till.")
    link = IncidentLink.objects.get(complaint=complaint)
    response = signed_in(client, outsider).post(
        f"/desk/incidents/c/{complaint.reference}/links/{link.pk}/confirm/"
    )
    assert response.status_code == 404
    assert IncidentLink.objects.get(pk=link.pk).state == LinkState.SUGGESTED


def test_a_spokesperson_approves_a_notice_on_the_desk(client, incident, supervisor, spokesperson):
    signed_in(client, supervisor)
    client.post(
        f"/desk/incidents/{incident.pk}/notice/draft/",
        {"title": "Payments", "what_happened": "Declined.", "apology": "Sorry.", "actions": "Fixing."},
    )
    version = NoticeVersion.objects.get()
    page = client.get(f"/desk/incidents/{incident.pk}/notice/").content.decode()
    assert "Approve this exact text" not in page  # a supervisor drafts; a spokesperson approves
    assert (
        client.post(
            f"/desk/incidents/{incident.pk}/notice/{version.pk}/approve/",
            {"digest": publicity.notice_digest(version)},
        ).status_code
        == 403
    )
    client.logout()
    signed_in(client, spokesperson)
    page = client.get(f"/desk/incidents/{incident.pk}/notice/").content.decode()
    assert "Approve this exact text" in page
    client.post(
        f"/desk/incidents/{incident.pk}/notice/{version.pk}/approve/",
        {"digest": publicity.notice_digest(version)},
    )
    assert "Payments" in client.get("/notices/").content.decode()


def test_the_spokesperson_queue_lists_public_exposure_and_severe_incidents(
    client, incident, receive, category, spokesperson, supervisor
):
    exposed = receive(category=category, story="I am going to the press and posting on Twitter about this.")
    quiet = receive(category=category, story="The parcel was late.", email="quiet@example.net")
    services.statement_draft(
        by=supervisor, title="Media line", topic=StatementTopic.SOCIAL, body="We are on it."
    )
    statement = services.statement_draft(
        by=supervisor, title="Press line", topic=StatementTopic.PRESS, body="Looking into it."
    )
    services.statement_decide(
        statement=statement, by=spokesperson, approve=True, digest=publicity.statement_digest(statement)
    )
    page = signed_in(client, spokesperson).get("/desk/incidents/spokesperson/").content.decode()
    assert exposed.reference in page
    assert quiet.reference not in page
    assert "Card payments failing" in page  # high severity incident
    assert "Press line" in page
    assert "Media line" not in page
    assert "Press line" in complaint_page_with_panels(client, exposed.reference)


def test_agents_do_not_see_the_spokesperson_pages(client, agent):
    signed_in(client, agent)
    assert client.get("/desk/incidents/spokesperson/").status_code == 403
    assert client.get("/desk/incidents/statements/").status_code == 403


def test_the_statements_page_drafts_and_a_spokesperson_approves(client, supervisor, spokesperson):
    signed_in(client, supervisor)
    client.post(
        "/desk/incidents/statements/draft/",
        {"title": "Regulator", "topic": "regulator", "body": "We cooperate fully."},
    )
    client.logout()
    signed_in(client, spokesperson)
    from amends.incidents.models import HoldingStatement

    statement = HoldingStatement.objects.get()
    client.post(
        f"/desk/incidents/statements/{statement.pk}/decide/",
        {"decision": "approve", "digest": publicity.statement_digest(statement)},
    )
    statement.refresh_from_db()
    assert statement.state == "approved"


def test_incident_pages_need_a_sign_in(client, incident):
    assert client.get(f"/desk/incidents/{incident.pk}/").status_code == 302
    assert client.get("/desk/incidents/").status_code == 302

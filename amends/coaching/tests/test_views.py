"""The coach panel in the composer and the playbook pages on the desk."""

import pytest

from amends.coaching import services
from amends.coaching.models import PlaybookKind, VersionState
from tests.factories import complaint_page_with_panels

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "coach-panel"}


def test_the_panel_shows_each_rule_with_its_verdict(client, agent, complaint):
    client.force_login(agent)
    response = client.post(
        f"/coach/c/{complaint.reference}/panel/",
        {"kind": "reply", "body": "I'm so sorry we missed your delivery. I'll call you on Friday at 10."},
        **HTMX,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="coach-panel"')
    assert 'data-rule="apology" data-passed="true"' in page
    assert 'data-rule="empathy" data-passed="false"' in page
    assert 'data-testid="coach-score"' in page


def test_the_panel_escapes_what_the_agent_typed(client, agent, complaint):
    client.force_login(agent)
    body = "I'm sorry <script>alert(1)</script> we lost it."
    page = client.post(
        f"/coach/c/{complaint.reference}/panel/", {"kind": "reply", "body": body}
    ).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_notes_are_not_coached(client, agent, complaint):
    client.force_login(agent)
    page = client.post(f"/coach/c/{complaint.reference}/panel/", {"kind": "note", "body": "Call back."})
    assert "not coached" in page.content.decode()


def test_another_teams_agent_cannot_use_the_panel(client, outsider, complaint):
    client.force_login(outsider)
    response = client.post(f"/coach/c/{complaint.reference}/panel/", {"kind": "reply", "body": "Sorry."})
    assert response.status_code == 404


def test_the_complaint_page_has_the_live_composer_and_the_playbook_panel(client, agent, complaint):
    client.force_login(agent)
    page = complaint_page_with_panels(client, complaint.reference)
    assert f'hx-post="/coach/c/{complaint.reference}/panel/"' in page
    assert 'hx-target="#coach-panel"' in page
    assert 'data-testid="coach-panel"' in page
    assert 'data-testid="playbook-panel"' in page


def test_a_supervisor_writes_submits_and_approves_a_playbook_from_the_pages(client, supervisor, category):
    client.force_login(supervisor)
    response = client.post(
        "/coach/playbooks/new/", {"title": "Lost parcels", "kind": "category", "category": category.pk}
    )
    assert response.status_code == 302
    edit_url = response["Location"]
    form = {
        "summary": "Parcels that never arrived.",
        "questions": "When was it due?",
        "may_promise": "",
        "may_not_promise": "",
        "change_note": "First version",
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-title": "First reply",
        "form-0-body": "Dear {name}, we are sending a new parcel for {reference}.",
        "submit": "1",
    }
    response = client.post(edit_url, form)
    assert response.status_code == 302
    response = client.post("/coach/playbooks/lost-parcels/v/1/approve/")
    assert response.status_code == 302
    page = client.get("/coach/playbooks/lost-parcels/").content.decode()
    assert "Approved" in page
    assert "Dear {name}, we are sending a new parcel" in page


def test_agents_may_read_approved_playbooks_but_not_open_the_editor(client, agent, supervisor, category):
    version = services.playbook_create(
        by=supervisor, title="Lost parcels", kind=PlaybookKind.CATEGORY, category=category
    )
    client.force_login(agent)
    assert client.get("/coach/playbooks/lost-parcels/").status_code == 404
    assert client.get("/coach/playbooks/new/").status_code == 403
    assert client.get("/coach/playbooks/lost-parcels/v/1/edit/").status_code == 403
    services.playbook_version_save(
        version=version, by=supervisor, data=services.VersionInput(summary="Parcels that never arrived.")
    )
    services.playbook_version_submit(version=version, by=supervisor)
    services.playbook_version_approve(version=version, by=supervisor)
    assert version.__class__.objects.get(pk=version.pk).state == VersionState.APPROVED
    page = client.get("/coach/playbooks/lost-parcels/").content.decode()
    assert "Parcels that never arrived." in page
    assert "Start a new version" not in page

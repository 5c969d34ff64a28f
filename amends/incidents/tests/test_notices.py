"""Public notices: nothing is public until a spokesperson approves that exact text."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amends.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from amends.incidents import publicity, services
from amends.incidents.models import HoldingStatement, NoticeVersion, StatementTopic, TextState

pytestmark = pytest.mark.django_db


def text(**changes):
    values = {
        "title": "Card payments were declined on Tuesday",
        "what_happened": "From 09:00 to 11:00 on Tuesday some card payments were wrongly declined.",
        "apology": "We are sorry: you should have been able to pay, and you could not.",
        "actions": "The bank change is undone, and we are refunding any double charge.",
        "next_update_at": timezone.now() + timedelta(hours=6),
    }
    return services.NoticeText(**(values | changes))


def draft(incident, by, **changes):
    return services.notice_draft(incident=incident, by=by, text=text(**changes))


def approve(version, by):
    return services.notice_approve(version=version, by=by, digest=publicity.notice_digest(version))


def public_titles(client):
    body = client.get("/notices/").content.decode()
    feed = client.get("/notices/feed/").content.decode()
    return body, feed


def test_a_draft_is_not_public(incident, supervisor, client):
    version = draft(incident, supervisor, title="Secret draft headline")
    assert version.state == TextState.DRAFT
    body, feed = public_titles(client)
    assert "Secret draft headline" not in body
    assert "Secret draft headline" not in feed
    assert client.get(f"/notices/{version.notice_id}/").status_code == 404
    assert publicity.public_notice_url(incident) == ""


def test_an_approved_notice_is_on_the_public_page_and_the_feed(incident, supervisor, spokesperson, client):
    version = approve(draft(incident, supervisor), spokesperson)
    body, feed = public_titles(client)
    assert "Card payments were declined on Tuesday" in body
    assert "<feed" in feed
    assert "Card payments were declined on Tuesday" in feed
    page = client.get(f"/notices/{version.notice_id}/").content.decode()
    for part in ("wrongly declined", "We are sorry", "bank change is undone", "Next update by"):
        assert part in page
    assert publicity.public_notice_url(incident).endswith(f"/notices/{version.notice_id}/")


@pytest.mark.parametrize("approver", ["supervisor", "admin_user", "agent"])
def test_only_a_spokesperson_approves(incident, supervisor, approver, request):
    version = draft(incident, supervisor)
    with pytest.raises(PermissionDenied):
        approve(version, request.getfixturevalue(approver))
    version.refresh_from_db()
    assert version.state == TextState.DRAFT


def test_an_agent_cannot_draft_a_notice(incident, agent):
    with pytest.raises(PermissionDenied):
        draft(incident, agent)


def test_approval_names_the_exact_text_read(incident, supervisor, spokesperson):
    version = draft(incident, supervisor)
    read = publicity.notice_digest(version)
    NoticeVersion.objects.filter(pk=version.pk).update(apology="Sorry if you feel let down.")
    with pytest.raises(Conflict):
        services.notice_approve(version=version, by=spokesperson, digest=read)


def test_an_edit_needs_approval_again_while_the_approved_text_stays_public(
    incident, supervisor, spokesperson, client
):
    first = approve(draft(incident, supervisor), spokesperson)
    second = draft(incident, supervisor, actions="Refunds are going out today.")
    page = client.get(f"/notices/{first.notice_id}/").content.decode()
    assert "bank change is undone" in page
    assert "Refunds are going out today" not in page
    approve(second, spokesperson)
    page = client.get(f"/notices/{first.notice_id}/").content.decode()
    assert "Refunds are going out today" in page
    assert "Earlier updates" in page
    assert "bank change is undone" in page
    feed = client.get("/notices/feed/").content.decode()
    assert feed.count("<entry>") == 2


def test_approving_a_newer_draft_retires_older_drafts(incident, supervisor, spokesperson):
    older = draft(incident, supervisor)
    newer = draft(incident, supervisor, title="A better headline")
    approve(newer, spokesperson)
    older.refresh_from_db()
    assert older.state == TextState.RETIRED
    with pytest.raises(InvalidTransition):
        approve(older, spokesperson)


def test_a_sent_back_draft_never_becomes_public(incident, supervisor, spokesperson, client):
    version = draft(incident, supervisor, title="Rejected headline")
    with pytest.raises(InvalidInput):
        services.notice_reject(version=version, by=spokesperson, reason=" ")
    services.notice_reject(version=version, by=spokesperson, reason="Say sorry without conditions.")
    with pytest.raises(InvalidTransition):
        approve(version, spokesperson)
    assert "Rejected headline" not in public_titles(client)[0]


def test_withdrawn_text_is_never_public_again(incident, supervisor, spokesperson, client):
    first = approve(draft(incident, supervisor, title="Withdrawn headline"), spokesperson)
    services.notice_withdraw(notice=first.notice, by=spokesperson, reason="Wrong times given.")
    body, feed = public_titles(client)
    assert "Withdrawn headline" not in body
    assert "Withdrawn headline" not in feed
    assert client.get(f"/notices/{first.notice_id}/").status_code == 404
    approve(draft(incident, supervisor, title="Corrected headline"), spokesperson)
    page = client.get(f"/notices/{first.notice_id}/").content.decode()
    assert "Corrected headline" in page
    assert "Withdrawn headline" not in page


def test_only_a_spokesperson_withdraws(incident, supervisor, spokesperson):
    first = approve(draft(incident, supervisor), spokesperson)
    with pytest.raises(PermissionDenied):
        services.notice_withdraw(notice=first.notice, by=supervisor, reason="No.")


def test_text_changed_after_approval_is_not_shown(incident, supervisor, spokesperson, client):
    version = approve(draft(incident, supervisor), spokesperson)
    NoticeVersion.objects.filter(pk=version.pk).update(title="Changed behind the desk's back")
    body, feed = public_titles(client)
    assert "Changed behind" not in body
    assert "Changed behind" not in feed
    with pytest.raises(NotFound):
        publicity.public_notice(version.notice_id)


def test_notice_text_is_escaped_on_the_page_and_in_the_feed(incident, supervisor, spokesperson, client):
    version = approve(draft(incident, supervisor, title="<script>alert(1)</script> outage"), spokesperson)
    page = client.get(f"/notices/{version.notice_id}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    feed = client.get("/notices/feed/").content.decode()
    assert "<script>" not in feed
    assert "&lt;script&gt;" in feed


def test_a_resolved_incidents_notice_is_listed_as_past(incident, supervisor, spokesperson, client):
    approve(draft(incident, supervisor), spokesperson)
    incident.status = "resolved"
    incident.save()
    current, past = publicity.public_notices()
    assert current == []
    assert [p.incident for p in past] == [incident]


def test_public_pages_cost_a_few_queries(
    incident, supervisor, spokesperson, client, django_assert_max_num_queries
):
    first = approve(draft(incident, supervisor), spokesperson)
    for n in range(5):
        approve(draft(incident, supervisor, actions=f"Step {n}"), spokesperson)
    with django_assert_max_num_queries(4):
        client.get("/notices/")
    with django_assert_max_num_queries(4):
        client.get(f"/notices/{first.notice_id}/")
    with django_assert_max_num_queries(4):
        client.get("/notices/feed/")


def test_holding_statements_are_approved_word_for_word_and_versioned(supervisor, spokesperson):
    first = services.statement_draft(
        by=supervisor, title="Press enquiry", topic=StatementTopic.PRESS, body="We are looking into it."
    )
    with pytest.raises(PermissionDenied):
        services.statement_decide(
            statement=first, by=supervisor, approve=True, digest=publicity.statement_digest(first)
        )
    with pytest.raises(Conflict):
        services.statement_decide(statement=first, by=spokesperson, approve=True, digest="0" * 64)
    services.statement_decide(
        statement=first, by=spokesperson, approve=True, digest=publicity.statement_digest(first)
    )
    second = services.statement_draft(
        by=supervisor,
        title="Press enquiry",
        topic=StatementTopic.PRESS,
        body="We are sorry and fixing it.",
        key=first.key,
    )
    assert second.number == 2
    from amends.incidents.selectors import statements_suggested

    assert statements_suggested([StatementTopic.PRESS]) == [first]  # the draft is not suggested
    services.statement_decide(
        statement=second, by=spokesperson, approve=True, digest=publicity.statement_digest(second)
    )
    assert statements_suggested([StatementTopic.PRESS]) == [second]
    assert HoldingStatement.objects.get(pk=first.pk).state == TextState.RETIRED

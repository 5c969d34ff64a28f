"""The coach advises; it blocks a reply only where an administrator requires a minimum score."""

import json

import pytest

from amends.accounts.services import apikey_create
from amends.coaching.models import MinimumScore
from amends.coaching.services import ReplyBelowMinimum, coached_reply
from amends.complaints.models import Direction, Message, Severity

pytestmark = pytest.mark.django_db

WEAK = "We will look into it."
STRONG = (
    "Thank you for telling us, Jo. We sent the phone with a cracked screen, and that was our mistake; I'm "
    "sorry. Being without a working phone all week must have been stressful. I can send a new one by "
    "Thursday or refund you in full, whichever you prefer. Reply with your choice and I'll arrange it."
)
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "complaint"}


def outbound(complaint):
    return Message.objects.filter(complaint=complaint, direction=Direction.OUTBOUND, author__isnull=False)


def test_without_a_minimum_a_weak_reply_is_still_sent(complaint, agent):
    message = coached_reply(complaint=complaint, by=agent, body=WEAK)
    assert message.body.startswith(WEAK)


def test_a_reply_below_the_minimum_for_the_severity_is_refused_with_what_is_missing(complaint, agent):
    MinimumScore.objects.create(severity=Severity.NORMAL, minimum=70)
    with pytest.raises(ReplyBelowMinimum) as refused:
        coached_reply(complaint=complaint, by=agent, body=WEAK)
    assert "need at least 70" in refused.value.message
    assert "apology" in refused.value.message
    assert not outbound(complaint).exists()


def test_a_reply_that_meets_the_minimum_is_sent(complaint, agent):
    MinimumScore.objects.create(severity=Severity.NORMAL, minimum=70)
    assert coached_reply(complaint=complaint, by=agent, body=STRONG).body.startswith(STRONG)


def test_a_minimum_for_another_severity_or_switched_off_does_not_apply(complaint, agent):
    MinimumScore.objects.create(severity=Severity.CRITICAL, minimum=90)
    MinimumScore.objects.create(severity=Severity.NORMAL, minimum=90, is_active=False)
    assert coached_reply(complaint=complaint, by=agent, body=WEAK).body.startswith(WEAK)


def test_the_desk_shows_the_refusal_and_sends_nothing(client, agent, complaint):
    MinimumScore.objects.create(severity=Severity.NORMAL, minimum=70)
    client.force_login(agent)
    response = client.post(f"/desk/c/{complaint.reference}/compose/", {"kind": "reply", "body": WEAK}, **HTMX)
    assert response.status_code == 422
    assert "Not sent: this reply scores" in response.content.decode()
    assert not outbound(complaint).exists()


def test_notes_are_never_held_to_the_minimum(client, agent, complaint):
    MinimumScore.objects.create(severity=Severity.NORMAL, minimum=70)
    client.force_login(agent)
    response = client.post(f"/desk/c/{complaint.reference}/compose/", {"kind": "note", "body": WEAK}, **HTMX)
    assert response.status_code == 200
    assert Message.objects.filter(complaint=complaint, direction=Direction.INTERNAL, body=WEAK).exists()


def test_the_api_refuses_a_reply_below_the_minimum_with_422(client, agent, complaint):
    MinimumScore.objects.create(severity=Severity.NORMAL, minimum=70)
    key = apikey_create(user=agent)[1]
    response = client.post(
        f"/api/v1/complaints/{complaint.reference}/messages",
        json.dumps({"kind": "reply", "body": WEAK}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 422
    assert "need at least 70" in response.json()["detail"]
    assert not outbound(complaint).exists()


def test_the_minimum_shown_is_memoised_and_a_change_applies_at_once(settings, complaint, agent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from amends.coaching.services import minimum_score_shown
    from amends.core.memo import forget

    settings.AMENDS_CONFIG_CACHE_SECONDS = 60  # as deployed
    forget()
    assert minimum_score_shown(Severity.NORMAL) is None
    with CaptureQueriesContext(connection) as ctx:
        assert minimum_score_shown(Severity.NORMAL) is None
    assert len(ctx.captured_queries) == 0
    row = MinimumScore.objects.create(severity=Severity.NORMAL, minimum=70)
    assert minimum_score_shown(Severity.NORMAL) == 70
    row.delete()
    assert minimum_score_shown(Severity.NORMAL) is None
    # Sending never trusts the memo: a weak reply goes once the minimum is gone.
    MinimumScore.objects.create(severity=Severity.NORMAL, minimum=70)
    forget()
    minimum_score_shown(Severity.NORMAL)
    MinimumScore.objects.filter(severity=Severity.NORMAL).update(minimum=0)  # no signal: memo stale
    assert coached_reply(complaint=complaint, by=agent, body=WEAK).body.startswith(WEAK)
    forget()

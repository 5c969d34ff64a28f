"""What the desk's promises panel shows: promises, the policy and hours, a regime's clocks and
checklist, and commitments in the latest reply that are not recorded yet."""

from datetime import datetime
from typing import Any

from django.db.models import Min
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.messages import NEXT_STEPS_HEADING
from amends.complaints.models import Complaint, Direction, EventKind, Message

from . import regimes
from .commitments import Commitment, find_commitments
from .models import Promise, PromiseKind, PromiseSource, Regime
from .policies import hours_for_team, policy_for
from .selectors import promises_for_panel


def _iso_moments(complaint: Complaint) -> dict[str, Any]:
    firsts = dict(
        complaint.events.filter(kind__in=[EventKind.CATEGORISED, EventKind.NOTE, EventKind.MESSAGE_IN])
        .exclude(actor__isnull=True, kind=EventKind.NOTE)
        .values_list("kind")
        .annotate(first=Min("created_at"))
    )
    followed = complaint.events.filter(kind=EventKind.FEEDBACK, data__has_key="checkin").aggregate(
        first=Min("created_at")
    )["first"]
    return {
        "received": complaint.received_at,
        "acknowledged": complaint.acknowledged_at,
        "assessed": firsts.get(EventKind.CATEGORISED),
        "investigated": firsts.get(EventKind.NOTE),
        "responded": complaint.first_response_at,
        "decided": complaint.resolved_at if complaint.agreed_outcome else None,
        "closed": complaint.closed_at,
        "followed_up": followed,
    }


def suggestions_from(text: str, complaint: Complaint, *, said_at: datetime | None = None) -> list[Commitment]:
    """Commitments in ``text`` still ahead and not already recorded as promises on the complaint.

    Relative words ("by Friday") are read from ``said_at``, when the reply was written.
    """
    hours = hours_for_team(complaint.team_id)
    recorded = set(
        Promise.objects.filter(complaint=complaint, source=PromiseSource.AGENT).values_list(
            "due_at", flat=True
        )
    )
    now = timezone.now()
    found = find_commitments(text, now=said_at or now, hours=hours)
    return [c for c in found if c.due_at > now and c.due_at not in recorded]


def panel_context(complaint: Complaint, user: User, **extra: Any) -> dict[str, Any]:
    hours = hours_for_team(complaint.team_id)
    policy = policy_for(category_id=complaint.category_id, severity=complaint.severity)
    last_reply = (
        Message.objects.filter(complaint=complaint, direction=Direction.OUTBOUND, author__isnull=False)
        .order_by("-created_at")
        .first()
    )
    return {
        "complaint": complaint,
        "promises": promises_for_panel(complaint.pk),
        "policy": policy,
        "hours": hours.describe(),
        "regime": Regime(policy.regime).label if policy.regime else "",
        "response_kinds": _response_kinds(policy.regime),
        "iso_steps": regimes.iso_10002_steps(_iso_moments(complaint)) if policy.iso_10002 else [],
        # Only what the agent wrote: the "what happens next" lines are promises already.
        "suggestions": suggestions_from(
            last_reply.body.split(NEXT_STEPS_HEADING)[0], complaint, said_at=last_reply.created_at
        )
        if last_reply
        else [],
        "last_reply": last_reply,
        "kinds": [(k.value, k.label) for k in (PromiseKind.CUSTOM, PromiseKind.CALLBACK, PromiseKind.UPDATE)],
        "error": "",
        "notice": "",
        **extra,
    }


def _response_kinds(regime: str) -> list[tuple[str, str]]:
    kinds = [regimes.ResponseKind.FINAL]
    if regime in (Regime.FCA_DISP, Regime.FCA_DISP_PAYMENTS):
        kinds.append(regimes.ResponseKind.SUMMARY)
    if regime == Regime.FCA_DISP_PAYMENTS:
        kinds.append(regimes.ResponseKind.HOLDING)
    return [(k.value, k.label) for k in kinds]

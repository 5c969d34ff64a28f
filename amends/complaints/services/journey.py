"""Moving a complaint along its journey: state changes, assignment, categories, merges, escalation."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from amends.accounts.models import Role, Team, User
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied

from ..models import (
    Category,
    Complaint,
    Event,
    EventKind,
    Severity,
    State,
)
from ._base import SYSTEM, _locked, _move, _record, _require_staff_access


@transaction.atomic
def complaint_transition(
    *,
    complaint: Complaint,
    by: User | None,
    to_state: State,
    reason: str = "",
    agreed_outcome: str = "",
) -> Complaint:
    """Move ``complaint`` to ``to_state`` if the journey allows it, with the reason on the timeline.

    Resolving records ``agreed_outcome``. Merging has its own verb, ``complaint_merge``.
    Raises ``InvalidTransition`` with the states that are allowed instead. Closing first asks
    every guard in ``AMENDS_CLOSE_GUARDS``, any of which may refuse with an ``AmendsError``.
    """
    complaint = _locked(complaint)
    if to_state == State.MERGED:
        raise InvalidInput("Merge a complaint into another one with the merge action.", field="to_state")
    if to_state == State.CLOSED:
        _check_close_guards(complaint, by)
    if to_state == State.RESOLVED and agreed_outcome.strip():
        complaint.agreed_outcome = agreed_outcome.strip()
        complaint.save(update_fields=["agreed_outcome"])
    _move(complaint, to_state, by=by, reason=reason)
    return complaint


def _check_close_guards(complaint: Complaint, by: User | None) -> None:
    """Let higher apps refuse a close (a blameless review still owed, say) without an import.

    Each dotted path in ``AMENDS_CLOSE_GUARDS`` names a callable taking ``complaint`` (locked)
    and ``by``; it returns nothing to allow the close and raises an ``AmendsError`` to refuse it.
    """
    for path in settings.AMENDS_CLOSE_GUARDS:
        import_string(path)(complaint=complaint, by=by)


_SEVERITY_ORDER = [Severity.LOW, Severity.NORMAL, Severity.HIGH, Severity.CRITICAL]


@dataclass(frozen=True)
class Escalation:
    """One complaint to escalate on a rule's behalf, and why."""

    complaint: Complaint
    reason: str
    raise_severity: bool = False
    assignee: User | None = None
    data: dict[str, Any] = field(default_factory=dict)


def _escalation_events(item: Escalation, now: datetime) -> tuple[dict[str, Any], list[Event]]:
    complaint, events = item.complaint, []
    changes: dict[str, Any] = {}

    def event(kind: EventKind, reason: str, data: dict[str, Any]) -> Event:
        data = {**data, **item.data}
        return Event(
            complaint=complaint, kind=kind, actor_label=SYSTEM, reason=reason, data=data, created_at=now
        )

    if item.raise_severity and complaint.severity != Severity.CRITICAL:
        before = complaint.severity
        severity = _SEVERITY_ORDER[_SEVERITY_ORDER.index(Severity(before)) + 1]
        changes["severity"] = severity
        reason = f"Escalated to {severity.label.lower()} severity: {item.reason}"
        events.append(
            event(EventKind.ESCALATED, reason, {"before": {"severity": before}, "severity": severity})
        )
    if item.assignee is not None and item.assignee.pk != complaint.assignee_id:
        changes["assignee"] = item.assignee
        reason = f"Escalated to {item.assignee.display_name}: {item.reason}"
        data = {"before": {"assignee": complaint.assignee_id}, "assignee": item.assignee.pk}
        events.append(event(EventKind.ESCALATED, reason, data))
    return changes, events


def complaints_escalate(*, escalations: list[Escalation]) -> int:
    """Escalate complaints on rules' behalf: severity one step up, optionally a new assignee.

    For the promise sweep and surveys, acting for the organisation rather than a person, in a
    few statements however many there are. The caller owns the transaction and holds the
    complaints' locks. Each change goes on the timeline with its reason; returns how many
    complaints changed.
    """
    now = timezone.now()
    groups: dict[tuple[str | None, int | None], list[int]] = {}
    events: list[Event] = []
    for item in escalations:
        changes, item_events = _escalation_events(item, now)
        if not changes:
            continue
        events += item_events
        assignee = changes.get("assignee")
        key = (changes.get("severity"), assignee.pk if isinstance(assignee, User) else None)
        groups.setdefault(key, []).append(item.complaint.pk)
        for name, value in changes.items():
            setattr(item.complaint, name, value)
    for (severity, assignee_id), ids in groups.items():
        fields: dict[str, Any] = {"updated_at": now}
        if severity:
            fields["severity"] = severity
        if assignee_id:
            fields["assignee_id"] = assignee_id
        Complaint.objects.filter(pk__in=ids).update(**fields)
    Event.objects.bulk_create(events)
    return sum(len(ids) for ids in groups.values())


def complaint_escalate(
    *,
    complaint: Complaint,
    reason: str,
    raise_severity: bool = False,
    assignee: User | None = None,
    data: dict[str, Any] | None = None,
) -> Complaint:
    """Escalate one complaint on a rule's behalf; see ``complaints_escalate``."""
    complaints_escalate(escalations=[Escalation(complaint, reason, raise_severity, assignee, data or {})])
    return complaint


def complaint_set_urgency(*, complaint_id: int, urgency: int) -> None:
    """Record how urgent triage judges a complaint (0 to 100), for the inbox's urgent order.

    Derived data, recomputed whenever triage reads the complaint again: not a timeline event.
    """
    Complaint.objects.filter(pk=complaint_id).update(urgency=max(0, min(100, urgency)))


@transaction.atomic
def complaint_assign(
    *, complaint: Complaint, by: User, assignee: User | None, team: Team | None
) -> Complaint:
    """Give the complaint to a team and, optionally, one person in it.

    The assignee must belong to the team; only an administrator may move a complaint to a team
    they are not in themselves.
    """
    _require_staff_access(complaint, by)
    complaint = _locked(complaint)
    if team is not None and not by.sees_every_team and not by.teams.filter(pk=team.pk).exists():
        raise PermissionDenied(f"You are not in {team.name}; ask a supervisor there to take it.")
    if assignee is not None:
        if team is None:
            raise InvalidInput("Choose the team as well as the person.", field="team")
        if assignee.role == Role.SPOKESPERSON or not assignee.teams.filter(pk=team.pk).exists():
            raise InvalidInput(f"{assignee.display_name} is not an agent in {team.name}.", field="assignee")
    before = {"team": complaint.team_id, "assignee": complaint.assignee_id}
    complaint.team, complaint.assignee = team, assignee
    complaint.save(update_fields=["team", "assignee", "updated_at"])
    label = " / ".join(
        x for x in [team.name if team else "No team", assignee.display_name if assignee else ""] if x
    )
    _record(
        complaint,
        EventKind.ASSIGNED,
        by=by,
        reason=label,
        data={
            "before": before,
            "team": team.pk if team else None,
            "assignee": assignee.pk if assignee else None,
        },
    )
    return complaint


@transaction.atomic
def complaint_categorise(
    *, complaint: Complaint, by: User, category: Category | None, severity: Severity
) -> Complaint:
    """Set the category and severity, as a person judges them."""
    _require_staff_access(complaint, by)
    complaint = _locked(complaint)
    before = {"category": complaint.category_id, "severity": complaint.severity}
    complaint.category, complaint.severity = category, severity
    complaint.save(update_fields=["category", "severity", "updated_at"])
    _record(
        complaint,
        EventKind.CATEGORISED,
        by=by,
        reason=f"{category.name if category else 'No category'}, {Severity(severity).label.lower()} severity",
        data={
            "before": before,
            "category": category.pk if category else None,
            "severity": severity,
        },
    )
    return complaint


@transaction.atomic
def complaint_merge(*, source: Complaint, target: Complaint, by: User, reason: str = "") -> Complaint:
    """Fold ``source`` into ``target``: same customer's same problem, told twice.

    The source keeps its own timeline and points at the target; the target's timeline records the
    merge and the source's story, so nothing the customer said is lost.
    """
    _require_staff_access(source, by)
    _require_staff_access(target, by)
    if source.pk == target.pk:
        raise InvalidInput("A complaint cannot be merged into itself.", field="target")
    first, second = sorted([source.pk, target.pk])
    locked = {
        c.pk: c for c in Complaint.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]
    if target.state in (State.MERGED, State.SPAM):
        raise InvalidTransition(
            f"{target.reference} is {State(target.state).label.lower()}; merge into an open one."
        )
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    _move(source, State.MERGED, by=by, reason=reason or f"Merged into {target.reference}")
    _record(
        target,
        EventKind.MERGED,
        by=by,
        reason=reason or f"{source.reference} merged into this complaint",
        data={"source": source.reference, "story": source.story},
    )
    return target

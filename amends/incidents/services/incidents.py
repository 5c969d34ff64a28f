"""Opening and editing incidents, and deciding triage's suspected incidents."""

from dataclasses import dataclass, fields
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.models import Category, Severity
from amends.complaints.selectors import complaints_visible_to
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from amends.core.text import one_line
from amends.triage.models import IncidentStatus as SuspicionStatus
from amends.triage.models import SuspectedIncident

from ..models import Incident, IncidentStatus, LinkSource
from ..permissions import can_user_manage_incidents
from .links import links_add


@dataclass(frozen=True)
class IncidentInput:
    """What a person says about an incident when opening or editing it."""

    title: str
    what_happened: str
    impact: str = ""
    customer_summary: str = ""
    severity: Severity = Severity.HIGH
    owner: User | None = None
    category: Category | None = None
    match_words: str = ""
    next_update_at: datetime | None = None


def require_manager(by: User) -> None:
    if not can_user_manage_incidents(by):
        raise PermissionDenied("Only supervisors and administrators run incidents.")


def _validate(data: IncidentInput) -> None:
    if not data.title.strip():
        raise InvalidInput("Give the incident a title.", field="title")
    if len(data.title) > 200:
        raise InvalidInput("Keep the title under 200 characters.", field="title")
    if not data.what_happened.strip():
        raise InvalidInput("Say what happened, as far as you know.", field="what_happened")
    if len(data.match_words) > 300:
        raise InvalidInput("Keep the matching words under 300 characters.", field="match_words")
    if data.owner is not None and not data.owner.is_active:
        raise InvalidInput(f"{data.owner.display_name} is not active.", field="owner")


def _values(data: IncidentInput) -> dict[str, object]:
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    for name in ("title", "what_happened", "impact", "customer_summary", "match_words"):
        values[name] = str(values[name]).strip()
    return values


@transaction.atomic
def incident_open(*, data: IncidentInput, by: User, suspected: SuspectedIncident | None = None) -> Incident:
    """Open an incident, owned by ``data.owner`` (else ``by``). Raises ``PermissionDenied`` unless
    ``by`` runs incidents, ``InvalidInput`` naming the field at fault."""
    require_manager(by)
    _validate(data)
    values = _values(data)
    values["owner"] = data.owner or by
    return Incident.objects.create(**values, created_by=by, suspected=suspected)


@transaction.atomic
def incident_edit(*, incident: Incident, data: IncidentInput, by: User) -> Incident:
    """Change what is known about an incident (not its status: that changes with an update)."""
    require_manager(by)
    _validate(data)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    for name, value in _values(data).items():
        setattr(incident, name, value)
    incident.save()
    return incident


def incident_set_status(
    *, incident: Incident, status: IncidentStatus, next_update_at: datetime | None
) -> None:
    """Record the status an update announced; resolving stamps the time. The caller owns the
    transaction and has checked who may act."""
    changes: dict[str, object] = {
        "status": status,
        "next_update_at": next_update_at,
        "updated_at": timezone.now(),
    }
    if status == IncidentStatus.RESOLVED:
        changes["resolved_at"] = timezone.now()
        changes["next_update_at"] = None
    Incident.objects.filter(pk=incident.pk).update(**changes)


def incident_open_from_suspected(*, suspected: SuspectedIncident, by: User) -> Incident:
    """Confirm triage's suspected incident as an incident and link its complaints ``by`` can see.

    Raises ``InvalidTransition`` if it was already decided.
    """
    require_manager(by)
    with transaction.atomic():
        suspected = SuspectedIncident.objects.select_for_update().get(pk=suspected.pk)
        if suspected.status != SuspicionStatus.SUSPECTED:
            raise InvalidTransition("Someone already decided on this suspected incident.")
        data = IncidentInput(
            title=one_line(suspected.summary, 200),
            what_happened=f"Triage noticed similar complaints from different customers since "
            f"{timezone.localtime(suspected.first_at):%-d %B %H:%M}: {suspected.summary}",
            category=suspected.category,
        )
        incident = incident_open(data=data, by=by, suspected=suspected)
        ids = list(
            suspected.complaints.filter(pk__in=complaints_visible_to(by).values("pk"))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        links_add(incident=incident, complaint_ids=ids, by=by, source=LinkSource.SUSPECTED)
        _decide(suspected, SuspicionStatus.CONFIRMED, by)
    return incident


def suspected_dismiss(*, suspected: SuspectedIncident, by: User) -> None:
    """Dismiss triage's suspicion: these complaints are not one problem."""
    require_manager(by)
    with transaction.atomic():
        suspected = SuspectedIncident.objects.select_for_update().get(pk=suspected.pk)
        if suspected.status != SuspicionStatus.SUSPECTED:
            raise InvalidTransition("Someone already decided on this suspected incident.")
        _decide(suspected, SuspicionStatus.DISMISSED, by)


def _decide(suspected: SuspectedIncident, status: SuspicionStatus, by: User) -> None:
    # Triage raises suspicions and leaves deciding them to this app (see SuspectedIncident).
    suspected.status, suspected.decided_by = status, by
    suspected.save(update_fields=["status", "decided_by"])

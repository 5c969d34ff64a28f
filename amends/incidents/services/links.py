"""Linking complaints to incidents: by hand, in bulk from a search or a suspected incident, and
by suggestion when a new complaint matches an open incident (a person confirms)."""

from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints import services as complaint_services
from amends.complaints.models import Complaint, EventKind
from amends.complaints.search import filter_by_keywords
from amends.complaints.selectors import can_user_view_complaint, complaints_visible_to
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied

from ..letters import known_problem_letter, promises_told
from ..models import Incident, IncidentLink, LinkSource, LinkState
from ..permissions import can_user_link_complaints, can_user_manage_incidents
from ..publicity import public_notice_url

# A search that matches more than this is refused: narrow it, so nobody links half the desk by a typo.
MAX_SEARCH_LINKS = 50_000


def _require_open(incident: Incident) -> None:
    if not incident.is_open:
        raise InvalidTransition("This incident is resolved; open a new one for a new problem.")


def _require_can_link(by: User, complaint: Complaint) -> None:
    if not can_user_link_complaints(by) or not can_user_view_complaint(by, complaint):
        raise PermissionDenied("You cannot link a complaint outside your teams.")


def _record_linked(incident: Incident, complaint_ids: list[int], *, by: User | None, how: str) -> None:
    complaint_services.complaints_record_event(
        complaint_ids=complaint_ids,
        kind=EventKind.INCIDENT,
        by=by,
        reason=f"Linked to incident “{incident.title}” ({how})",
        data={"incident": incident.pk, "linked": True},
    )


@transaction.atomic
def links_add(*, incident: Incident, complaint_ids: list[int], by: User | None, source: LinkSource) -> int:
    """Link these complaints (already checked visible to ``by``): new rows, and suggestions made
    links. Complaints already linked or dismissed are left alone. Each newly linked complaint
    gets the link on its timeline. Returns how many were newly linked."""
    now = timezone.now()
    fresh: list[int] = []
    for start in range(0, len(complaint_ids), 5000):
        batch = complaint_ids[start : start + 5000]
        existing = set(
            IncidentLink.objects.filter(incident=incident, complaint_id__in=batch).values_list(
                "complaint_id", flat=True
            )
        )
        suggested = list(
            IncidentLink.objects.filter(
                incident=incident, complaint_id__in=batch, state=LinkState.SUGGESTED
            ).values_list("complaint_id", flat=True)
        )
        IncidentLink.objects.filter(incident=incident, complaint_id__in=suggested).update(
            state=LinkState.LINKED, decided_by=by, decided_at=now
        )
        new = [pk for pk in batch if pk not in existing]
        IncidentLink.objects.bulk_create(
            [
                IncidentLink(
                    incident=incident,
                    complaint_id=pk,
                    state=LinkState.LINKED,
                    source=source,
                    decided_by=by,
                    decided_at=now,
                    created_at=now,
                )
                for pk in new
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        fresh += suggested + new
    _record_linked(incident, fresh, by=by, how=LinkSource(source).label.lower())
    Incident.objects.filter(pk=incident.pk).update(updated_at=now)
    return len(fresh)


def incident_link(*, incident: Incident, complaint: Complaint, by: User, tell_customer: bool) -> IncidentLink:
    """Link one complaint by hand; with ``tell_customer``, email them that this is a known problem.

    Raises ``PermissionDenied`` for a complaint outside ``by``'s teams, ``InvalidTransition``
    for a resolved incident, ``InvalidInput`` if it is already linked.
    """
    _require_can_link(by, complaint)
    _require_open(incident)
    with transaction.atomic():
        link = IncidentLink.objects.select_for_update().filter(incident=incident, complaint=complaint).first()
        if link is not None and link.state == LinkState.LINKED:
            raise InvalidInput(f"{complaint.reference} is already linked to this incident.")
        if link is None:
            link = IncidentLink(incident=incident, complaint=complaint, source=LinkSource.HAND)
        return _confirm(link, by=by, tell_customer=tell_customer, how="by hand")


def _confirm(link: IncidentLink, *, by: User, tell_customer: bool, how: str) -> IncidentLink:
    link.state, link.decided_by, link.decided_at = LinkState.LINKED, by, timezone.now()
    link.save()
    _record_linked(link.incident, [link.complaint_id], by=by, how=how)
    if tell_customer:
        send_known_problem(link)
    return link


def send_known_problem(link: IncidentLink) -> None:
    """Email the customer that their complaint is part of a known problem, on its timeline."""
    complaint = Complaint.objects.select_related("customer", "team").get(pk=link.complaint_id)
    incident = link.incident
    subject, body = known_problem_letter(
        incident, complaint, promises_told([complaint.pk])[complaint.pk], public_notice_url(incident)
    )
    complaint_services.complaint_send_system_message(
        complaint=complaint,
        subject=subject,
        body=body,
        data={"incident": incident.pk, "known_problem": True},
    )


def link_confirm(*, link: IncidentLink, by: User) -> IncidentLink:
    """Confirm a suggested link: the complaint is linked and its customer is told it is a known
    problem. Raises ``PermissionDenied`` outside ``by``'s teams, ``InvalidTransition`` if the
    suggestion was already decided or the incident is resolved."""
    complaint = Complaint.objects.get(pk=link.complaint_id)
    _require_can_link(by, complaint)
    _require_open(link.incident)
    with transaction.atomic():
        link = IncidentLink.objects.select_for_update().select_related("incident").get(pk=link.pk)
        if link.state != LinkState.SUGGESTED:
            raise InvalidTransition("This suggestion was already decided.")
        return _confirm(link, by=by, tell_customer=True, how="suggestion confirmed")


@transaction.atomic
def link_dismiss(*, link: IncidentLink, by: User) -> IncidentLink:
    """Dismiss a suggested link; it is kept so the same complaint is not suggested again."""
    _require_can_link(by, Complaint.objects.get(pk=link.complaint_id))
    link = IncidentLink.objects.select_for_update().get(pk=link.pk)
    if link.state != LinkState.SUGGESTED:
        raise InvalidTransition("This suggestion was already decided.")
    link.state, link.decided_by, link.decided_at = LinkState.DISMISSED, by, timezone.now()
    link.save(update_fields=["state", "decided_by", "decided_at"])
    return link


@transaction.atomic
def link_remove(*, link: IncidentLink, by: User) -> None:
    """Unlink a complaint linked by mistake; the timeline says so. Updates already sent stay sent."""
    complaint = Complaint.objects.get(pk=link.complaint_id)
    _require_can_link(by, complaint)
    if link.state != LinkState.LINKED:
        raise InvalidTransition("Only a linked complaint can be unlinked.")
    link.delete()
    complaint_services.complaint_record_event(
        complaint=complaint,
        kind=EventKind.INCIDENT,
        by=by,
        reason=f"Unlinked from incident “{link.incident.title}”",
        data={"incident": link.incident_id, "linked": False},
    )


def incident_link_search(*, incident: Incident, by: User, query: str, open_only: bool = True) -> int:
    """Link every complaint ``by`` can see that matches a desk search (keywords or a reference).

    Raises ``PermissionDenied`` unless ``by`` runs incidents, ``InvalidInput`` for an empty
    search or one matching more than ``MAX_SEARCH_LINKS``. Returns how many were newly linked.
    """
    if not can_user_manage_incidents(by):
        raise PermissionDenied("Only supervisors and administrators link complaints in bulk.")
    _require_open(incident)
    ids = search_ids(user=by, query=query, open_only=open_only, limit=MAX_SEARCH_LINKS + 1)
    if len(ids) > MAX_SEARCH_LINKS:
        raise InvalidInput(f"That search matches more than {MAX_SEARCH_LINKS:,} complaints; narrow it.")
    return links_add(incident=incident, complaint_ids=ids, by=by, source=LinkSource.SEARCH)


def search_ids(*, user: User, query: str, open_only: bool, limit: int) -> list[int]:
    """Ids of complaints ``user`` can see matching ``query``, lowest first, at most ``limit``."""
    if not query.strip():
        raise InvalidInput("Type words to search for, or a complaint reference.", field="q")
    from amends.complaints.models import OPEN_STATES

    qs = filter_by_keywords(complaints_visible_to(user), query)
    if open_only:
        qs = qs.filter(state__in=sorted(OPEN_STATES))
    return list(qs.order_by("pk").values_list("pk", flat=True)[:limit])


def link_suggest(
    *, incident: Incident, complaint_id: int, why: str, similarity: float | None
) -> IncidentLink | None:
    """Suggest linking a new complaint; ``None`` if it is already linked, suggested or dismissed."""
    link, created = IncidentLink.objects.get_or_create(
        incident=incident,
        complaint_id=complaint_id,
        defaults={
            "state": LinkState.SUGGESTED,
            "source": LinkSource.MATCH,
            "why": why[:300],
            "similarity": similarity,
        },
    )
    return link if created else None

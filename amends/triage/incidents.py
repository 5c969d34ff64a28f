"""Raising a suspected incident when many customers complain of the same thing at once."""

from django.conf import settings
from django.db.models import Max, Min

from amends.core.text import one_line

from .models import ComplaintTriage, IncidentStatus, SuspectedIncident, SuspectedIncidentComplaint
from .neighbours import Match


def raise_if_burst(*, triage: ComplaintTriage, matches: list[Match]) -> SuspectedIncident | None:
    """Open (or grow) a suspected incident when ``triage``'s complaint completes a burst.

    A burst is at least ``AMENDS_TRIAGE_INCIDENT_SIZE`` complaints from different customers,
    close in meaning, within ``AMENDS_TRIAGE_INCIDENT_HOURS``. A suspected incident already
    holding any of them is grown rather than a second one raised. Runs inside the caller's
    transaction.
    """
    if len(matches) + 1 < settings.AMENDS_TRIAGE_INCIDENT_SIZE:
        return None
    ids = [m.complaint_id for m in matches]
    incident = (
        SuspectedIncident.objects.filter(
            status=IncidentStatus.SUSPECTED, suspectedincidentcomplaint__complaint_id__in=[*ids, triage.pk]
        )
        .order_by("-last_at")
        .first()
    )
    if incident is None:
        incident = SuspectedIncident.objects.create(
            category_id=triage.category_id,
            summary=one_line(triage.complaint.summary, 200),
            first_at=triage.received_at,
            last_at=triage.received_at,
        )
    similarity = {m.complaint_id: m.similarity for m in matches}
    similarity[triage.pk] = 1.0
    SuspectedIncidentComplaint.objects.bulk_create(
        [
            SuspectedIncidentComplaint(incident=incident, complaint_id=pk, similarity=s)
            for pk, s in similarity.items()
        ],
        ignore_conflicts=True,
    )
    span = ComplaintTriage.objects.filter(complaint__in=incident.complaints.all()).aggregate(
        first=Min("received_at"), last=Max("received_at")
    )
    incident.first_at, incident.last_at = span["first"], span["last"]
    incident.save(update_fields=["first_at", "last_at"])
    return incident

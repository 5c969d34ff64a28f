"""The incidents' part of `amends sweep`: resume updates and gestures whose sending stalled.

A worker that dies mid-batch leaves its rows pending (the batch rolled back) and its task
unfinished. An update or gesture that has made no progress for ``AMENDS_INCIDENT_STALLED_MINUTES``
is queued again; rows already sent are never sent twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import services
from .models import IncidentGesture, IncidentUpdate


@dataclass
class IncidentSweepReport:
    resumed: int = 0

    def __str__(self) -> str:
        return f"{self.resumed} stalled sends resumed"


def sweep_incidents(*, now: datetime | None = None) -> IncidentSweepReport:
    """Queue again every unfinished update and gesture with no progress for a while."""
    now = now or timezone.now()
    stalled_before = now - timedelta(minutes=settings.AMENDS_INCIDENT_STALLED_MINUTES)
    stalled = Q(finished_at__isnull=True) & (
        Q(progressed_at__lt=stalled_before) | Q(progressed_at__isnull=True, created_at__lt=stalled_before)
    )
    report = IncidentSweepReport()
    for update in IncidentUpdate.objects.filter(stalled)[:100]:
        services.update_resume(update=update, by=None)
        report.resumed += 1
    for gesture in IncidentGesture.objects.filter(stalled)[:100]:
        services.gesture_resume(gesture=gesture, by=None)
        report.resumed += 1
    return report

"""A blanket goodwill gesture for every linked complaint, granted under the remedies' rules.

Each complaint's gesture goes through ``remedies.services.remedy_grant`` as the person who
ordered it, so their authority limits, budgets and approvals apply complaint by complaint:
within authority it is granted; above it an approval request goes to the next level; outside
their teams, or on a closed-to-remedies complaint, it is refused with the reason. Like updates,
it runs in background batches over one row per (gesture, complaint), and the grant's key makes a
repeated batch grant nothing twice.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.models import Complaint
from amends.core.errors import AmendsError, InvalidInput, InvalidTransition
from amends.core.tasks import enqueue_on_commit
from amends.remedies import services as remedy_services
from amends.remedies.models import Remedy

from ..models import GestureGrant, GestureOutcome, Incident, IncidentGesture, IncidentLink, LinkState
from .incidents import require_manager
from .updates import batch_size


def incident_gesture_grant(
    *, incident: Incident, by: User, remedy: Remedy, amount: str | Decimal | None, wording: str = ""
) -> IncidentGesture:
    """Grant ``remedy`` to every linked complaint, as ``by``, in the background.

    Raises ``PermissionDenied`` unless ``by`` runs incidents, ``InvalidInput`` for a remedy no
    longer in the catalogue or an amount the catalogue refuses, ``InvalidTransition`` when the
    incident has no linked complaints.
    """
    require_manager(by)
    if not remedy.is_active:
        raise InvalidInput(f"{remedy.name} is no longer in the catalogue.", field="remedy")
    value = remedy_services.remedy_money(remedy, amount)
    with transaction.atomic():
        if not IncidentLink.objects.filter(incident=incident, state=LinkState.LINKED).exists():
            raise InvalidTransition("Link the affected complaints first.")
        gesture = IncidentGesture.objects.create(
            incident=incident,
            remedy=remedy,
            amount=value.amount,
            wording=wording.strip()[:300],
            granted_by=by,
        )
        from ..tasks import prepare_gesture

        enqueue_on_commit(prepare_gesture, gesture.pk)
    return gesture


def gesture_prepare(*, gesture_id: int) -> IncidentGesture | None:
    """Write one row per linked complaint in batches and queue each batch; safe to run again."""
    from ..tasks import grant_gesture_batch

    gesture = IncidentGesture.objects.filter(pk=gesture_id).first()
    if gesture is None or gesture.finished_at is not None:
        return gesture
    if gesture.prepared_at is not None:
        rows = GestureGrant.objects.filter(gesture=gesture, outcome=GestureOutcome.PENDING)
        ids = list(rows.order_by("complaint_id").values_list("complaint_id", flat=True))
    else:
        links = IncidentLink.objects.filter(incident_id=gesture.incident_id, state=LinkState.LINKED)
        ids = list(links.order_by("complaint_id").values_list("complaint_id", flat=True))
        IncidentGesture.objects.filter(pk=gesture.pk).update(total=len(ids))
    size = batch_size()
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        with transaction.atomic():
            GestureGrant.objects.bulk_create(
                [GestureGrant(gesture_id=gesture.pk, complaint_id=pk) for pk in batch], ignore_conflicts=True
            )
            enqueue_on_commit(grant_gesture_batch, gesture.pk, batch[0], batch[-1])
    IncidentGesture.objects.filter(pk=gesture.pk, prepared_at__isnull=True).update(prepared_at=timezone.now())
    _finish_if_done(gesture.pk)
    gesture.refresh_from_db()
    return gesture


def gesture_grant_batch(*, gesture_id: int, first: int, last: int) -> int:
    """Grant the pending gestures for complaints ``first`` to ``last`` (ids), in one transaction."""
    with transaction.atomic():
        gesture = IncidentGesture.objects.select_related("remedy", "granted_by", "incident").get(
            pk=gesture_id
        )
        rows = list(
            GestureGrant.objects.select_for_update(skip_locked=True)
            .filter(
                gesture=gesture,
                outcome=GestureOutcome.PENDING,
                complaint_id__gte=first,
                complaint_id__lte=last,
            )
            .order_by("complaint_id")
        )
        if not rows:
            return 0
        complaints = Complaint.objects.select_related("customer").in_bulk([r.complaint_id for r in rows])
        for row in rows:
            _grant_one(gesture, row, complaints.get(row.complaint_id))
        GestureGrant.objects.bulk_update(rows, ["outcome", "note", "done_at"])
        counts = {o: sum(1 for r in rows if r.outcome == o) for o in GestureOutcome}
        IncidentGesture.objects.filter(pk=gesture.pk).update(
            granted=F("granted") + counts[GestureOutcome.GRANTED],
            waiting=F("waiting") + counts[GestureOutcome.WAITING],
            refused=F("refused") + counts[GestureOutcome.REFUSED],
            progressed_at=timezone.now(),
        )
    _finish_if_done(gesture.pk)
    return len(rows)


def _grant_one(gesture: IncidentGesture, row: GestureGrant, complaint: Complaint | None) -> None:
    row.done_at = timezone.now()
    if complaint is None:
        row.outcome, row.note = GestureOutcome.REFUSED, "The complaint no longer exists."
        return
    try:
        outcome = remedy_services.remedy_grant(
            by=gesture.granted_by,
            complaint=complaint,
            remedy=gesture.remedy,
            amount=gesture.amount,
            wording=gesture.wording or f"{gesture.remedy.wording}, for “{gesture.incident.title}”",
            key=f"incident-gesture:{gesture.pk}:{complaint.pk}",
        )
    except AmendsError as exc:
        row.outcome, row.note = GestureOutcome.REFUSED, exc.message[:300]
        return
    row.outcome = GestureOutcome.GRANTED if outcome.grant is not None else GestureOutcome.WAITING
    row.note = outcome.words[:300]


def _finish_if_done(gesture_id: int) -> None:
    IncidentGesture.objects.filter(
        pk=gesture_id,
        finished_at__isnull=True,
        prepared_at__isnull=False,
        granted__gte=F("total") - F("waiting") - F("refused"),
    ).update(finished_at=timezone.now())


def gesture_resume(*, gesture: IncidentGesture, by: User | None) -> None:
    """Queue an unfinished gesture again; what was granted is never granted twice."""
    if by is not None:
        require_manager(by)
    if gesture.finished_at is not None:
        return
    from ..tasks import prepare_gesture

    IncidentGesture.objects.filter(pk=gesture.pk).update(progressed_at=timezone.now())
    enqueue_on_commit(prepare_gesture, gesture.pk)

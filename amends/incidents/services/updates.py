"""One update to every linked complainant, sent in background batches that never repeat.

``incident_update_send`` records the update and queues its preparation. Preparation writes one
delivery row per linked complaint (unique per update and complaint) in batches, and queues one
task per batch. A batch locks its pending rows, records the personal message on each complaint's
timeline, queues the emails and marks the rows sent, in one transaction: a crash rolls the whole
batch back, and running it again sends only what is still pending. Nobody gets an update twice.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints import services as complaint_services
from amends.complaints.models import OPEN_STATES, Complaint, State
from amends.complaints.selectors import complaints_visible_to
from amends.core.errors import AmendsError, InvalidInput, InvalidTransition, PermissionDenied
from amends.core.tasks import enqueue_on_commit

from ..letters import promises_told, update_letter
from ..models import (
    DeliveryState,
    Incident,
    IncidentDelivery,
    IncidentLink,
    IncidentStatus,
    IncidentUpdate,
    LinkState,
)
from ..publicity import public_notice_url
from .incidents import incident_set_status, require_manager

# Complaints that no longer take messages: their story goes on in another complaint, or nowhere.
NOT_WRITTEN_TO = frozenset({State.MERGED, State.SPAM, State.WITHDRAWN})
MAX_BODY = 10_000


def batch_size() -> int:
    return max(1, int(settings.AMENDS_INCIDENT_BATCH))


def _check_reach(incident: Incident, by: User) -> None:
    """``by`` must be able to see every linked complaint: an update speaks for each of them."""
    if by.sees_every_team:
        return
    hidden = (
        IncidentLink.objects.filter(incident=incident, state=LinkState.LINKED)
        .exclude(complaint__in=complaints_visible_to(by))
        .exists()
    )
    if hidden:
        raise PermissionDenied(
            "Some linked complaints belong to teams you are not in; ask an administrator to send this update."
        )


def _validate(incident: Incident, body: str, status: IncidentStatus, resolves: bool) -> None:
    if not incident.is_open:
        raise InvalidTransition("This incident is resolved; its last update has been sent.")
    if not body.strip():
        raise InvalidInput("Write the update.", field="body")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"Keep the update under {MAX_BODY:,} characters.", field="body")
    if resolves and status != IncidentStatus.RESOLVED:
        raise InvalidInput(
            "Resolve the incident in the same update that resolves its complaints.", field="status"
        )


def incident_update_send(
    *,
    incident: Incident,
    by: User,
    body: str,
    status: IncidentStatus,
    next_update_at: datetime | None = None,
    resolve_complaints: bool = False,
    agreed_outcome: str = "",
) -> IncidentUpdate:
    """Send one update to every linked complainant, personalised, and set the incident's status.

    The update is recorded at once and sent in the background (see the module). With
    ``resolve_complaints`` (only when the update resolves the incident) each open linked
    complaint is resolved with ``agreed_outcome`` after its letter is recorded. Raises
    ``PermissionDenied`` unless ``by`` runs incidents and can see every linked complaint,
    ``InvalidInput`` for an empty or overlong update, ``InvalidTransition`` if already resolved.
    """
    require_manager(by)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        _validate(incident, body, status, resolve_complaints)
        _check_reach(incident, by)
        update = IncidentUpdate.objects.create(
            incident=incident,
            body=body.strip(),
            status=status,
            next_update_at=None if status == IncidentStatus.RESOLVED else next_update_at,
            resolves_complaints=resolve_complaints,
            agreed_outcome=agreed_outcome.strip() if resolve_complaints else "",
            sent_by=by,
        )
        incident_set_status(incident=incident, status=status, next_update_at=update.next_update_at)
        from ..tasks import prepare_update

        enqueue_on_commit(prepare_update, update.pk)
    return update


def _batches(ids: list[int]) -> list[list[int]]:
    size = batch_size()
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def update_prepare(*, update_id: int) -> IncidentUpdate | None:
    """Write the delivery rows of an update in batches and queue each batch. Safe to run again:
    rows already written are kept, and batches already sent find nothing pending."""
    from ..tasks import send_update_batch

    update = IncidentUpdate.objects.filter(pk=update_id).first()
    if update is None or update.finished_at is not None:
        return update
    if update.prepared_at is not None:
        ids = pending_ids(update)
    else:
        ids = list(
            IncidentLink.objects.filter(incident_id=update.incident_id, state=LinkState.LINKED)
            .order_by("complaint_id")
            .values_list("complaint_id", flat=True)
        )
        IncidentUpdate.objects.filter(pk=update.pk).update(total=len(ids))
    for batch in _batches(ids):
        with transaction.atomic():
            IncidentDelivery.objects.bulk_create(
                [IncidentDelivery(update_id=update.pk, complaint_id=pk) for pk in batch],
                ignore_conflicts=True,
            )
            enqueue_on_commit(send_update_batch, update.pk, batch[0], batch[-1])
    IncidentUpdate.objects.filter(pk=update.pk, prepared_at__isnull=True).update(prepared_at=timezone.now())
    _finish_if_done(update.pk)
    update.refresh_from_db()
    return update


def pending_ids(update: IncidentUpdate) -> list[int]:
    return list(
        IncidentDelivery.objects.filter(update=update, state=DeliveryState.PENDING)
        .order_by("complaint_id")
        .values_list("complaint_id", flat=True)
    )


def update_send_batch(*, update_id: int, first: int, last: int) -> int:
    """Send the pending deliveries of an update for complaints ``first`` to ``last`` (ids).

    One transaction: the messages, timeline events, queued emails, rows marked sent and the
    progress counters commit together or not at all. Rows another worker holds are skipped
    (it is sending them). Returns how many rows this call settled.
    """
    with transaction.atomic():
        update = IncidentUpdate.objects.select_related("incident").get(pk=update_id)
        rows = list(
            IncidentDelivery.objects.select_for_update(skip_locked=True)
            .filter(
                update=update, state=DeliveryState.PENDING, complaint_id__gte=first, complaint_id__lte=last
            )
            .order_by("complaint_id")
        )
        if not rows:
            return 0
        sent, skipped = _send_rows(update, rows)
        IncidentUpdate.objects.filter(pk=update.pk).update(
            sent=F("sent") + sent, skipped=F("skipped") + skipped, progressed_at=timezone.now()
        )
    _finish_if_done(update.pk)
    return sent + skipped


def _send_rows(update: IncidentUpdate, rows: list[IncidentDelivery]) -> tuple[int, int]:
    complaints = Complaint.objects.select_related("customer").in_bulk([r.complaint_id for r in rows])
    messages = complaint_services.complaints_send_system_messages(items=_letters(update, rows, complaints))
    for row in rows:
        if row.state == DeliveryState.PENDING:
            was_sent = messages.get(row.complaint_id) is not None
            row.state = DeliveryState.SENT if was_sent else DeliveryState.SKIPPED
            row.note = "" if was_sent else "Not sent: no working email address (a note is on the complaint)"
    _save_states(rows, timezone.now())
    if update.resolves_complaints:
        _resolve(update, [complaints[r.complaint_id] for r in rows if r.state == DeliveryState.SENT])
    sent = sum(1 for r in rows if r.state == DeliveryState.SENT)
    return sent, len(rows) - sent


def _letters(
    update: IncidentUpdate, rows: list[IncidentDelivery], complaints: dict[int, Complaint]
) -> list[complaint_services.SystemMessage]:
    """Each pending row's personal letter; rows of complaints no longer written to are skipped."""
    promises = promises_told(list(complaints))
    notice_url = public_notice_url(update.incident)
    items = []
    for row in rows:
        complaint = complaints.get(row.complaint_id)
        if complaint is None or complaint.state in NOT_WRITTEN_TO:
            row.state = DeliveryState.SKIPPED
            row.note = "Not written to: the complaint is " + (
                State(complaint.state).label.lower() if complaint else "gone"
            )
            continue
        subject, body = update_letter(update, complaint, promises.get(complaint.pk, []), notice_url)
        data = {"incident": update.incident_id, "incident_update": update.pk}
        items.append(complaint_services.SystemMessage(complaint, subject, body, data))
    return items


def _save_states(rows: list[IncidentDelivery], now: datetime) -> None:
    """Mark the rows done: one statement per outcome, not one per row."""
    groups: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        groups.setdefault((row.state, row.note), []).append(row.pk)
    for (state, note), ids in groups.items():
        IncidentDelivery.objects.filter(pk__in=ids).update(state=state, note=note, done_at=now)


def _resolve(update: IncidentUpdate, complaints: list[Complaint]) -> None:
    for complaint in complaints:
        if complaint.state not in OPEN_STATES:
            continue
        try:
            complaint_services.complaint_transition(
                complaint=complaint,
                by=update.sent_by,
                to_state=State.RESOLVED,
                reason=f"Resolved with incident “{update.incident.title}”",
                agreed_outcome=update.agreed_outcome,
            )
        except AmendsError:
            continue  # a state that cannot be resolved from stays as it is; the letter was sent


def _finish_if_done(update_id: int) -> None:
    IncidentUpdate.objects.filter(
        pk=update_id,
        finished_at__isnull=True,
        prepared_at__isnull=False,
        sent__gte=F("total") - F("skipped"),
    ).update(finished_at=timezone.now())


def update_resume(*, update: IncidentUpdate, by: User | None) -> int:
    """Queue an unfinished update again (after a worker died mid-send): its preparation, which
    queues every batch still pending. Rows already sent are never sent again. ``by`` is None
    when the sweep resumes it. Returns how many complaints are still waiting."""
    if by is not None:
        require_manager(by)
    if update.finished_at is not None:
        return 0
    from ..tasks import prepare_update

    IncidentUpdate.objects.filter(pk=update.pk).update(progressed_at=timezone.now())
    enqueue_on_commit(prepare_update, update.pk)
    return update.total - update.done

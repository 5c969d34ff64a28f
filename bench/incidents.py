"""One incident update to 10,000 linked complaints: `python bench/incidents.py [--linked N]`.

Uses the complaints of the shared benchmark database (amends_bench, PostgreSQL; run bench/run.py
first to fill it). Links N complaints to a new incident, sends one update to all of them and
prints `metric: value unit` lines for

- linking them (one bulk link, each link on its complaint's timeline),
- queueing the update (the update row, N delivery rows, one task per batch), and
- recording it (every batch as a worker runs it: a personal message and a timeline event per
  complaint, the emails queued for delivery, the rows marked sent),

then runs everything again to show nobody is sent the update twice, and removes every row it
added (messages, events, tasks, the incident). The email sending itself is not timed: that is the
mail server's speed. Also wired into bench/run.py as `--only incidents`.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/amends_bench"
TASKS = [
    "amends.incidents.tasks.prepare_update",
    "amends.incidents.tasks.send_update_batch",
    "amends.complaints.tasks.deliver_messages",
]


def run(linked: int) -> None:
    """Measure on the database Django is set up with; leaves it as it found it."""
    from django.utils import timezone

    from amends.complaints.models import Complaint

    ids = list(Complaint.objects.order_by("-pk").values_list("pk", flat=True)[:linked])
    if len(ids) < linked:
        raise SystemExit(f"Only {len(ids)} complaints in the database; fill it with bench/run.py first.")
    started_at = timezone.now()
    user, made_user = _admin()
    incident = None
    try:
        incident = _measure(ids, user)
    finally:
        _clean_up(incident, ids, started_at, user if made_user else None)


def _admin():
    from amends.accounts.models import Role, User

    user = User.objects.filter(username="bench-incidents").first()
    if user is not None:
        return user, False
    return User.objects.create_user("bench-incidents", role=Role.ADMIN, is_superuser=True), True


def _measure(ids: list[int], user):
    from django.urls import reverse

    from amends.incidents import services
    from amends.incidents.models import IncidentStatus, LinkSource

    reverse("desk:inbox")  # a worker has its URLs loaded long before it sends anything

    incident = services.incident_open(
        data=services.IncidentInput(title="Bench: card payments declined", what_happened="Bench run."),
        by=user,
    )
    started = time.perf_counter()
    services.links_add(incident=incident, complaint_ids=ids, by=user, source=LinkSource.SEARCH)
    print(f"incident_link_{len(ids)}: {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    update = services.incident_update_send(
        incident=incident,
        by=user,
        body="We found the cause and are fixing it.",
        status=IncidentStatus.IDENTIFIED,
    )
    services.update_prepare(update_id=update.pk)  # what the worker's first task does
    queued = time.perf_counter() - started
    print(f"incident_update_queue: {queued:.2f} s")

    started = time.perf_counter()
    for first, last in _batches(update):
        services.update_send_batch(update_id=update.pk, first=first, last=last)
    recorded = time.perf_counter() - started
    update.refresh_from_db()
    print(f"incident_update_record: {recorded:.2f} s")
    print(f"incident_update_total: {queued + recorded:.2f} s")
    print(f"incident_update_rate: {update.done / (queued + recorded):.0f} complaints/s")
    print(f"incident_update_sent: {update.sent} complaints (skipped {update.skipped})")

    started = time.perf_counter()
    services.update_prepare(update_id=update.pk)
    again = sum(
        services.update_send_batch(update_id=update.pk, first=f, last=lt)
        for f, lt in _batches(update, all_rows=True)
    )
    print(f"incident_update_rerun_sent: {again} complaints")
    print(f"incident_update_rerun: {time.perf_counter() - started:.2f} s")
    return incident


def _batches(update, *, all_rows: bool = False) -> list[tuple[int, int]]:
    from amends.incidents.models import DeliveryState, IncidentDelivery
    from amends.incidents.services.updates import batch_size

    rows = IncidentDelivery.objects.filter(update=update)
    if not all_rows:
        rows = rows.filter(state=DeliveryState.PENDING)
    ids = list(rows.order_by("complaint_id").values_list("complaint_id", flat=True))
    size = batch_size()
    return [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]


def _clean_up(incident, ids: list[int], started_at, user) -> None:
    """Remove what the run added: messages (and their events), link events, tasks, the incident."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from amends.complaints.models import Event, EventKind, Message

    started = time.perf_counter()
    with transaction.atomic():
        if incident is not None:
            message_ids = list(
                Event.objects.filter(
                    complaint_id__in=ids,
                    kind=EventKind.MESSAGE_OUT,
                    created_at__gte=started_at,
                    data__incident=incident.pk,
                ).values_list("message_id", flat=True)
            )
            # One message per complaint sent to, however often the batches ran.
            print(f"incident_update_messages: {len(message_ids)} rows")
            for i in range(0, len(message_ids), 5000):
                chunk = message_ids[i : i + 5000]
                Event.objects.filter(message_id__in=chunk)._raw_delete(Event.objects.db)
                Message.objects.filter(pk__in=chunk)._raw_delete(Message.objects.db)
            for i in range(0, len(ids), 5000):
                ours = Event.objects.filter(complaint_id__in=ids[i : i + 5000], created_at__gte=started_at)
                ours.filter(kind=EventKind.INCIDENT, data__incident=incident.pk)._raw_delete(Event.objects.db)
                ours.filter(kind=EventKind.NOTE, data__incident=incident.pk)._raw_delete(Event.objects.db)
            incident.delete()
        DBTaskResult.objects.filter(task_path__in=TASKS, enqueued_at__gte=started_at).delete()
        if user is not None:
            user.delete()
    print(f"incident_cleanup: {time.perf_counter() - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("AMENDS_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--linked", type=int, default=10_000, help="Complaints linked to the incident.")
    args = parser.parse_args()

    from bench.setup import start_django

    start_django(args.database_url, TASKS_BACKEND="database", EMAIL_BACKEND="locmem")
    from django.core.management import call_command

    call_command("migrate", "incidents", interactive=False, verbosity=0)
    from django.db import connection

    print(f"database: {connection.vendor}")
    run(args.linked)


if __name__ == "__main__":
    main()

"""The promise sweep at scale: `python bench/promises.py [--open N] [--due N] [--fresh]`.

Builds (once, kept between runs) a PostgreSQL database of N open complaints, each with an open
promise whose wake time lies ahead, then prints `metric: value unit` lines for

- one sweep of due timers when nothing is due (the common case, run every minute), and
- one sweep that finds M promises due at once (reminders, escalations, broken promises renewed),
  run inside a transaction that is rolled back, so every run starts from the same data.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/amends_bench_promises"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("AMENDS_BENCH_PROMISES_URL", DEFAULT_URL))
    parser.add_argument("--open", type=int, default=1_000_000, help="Open complaints, each with a promise.")
    parser.add_argument("--due", type=int, default=10_000, help="Promises due at once in the second run.")
    parser.add_argument("--runs", type=int, default=50, help="Empty sweeps to time.")
    parser.add_argument("--fresh", action="store_true", help="Drop and rebuild the database.")
    args = parser.parse_args()

    from bench.setup import start_django

    start_django(args.database_url, fresh=args.fresh, TASKS_BACKEND="database", EMAIL_BACKEND="locmem")
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from amends.complaints.models import OPEN_STATES, Complaint

    have = Complaint.objects.filter(state__in=OPEN_STATES).count()
    if have < args.open:
        started = time.perf_counter()
        build(args.open - have)
        print(f"generate_rate: {(args.open - have) / (time.perf_counter() - started):.0f} complaints/s")
    print(f"open_complaints: {Complaint.objects.filter(state__in=OPEN_STATES).count()} rows")
    measure_empty(args.runs)
    measure_due(args.due)


def build(n: int, *, seed: int = 7) -> None:
    """Add ``n`` open complaints, each with one open update promise waking 1 to 30 days ahead."""
    from django.db import connection, transaction

    from amends.complaints.models import Complaint
    from bench import generate

    rng = random.Random(seed)
    _, categories, staff = generate.organisation()
    agents = {a.teams.get().pk: a.pk for a in staff if a.role == "agent"}
    now = datetime.now(tz=UTC)
    first = (Complaint.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    customer = generate._next_id("complaints_customer")
    with transaction.atomic():
        generate.insert(
            "complaints_customer",
            [
                "id",
                "name",
                "organisation",
                "preferred_contact_method",
                "preferred_contact_time",
                "created_at",
            ],
            [(customer, "Bench customer", "", "email", "", now)],
        )
        generate.insert(
            "complaints_contactpoint", ["customer_id", "kind", "value", "is_primary", "created_at"],
            [(customer, "email", f"bench{customer}@example.net", True, now)],
        )  # fmt: skip
        for chunk in generate._chunks(n):
            rows = []
            for i in chunk:
                category = rng.choice(categories)
                wake = now + timedelta(days=1, minutes=rng.randint(0, 29 * 24 * 60))
                rows.append((first + i, category, wake))
            _write(rows, customer, agents, now)
            print(f"\r  generated {chunk.stop:,}/{n:,}", end="", file=sys.stderr, flush=True)
        generate._finish(first + n - 1)
    print(file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _write(rows, customer, agents, now) -> None:
    from bench import generate

    generate.insert(
        "complaints_complaint",
        ["id", "reference", "customer_id", "channel", "category_id", "severity", "state", "team_id",
         "assignee_id", "summary", "story", "outcome_sought", "agreed_outcome", "preferred_contact_method",
         "preferred_contact_time", "received_at", "due_at", "updated_at"],
        ((pk, f"C-B-{pk:08d}", customer, "web", c.pk, "normal", "in_progress", c.team_id, agents[c.team_id],
          f"Bench complaint {pk}", "A parcel arrived late.", "", "", "email", "", now,
          wake - timedelta(hours=8), now)
         for pk, c, wake in rows),
    )  # fmt: skip
    generate.insert(
        "promises_promise",
        ["complaint_id", "kind", "description", "due_at", "target_at", "state", "created_at", "wake_at",
         "source", "visible", "pausable", "outcome_note", "attempt"],
        ((pk, "update", "We write to you with an update", wake + timedelta(hours=8),
          wake - timedelta(hours=8), "open", now, wake, "policy", True, True, "", 1) for pk, c, wake in rows),
    )  # fmt: skip


def measure_empty(runs: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from amends.promises.sweep import sweep_promises
    from amends.surveys.sweep import sweep_surveys

    times, queries = [], 0
    for i in range(runs + 3):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            report = sweep_promises()
            sweep_surveys()
            elapsed = (time.perf_counter() - started) * 1000
        if report.promises:
            raise SystemExit(f"expected nothing due, found {report.promises}")
        if i >= 3:
            times.append(elapsed)
            queries = max(queries, len(ctx.captured_queries))
    print(f"sweep_nothing_due_p50: {statistics.median(times):.2f} ms")
    print(f"sweep_nothing_due_max: {max(times):.2f} ms")
    print(f"sweep_nothing_due_queries: {queries} queries")


SET_TIMES = "UPDATE promises_promise SET due_at = %s, target_at = %s, wake_at = %s WHERE id = ANY(%s)"


class _Rollback(Exception):
    pass


def measure_due(due: int) -> None:
    """Make ``due`` promises due (60% broken, 30% reminders, 10% escalations), sweep, roll back."""
    from django.db import connection, transaction
    from django.urls import reverse

    from amends.promises.policies import hours_for_team
    from amends.promises.sweep import sweep_promises

    # Load the URL configuration and the holiday tables once, as a long-running sweep has.
    reverse("desk:complaint", args=["C-0"])
    hours_for_team(None).add(datetime.now(tz=UTC), 40)
    now = datetime.now(tz=UTC)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM promises_promise WHERE state = 'open' ORDER BY id DESC LIMIT %s", [due]
                )
                ids = [row[0] for row in cursor.fetchall()]
                broken, remind, escalate = (
                    ids[: due * 6 // 10],
                    ids[due * 6 // 10 : due * 9 // 10],
                    ids[due * 9 // 10 :],
                )
                cursor.execute(
                    SET_TIMES,
                    [now - timedelta(minutes=5), now - timedelta(hours=2), now - timedelta(hours=2), broken],
                )
                cursor.execute(
                    SET_TIMES,
                    [
                        now + timedelta(hours=6),
                        now + timedelta(minutes=30),
                        now - timedelta(minutes=30),
                        remind,
                    ],
                )
                cursor.execute(
                    SET_TIMES,
                    [
                        now + timedelta(minutes=10),
                        now - timedelta(hours=1),
                        now - timedelta(minutes=20),
                        escalate,
                    ],
                )
            started = time.perf_counter()
            report = sweep_promises()
            elapsed = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    print(f"sweep_due_promises: {report.promises} promises")
    print(f"sweep_due_broken: {report.broken} promises")
    print(f"sweep_due_reminded: {report.reminded} promises")
    print(f"sweep_due_escalated: {report.escalated} promises")
    print(f"sweep_due_seconds: {elapsed:.2f} s")
    print(f"sweep_due_rate: {report.promises / elapsed:.0f} promises/s")


if __name__ == "__main__":
    main()

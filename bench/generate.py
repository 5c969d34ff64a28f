"""Fill a database with N realistic complaints, fast: COPY on PostgreSQL, executemany on SQLite.

Rows are written directly (not through the services) because the point is the size of the
tables the pages must stay fast on; the shape matches what the services write.
"""

import json
import random
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection, transaction

from amends.accounts.models import Role, Team, User
from amends.accounts.services import staff_create, team_create
from amends.complaints.models import Category, Complaint, ReferenceCounter

from .text import complaint_text

BATCH = 20_000
OPEN_SHARE = 0.06
TEAMS = ["Orders", "Delivery", "Billing", "Repairs", "Accounts", "Travel", "Insurance", "Broadband"]


def insert(table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    if connection.vendor == "postgresql":
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows))


def organisation() -> tuple[list[Team], list[Category], list[User]]:
    if Team.objects.filter(slug="bench-orders").exists():
        teams = list(Team.objects.filter(slug__startswith="bench-").order_by("pk"))
        return (
            teams,
            list(Category.objects.filter(team__in=teams).order_by("pk")),
            list(User.objects.filter(username__startswith="bench-").order_by("pk")),
        )
    teams = [team_create(name=f"Bench {name}") for name in TEAMS]
    categories = [
        Category.objects.create(name=f"{t.name} {kind}", slug=f"{t.slug}-{kind}", team=t)
        for t in teams
        for kind in ("late", "faulty")
    ]
    staff = [
        staff_create(username=f"bench-agent-{t.slug}", password="bench", role=Role.AGENT, teams=[t])
        for t in teams
    ]
    staff.append(staff_create(username="bench-admin", password="bench", role=Role.ADMIN))
    return teams, categories, staff


def _chunks(total: int) -> Iterator[range]:
    for start in range(0, total, BATCH):
        yield range(start, min(start + BATCH, total))


def generate(n: int, *, seed: int = 1) -> None:
    """Add ``n`` complaints (with customers, messages, events, promises) to the database."""
    rng = random.Random(seed)
    _, categories, staff = organisation()
    agents_by_team: dict[int | None, int] = {a.teams.get().pk: a.pk for a in staff if a.role == Role.AGENT}
    now = datetime.now(tz=UTC)
    first_id = (Complaint.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    first_customer = _next_id("complaints_customer")
    customers = max(1, int(n * 0.7))
    started = time.perf_counter()
    with transaction.atomic():
        _customers(first_customer, customers, now)
        for chunk in _chunks(n):
            rows = [
                _complaint(
                    rng, first_id + i, first_customer, customers, categories, agents_by_team, now, n, i
                )
                for i in chunk
            ]
            _write_complaints(rows)
            done = chunk.stop
            rate = done / (time.perf_counter() - started)
            print(
                f"\r  generated {done:,}/{n:,} complaints ({rate:,.0f}/s)",
                end="",
                file=sys.stderr,
                flush=True,
            )
        _finish(first_id + n - 1)
    print(file=sys.stderr)


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        value: int = cursor.fetchone()[0]
        return value


def _customers(first: int, count: int, now: datetime) -> None:
    for chunk in _chunks(count):
        insert(
            "complaints_customer",
            [
                "id",
                "name",
                "organisation",
                "preferred_contact_method",
                "preferred_contact_time",
                "created_at",
            ],
            ((first + i, f"Customer {first + i}", "", "email", "", now) for i in chunk),
        )
        insert(
            "complaints_contactpoint",
            ["customer_id", "kind", "value", "is_primary", "created_at"],
            ((first + i, "email", f"customer{first + i}@example.net", True, now) for i in chunk),
        )


def _complaint(
    rng: random.Random,
    pk: int,
    first_customer: int,
    customers: int,
    categories: list[Category],
    agents_by_team: dict[int | None, int],
    now: datetime,
    n: int,
    i: int,
) -> dict[str, Any]:
    category = rng.choice(categories)
    received = now - timedelta(days=730 * (1 - i / n), minutes=rng.randint(0, 600))
    is_open = rng.random() < OPEN_SHARE or i > n - 2000
    summary, story, outcome = complaint_text(rng)
    return {
        "id": pk,
        "customer_id": first_customer + rng.randrange(customers),
        "category_id": category.pk,
        "team_id": category.team_id,
        "received": received,
        "open": is_open,
        "state": rng.choice(["acknowledged", "in_progress", "awaiting_customer"])
        if is_open
        else rng.choice(["resolved", "closed", "closed", "closed"]),
        "assignee_id": agents_by_team[category.team_id] if rng.random() < 0.5 else None,
        "due": now + timedelta(hours=rng.randint(-48, 240)) if is_open else None,
        "summary": summary,
        "story": story,
        "outcome": outcome,
        "severity": rng.choices(["low", "normal", "high", "critical"], [10, 75, 12, 3])[0],
        "urgency": rng.choice([0, 0, 0, 5, 10, 20, 35, 60, 90]),
    }


def _write_complaints(rows: list[dict[str, Any]]) -> None:
    insert(
        "complaints_complaint",
        [
            "id",
            "reference",
            "customer_id",
            "channel",
            "category_id",
            "severity",
            "state",
            "team_id",
            "assignee_id",
            "summary",
            "story",
            "outcome_sought",
            "agreed_outcome",
            "preferred_contact_method",
            "preferred_contact_time",
            "received_at",
            "acknowledged_at",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "due_at",
            "updated_at",
            "urgency",
        ],
        (
            (
                r["id"],
                f"C-{r['received'].year}-{r['id']:07d}",
                r["customer_id"],
                "web",
                r["category_id"],
                r["severity"],
                r["state"],
                r["team_id"],
                r["assignee_id"],
                r["summary"],
                r["story"],
                r["outcome"],
                "" if r["open"] else "Refunded and apologised",
                "email",
                "",
                r["received"],
                r["received"] + timedelta(minutes=1),
                None if r["open"] else r["received"] + timedelta(hours=5),
                None if r["open"] else r["received"] + timedelta(days=3),
                r["received"] + timedelta(days=10) if r["state"] == "closed" else None,
                r["due"],
                r["received"],
                r["urgency"],
            )
            for r in rows
        ),
    )
    first_message = _next_id("complaints_message")
    insert(
        "complaints_message",
        [
            "id",
            "complaint_id",
            "direction",
            "channel",
            "from_address",
            "to_address",
            "subject",
            "body",
            "raw_content_type",
            "in_reply_to",
            "delivery",
            "delivery_error",
            "delivery_attempts",
            "created_at",
        ],
        (
            (
                first_message + k,
                r["id"],
                "inbound",
                "web",
                f"customer{r['customer_id']}@example.net",
                "",
                r["summary"],
                r["story"],
                "",
                "",
                "",
                "",
                0,
                r["received"],
            )
            for k, r in enumerate(rows)
        ),
    )
    empty = json.dumps({})
    events: list[tuple[Any, ...]] = []
    for k, r in enumerate(rows):
        events.append(
            (
                r["id"],
                "received",
                None,
                "Customer",
                "",
                "received",
                first_message + k,
                "",
                empty,
                r["received"],
            )
        )
        events.append(
            (
                r["id"],
                "state_changed",
                None,
                "Amends",
                "received",
                "acknowledged",
                None,
                "Acknowledgement sent",
                empty,
                r["received"] + timedelta(minutes=1),
            )
        )
        if not r["open"]:
            events.append(
                (
                    r["id"],
                    "state_changed",
                    r["assignee_id"],
                    "",
                    "in_progress",
                    "resolved",
                    None,
                    "",
                    empty,
                    r["received"] + timedelta(days=3),
                )
            )
    insert(
        "complaints_event",
        [
            "complaint_id",
            "kind",
            "actor_id",
            "actor_label",
            "from_state",
            "to_state",
            "message_id",
            "reason",
            "data",
            "created_at",
        ],
        events,
    )
    insert(
        "promises_promise",
        [
            "complaint_id",
            "kind",
            "description",
            "due_at",
            "target_at",
            "wake_at",
            "state",
            "settled_at",
            "created_at",
        ],
        (
            (
                r["id"],
                "update",
                "Next update to the customer",
                r["due"] + timedelta(hours=8),
                r["due"],
                r["due"],
                "open",
                None,
                r["received"],
            )
            for r in rows
            if r["open"]
        ),
    )


def _finish(last_id: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (
                "complaints_complaint",
                "complaints_customer",
                "complaints_contactpoint",
                "complaints_message",
                "complaints_event",
                "promises_promise",
            ):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
    # New intakes must not reuse a generated reference: start this year's numbers past them.
    year = datetime.now(tz=UTC).year
    ReferenceCounter.objects.update_or_create(year=year, defaults={"last": last_id + 1})


def submissions() -> int:
    """Give each generated complaint the submission the web form would have stored for it.

    A desk that took its complaints in by the form and the API keeps a submission row for each
    (filed, its data emptied), and the form's throttle counts by the sender's key in that table.
    Without them the table is nearly empty before an intake run, and its statistics say so: the
    planner then reads the whole table for every form complaint's count as the run fills it.
    Only complaints without one get one, so this adds nothing the second time.
    """
    if connection.vendor == "postgresql":
        client = "lpad(c.customer_id::text, 32, '0')"
    else:
        client = "printf('%032d', c.customer_id)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO complaints_submission (reference, channel, received_at, by_id,
                idempotency_key, request_hash, data, raw, raw_content_type, complaint_id, filed_at,
                problem, client)
            SELECT c.reference, c.channel, c.received_at, NULL, '', '', NULL, NULL, '', c.id,
                c.received_at, '', CASE WHEN c.channel = 'web' THEN {client} ELSE '' END
            FROM complaints_complaint c
            WHERE c.channel IN ('web', 'api')
                AND NOT EXISTS (SELECT 1 FROM complaints_submission s WHERE s.complaint_id = c.id)
            """
        )
        added: int = cursor.rowcount
        return max(added, 0)


def analyse() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

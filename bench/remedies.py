"""Remedies at scale: `python bench/remedies.py [--grants N] [--database-url URL] [--fresh]`.

Fills a database of its own with N ledger entries (default 1,000,000) spread over two years,
40 categories and 4 severities, then prints `metric: value unit` lines for what grows with the
ledger: like cases for a complaint, the fairness table, cost by category over a period (the
insights selector), a grant within authority (which adds up budgets under locks), the panel, and
the approval sweep when nothing is due.
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = 40
COMPLAINTS = 20_000


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(name: str, call: Callable[[int], object], runs: int) -> None:
    samples = []
    for i in range(runs + 3):
        started = time.perf_counter()
        call(i)
        if i >= 3:  # the first few warm caches
            samples.append((time.perf_counter() - started) * 1000)
    print(f"{name}_p50: {statistics.median(samples):.1f} ms")
    print(f"{name}_p95: {percentile(samples, 95):.1f} ms")


def generate(grants: int) -> None:
    """Categories, complaints and a ledger, inserted in bulk (SQL on PostgreSQL, for speed)."""
    from django.db import connection
    from django.utils import timezone

    from amends.accounts.models import Role, Team, User
    from amends.complaints.models import Category, Complaint, Customer
    from amends.remedies.models import AuthorityLimit, Remedy, RemedyKind

    team = Team.objects.create(name="Bench", slug="bench")
    User.objects.create_user("bench-agent", role=Role.AGENT)
    User.objects.create_user("bench-admin", role=Role.ADMIN, is_superuser=True, is_staff=True)
    agent = User.objects.get(username="bench-agent")
    agent.teams.add(team)
    AuthorityLimit.objects.create(role=Role.AGENT, currency="GBP", per_remedy=100, monthly_budget=10**9)
    Category.objects.bulk_create(
        Category(name=f"Category {i}", slug=f"category-{i}", team=team) for i in range(CATEGORIES)
    )
    kinds = [RemedyKind.REFUND, RemedyKind.PARTIAL_REFUND, RemedyKind.REPLACEMENT, RemedyKind.CREDIT]
    Remedy.objects.bulk_create(
        Remedy(name=k.label, kind=k, wording=k.label, default_amount=25, fulfil_within_days=0) for k in kinds
    )
    customer = Customer.objects.create(name="Bench customer")
    now = timezone.now()
    categories = list(Category.objects.values_list("pk", flat=True))
    Complaint.objects.bulk_create(
        (
            Complaint(
                reference=f"B-{i:07d}",
                customer=customer,
                channel="web",
                category_id=categories[i % CATEGORIES],
                severity=["low", "normal", "high", "critical"][i % 4],
                team=team,
                summary="Bench",
                story="Bench",
                received_at=now,
            )
            for i in range(COMPLAINTS)
        ),
        batch_size=5000,
    )
    if connection.vendor != "postgresql":
        raise SystemExit("The ledger is generated with PostgreSQL's generate_series; use a postgres URL.")
    remedy_ids = list(Remedy.objects.order_by("pk").values_list("pk", "kind"))
    ids = Complaint.objects.order_by("pk").values_list("pk", flat=True)
    low, high = ids.first(), ids.last()
    assert low is not None
    assert high is not None
    row = AuthorityLimit.objects.get()
    with connection.cursor() as cursor:
        # One statement: complaint i's category and severity are copied, amounts are skewed low
        # (most remedies are small), times spread evenly over the last two years.
        cursor.execute(
            """
            INSERT INTO remedies_grant (complaint_id, customer_id, category_id, severity, team_id,
                remedy_id, kind, amount, currency, wording, is_gesture, key, requested_by_id,
                authorised_by_id, authority_id, granted_at)
            SELECT c.id, c.customer_id, c.category_id, c.severity, c.team_id,
                (ARRAY[%s, %s, %s, %s])[1 + g %% 4], (ARRAY[%s, %s, %s, %s])[1 + g %% 4],
                round((5 + 495 * power(random(), 3))::numeric, 2), 'GBP', 'Bench', false,
                'bench:' || g, %s, %s, %s, now() - (g::float / %s) * interval '730 days'
            FROM generate_series(1, %s) AS g
            JOIN complaints_complaint c ON c.id = %s + (g %% %s)
            """,
            [
                *[r[0] for r in remedy_ids],
                *[r[1] for r in remedy_ids],
                agent.pk,
                agent.pk,
                row.pk,
                grants,
                grants,
                low,
                high - low + 1,
            ],
        )
    with connection.cursor() as cursor:
        # Sets the visibility map, so the ledger's indexes answer without visiting the table.
        cursor.execute("VACUUM (ANALYZE) remedies_grant")


def run(runs: int) -> None:
    from datetime import datetime, timedelta

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from amends.accounts.models import User
    from amends.complaints.models import Complaint
    from amends.remedies import selectors
    from amends.remedies.models import Grant, Remedy
    from amends.remedies.services import approvals_sweep, remedy_grant

    admin = User.objects.get(username="bench-admin")
    agent = User.objects.get(username="bench-agent")
    complaints = list(Complaint.objects.order_by("pk")[:500])
    print(f"grants: {Grant.objects.count()} rows")
    print(f"database: {connection.vendor}")
    timed("like_cases", lambda i: selectors.fairness_for_complaint(complaints[i % len(complaints)]), runs)
    timed("fairness_table", lambda i: selectors.fairness_table(user=admin), max(5, runs // 20))
    now = timezone.now()
    for days in (30, 365):
        since = now - timedelta(days=days)

        def cost(i: int, since: datetime = since) -> object:
            return selectors.remedy_cost_by_category(user=admin, since=since, until=now)

        timed(f"cost_by_category_{days}d", cost, max(5, runs // 10))
    refund = Remedy.objects.order_by("pk").first()
    assert refund is not None
    started = time.perf_counter()
    made = 0
    for i in range(runs):
        outcome = remedy_grant(
            by=agent,
            complaint=complaints[i % len(complaints)],
            remedy=refund,
            amount="10",
            key=f"run:{time.time()}:{i}",
        )
        made += outcome.grant is not None
    elapsed = time.perf_counter() - started
    print(f"grant_within_authority: {elapsed / runs * 1000:.1f} ms")
    print(f"grant_rate: {made / elapsed:.0f} grants/s")
    timed("approval_sweep_idle", lambda i: approvals_sweep(), runs)
    client = Client()
    client.force_login(agent)
    timed(
        "complaint_page_with_panel",
        lambda i: client.get(f"/desk/c/{complaints[i % len(complaints)].reference}/"),
        runs,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "AMENDS_BENCH_REMEDIES_URL", "postgres://postgres@127.0.0.1:5432/amends_bench_remedies"
        ),
    )
    parser.add_argument("--grants", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--fresh", action="store_true", help="Drop and recreate the benchmark database.")
    args = parser.parse_args()

    from bench.setup import start_django

    start_django(args.database_url, fresh=args.fresh, TASKS_BACKEND="dummy", EMAIL_BACKEND="locmem")
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", interactive=False, verbosity=0)
    from amends.remedies.models import Grant

    if not Grant.objects.exists():
        started = time.perf_counter()
        generate(args.grants)
        print(f"generate_rate: {args.grants / (time.perf_counter() - started):.0f} grants/s")
    run(args.runs)


if __name__ == "__main__":
    main()

"""Insight pages at a million complaints: `python bench/insights.py [--database-url URL] [--runs N]`.

Runs on the benchmark database of `bench/run.py` (1,000,000 generated complaints). Once, it adds
what only this app owns: blameless reviews for one closed complaint in five, policy areas with an
owner, and proposals (some changed, for the before-and-after table); then it builds the summary
tables with `insights rebuild` (timed) and prints `metric: value unit` lines for

- the rebuild (the whole timeline folded) and the fold the sweep runs every minute;
- every insight page, the CSV of its largest table and the per-person page, as an administrator
  (every team), an agent (one team) and a policy owner (their areas), for 90 and 365 days.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REVIEW_SHARE = 5  # one closed complaint in five has a review
PROPOSALS = 400


def seed_reviews() -> None:
    """Reviews, areas and proposals, written in bulk (SQL) into this app's own tables."""
    from django.db import connection

    from amends.accounts.models import Role, User
    from amends.accounts.services import staff_create
    from amends.complaints.models import Category
    from amends.reviews.models import PolicyArea, Review

    if Review.objects.exists():
        return
    owner = User.objects.filter(username="bench-owner").first() or staff_create(
        username="bench-owner", password="bench", role=Role.SUPERVISOR, email="owner@example.net"
    )
    categories = list(Category.objects.filter(slug__startswith="bench-").order_by("pk"))
    for i in range(4):
        area = PolicyArea.objects.create(name=f"Bench area {i}", owner=owner)
        area.categories.set(categories[i * 4 : i * 4 + 4])
    causes = "ARRAY['product','process','policy','communication','third_party','unknown']"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO reviews_review (complaint_id, root_cause, factors, factors_note, learning, created_at)
            SELECT id, ({causes})[1 + (id * 7) %% 6], '["handoff"]'::jsonb, '', '', closed_at
            FROM complaints_complaint WHERE state = 'closed' AND id %% %s = 0 ORDER BY id
            """,
            [REVIEW_SHARE],
        )
        cursor.execute(
            """
            INSERT INTO reviews_proposal (review_id, complaint_id, area_id, owner_id, title, change, state,
                created_at, decision_note, outcome, changed_on)
            SELECT r.id, r.complaint_id, a.id, a.owner_id, 'Bench change ' || r.id, 'Why',
                CASE WHEN r.id %% 3 = 0 THEN 'changed' ELSE 'proposed' END, r.created_at, '',
                CASE WHEN r.id %% 3 = 0 THEN 'Done' ELSE '' END,
                CASE WHEN r.id %% 3 = 0 THEN (r.created_at + interval '7 days')::date END
            FROM reviews_review r
            JOIN complaints_complaint c ON c.id = r.complaint_id
            JOIN reviews_policyarea_categories pc ON pc.category_id = c.category_id
            JOIN reviews_policyarea a ON a.id = pc.policyarea_id
            ORDER BY r.id DESC LIMIT %s
            """,
            [PROPOSALS],
        )
        cursor.execute("ANALYZE reviews_review; ANALYZE reviews_proposal")


def build(rebuild: bool) -> None:
    from amends.insights.fold import summaries_fold, summaries_rebuild
    from amends.insights.models import FoldState

    state = FoldState.objects.filter(name="timeline").first()
    if rebuild or state is None or state.last_event_id == 0:
        started = time.perf_counter()
        report = summaries_rebuild(lag_seconds=0, progress=_progress)
        took = time.perf_counter() - started
        print(file=sys.stderr)
        print(f"insights_rebuild: {took:.1f} s")
        print(f"insights_rebuild_rate: {report.events / took:.0f} events/s")
        print(f"insights_rebuild_events: {report.events} events")
    samples = []
    for _ in range(20):
        started = time.perf_counter()
        summaries_fold()
        samples.append((time.perf_counter() - started) * 1000)
    print(f"insights_fold_idle_p50: {sorted(samples)[len(samples) // 2]:.1f} ms")


def _progress(report: object) -> None:
    print(f"\r  folded {getattr(report, 'events', 0):,} events", end="", file=sys.stderr, flush=True)


def run(runs: int, *, rebuild: bool = False) -> None:
    """Add reviews and build the summary tables if not done yet, then time every page."""
    from django.db import connection
    from django.test import Client

    from amends.accounts.models import User
    from bench.pages import measure

    seed_reviews()
    build(rebuild=rebuild)
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE insights_dailyfigures; ANALYZE insights_dailycost; ANALYZE insights_dailycause"
        )
    agent = User.objects.filter(username__startswith="bench-agent-").order_by("pk").first()
    assert agent is not None
    viewers: dict[str, User] = {
        "admin": User.objects.get(username="bench-admin"),
        "agent": agent,
        "owner": User.objects.get(username="bench-owner"),
    }
    pages = ["", "service/", "recovery/", "costs/", "causes/"]
    for who, user in viewers.items():
        client = Client()
        client.force_login(user)
        for days in (90, 365):
            for page in pages:
                name = (page.strip("/") or "volume") + f"_{days}d_{who}"

                def path(i: int, p: str = page, d: int = days) -> str:
                    return f"/insights/{p}?days={d}"

                measure(f"insights_{name}", path, client, runs)
    admin = Client()
    admin.force_login(viewers["admin"])
    measure(
        "insights_csv_volume_by_week_365d",
        lambda i: "/insights/volume/volume_by_week.csv?days=365",
        admin,
        runs,
    )
    client = Client()
    client.force_login(agent)
    measure("insights_person_365d", lambda i: f"/insights/people/{agent.username}/?days=365", client, runs)
    owner = Client()
    owner.force_login(viewers["owner"])
    measure("reviews_proposals_owner", lambda i: "/reviews/proposals/?who=mine&state=all", owner, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "AMENDS_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amends_bench"
        ),
    )
    parser.add_argument("--runs", type=int, default=100, help="Requests per page measurement.")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the summary tables first (timed).")
    args = parser.parse_args()

    from bench.setup import start_django

    start_django(args.database_url, TASKS_BACKEND="dummy")
    from django.conf import settings
    from django.core.management import call_command

    from amends.complaints.models import Complaint

    settings.ALLOWED_HOSTS = ["*"]
    for app in ("reviews", "insights"):
        call_command("migrate", app, interactive=False, verbosity=0)
    if not Complaint.objects.exists():
        raise SystemExit("No complaints: generate them first with `python bench/run.py --only generate`.")
    print(f"complaints: {Complaint.objects.count()} rows")
    run(args.runs, rebuild=args.rebuild)


if __name__ == "__main__":
    main()

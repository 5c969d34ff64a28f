"""Amends benchmarks: `make bench` or `python bench/run.py [--complaints N] [--database-url URL]`.

Generates N complaints once (kept between runs; pass --fresh to start again), then prints
`metric: value unit` lines for intake over HTTP, inbox, complaint page, search and the insight pages
(bench/insights.py, which first adds reviews and builds the summary tables), and one incident update
to 10,000 linked complaints (bench/incidents.py).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "AMENDS_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amends_bench"
        ),
    )
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200, help="Requests per page measurement.")
    parser.add_argument("--intake", type=int, default=2000, help="Complaints sent per intake measurement.")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="Drop and recreate the benchmark database.")
    parser.add_argument(
        "--only", choices=["pages", "intake", "insights", "incidents", "generate"], help="Run one part."
    )
    args = parser.parse_args()

    from bench.setup import start_django

    start_django(args.database_url, fresh=args.fresh)
    import django
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", interactive=False, verbosity=0)

    from amends.complaints.models import Complaint, Submission
    from bench import generate, incidents, insights, intake, pages

    have = Complaint.objects.count()
    if have < args.complaints:
        started = time.perf_counter()
        generate.generate(args.complaints - have)
        generate.submissions()
        generate.analyse()
        print(f"generate_rate: {(args.complaints - have) / (time.perf_counter() - started):.0f} complaints/s")
    elif Submission.objects.count() < Complaint.objects.filter(channel__in=["web", "api"]).count():
        # A database generated before the benchmark added them.
        print(f"submissions_added: {generate.submissions()} rows")
        generate.analyse()
    print(f"complaints: {Complaint.objects.count()} rows")
    print(f"database: {django.db.connection.vendor}")
    print(f"cache: {str(settings.CACHES['default']['BACKEND']).rsplit('.', 1)[-1]}")
    # Pages first: an intake run adds 8,000 complaints of one text at the newest end while it
    # runs (it takes them out again when it ends).
    if args.only in (None, "pages"):
        pages.run(args.runs)
    if args.only in (None, "intake"):
        intake.run(args.intake, args.web_workers)
    if args.only in (None, "insights"):
        insights.run(args.runs)
    if args.only in (None, "incidents"):
        incidents.run(10_000)


if __name__ == "__main__":
    main()

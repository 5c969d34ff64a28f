"""``amends insights rebuild|fold|digest``: the summary tables and the weekly digest by hand."""

import time
from argparse import ArgumentParser
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from amends.reviews.selectors import policy_owners

from ...digest import digest_send, week_of
from ...fold import FoldReport, summaries_fold, summaries_rebuild
from ...models import DigestLog


class Command(BaseCommand):
    help = (
        "rebuild: empty the insight summary tables and fold the whole timeline again; "
        "fold: fold what is new (the sweep does this every minute); "
        "digest: send the weekly digest to policy owners now."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="Empty the summary tables and fold everything again.")
        sub.add_parser("fold", help="Fold timeline events not yet counted.")
        digest = sub.add_parser("digest", help="Send last week's digest to each policy owner.")
        digest.add_argument("--owner", help="Only this username.")
        digest.add_argument(
            "--week", type=date.fromisoformat, help="Any day of the week to report (default: last week)."
        )
        digest.add_argument(
            "--force", action="store_true", help="Send even if that week's digest went already."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["action"] == "rebuild":
            report = summaries_rebuild(progress=self._progress)
        elif options["action"] == "fold":
            report = summaries_fold(progress=self._progress)
        else:
            self._digest(options)
            return
        self.stderr.write("")
        self.stdout.write(f"{report} in {time.monotonic() - started:.1f} s")

    def _progress(self, report: FoldReport) -> None:
        self.stderr.write(f"\r  {report.events:,} events, {report.reviews:,} reviews", ending="")
        self.stderr.flush()

    def _digest(self, options: dict[str, Any]) -> None:
        week = week_of(options["week"] or timezone.localdate() - timedelta(days=7))
        owners = policy_owners()
        if options["owner"]:
            owners = owners.filter(username=options["owner"])
            if not owners.exists():
                raise CommandError(f"{options['owner']} owns no active policy area.")
        sent = 0
        for owner in owners:
            if (
                not options["force"]
                and DigestLog.objects.filter(owner=owner, week_start=week, sent_at__isnull=False).exists()
            ):
                self.stdout.write(f"{owner.username}: week of {week} sent already (--force to send again)")
                continue
            if digest_send(owner=owner, week_start=week):
                sent += 1
                self.stdout.write(f"{owner.username}: sent to {owner.email}")
            else:
                self.stdout.write(f"{owner.username}: no email address")
        self.stdout.write(f"{sent} digests sent for the week of {week:%-d %b %Y}")

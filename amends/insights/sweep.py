"""The insights part of `amends sweep`: fold what happened into the summary tables, and queue the
weekly digests once their time has come. Cheap when there is nothing to do: an index probe."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from .digest import digests_due
from .fold import summaries_fold


@dataclass
class InsightsSweepReport:
    events: int = 0
    reviews: int = 0
    digests: int = 0

    def __str__(self) -> str:
        return f"{self.events} events and {self.reviews} reviews folded, {self.digests} digests queued"


def sweep_insights(*, now: datetime | None = None) -> InsightsSweepReport:
    now = now or timezone.now()
    folded = summaries_fold(now=now)
    return InsightsSweepReport(folded.events, folded.reviews, digests_due(now=now))

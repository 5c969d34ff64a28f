"""The surveys' part of `amends sweep`: send, remind and expire what is due, by indexed wake time."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from . import services
from .models import Survey, SurveyState

BATCH = 200


@dataclass
class SurveySweepReport:
    sent: int = 0
    reminded: int = 0
    closed: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.reminded} reminded, {self.closed} closed unanswered or not sent"


def sweep_surveys(*, now: datetime | None = None, batch_size: int = BATCH) -> SurveySweepReport:
    """Act on every survey and check-in whose wake time has come by ``now``."""
    now = now or timezone.now()
    report = SurveySweepReport()
    if not Survey.objects.filter(wake_at__lte=now).exists():
        return report
    while True:
        with transaction.atomic():
            batch = list(
                Survey.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("complaint", "complaint__customer")
                .filter(wake_at__lte=now)
                .order_by("wake_at")[:batch_size]
            )
            for survey in batch:
                _act(survey, now, report)
        if len(batch) < batch_size:
            return report


def _act(survey: Survey, now: datetime, report: SurveySweepReport) -> None:
    if survey.state == SurveyState.SCHEDULED:
        services.survey_send(survey=survey, now=now)
        report.sent += survey.state == SurveyState.SENT
        report.closed += survey.state == SurveyState.CANCELLED
    elif survey.state == SurveyState.SENT:
        services.survey_remind(survey=survey, now=now)
        report.reminded += survey.state == SurveyState.SENT
        report.closed += survey.state == SurveyState.EXPIRED
    else:
        Survey.objects.filter(pk=survey.pk).update(wake_at=None)

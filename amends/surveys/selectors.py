"""Reads of surveys: for the customer's status page and the insight pages."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from amends.accounts.models import User
from amends.complaints.models import Complaint
from amends.complaints.selectors import complaints_visible_to
from amends.core.errors import NotFound
from amends.promises.selectors import Period

from .links import survey_id_from_token
from .models import Recommend, Survey, SurveyKind, SurveyState


def survey_get_by_token(token: str) -> Survey:
    """The survey a signed link names; ``NotFound`` for an altered or expired link."""
    survey_id = survey_id_from_token(token)
    survey = (
        Survey.objects.select_related("complaint", "complaint__customer").filter(pk=survey_id).first()
        if survey_id
        else None
    )
    if survey is None:
        raise NotFound(
            "This link is not valid any more. If something is still wrong, reply to our last email."
        )
    return survey


def checkin_scheduled_for(complaint: Complaint) -> Survey | None:
    """The "did it hold?" check-in still to come, for telling the customer when we will ask."""
    return Survey.objects.filter(
        complaint=complaint, kind=SurveyKind.CHECKIN, state=SurveyState.SCHEDULED
    ).first()


@dataclass(frozen=True)
class SurveyResults:
    answered: int
    mean_score: float | None
    low_scores: int
    would_recommend: int
    checkins_answered: int
    fixes_held: int


def survey_results_for_user(*, user: User, period: Period, low_score: int = 2) -> SurveyResults:
    """Survey and check-in answers given in the period, among complaints ``user`` may see."""
    qs = Survey.objects.filter(
        state=SurveyState.ANSWERED,
        answered_at__gte=period.since,
        answered_at__lt=period.until,
        complaint__in=complaints_visible_to(user),
    )
    if period.team is not None:
        qs = qs.filter(complaint__team_id=period.team)
    if period.category is not None:
        qs = qs.filter(complaint__category_id=period.category)
    sat = Q(kind=SurveyKind.SATISFACTION)
    row = qs.aggregate(
        answered=Count("id", filter=sat),
        mean=Avg("score", filter=sat),
        low=Count("id", filter=sat & Q(score__lte=low_score)),
        recommend=Count("id", filter=sat & Q(recommend=Recommend.YES)),
        checkins=Count("id", filter=Q(kind=SurveyKind.CHECKIN)),
        held=Count("id", filter=Q(kind=SurveyKind.CHECKIN, held=True)),
    )
    mean = round(float(row["mean"]), 2) if row["mean"] is not None else None
    return SurveyResults(row["answered"], mean, row["low"], row["recommend"], row["checkins"], row["held"])

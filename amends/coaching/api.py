"""POST /api/v1/coach: the coach's verdicts on a draft, the same as the desk and `amends coach` give."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from amends.accounts.models import User
from amends.complaints import selectors as complaint_selectors
from amends.complaints.models import Complaint

from . import selectors, services

router = Router(tags=["coach"])
MAX_DRAFT = 20_000


class CoachIn(Schema):
    draft: str = Field(
        min_length=1, max_length=MAX_DRAFT, description="The reply as the agent would send it."
    )
    customer: str = Field(
        "", max_length=MAX_DRAFT, description="The customer's last message, for the length signal."
    )
    complaint: str | None = Field(
        None,
        max_length=20,
        description="A complaint reference: its last customer message is used when `customer` is empty, "
        "and its minimum score is reported.",
    )


class SpanOut(Schema):
    start: int
    end: int
    text: str


class VerdictOut(Schema):
    passed: bool
    evidence: SpanOut | None
    note: str
    suggestion: str


class ToneOut(Schema):
    raised: bool
    value: float | None
    detail: str
    evidence: SpanOut | None
    suggestion: str


class CoachOut(Schema):
    rules: dict[str, bool]
    score: int
    suggestions: list[str]
    verdicts: dict[str, VerdictOut]
    tone: dict[str, ToneOut]
    minimum: int | None = Field(None, description="The minimum score to send, for the complaint's severity.")


class ErrorOut(Schema):
    detail: str
    field: str | None = None


@router.post("", response={200: CoachOut, 404: ErrorOut, 422: ErrorOut}, summary="Coach a reply draft")
def coach(request: HttpRequest, payload: CoachIn) -> dict[str, Any]:
    """Judge a reply draft against the recovery rubric: eight rules with evidence and suggestions, tone
    signals and a score out of 100. The same verdicts as the desk composer and `amends coach --json`."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    complaint: Complaint | None = None
    if payload.complaint:
        complaint = complaint_selectors.complaint_get_for_user(user=user, reference=payload.complaint)
    customer = payload.customer or (selectors.last_customer_message(complaint) if complaint else "")
    analysis = services.draft_coach(draft=payload.draft, customer=customer[: settings.AMENDS_COACH_MAX_CHARS])
    data = analysis.as_dict(detail=True)
    data["minimum"] = services.minimum_score_for(complaint.severity) if complaint else None
    return data

"""Follow-up after resolution: schedule, send and remind the survey and the check-in; record answers.

A survey goes only after resolution and never mid-thread: when it is due, the complaint must
still be resolved or closed with nothing unanswered from the customer, or it is not sent. Each
gets one reminder. Answers land on the timeline; a low score, or a fix that did not hold,
reopens the complaint for a supervisor.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from amends.complaints import services as complaint_services
from amends.complaints.messages import format_moment, reply_subject
from amends.complaints.models import Complaint, Direction, Message, State
from amends.core.errors import Conflict, InvalidInput
from amends.core.tasks import enqueue_on_commit
from amends.promises.clock import BusinessHours
from amends.promises.notify import desk_url, notice_to, supervisors_of
from amends.promises.policies import hours_for_team, policy_for

from .links import survey_url
from .models import Recommend, Survey, SurveyKind, SurveyState

RESOLVED = (State.RESOLVED, State.CLOSED)
MAX_TEXT = 5000


def _working_days_later(hours: BusinessHours, start: datetime, days: int) -> datetime:
    per_day = (
        datetime.combine(start.date(), hours.closes) - datetime.combine(start.date(), hours.opens)
    ).seconds
    return hours.add(start, days * per_day / 3600)


def _schedule(complaint: Complaint, kind: SurveyKind, send_at: datetime) -> Survey | None:
    survey, created = Survey.objects.get_or_create(
        complaint=complaint, kind=kind, defaults={"send_at": send_at, "wake_at": send_at}
    )
    if not created and survey.state in (SurveyState.SCHEDULED, SurveyState.CANCELLED):
        survey.state, survey.send_at, survey.wake_at, survey.note = (
            SurveyState.SCHEDULED,
            send_at,
            send_at,
            "",
        )
        survey.save(update_fields=["state", "send_at", "wake_at", "note"])
    return survey


@transaction.atomic
def follow_up_schedule(*, complaint_id: int) -> list[Survey]:
    """Schedule the survey and the check-in of a just-resolved complaint by its policy's clocks.

    Idempotent, and one of each per complaint: resolving again after a reopening reschedules
    what was not sent yet and never sends a survey twice.
    """
    complaint = Complaint.objects.filter(pk=complaint_id, state__in=RESOLVED).first()
    if complaint is None or complaint.resolved_at is None:
        return []
    hours = hours_for_team(complaint.team_id)
    policy = policy_for(category_id=complaint.category_id, severity=complaint.severity)
    scheduled = []
    if policy.survey_delay_hours is not None:
        send_at = hours.add(complaint.resolved_at, policy.survey_delay_hours)
        scheduled.append(_schedule(complaint, SurveyKind.SATISFACTION, send_at))
    if policy.follow_up_days:
        send_at = _working_days_later(hours, complaint.resolved_at, policy.follow_up_days)
        scheduled.append(_schedule(complaint, SurveyKind.CHECKIN, send_at))
    return [s for s in scheduled if s is not None]


def _mid_thread(complaint: Complaint) -> str:
    """Why sending now would interrupt a conversation, or ``""`` when it would not."""
    if complaint.state not in RESOLVED:
        return f"the complaint is {State(complaint.state).label.lower()} again"
    last = (
        Message.objects.filter(complaint=complaint)
        .exclude(direction=Direction.INTERNAL)
        .order_by("-created_at")
        .first()
    )
    if (
        last is not None
        and last.direction == Direction.INBOUND
        and last.created_at > (complaint.resolved_at or last.created_at)
    ):
        return "the customer wrote after resolution and is waiting for an answer"
    return ""


def _email(survey: Survey, *, reminder: bool) -> tuple[str, str]:
    complaint = survey.complaint
    template = (
        "surveys/email/checkin.txt" if survey.kind == SurveyKind.CHECKIN else "surveys/email/survey.txt"
    )
    body = render_to_string(
        template,
        {
            "complaint": complaint,
            "customer": complaint.customer,
            "url": survey_url(survey),
            "reminder": reminder,
            "organisation": settings.AMENDS_ORGANISATION,
            "closes": format_moment(
                survey.sent_at + timedelta(days=settings.AMENDS_SURVEY_LINK_DAYS), complaint
            )
            if survey.sent_at
            else "",
        },
    )
    question = "Did our fix hold?" if survey.kind == SurveyKind.CHECKIN else "How did we do?"
    return f"{reply_subject(complaint)}: {'a reminder — ' if reminder else ''}{question}", body


def survey_send(*, survey: Survey, now: datetime | None = None) -> Survey:
    """Send a scheduled survey or check-in by email, unless that would be mid-thread.

    The caller owns the transaction and has locked ``survey``.
    """
    now = now or timezone.now()
    why_not = _mid_thread(survey.complaint)
    if now - survey.send_at > timedelta(days=settings.AMENDS_SURVEY_LINK_DAYS):
        # The sweep was not running for weeks (or data was imported): asking now would be odd.
        why_not = "too long after it was due"
    if why_not:
        survey.state, survey.wake_at, survey.note = SurveyState.CANCELLED, None, f"Not sent: {why_not}"[:200]
        survey.save(update_fields=["state", "wake_at", "note"])
        return survey
    survey.state, survey.sent_at = SurveyState.SENT, now
    survey.wake_at = now + timedelta(days=settings.AMENDS_SURVEY_REMINDER_DAYS)
    subject, body = _email(survey, reminder=False)
    complaint_services.complaint_send_system_message(
        complaint=survey.complaint,
        subject=subject,
        body=body,
        data={"survey": survey.pk, "kind": survey.kind},
    )
    survey.save(update_fields=["state", "sent_at", "wake_at"])
    return survey


def survey_remind(*, survey: Survey, now: datetime | None = None) -> Survey:
    """Send the one reminder of an unanswered survey; after the link expires, mark it unanswered."""
    now = now or timezone.now()
    if survey.reminded_at is not None or _mid_thread(survey.complaint):
        survey.state, survey.wake_at = SurveyState.EXPIRED, None
        survey.save(update_fields=["state", "wake_at"])
        return survey
    survey.reminded_at = now
    assert survey.sent_at is not None
    survey.wake_at = survey.sent_at + timedelta(days=settings.AMENDS_SURVEY_LINK_DAYS)
    subject, body = _email(survey, reminder=True)
    complaint_services.complaint_send_system_message(
        complaint=survey.complaint, subject=subject, body=body, data={"survey": survey.pk, "reminder": True}
    )
    survey.save(update_fields=["reminded_at", "wake_at"])
    return survey


def _locked(survey: Survey) -> Survey:
    locked = Survey.objects.select_for_update().select_related("complaint").get(pk=survey.pk)
    if locked.state == SurveyState.ANSWERED:
        raise Conflict("Thank you: we already have your answers.")
    if locked.state not in (SurveyState.SENT, SurveyState.EXPIRED):
        raise InvalidInput("This survey is not open for answers.")
    return locked


def _reopen_for_supervisor(complaint: Complaint, reason: str) -> None:
    complaint = Complaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)
    if complaint.state not in RESOLVED:
        return
    complaint_services.complaint_transition(
        complaint=complaint, by=None, to_state=State.REOPENED, reason=reason
    )
    complaint.refresh_from_db()
    supervisors = supervisors_of(complaint.team_id)
    complaint_services.complaint_escalate(
        complaint=complaint,
        reason=reason,
        assignee=supervisors[0] if supervisors else None,
        data={"survey": True},
    )
    notice = notice_to(
        supervisors,
        subject=f"Reopened: {complaint.reference} {reason}",
        body=f"{reason}.\n\n{complaint.summary}\n\n{desk_url(complaint)}",
    )
    if notice:
        from amends.promises.tasks import send_staff_notices

        enqueue_on_commit(send_staff_notices, [notice.as_dict()])


@transaction.atomic
def survey_answer(*, survey: Survey, score: int, better: str = "", recommend: str = "") -> Survey:
    """Record a customer's survey answers on the timeline; a low score reopens for a supervisor.

    Raises ``InvalidInput`` for a score outside 1 to 5, an unknown recommendation or text too
    long, ``Conflict`` when the survey was already answered.
    """
    if not 1 <= score <= 5:
        raise InvalidInput("Please choose a score from 1 to 5.", field="score")
    if recommend and recommend not in Recommend.values:
        raise InvalidInput("Please say whether you would recommend us.", field="recommend")
    if len(better) > MAX_TEXT:
        raise InvalidInput(f"Please keep your answer under {MAX_TEXT:,} characters.", field="better")
    survey = _locked(survey)
    survey.score, survey.better, survey.recommend = score, better.strip(), recommend
    survey.state, survey.answered_at, survey.wake_at = SurveyState.ANSWERED, timezone.now(), None
    survey.save(update_fields=["score", "better", "recommend", "state", "answered_at", "wake_at"])
    lines = [f"Satisfaction: {score} out of 5"]
    if recommend:
        lines.append(f"Would recommend us: {Recommend(recommend).label.lower()}")
    if survey.better:
        lines.append(f"How we could have done better: {survey.better}")
    complaint_services.complaint_record_feedback(
        complaint=survey.complaint,
        subject="Survey answers",
        body="\n".join(lines),
        data={"survey": survey.pk, "score": score, "recommend": recommend},
    )
    if score <= settings.AMENDS_SURVEY_LOW_SCORE:
        _reopen_for_supervisor(survey.complaint, f"The customer rated us {score} out of 5")
    return survey


@transaction.atomic
def checkin_answer(*, survey: Survey, held: bool, details: str = "") -> Survey:
    """Record whether the fix held; if it did not, reopen the complaint for a supervisor."""
    if len(details) > MAX_TEXT:
        raise InvalidInput(f"Please keep your answer under {MAX_TEXT:,} characters.", field="details")
    survey = _locked(survey)
    survey.held, survey.details = held, details.strip()
    survey.state, survey.answered_at, survey.wake_at = SurveyState.ANSWERED, timezone.now(), None
    survey.save(update_fields=["held", "details", "state", "answered_at", "wake_at"])
    body = "Did the fix hold? " + ("Yes." if held else "No.")
    if survey.details:
        body += f"\n{survey.details}"
    complaint_services.complaint_record_feedback(
        complaint=survey.complaint,
        subject="Check-in answer",
        body=body,
        data={"checkin": survey.pk, "held": held},
    )
    if not held:
        _reopen_for_supervisor(survey.complaint, "The customer says the fix did not hold")
    return survey

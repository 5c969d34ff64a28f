"""The words Amends sends on the organisation's behalf: acknowledgements, reply subjects, next steps."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string

from amends.core.text import one_line
from amends.promises.models import Promise, PromiseKind, PromiseState
from amends.promises.policies import hours_for_team

from .models import Complaint


def reply_subject(complaint: Complaint) -> str:
    return f"[{complaint.reference}] {one_line(complaint.summary, 80)}"


def format_moment(moment: datetime, complaint: Complaint | None = None, *, tz: ZoneInfo | None = None) -> str:
    """A time as a person reads it, in the team's time zone: 'Tuesday 24 November at 17:00 (UK time)'."""
    tz = tz or hours_for_team(complaint.team_id if complaint else None).tz
    local = moment.astimezone(tz)
    zone = "UK time" if tz.key == "Europe/London" else tz.key
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M} ({zone})"


def format_when(promise: Promise | None) -> str:
    """A promise's told time as a person reads it: 'Tuesday 24 November at 17:00 (UK time)'."""
    if promise is None:
        return ""
    return format_moment(promise.due_at, promise.complaint)


# How each kind of promise reads to the customer, completed by its time.
_CUSTOMER_WORDS = {
    PromiseKind.FIRST_RESPONSE: "A member of our team will reply to you personally by {when}.",
    PromiseKind.UPDATE: "We will write to you with an update by {when}, sooner if we can.",
    PromiseKind.RESOLUTION: "We aim to have this put right by {when}.",
    PromiseKind.CALLBACK: "We will phone you on {when}.",
    PromiseKind.FINAL_RESPONSE: "You will have our final response by {when} at the latest.",
}


def next_steps(complaint: Complaint, *, skip: tuple[str, ...] = ()) -> list[str]:
    """What happens next and by when: one sentence for each promise told to the customer."""
    promises = (
        Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN, visible=True)
        .exclude(kind__in=skip)
        .order_by("due_at")
    )
    return [next_step_sentence(promise, complaint) for promise in promises]


def next_step_sentence(promise: Promise, complaint: Complaint) -> str:
    """One promise told to the customer, as a sentence: 'We will phone you on <when>.'"""
    when = format_moment(promise.due_at, complaint)
    words = _CUSTOMER_WORDS.get(PromiseKind(promise.kind), "{what} by {when}.")
    return words.format(when=when, what=promise.description)


NEXT_STEPS_HEADING = "\n\nWhat happens next:\n"


def next_steps_text(complaint: Complaint) -> str:
    """The 'what happens next' paragraph that closes every update, or '' when nothing is owed."""
    steps = next_steps(complaint)
    if not steps:
        return ""
    return NEXT_STEPS_HEADING + "\n".join(f"- {step}" for step in steps)


def acknowledgement_text(complaint: Complaint, promise: Promise | None) -> tuple[str, str]:
    """Subject and body of the acknowledgement: thanks, the complaint in one line, and a time."""
    from amends.portal.links import status_url

    context = {
        "complaint": complaint,
        "customer": complaint.customer,
        "summary": one_line(complaint.story, 140),
        "outcome": one_line(complaint.outcome_sought, 140),
        "reply_by": format_when(promise),
        # The first-response time has its own sentence in the letter.
        "next_steps": next_steps(complaint, skip=(PromiseKind.FIRST_RESPONSE,)),
        "status_url": status_url(complaint),
        "organisation": settings.AMENDS_ORGANISATION,
    }
    body = render_to_string("complaints/email/acknowledgement.txt", context)
    return (
        f"We have your complaint {complaint.reference}: we will reply by {context['reply_by']}",
        body,
    )

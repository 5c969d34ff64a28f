"""The words Amends sends on the organisation's behalf: acknowledgements and reply subjects."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string

from amends.core.text import one_line
from amends.promises.models import Promise

from .models import Complaint


def reply_subject(complaint: Complaint) -> str:
    return f"[{complaint.reference}] {one_line(complaint.summary, 80)}"


def format_when(promise: Promise | None) -> str:
    """A promise's told time as a person reads it: 'Tuesday 24 November at 17:00 (UK time)'."""
    if promise is None:
        return ""
    local = promise.due_at.astimezone(ZoneInfo(settings.TIME_ZONE))
    zone = "UK time" if settings.TIME_ZONE == "Europe/London" else settings.TIME_ZONE
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M} ({zone})"


def acknowledgement_text(complaint: Complaint, promise: Promise | None) -> tuple[str, str]:
    """Subject and body of the acknowledgement: thanks, the complaint in one line, and a time."""
    from amends.portal.links import status_url

    context = {
        "complaint": complaint,
        "customer": complaint.customer,
        "summary": one_line(complaint.story, 140),
        "outcome": one_line(complaint.outcome_sought, 140),
        "reply_by": format_when(promise),
        "status_url": status_url(complaint),
        "organisation": settings.AMENDS_ORGANISATION,
    }
    body = render_to_string("complaints/email/acknowledgement.txt", context)
    return (
        f"We have your complaint {complaint.reference}: we will reply by {context['reply_by']}",
        body,
    )

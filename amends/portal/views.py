from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from amends.complaints.messages import format_moment, next_steps
from amends.complaints.models import Complaint
from amends.complaints.selectors import timeline_for_complaint
from amends.surveys.selectors import checkin_scheduled_for

from .links import complaint_id_from_token


def status(request: HttpRequest, token: str) -> HttpResponse:
    """Where the customer's complaint stands: its state, what we promised and the conversation."""
    complaint_id = complaint_id_from_token(token)
    if complaint_id is None:
        raise Http404("This link is not valid.")
    complaint = Complaint.objects.select_related("customer").filter(pk=complaint_id).first()
    if complaint is None:
        raise Http404("This link is not valid.")
    events = timeline_for_complaint(complaint, include_internal=False)
    conversation = [e.message for e in events if e.message is not None]
    context = {
        "complaint": complaint,
        # What happens next and by when, in the customer's words, and the "did it hold?" check-in.
        "next_steps": next_steps(complaint),
        "checkin_at": _checkin_at(complaint),
        "conversation": conversation,
    }
    response = render(request, "portal/status.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _checkin_at(complaint: Complaint) -> str:
    checkin = checkin_scheduled_for(complaint)
    return format_moment(checkin.send_at, complaint) if checkin else ""

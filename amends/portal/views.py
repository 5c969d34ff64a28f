from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from amends.complaints.models import Complaint
from amends.complaints.selectors import open_promises_for_complaint, timeline_for_complaint

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
        "promises": open_promises_for_complaint(complaint),
        "conversation": conversation,
    }
    response = render(request, "portal/status.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response

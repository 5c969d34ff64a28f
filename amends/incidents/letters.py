"""The words sent to linked customers: the known-problem acknowledgement and each update.

Every letter is personal (the customer's name, their reference, their own promise dates), though
the update's body is written once for everyone.
"""

from collections import defaultdict

from django.conf import settings
from django.template.loader import render_to_string

from amends.complaints.messages import format_moment, next_step_sentence, reply_subject
from amends.complaints.models import Complaint
from amends.portal.links import status_url
from amends.promises.models import Promise, PromiseState

from .models import Incident, IncidentUpdate


def promises_told(complaint_ids: list[int]) -> dict[int, list[Promise]]:
    """Each complaint's open promises that its customer was told of, soonest first, in one query."""
    grouped: dict[int, list[Promise]] = defaultdict(list)
    rows = Promise.objects.filter(
        complaint_id__in=complaint_ids, state=PromiseState.OPEN, visible=True
    ).order_by("complaint_id", "due_at")
    for promise in rows:
        grouped[promise.complaint_id].append(promise)
    return grouped


def _describe(incident: Incident) -> str:
    return incident.customer_summary.strip() or incident.title


def known_problem_letter(
    incident: Incident, complaint: Complaint, promises: list[Promise], notice_url: str = ""
) -> tuple[str, str]:
    """Subject and body telling a customer their complaint is part of a problem we know about."""
    context = {
        "customer": complaint.customer,
        "complaint": complaint,
        "problem": _describe(incident),
        "next_update": format_moment(incident.next_update_at, complaint) if incident.next_update_at else "",
        "steps": [next_step_sentence(p, complaint) for p in promises],
        "notice_url": notice_url,
        "status_url": status_url(complaint),
        "organisation": settings.AMENDS_ORGANISATION,
    }
    body = render_to_string("incidents/email/known_problem.txt", context)
    return f"{reply_subject(complaint)}: a problem we know about", body


def update_letter(
    update: IncidentUpdate, complaint: Complaint, promises: list[Promise], notice_url: str = ""
) -> tuple[str, str]:
    """Subject and body of one update for one customer, around the words written for all."""
    incident = update.incident
    context = {
        "customer": complaint.customer,
        "complaint": complaint,
        "problem": _describe(incident),
        "body": update.body.strip(),
        "resolved": update.resolves_complaints,
        "agreed_outcome": update.agreed_outcome.strip(),
        "next_update": format_moment(update.next_update_at, complaint) if update.next_update_at else "",
        "steps": [] if update.resolves_complaints else [next_step_sentence(p, complaint) for p in promises],
        "notice_url": notice_url,
        "status_url": status_url(complaint),
        "organisation": settings.AMENDS_ORGANISATION,
    }
    body = render_to_string("incidents/email/update.txt", context)
    return f"{reply_subject(complaint)}: an update", body

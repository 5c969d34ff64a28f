"""Which complaint a message continues, if any.

Three signs, strongest first: a signed reply address (``care+c123-<sig>@...``, unforgeable);
the Message-IDs in In-Reply-To and References (known only to those in the conversation); and
the reference in the subject (``[C-2026-000123]``), believed only from the complaint's own
customer, since anyone can type a reference.
"""

import re
from dataclasses import dataclass

from amends.complaints.delivery import complaint_id_from_address
from amends.complaints.models import Complaint, ContactPoint, Message

from .parsing import ParsedMail

REFERENCE = re.compile(r"\[?\b(C-\d{4}-\d{6,})\b\]?", re.IGNORECASE)
_MAX_MERGE_HOPS = 5


@dataclass(frozen=True)
class Match:
    complaint: Complaint
    by: str  # "address", "headers" or "subject"


def find_complaint(parsed: ParsedMail, *, envelope_to: list[str]) -> Match | None:
    """The complaint ``parsed`` belongs to, following merges to the complaint that lives on."""
    found = _by_address(parsed.recipients + envelope_to) or _by_headers(parsed) or _by_subject(parsed)
    if found is None:
        return None
    complaint, how = found
    for _ in range(_MAX_MERGE_HOPS):
        if complaint.merged_into_id is None:
            break
        complaint = Complaint.objects.select_related("customer").get(pk=complaint.merged_into_id)
    return Match(complaint, how)


def may_continue(parsed: ParsedMail, *, envelope_to: list[str]) -> bool:
    """Whether ``parsed`` carries any sign of continuing a conversation, found or not."""
    return bool(
        parsed.in_reply_to
        or parsed.references
        or REFERENCE.search(parsed.subject)
        or any("+" in address for address in parsed.recipients + envelope_to)
    )


def _by_address(recipients: list[str]) -> tuple[Complaint, str] | None:
    for address in recipients:
        if "+" not in address:
            continue
        complaint_id = complaint_id_from_address(address)
        if complaint_id is not None:
            complaint = Complaint.objects.select_related("customer").filter(pk=complaint_id).first()
            if complaint is not None:
                return complaint, "address"
    return None


def _by_headers(parsed: ParsedMail) -> tuple[Complaint, str] | None:
    # In-Reply-To names the message answered; References lists the thread, newest last.
    wanted = list(dict.fromkeys(parsed.in_reply_to + parsed.references[::-1]))[:50]
    if not wanted:
        return None
    # One query: the messages named, each with its complaint and customer.
    named = Message.objects.filter(message_id__in=wanted).select_related("complaint__customer")
    found = {message.message_id: message.complaint for message in named.defer("raw", "body")}
    for message_id in wanted:
        if message_id in found:
            return found[message_id], "headers"
    return None


def _by_subject(parsed: ParsedMail) -> tuple[Complaint, str] | None:
    token = REFERENCE.search(parsed.subject)
    if token is None or not parsed.from_address:
        return None
    complaint = Complaint.objects.select_related("customer").filter(reference=token.group(1).upper()).first()
    if complaint is None:
        return None
    is_customer = ContactPoint.objects.filter(
        customer_id=complaint.customer_id, value=parsed.from_address
    ).exists()
    return (complaint, "subject") if is_customer else None

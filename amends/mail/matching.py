"""Which complaint a message continues, if any.

Three signs, strongest first: a signed reply address (``care+c123-<sig>@...``, unforgeable);
the Message-IDs in In-Reply-To and References (known only to those in the conversation); and
the reference in the subject (``[C-2026-000123]``), believed only from the complaint's own
customer, since anyone can type a reference.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from amends.complaints.delivery import complaint_id_from_address
from amends.complaints.models import Complaint, ContactPoint, Message

from .parsing import ParsedMail

REFERENCE = re.compile(r"\[?\b(C-\d{4}-\d{6,})\b\]?", re.IGNORECASE)
_MAX_MERGE_HOPS = 5


@dataclass(frozen=True)
class Match:
    complaint: Complaint
    by: str  # "address", "headers" or "subject"


def find_complaint(
    parsed: ParsedMail, *, envelope_to: list[str], known: "Known | None" = None
) -> Match | None:
    """The complaint ``parsed`` belongs to, following merges to the complaint that lives on.

    ``known``: what a batch of mail names, read beforehand (see ``Known``); the answer is the
    same as without it, provided nothing was written since ``known`` was read.
    """
    recipients = parsed.recipients + envelope_to
    if known is None:
        found = _by_address(recipients) or _by_headers(parsed) or _by_subject(parsed)
    else:
        found = known.by_address(recipients) or known.by_headers(parsed) or known.by_subject(parsed)
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


def _signed_ids(recipients: list[str]) -> list[int]:
    """The complaint ids that signed reply addresses among ``recipients`` name, in order."""
    found = (complaint_id_from_address(address) for address in recipients if "+" in address)
    return [complaint_id for complaint_id in found if complaint_id is not None]


def _named_ids(parsed: ParsedMail) -> list[str]:
    # In-Reply-To names the message answered; References lists the thread, newest last.
    return list(dict.fromkeys(parsed.in_reply_to + parsed.references[::-1]))[:50]


def _by_address(recipients: list[str]) -> tuple[Complaint, str] | None:
    for complaint_id in _signed_ids(recipients):
        complaint = Complaint.objects.select_related("customer").filter(pk=complaint_id).first()
        if complaint is not None:
            return complaint, "address"
    return None


def _by_headers(parsed: ParsedMail) -> tuple[Complaint, str] | None:
    wanted = _named_ids(parsed)
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


class Known:
    """What the messages of a batch name, read in three queries instead of some for each message.

    The complaints their signed reply addresses, In-Reply-To, References and subject references
    name, and which of those complaints' customers own their senders' addresses. Answers as
    ``find_complaint`` would have when it was read: whoever writes complaints, messages or
    contact points afterwards must read it again.
    """

    def __init__(self, mail: Iterable[tuple[ParsedMail, list[str]]]) -> None:
        pks: set[int] = set()
        named: set[str] = set()
        references: set[str] = set()
        senders: set[str] = set()
        for parsed, envelope_to in mail:
            pks.update(_signed_ids(parsed.recipients + envelope_to))
            named.update(_named_ids(parsed))
            token = REFERENCE.search(parsed.subject)
            if token is not None and parsed.from_address:
                references.add(token.group(1).upper())
                senders.add(parsed.from_address)
        self._message_complaint = dict(
            Message.objects.filter(message_id__in=named).values_list("message_id", "complaint_id")
            if named
            else []
        )
        pks.update(self._message_complaint.values())
        complaints = (
            Complaint.objects.select_related("customer").filter(Q(pk__in=pks) | Q(reference__in=references))
            if pks or references
            else []
        )
        self._complaints = {complaint.pk: complaint for complaint in complaints}
        self._by_reference = {complaint.reference: complaint for complaint in self._complaints.values()}
        owners = {self._by_reference[ref].customer_id for ref in references if ref in self._by_reference}
        self._points = set(
            ContactPoint.objects.filter(customer_id__in=owners, value__in=senders).values_list(
                "customer_id", "value"
            )
            if owners
            else []
        )

    def by_address(self, recipients: list[str]) -> tuple[Complaint, str] | None:
        for complaint_id in _signed_ids(recipients):
            if complaint_id in self._complaints:
                return self._complaints[complaint_id], "address"
        return None

    def by_headers(self, parsed: ParsedMail) -> tuple[Complaint, str] | None:
        for message_id in _named_ids(parsed):
            if message_id in self._message_complaint:
                return self._complaints[self._message_complaint[message_id]], "headers"
        return None

    def by_subject(self, parsed: ParsedMail) -> tuple[Complaint, str] | None:
        token = REFERENCE.search(parsed.subject)
        if token is None or not parsed.from_address:
            return None
        complaint = self._by_reference.get(token.group(1).upper())
        if complaint is None or (complaint.customer_id, parsed.from_address) not in self._points:
            return None
        return complaint, "subject"

"""Explicit input and output shapes of the REST API. Inputs are bounded; outputs never leak models."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from amends.complaints.models import Channel, ContactMethod, Severity, State

MAX_TEXT = 20_000


class ComplaintIn(Schema):
    name: str = Field(min_length=1, max_length=200, description="The customer's name.")
    email: str | None = Field(
        None, max_length=254, description="Where replies go. Email or phone is required."
    )
    phone: str | None = Field(None, max_length=40)
    story: str = Field(
        min_length=1, max_length=MAX_TEXT, description="What happened, in the customer's words."
    )
    outcome_sought: str = Field("", max_length=MAX_TEXT, description="What would put it right for them.")
    summary: str = Field("", max_length=200, description="One line; taken from the story when empty.")
    category: str | None = Field(None, max_length=100, description="A category slug.")
    severity: Severity = Severity.NORMAL
    channel: Literal[Channel.API, Channel.PHONE, Channel.EMAIL, Channel.WEB] = Channel.API
    preferred_contact_method: ContactMethod = ContactMethod.EMAIL
    preferred_contact_time: str = Field("", max_length=200)


class CustomerOut(Schema):
    name: str


class ComplaintOut(Schema):
    reference: str
    state: State
    channel: Channel
    severity: Severity
    category: str | None
    team: str | None
    assignee: str | None
    summary: str
    story: str
    outcome_sought: str
    agreed_outcome: str
    customer: CustomerOut
    received_at: datetime
    acknowledged_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    due_at: datetime | None
    url: str


class AcceptedOut(Schema):
    reference: str = Field(description="The complaint's reference, given to the customer at once.")
    received_at: datetime = Field(description="When it was taken in: its clocks start here.")
    url: str = Field(description="Where to read the complaint (202 until it is filed, then 200).")


class ComplaintSummaryOut(Schema):
    reference: str
    state: State
    severity: Severity
    summary: str
    category: str | None
    team: str | None
    assignee: str | None
    received_at: datetime
    due_at: datetime | None


class ComplaintPage(Schema):
    items: list[ComplaintSummaryOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class MessageIn(Schema):
    kind: Literal["reply", "call", "note", "customer"] = Field(
        description="reply: emailed to the customer; call: a phone call with the customer, logged; "
        "note: internal; customer: a message from the customer."
    )
    body: str = Field(min_length=1, max_length=MAX_TEXT)


class MessageOut(Schema):
    id: int
    direction: str
    channel: str
    body: str
    delivery: str
    created_at: datetime


class TransitionIn(Schema):
    to_state: State
    reason: str = Field("", max_length=2000)
    agreed_outcome: str = Field("", max_length=MAX_TEXT)


class ErrorOut(Schema):
    detail: str
    field: str | None = None

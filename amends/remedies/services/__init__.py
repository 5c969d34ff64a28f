"""The verbs of remedies: record what was sought, offer, respond, grant, approve, decline, expire."""

from .approvals import Decision, approval_approve, approval_decline, approval_expire, approvals_sweep
from .granting import GrantOutcome, remedy_grant, remedy_money
from .offers import OptionInput, Response, offer_make, offer_respond, remedy_sought_record

__all__ = [
    "Decision",
    "GrantOutcome",
    "OptionInput",
    "Response",
    "approval_approve",
    "approval_decline",
    "approval_expire",
    "approvals_sweep",
    "offer_make",
    "offer_respond",
    "remedy_grant",
    "remedy_money",
    "remedy_sought_record",
]

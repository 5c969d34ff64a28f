"""Regulatory regimes: presets that add clocks in business days and check what a final response says.

UK FCA DISP (the Financial Conduct Authority's complaint-handling rules):

- a complaint resolved by close of business on the third business day after the day it was
  received may be closed with a *summary resolution communication* (DISP 1.5);
- otherwise the *final response* is due within eight weeks of receipt (DISP 1.6.2);
- for payment-services complaints, within 15 business days, or, in exceptional circumstances
  explained to the customer in a holding reply, 35 business days (DISP 1.6.2A);
- a final response, and a summary resolution communication, must tell the customer of their
  right to refer the complaint to the Financial Ombudsman Service, and a final response of the
  six-month time limit for doing so.

ISO 10002 is not a clock but a sequence of steps; its checklist is derived from the timeline.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models

from amends.core.errors import AmendsError, InvalidInput

from .clock import BusinessHours
from .models import PromiseKind, Regime


class ResponseKind(models.TextChoices):
    FINAL = "final", "Final response"
    SUMMARY = "summary", "Summary resolution communication"
    HOLDING = "holding", "Holding reply (exceptional circumstances)"


class ResponseIncomplete(AmendsError):
    """A regulated response lacks content the regime requires; the message names what is missing."""

    http_status = 422

    def __init__(self, message: str, *, missing: list[str]) -> None:
        super().__init__(message, field="body")
        self.missing = missing


@dataclass(frozen=True)
class Requirement:
    label: str
    pattern: str

    def met_by(self, body: str) -> bool:
        return re.search(self.pattern, body, flags=re.IGNORECASE) is not None


OMBUDSMAN = Requirement(
    "the right to refer the complaint to the Financial Ombudsman Service", r"financial\s+ombudsman"
)
SIX_MONTHS = Requirement(
    "the six-month time limit for referring it to the Ombudsman", r"\b(six|6)[\s-]+months?\b"
)
WEBSITE = Requirement("the Ombudsman's website (financial-ombudsman.org.uk)", r"financial-ombudsman\.org\.uk")
FINAL_WORDS = Requirement("that this is our final response", r"final\s+response")
RESOLVED_WORDS = Requirement("that we consider the complaint resolved", r"\bresolved\b")
REASON = Requirement(
    "the reason for the delay (say 'because …')", r"\b(because|due to|as a result of|owing to)\b"
)

REQUIREMENTS: dict[str, list[Requirement]] = {
    ResponseKind.FINAL: [FINAL_WORDS, OMBUDSMAN, SIX_MONTHS, WEBSITE],
    ResponseKind.SUMMARY: [RESOLVED_WORDS, OMBUDSMAN, WEBSITE],
    ResponseKind.HOLDING: [REASON],
}

SUMMARY_DAYS = 3
FINAL_WEEKS = 8
PAYMENTS_DAYS = 15
PAYMENTS_EXCEPTIONAL_DAYS = 35


@dataclass(frozen=True)
class RegimeClock:
    kind: PromiseKind
    description: str
    due_at: datetime
    target_at: datetime
    visible: bool


def regime_clocks(regime: str, *, received_at: datetime, hours: BusinessHours) -> list[RegimeClock]:
    """The clocks a regime adds to a complaint received at ``received_at``."""
    if regime not in (Regime.FCA_DISP, Regime.FCA_DISP_PAYMENTS):
        return []
    summary = RegimeClock(
        kind=PromiseKind.SUMMARY_RESOLUTION,
        description="Resolve within three business days (summary resolution)",
        due_at=hours.add_business_days(received_at, SUMMARY_DAYS),
        target_at=hours.add_business_days(received_at, SUMMARY_DAYS - 1),
        visible=False,
    )
    if regime == Regime.FCA_DISP_PAYMENTS:
        final_due = hours.add_business_days(received_at, PAYMENTS_DAYS)
        final_target = hours.add_business_days(received_at, PAYMENTS_DAYS - 5)
    else:
        final_due = received_at + timedelta(weeks=FINAL_WEEKS)
        final_target = received_at + timedelta(weeks=FINAL_WEEKS - 2)
    final = RegimeClock(
        kind=PromiseKind.FINAL_RESPONSE,
        description="Our final response to your complaint",
        due_at=final_due,
        target_at=final_target,
        visible=True,
    )
    return [summary, final]


def exceptional_due(*, received_at: datetime, hours: BusinessHours) -> datetime:
    """The latest final response for a payment-services complaint in exceptional circumstances."""
    return hours.add_business_days(received_at, PAYMENTS_EXCEPTIONAL_DAYS)


def check_response(regime: str, kind: ResponseKind, body: str, *, summary_window_open: bool) -> None:
    """Refuse a regulated response the regime does not allow, or that lacks required content.

    Raises ``InvalidInput`` when the kind of response does not apply (a summary resolution after
    the three-day window, a holding reply outside payment services) and ``ResponseIncomplete``
    naming every missing item otherwise.
    """
    name = Regime(regime).label if regime in Regime.values else regime
    if kind != ResponseKind.FINAL and regime not in (Regime.FCA_DISP, Regime.FCA_DISP_PAYMENTS):
        raise InvalidInput(f"A {kind.label.lower()} applies only under UK FCA DISP.", field="response")
    if kind == ResponseKind.SUMMARY and not summary_window_open:
        raise InvalidInput(
            "The three-business-day window for a summary resolution has passed: send a final response.",
            field="response",
        )
    if kind == ResponseKind.HOLDING and regime != Regime.FCA_DISP_PAYMENTS:
        raise InvalidInput(
            "A holding reply for exceptional circumstances applies only to payment-services complaints.",
            field="response",
        )
    if regime not in (Regime.FCA_DISP, Regime.FCA_DISP_PAYMENTS):
        return
    missing = [r.label for r in REQUIREMENTS[kind] if not r.met_by(body)]
    if missing:
        raise ResponseIncomplete(
            f"A {kind.label.lower()} under {name} must say: " + "; ".join(missing) + ".", missing=missing
        )


@dataclass(frozen=True)
class Step:
    label: str
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


def iso_10002_steps(moments: dict[str, datetime | None]) -> list[Step]:
    """The ISO 10002 handling steps in order, each with when it was done (or ``None``).

    ``moments`` maps step keys (received, acknowledged, assessed, investigated, responded,
    decided, closed, followed_up) to the time the timeline shows each was done.
    """
    labels = [
        ("received", "Receipt recorded"),
        ("acknowledged", "Acknowledged promptly"),
        ("assessed", "Initial assessment (category, severity)"),
        ("investigated", "Investigated"),
        ("responded", "Response to the customer"),
        ("decided", "Decision communicated and outcome agreed"),
        ("closed", "Complaint closed"),
        ("followed_up", "Followed up (did the fix hold?)"),
    ]
    return [Step(label, moments.get(key)) for key, label in labels]

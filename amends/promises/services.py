"""Writes for promises. Callers own the transaction and the complaint's timeline event.

These verbs change promise rows only; ``complaints.services`` calls them from its own verbs
(intake, reply, state changes) and records what they return on the timeline. Each promise gets
its ``wake_at`` here, the next moment the sweep must look at it.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Min
from django.utils import timezone

from amends.core.errors import InvalidInput
from amends.core.inserts import build, rows_insert
from amends.core.memo import remembered

from . import regimes
from .clock import BusinessHours
from .commitments import parse_when
from .models import (
    EscalationRule,
    Promise,
    PromiseKind,
    PromiseSource,
    PromiseState,
    ReminderRule,
)
from .policies import PolicyClocks, hours_for_team, policy_for

if TYPE_CHECKING:
    from amends.accounts.models import User
    from amends.complaints.models import Complaint, Message


@dataclass(frozen=True)
class PromisePlan:
    """A promise to be made: what, by when (told and internal target), and where it came from."""

    kind: PromiseKind
    description: str
    due_at: datetime
    target_at: datetime
    source: PromiseSource = PromiseSource.POLICY
    visible: bool = True
    pausable: bool = False


@dataclass
class Rules:
    """The active reminder and escalation rules, loaded once per sweep or per intake, and the
    clocks already looked up for a (team, category, severity), so a sweep reads each once."""

    reminders: list[ReminderRule] = field(default_factory=list)
    escalations: list[EscalationRule] = field(default_factory=list)
    clocks: dict[tuple[int | None, int | None, str], tuple[BusinessHours, PolicyClocks]] = field(
        default_factory=dict
    )
    supervisors: dict[int | None, list["User"]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Rules":
        reminders, escalations = remembered(
            "rules",
            lambda: (
                list(ReminderRule.objects.filter(is_active=True)),
                list(EscalationRule.objects.filter(is_active=True).select_related("reassign_to")),
            ),
        )
        return cls(reminders=reminders, escalations=escalations)


def clocks_for(complaint: "Complaint", *, rules: "Rules | None" = None) -> tuple[BusinessHours, PolicyClocks]:
    """The business hours of the complaint's team and the policy for its category and severity."""
    key = (complaint.team_id, complaint.category_id, complaint.severity)
    if rules is not None and key in rules.clocks:
        return rules.clocks[key]
    found = (
        hours_for_team(complaint.team_id),
        policy_for(category_id=complaint.category_id, severity=complaint.severity),
    )
    if rules is not None:
        rules.clocks[key] = found
    return found


# A call made within a quarter of an hour of the agreed time is on time.
CALL_GRACE = timedelta(minutes=15)


def breaks_at(promise: Promise) -> datetime:
    """When an unkept promise counts as broken: its told time (a callback, a little after)."""
    return promise.due_at + (CALL_GRACE if promise.kind == PromiseKind.CALLBACK else timedelta(0))


def actions_for(promise: Promise, rules: Rules) -> list[tuple[datetime, str]]:
    """Every moment the sweep acts on ``promise``: reminders, escalations, and when it breaks."""
    moments = [(breaks_at(promise), "due")]
    for reminder in rules.reminders:
        if reminder.kind in ("", promise.kind):
            moments.append((promise.target_at - timedelta(minutes=reminder.minutes_before_target), "remind"))
    for rule in rules.escalations:
        if rule.kind in ("", promise.kind):
            moments.append((promise.due_at - timedelta(minutes=rule.minutes_before_due), "escalate"))
    return sorted(moments)


def next_wake(promise: Promise, rules: Rules, *, after: datetime) -> datetime | None:
    """The first moment after ``after`` at which the sweep must act on ``promise``."""
    return next((at for at, _ in actions_for(promise, rules) if at > after), None)


def promise_build(
    complaint: "Complaint", plan: PromisePlan, *, by: "User | None", now: datetime, rules: Rules
) -> Promise:
    promise = build(
        Promise,
        complaint=complaint,
        kind=plan.kind,
        description=plan.description[:300],
        due_at=plan.due_at,
        target_at=min(plan.target_at, plan.due_at),
        source=plan.source,
        visible=plan.visible,
        pausable=plan.pausable,
        created_by=by,
    )
    promise.wake_at = next_wake(promise, rules, after=now)
    return promise


def promises_make(
    *,
    complaint: "Complaint",
    plans: list[PromisePlan],
    by: "User | None" = None,
    rules: Rules | None = None,
) -> list[Promise]:
    """Record the planned promises in one statement, each with its first wake time."""
    now = timezone.now()
    rules = rules or Rules.load()
    return Promise.objects.bulk_create(
        [promise_build(complaint, p, by=by, now=now, rules=rules) for p in plans]
    )


def promises_make_many(
    *, made: list[tuple["Complaint", list[PromisePlan]]], by: "User | None" = None
) -> list[Promise]:
    """``promises_make`` for many complaints (a batch of new ones) in one statement."""
    now = timezone.now()
    rules = Rules.load()
    return rows_insert(
        [promise_build(complaint, p, by=by, now=now, rules=rules) for complaint, plans in made for p in plans]
    )


def _check_times(due_at: datetime, target_at: datetime, now: datetime) -> None:
    if due_at.tzinfo is None or target_at.tzinfo is None:
        raise InvalidInput("A promise needs a time with a time zone.", field="due_at")
    if due_at <= now:
        raise InvalidInput("A promise cannot be due in the past.", field="due_at")
    if target_at > due_at:
        raise InvalidInput(
            "The internal target cannot be later than the time told to the customer.",
            field="target_at",
        )
    if target_at <= now:
        raise InvalidInput("The internal target cannot be in the past.", field="target_at")


def default_target(due_at: datetime, *, now: datetime, kind: PromiseKind) -> datetime:
    """A tighter internal target: a quarter of the way back from the told time, at most a day.

    A callback is at the time agreed, never earlier, so its target is the time itself.
    """
    if kind == PromiseKind.CALLBACK:
        return due_at
    return max(due_at - min((due_at - now) / 4, timedelta(days=1)), min(due_at, now + timedelta(minutes=1)))


def check_callback_time(due_at: datetime, hours: BusinessHours) -> None:
    """Refuse a callback outside the team's business hours, saying when calls can be made."""
    if due_at.tzinfo is None:
        raise InvalidInput("A callback needs a time with a time zone.", field="due_at")
    if not hours.is_open_at(due_at):
        local = due_at.astimezone(hours.tz)
        holiday = hours.holiday_name(local.date())
        why = (
            f"{local:%A %-d %B} is {holiday}"
            if holiday
            else f"{local:%A %-d %B at %H:%M} is outside our hours"
        )
        raise InvalidInput(
            f"We cannot call then: {why}. We call {hours.describe()}; the next time we can is "
            f"{hours.next_open(due_at).astimezone(hours.tz):%A %-d %B at %H:%M}.",
            field="due_at",
        )


def promise_create(
    *,
    complaint: "Complaint",
    kind: PromiseKind,
    description: str,
    due_at: datetime,
    target_at: datetime | None = None,
    by: "User | None" = None,
    source: PromiseSource = PromiseSource.AGENT,
    source_message: "Message | None" = None,
    hours: BusinessHours | None = None,
    attempt: int = 1,
) -> Promise:
    """Record a commitment. ``target_at`` defaults to a tighter time and may not be later than ``due_at``.

    Raises ``InvalidInput`` for a time in the past or without a time zone, a target after the
    told time, a missing description, and a callback outside business hours (``hours`` is the
    team's calendar; it defaults to the complaint's).
    """
    now = timezone.now()
    if not description.strip():
        raise InvalidInput("Say what was promised.", field="description")
    if due_at.tzinfo is None:
        raise InvalidInput("A promise needs a time with a time zone.", field="due_at")
    target_at = target_at or default_target(due_at, now=now, kind=kind)
    _check_times(due_at, target_at, now)
    if kind == PromiseKind.CALLBACK:
        check_callback_time(due_at, hours or hours_for_team(complaint.team_id))
    promise = promise_build(
        complaint,
        PromisePlan(kind, description.strip(), due_at, target_at, source=source),
        by=by,
        now=now,
        rules=Rules.load(),
    )
    promise.source_message = source_message
    promise.attempt = attempt
    promise.save()
    return promise


def intake_plans(
    *,
    received_at: datetime,
    team_id: int | None,
    category_id: int | None,
    severity: str,
    callback_at: datetime | None = None,
    callback_text: str = "",
) -> list[PromisePlan]:
    """The promises a new complaint starts with: first response, resolution, regime clocks, callback.

    ``callback_at`` is a time the customer chose; raises ``InvalidInput`` if it is in the past or
    outside business hours. Without it, a preferred contact time that names a moment we are
    open ("Tuesday 15:00") becomes the callback; one that does not ("evenings") stays a note.
    """
    hours = hours_for_team(team_id)
    if callback_at is None and callback_text:
        wanted = parse_when(callback_text, now=received_at, hours=hours)
        callback_at = wanted if wanted and wanted > received_at and hours.is_open_at(wanted) else None
    policy = policy_for(category_id=category_id, severity=severity)
    first = policy.first_response
    plans = [
        PromisePlan(
            PromiseKind.FIRST_RESPONSE,
            "A person replies to the customer",
            hours.add(received_at, first.told_hours),
            hours.add(received_at, first.target_hours),
            pausable=True,
        )
    ]
    if policy.resolution:
        plans.append(
            PromisePlan(
                PromiseKind.RESOLUTION,
                "We aim to have this put right",
                hours.add(received_at, policy.resolution.told_hours),
                hours.add(received_at, policy.resolution.target_hours),
                pausable=True,
            )
        )
    for clock in regimes.regime_clocks(policy.regime, received_at=received_at, hours=hours):
        plans.append(
            PromisePlan(
                clock.kind,
                clock.description,
                clock.due_at,
                clock.target_at,
                PromiseSource.REGIME,
                clock.visible,
            )
        )
    if callback_at is not None:
        _check_times(callback_at, callback_at, received_at)
        check_callback_time(callback_at, hours)
        plans.append(
            PromisePlan(
                PromiseKind.CALLBACK, "We call you back", callback_at, callback_at, PromiseSource.CUSTOMER
            )
        )
    return plans


def update_plan(complaint: "Complaint", *, at: datetime, rules: Rules | None = None) -> PromisePlan | None:
    """The next "keep them in the loop" promise from ``at``, or ``None`` if the policy has none."""
    hours, policy = clocks_for(complaint, rules=rules)
    if policy.update is None:
        return None
    return PromisePlan(
        PromiseKind.UPDATE,
        "We write to you with an update",
        hours.add(at, policy.update.told_hours),
        hours.add(at, policy.update.target_hours),
        pausable=True,
    )


def promise_settle(
    *,
    promise: Promise,
    at: datetime | None = None,
    hours: BusinessHours | None = None,
    note: str = "",
    grace: timedelta = timedelta(0),
) -> Promise:
    """Settle an open promise: kept early by the internal target, kept by the told time, else broken.

    ``grace`` is how late still counts as on time (a call made a few minutes after the hour).
    """
    at = at or timezone.now()
    if promise.state == PromiseState.PAUSED:
        # Fulfilled while its clock was stopped: on time, early if the target had time left.
        promise.state = PromiseState.KEPT_EARLY if promise.paused_target_seconds else PromiseState.KEPT
    elif at <= promise.target_at:
        promise.state = PromiseState.KEPT_EARLY
    elif at <= promise.due_at + grace:
        promise.state = PromiseState.KEPT
    else:
        promise.state = PromiseState.BROKEN
    promise.settled_at = promise.fulfilled_at = at
    promise.wake_at = None
    promise.outcome_note = note[:300] or promise.outcome_note
    if hours is not None:
        promise.business_seconds = hours.seconds_between(promise.created_at, at)
    promise.save(
        update_fields=["state", "settled_at", "fulfilled_at", "wake_at", "outcome_note", "business_seconds"]
    )
    return promise


def promise_break(*, promise: Promise, at: datetime) -> Promise:
    """Mark an open promise broken: its told time ``at`` passed with the promise unkept."""
    promise.state = PromiseState.BROKEN
    promise.settled_at = at
    promise.wake_at = None
    promise.save(update_fields=["state", "settled_at", "wake_at"])
    return promise


def promise_cancel(*, promise: Promise, reason: str) -> Promise:
    """Release an open or paused promise that is no longer owed. Not a broken promise."""
    promise.state = PromiseState.CANCELLED
    promise.settled_at = timezone.now()
    promise.wake_at = None
    promise.outcome_note = reason[:300]
    promise.save(update_fields=["state", "settled_at", "wake_at", "outcome_note"])
    return promise


def promises_settle_open(
    *,
    complaint: "Complaint",
    kind: PromiseKind,
    at: datetime | None = None,
    hours: BusinessHours | None = None,
) -> list[Promise]:
    """Settle every open promise of ``kind`` on ``complaint`` at ``at`` (default now)."""
    open_promises = list(Promise.objects.filter(complaint=complaint, kind=kind, state=PromiseState.OPEN))
    return [promise_settle(promise=p, at=at, hours=hours) for p in open_promises]


def first_response_record(*, complaint: "Complaint", at: datetime) -> list[Promise]:
    """Settle the first-response promise by a reply at ``at``, with its business time.

    A first-response promise the sweep already broke still gets the time it was fulfilled, so
    first-response time in business hours counts late replies too.
    """
    hours = hours_for_team(complaint.team_id)
    late = Promise.objects.filter(
        complaint=complaint,
        kind=PromiseKind.FIRST_RESPONSE,
        state=PromiseState.BROKEN,
        fulfilled_at__isnull=True,
    )
    for promise in late:
        promise.fulfilled_at = at
        promise.business_seconds = hours.seconds_between(promise.created_at, at)
        promise.save(update_fields=["fulfilled_at", "business_seconds"])
    return promises_settle_open(complaint=complaint, kind=PromiseKind.FIRST_RESPONSE, at=at, hours=hours)


@dataclass
class ReplyOutcome:
    settled: list[Promise] = field(default_factory=list)
    made: list[Promise] = field(default_factory=list)
    cancelled: list[Promise] = field(default_factory=list)


def check_response(*, complaint: "Complaint", response: regimes.ResponseKind, body: str) -> None:
    """Refuse a final, summary or holding response the complaint's regime does not accept."""
    _, policy = clocks_for(complaint)
    window_open = Promise.objects.filter(
        complaint=complaint, kind=PromiseKind.SUMMARY_RESOLUTION, state=PromiseState.OPEN
    ).exists()
    regimes.check_response(policy.regime, response, body, summary_window_open=window_open)


def promises_on_reply(
    *,
    complaint: "Complaint",
    at: datetime,
    response: regimes.ResponseKind | None = None,
    still_open: bool = True,
) -> ReplyOutcome:
    """Settle what a reply to the customer fulfils and make the next update promise.

    A reply keeps the first-response promise (once) and the open update promise; a final
    response keeps the final-response promise; a summary resolution keeps the summary window
    and releases the final response; a holding reply moves the final response to the
    exceptional limit. While the complaint stays open, the next update promise starts.
    """
    outcome = ReplyOutcome()
    if complaint.first_response_at is None:
        outcome.settled += first_response_record(complaint=complaint, at=at)
    hours = hours_for_team(complaint.team_id)
    outcome.settled += promises_settle_open(complaint=complaint, kind=PromiseKind.UPDATE, at=at, hours=hours)
    if response == regimes.ResponseKind.FINAL:
        outcome.settled += promises_settle_open(complaint=complaint, kind=PromiseKind.FINAL_RESPONSE, at=at)
    elif response == regimes.ResponseKind.SUMMARY:
        outcome.settled += promises_settle_open(
            complaint=complaint, kind=PromiseKind.SUMMARY_RESOLUTION, at=at
        )
        for promise in Promise.objects.filter(
            complaint=complaint, kind=PromiseKind.FINAL_RESPONSE, state=PromiseState.OPEN
        ):
            outcome.cancelled.append(promise_cancel(promise=promise, reason="Resolved by summary resolution"))
    elif response == regimes.ResponseKind.HOLDING:
        outcome.made += _extend_final_response(complaint, hours)
    plan = update_plan(complaint, at=at) if still_open and response is None else None
    if plan is not None:
        outcome.made += promises_make(complaint=complaint, plans=[plan])
    return outcome


def _extend_final_response(complaint: "Complaint", hours: BusinessHours) -> list[Promise]:
    latest = regimes.exceptional_due(received_at=complaint.received_at, hours=hours)
    extended = []
    for promise in Promise.objects.filter(
        complaint=complaint, kind=PromiseKind.FINAL_RESPONSE, state=PromiseState.OPEN
    ):
        promise_cancel(promise=promise, reason="Extended for exceptional circumstances")
        extended.append(promise)
    plan = PromisePlan(
        PromiseKind.FINAL_RESPONSE,
        "Our final response to your complaint (exceptional circumstances)",
        latest,
        latest - (latest - timezone.now()) / 4,
        PromiseSource.REGIME,
    )
    return promises_make(complaint=complaint, plans=[plan]) if extended else []


def exceptional_final_response_due(complaint: "Complaint") -> datetime:
    """The date a holding reply must name as the latest final response (35 business days)."""
    return regimes.exceptional_due(received_at=complaint.received_at, hours=hours_for_team(complaint.team_id))


def promises_pause(*, complaint: "Complaint", at: datetime) -> list[Promise]:
    """Stop the policy clocks while the complaint awaits the customer, keeping the time left.

    Agent promises and regulatory clocks do not pause: a refund promised for Friday is owed
    whatever the customer does, and regulators count from receipt.
    """
    hours = hours_for_team(complaint.team_id)
    paused = list(Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN, pausable=True))
    for promise in paused:
        promise.paused_due_seconds = hours.seconds_between(at, promise.due_at)
        promise.paused_target_seconds = hours.seconds_between(at, promise.target_at)
        promise.state = PromiseState.PAUSED
        promise.wake_at = None
    Promise.objects.bulk_update(paused, ["paused_due_seconds", "paused_target_seconds", "state", "wake_at"])
    return paused


def promises_resume(*, complaint: "Complaint", at: datetime) -> list[Promise]:
    """Restart paused clocks from ``at`` with the business time they had left (at least an hour)."""
    hours = hours_for_team(complaint.team_id)
    rules = Rules.load()
    resumed = list(Promise.objects.filter(complaint=complaint, state=PromiseState.PAUSED))
    for promise in resumed:
        due_left = max(promise.paused_due_seconds or 0, 3600)
        target_left = min(max(promise.paused_target_seconds or 0, 1800), due_left)
        promise.due_at = hours.add(at, due_left / 3600)
        promise.target_at = hours.add(at, target_left / 3600)
        promise.state = PromiseState.OPEN
        promise.paused_due_seconds = promise.paused_target_seconds = None
        promise.wake_at = next_wake(promise, rules, after=at)
    Promise.objects.bulk_update(
        resumed, ["due_at", "target_at", "state", "paused_due_seconds", "paused_target_seconds", "wake_at"]
    )
    return resumed


def next_target_for(complaint: "Complaint") -> datetime | None:
    """The earliest internal target among the complaint's open promises."""
    result: datetime | None = Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN).aggregate(
        first=Min("target_at")
    )["first"]
    return result

"""The sweep: find what is due among open promises and act — remind, escalate, break, renew.

It reads ``Promise.wake_at`` through a partial index on open promises, so one sweep costs what
is due, not what is open: with nothing due it is a single index probe. Work is done in batches,
each one transaction. Complaints are locked before their promises (the order the complaint
services use) and locked ones are skipped, so a sweep never waits for an agent mid-reply and two
sweeps never do the same work.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints import services as complaint_services
from amends.complaints.messages import format_moment
from amends.complaints.models import OPEN_STATES, Complaint, Event, EventKind, State
from amends.complaints.services import Escalation
from amends.core.tasks import enqueue_on_commit

from . import services
from .models import EscalationRule, Promise, PromiseKind, PromiseState, Reassign
from .notify import Notice, desk_url, notice_to, supervisors_of
from .services import PromisePlan, Rules

logger = logging.getLogger(__name__)
BATCH = 1000
SYSTEM = "Amends"


@dataclass
class SweepReport:
    promises: int = 0
    reminded: int = 0
    escalated: int = 0
    broken: int = 0
    renewed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.promises} due promises: {self.reminded} reminded, {self.escalated} escalated, "
            f"{self.broken} broken, {self.renewed} updates renewed"
        )


@dataclass
class _Batch:
    events: list[Event] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    renewals: list[tuple[Complaint, PromisePlan]] = field(default_factory=list)
    escalations: list[Promise] = field(default_factory=list)
    broken: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)
    rewoken: list[Promise] = field(default_factory=list)


def sweep_promises(*, now: datetime | None = None, batch_size: int = BATCH) -> SweepReport:
    """Act on every open promise whose wake time has come by ``now``; return what was done."""
    now = now or timezone.now()
    report = SweepReport()
    # The common case, every minute: nothing is due. One index probe, no transaction.
    if not Promise.objects.filter(state=PromiseState.OPEN, wake_at__lte=now).exists():
        return report
    rules = Rules.load()
    while True:
        with transaction.atomic():
            found, done = _sweep_batch(now, rules, batch_size, report)
        if found < batch_size or done == 0:
            return report


# What the sweep reads of each promise, its complaint and assignee: no stories, no passwords.
_FIELDS = [
    *(f.name for f in Promise._meta.concrete_fields),
    *(f"complaint__{name}" for name in ("reference", "summary", "state", "severity", "team", "category")),
    *(
        f"complaint__assignee__{name}"
        for name in ("email", "first_name", "last_name", "username", "is_active")
    ),
]


def _lock_batch(now: datetime, size: int) -> list[Promise]:
    due = list(
        Promise.objects.filter(state=PromiseState.OPEN, wake_at__lte=now)
        .order_by("wake_at")
        .values_list("pk", "complaint_id")[:size]
    )
    if not due:
        return []
    locked = list(
        Complaint.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in={complaint_id for _, complaint_id in due})
        .values_list("pk", flat=True)
    )
    return list(
        Promise.objects.select_for_update(of=("self",))
        .select_related("complaint", "complaint__assignee")
        .only(*_FIELDS)
        .filter(
            pk__in=[pk for pk, _ in due], complaint_id__in=locked, state=PromiseState.OPEN, wake_at__lte=now
        )
        .order_by("wake_at")
    )


def _sweep_batch(now: datetime, rules: Rules, size: int, report: SweepReport) -> tuple[int, int]:
    batch = _lock_batch(now, size)
    work = _Batch()
    for promise in batch:
        _act(promise, now, rules, work, report)
    # Written in a few statements rather than one service call each, so thousands of due
    # promises are settled in seconds; the events are those the complaint services write.
    Promise.objects.filter(pk__in=work.broken).update(
        state=PromiseState.BROKEN, settled_at=F("due_at"), wake_at=None
    )
    Promise.objects.filter(pk__in=work.reminded).update(reminded_at=now)
    _set_wake_times(work.rewoken)
    escalations = [(p, e) for p in work.escalations if (e := _escalation(p, now, rules, work))]
    complaint_services.complaints_escalate(escalations=[e for _, e in escalations])
    Promise.objects.filter(pk__in=[p.pk for p, _ in escalations]).update(escalated_at=now)
    report.escalated += len(escalations)
    Event.objects.bulk_create(work.events)
    _renew(work.renewals, rules)
    report.renewed += len(work.renewals)
    # Reminders and escalations leave targets as they were; only a break changes what is due.
    broken = set(work.broken)
    _refresh_due({p.complaint_id for p in batch if p.pk in broken})
    if work.notices:
        from .tasks import send_staff_notices

        enqueue_on_commit(send_staff_notices, [n.as_dict() for n in work.notices])
    report.promises += len(batch)
    return len(batch), len(batch)


def _act(promise: Promise, now: datetime, rules: Rules, work: _Batch, report: SweepReport) -> None:
    complaint = promise.complaint
    woke = promise.wake_at or now
    if services.breaks_at(promise) <= now:
        _break(promise, rules, work)
        report.broken += 1
        return
    acts = {name for at, name in services.actions_for(promise, rules) if woke <= at <= now}
    if "remind" in acts and promise.reminded_at is None:
        work.reminded.append(promise.pk)
        _remind(promise, complaint, rules, work)
        report.reminded += 1
    if "escalate" in acts and promise.escalated_at is None:
        work.escalations.append(promise)
    promise.wake_at = services.next_wake(promise, rules, after=now)
    work.rewoken.append(promise)


def _event(complaint: Complaint, kind: EventKind, reason: str, data: dict[str, object]) -> Event:
    return Event(
        complaint=complaint,
        kind=kind,
        actor_label=SYSTEM,
        reason=reason,
        data=data,
        created_at=timezone.now(),
    )


def _tz(complaint: Complaint, rules: Rules) -> ZoneInfo:
    return services.clocks_for(complaint, rules=rules)[0].tz


def _break(promise: Promise, rules: Rules, work: _Batch) -> None:
    complaint = promise.complaint
    work.broken.append(promise.pk)
    tz = _tz(complaint, rules)
    reason = f"{promise.description}: broken (due {format_moment(promise.due_at, tz=tz)})"
    data: dict[str, object] = {"promise": promise.pk, "kind": promise.kind, "state": PromiseState.BROKEN}
    # The customer still needs hearing from: the next update is owed from now, and the one
    # event says so (a sweep may renew thousands at once).
    if promise.kind == PromiseKind.UPDATE and complaint.state in OPEN_STATES - {State.AWAITING_CUSTOMER}:
        plan = services.update_plan(complaint, at=timezone.now(), rules=rules)
        if plan is not None:
            work.renewals.append((complaint, plan))
            reason += f"; the next update is owed by {format_moment(plan.due_at, tz=tz)}"
            data["renewed_due"] = plan.due_at.isoformat()
    work.events.append(_event(complaint, EventKind.PROMISE_SETTLED, reason, data))


def _remind(promise: Promise, complaint: Complaint, rules: Rules, work: _Batch) -> None:
    people = (
        [complaint.assignee]
        if complaint.assignee and complaint.assignee.is_active
        else _supervisors(complaint.team_id, rules)
    )
    tz = _tz(complaint, rules)
    target = format_moment(promise.target_at, tz=tz)
    notice = notice_to(
        people,
        subject=f"Reminder: {complaint.reference} {promise.description} by {target}",
        body=f"{promise.description} for {complaint.reference} ({complaint.summary}).\n\n"
        f"Internal target: {target}\nTold the customer: {format_moment(promise.due_at, tz=tz)}\n\n"
        f"{desk_url(complaint)}",
    )
    if notice:
        work.notices.append(notice)
        names = ", ".join(p.display_name for p in people)
        work.events.append(
            _event(
                complaint,
                EventKind.NOTE,
                f"Reminder sent to {names}: {promise.description} by {target}",
                {"promise": promise.pk, "reminder": True},
            )
        )


def _rule_for(promise: Promise, complaint: Complaint, rules: Rules, now: datetime) -> EscalationRule | None:
    for rule in rules.escalations:
        if (
            rule.kind in ("", promise.kind)
            and rule.severity in ("", complaint.severity)
            and rule.category_id in (None, complaint.category_id)
            and (promise.due_at - now).total_seconds() <= rule.minutes_before_due * 60
        ):
            return rule
    return None


def _supervisors(team_id: int | None, rules: Rules) -> list[User]:
    if team_id not in rules.supervisors:
        rules.supervisors[team_id] = supervisors_of(team_id)
    return rules.supervisors[team_id]


def _escalation(promise: Promise, now: datetime, rules: Rules, work: _Batch) -> Escalation | None:
    """What the first matching rule asks for, with its supervisors notified; ``None`` if none matches."""
    complaint = promise.complaint
    rule = _rule_for(promise, complaint, rules, now)
    if rule is None or not complaint.is_open:
        return None
    supervisors = _supervisors(complaint.team_id, rules)
    assignee = None
    if rule.reassign == Reassign.SUPERVISOR:
        assignee = next((s for s in supervisors if s.pk != complaint.assignee_id), None)
    elif rule.reassign == Reassign.USER:
        assignee = rule.reassign_to
    told = format_moment(promise.due_at, tz=_tz(complaint, rules))
    reason = f"{promise.description} is due {told} and not yet kept ({rule.name})"
    if rule.notify_supervisors:
        notice = notice_to(
            supervisors,
            subject=f"Escalated: {complaint.reference} {promise.description} due {told}",
            body=f"{reason}.\n\n{complaint.summary}\n\n{desk_url(complaint)}",
        )
        if notice:
            work.notices.append(notice)
    return Escalation(
        complaint, reason, rule.raise_severity, assignee, {"promise": promise.pk, "rule": rule.pk}
    )


def _renew(renewals: list[tuple[Complaint, PromisePlan]], rules: Rules) -> None:
    now = timezone.now()
    Promise.objects.bulk_create(
        [
            services.promise_build(complaint, plan, by=None, now=now, rules=rules)
            for complaint, plan in renewals
        ]
    )


def _set_wake_times(promises: list[Promise]) -> None:
    if connection.vendor != "postgresql":
        Promise.objects.bulk_update(promises, ["wake_at"], batch_size=100)
        return
    # One statement for the batch: Django's bulk_update builds a CASE per row, slow at thousands.
    table = Promise._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS p SET wake_at = v.wake "  # noqa: S608 - our own table name
            "FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, wake) WHERE p.id = v.id",
            [[p.pk for p in promises], [p.wake_at for p in promises]],
        )


def _refresh_due(complaint_ids: set[int]) -> None:
    earliest = (
        Promise.objects.filter(complaint=OuterRef("pk"), state=PromiseState.OPEN)
        .order_by("target_at")
        .values("target_at")[:1]
    )
    Complaint.objects.filter(pk__in=complaint_ids, state__in=sorted(OPEN_STATES)).update(
        due_at=Subquery(earliest)
    )

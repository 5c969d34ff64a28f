"""A plan for one demo complaint: who complains, about what, and what happens next, step by step.

Plans are made together (so customers can come back and duplicates can point at what they
duplicate), timed against the real clock so nothing happens in the future, and carried out in
the order the complaints arrived, which keeps references in date order.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db.models import F

from amends.accounts.models import User
from amends.complaints import services
from amends.complaints.models import (
    Category,
    Channel,
    Complaint,
    ContactMethod,
    Delivery,
    Direction,
    Message,
    Severity,
)
from amends.promises.clock import BusinessHours

from .acts import Act
from .clock import customer_time, demo_clock, staff_time
from .compose import Facts, StoryDraft
from .parts import Situation
from .people import Person

# Sending takes the worker a few seconds; historic mail is shown as sent that long after writing.
SENDING_TIME = timedelta(seconds=4)


@dataclass(frozen=True)
class Beat:
    """One step of a story: who acts (staff keep office hours, customers mostly sleep at night),
    how long after the step before, and whether the story may stop short of it rather than
    reach into the future."""

    act: Act
    wait: float  # hours: working hours for staff, clock hours for customers and the system
    who: str = "staff"  # "staff", "customer" or "system" (the worker, seconds after intake)
    optional: bool = False


@dataclass(eq=False)
class Plan:
    family: str
    person: Person
    situation: Situation | None
    channel: Channel
    tone: str
    category: Category | None  # the right category, once someone has looked
    intake_category: Category | None  # what the customer (or the agent on the phone) chose
    severity: str
    intake_severity: str
    agent: User | None
    supervisor: User | None
    summary: str
    draft: StoryDraft
    outcome: str
    beats: list[Beat]
    seed: int
    received_at: datetime
    times: list[datetime] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    prior: int = 0  # how many complaints this customer made before this one
    target: "Plan | None" = None  # for a duplicate: the complaint it will be merged into
    anchor: datetime | None = None
    # For stories still being worked: the last step happened at most this long before now.
    recent: timedelta | None = None
    complaint_id: int | None = None

    @property
    def age(self) -> timedelta:
        """How long before the demo was loaded the complaint was received."""
        assert self.anchor is not None
        return self.anchor - self.received_at

    @property
    def team_name(self) -> str:
        team = self.category.team if self.category else None
        return team.name if team else "Customer Care"

    def router(self, complaint: Complaint) -> User:
        """Who sets category and team: the agent if it already sits with their team, else a supervisor."""
        assert self.category is not None
        assert self.supervisor is not None
        # A critical complaint is raised by the supervisor, who then knows about it.
        critical_unseen = self.severity == Severity.CRITICAL and complaint.severity != self.severity
        if self.agent is not None and complaint.team_id == self.category.team_id and not critical_unseen:
            return self.agent
        return self.supervisor

    def carry_out(self) -> Complaint:
        """Receive the complaint and play its story through the services, each step at its moment."""
        with demo_clock(self.received_at) as clock:
            complaint = services.complaint_receive(data=self._input(), by=self._taker())
            for beat, at in zip(self.beats, self.times, strict=False):
                clock.set(at)
                beat.act(self, _fresh(complaint.pk), at)
        _mark_sent(complaint)
        self.complaint_id = complaint.pk
        return _fresh(complaint.pk)

    def _taker(self) -> User | None:
        return self.agent if self.channel == Channel.PHONE else None

    def _input(self) -> services.ComplaintInput:
        story = self.draft.render(self.facts, has_history=self.prior > 0, rng_seed=self.seed)
        person = self.person
        summary = self.facts.fill(self.summary) if self.channel != Channel.WEB else ""
        raw, content_type, message_id = self._raw(story, summary)
        return services.ComplaintInput(
            channel=self.channel,
            name=person.name,
            email=person.email,
            phone=person.phone,
            story=story,
            summary=summary,
            outcome_sought=self.facts.fill(self.outcome),
            preferred_contact_method=ContactMethod.PHONE if person.prefers_phone else ContactMethod.EMAIL,
            preferred_contact_time=person.contact_time,
            category=self.intake_category,
            severity=Severity(self.intake_severity),
            raw=raw,
            raw_content_type=content_type,
            message_id=message_id,
            # The story acknowledges the complaint itself, at the moment the worker would have.
            acknowledge=False,
        )

    def _raw(self, story: str, summary: str) -> tuple[bytes, str, str | None]:
        person = self.person
        if self.channel == Channel.EMAIL:
            local, domain = person.email.rsplit("@", 1)
            message_id = f"<demo.{self.seed}.{local}@{domain}>"
            headers = (
                f"From: {person.name} <{person.email}>\r\nSubject: {summary}\r\nMessage-ID: {message_id}"
            )
            return f"{headers}\r\n\r\n{story}".encode(), "message/rfc822", message_id
        if self.channel == Channel.WEB:
            form = {"story": story, "name": person.name, "email": person.email, "phone": person.phone}
            return urlencode(form).encode(), "application/x-www-form-urlencoded", None
        return json.dumps({"taken_by_phone": True}).encode(), "application/json", None


def _fresh(pk: int) -> Complaint:
    # The services lock and reload what they change; a step needs only the current row.
    return Complaint.objects.get(pk=pk)


def _mark_sent(complaint: Complaint) -> None:
    """Historic mail went out long ago: mark it sent, so the worker's delivery tasks do nothing."""
    Message.objects.filter(
        complaint=complaint, direction=Direction.OUTBOUND, delivery=Delivery.PENDING
    ).update(delivery=Delivery.SENT, delivered_at=F("created_at") + SENDING_TIME)


def schedule(plan: Plan, anchor: datetime, hours: BusinessHours) -> None:
    """Give each beat its moment, moving the story back whole days until it ends before ``anchor``.

    A story may instead stop short at an optional beat (a new complaint not yet looked at).
    """
    plan.anchor = anchor
    latest = anchor - timedelta(minutes=2)
    plan.received_at = min(plan.received_at, latest - timedelta(minutes=5))
    for _ in range(60):
        times = _times(plan, hours)
        cut = _first_late(plan, times, latest)
        if cut is None:
            plan.times = _bring_forward(plan, times, latest, hours)
            return
        if all(beat.optional for beat in plan.beats[cut:]):
            plan.beats, plan.times = plan.beats[:cut], times[:cut]
            return
        plan.received_at -= timedelta(days=max(1, (times[-1] - latest).days + 1))
        while not _can_take_calls(plan, hours):
            plan.received_at -= timedelta(days=1)
    raise RuntimeError("A demo story could not be fitted before now.")


def _bring_forward(
    plan: Plan, times: list[datetime], latest: datetime, hours: BusinessHours
) -> list[datetime]:
    """Move a story still being worked forward in whole days, so its last step is recent."""
    if plan.recent is None or not times or latest - times[-1] <= plan.recent:
        return times
    original = plan.received_at
    plan.received_at += timedelta(days=(latest - times[-1] - plan.recent).days)
    moved = _times(plan, hours)
    while plan.received_at > original and (moved[-1] > latest or not _can_take_calls(plan, hours)):
        plan.received_at -= timedelta(days=1)
        moved = _times(plan, hours)
    return moved


def _can_take_calls(plan: Plan, hours: BusinessHours) -> bool:
    return plan.channel != Channel.PHONE or plan.received_at.astimezone(hours.tz).weekday() in hours.weekdays


def _times(plan: Plan, hours: BusinessHours) -> list[datetime]:
    moment, times = plan.received_at, []
    for beat in plan.beats:
        if beat.who == "staff":
            moment = staff_time(hours, moment, beat.wait)
        elif beat.who == "customer":
            moment = customer_time(moment, beat.wait)
        else:
            moment += timedelta(hours=beat.wait)
        times.append(moment)
    return times


def _first_late(plan: Plan, times: list[datetime], latest: datetime) -> int | None:
    if plan.received_at > latest:
        return 0
    return next((i for i, t in enumerate(times) if t > latest), None)

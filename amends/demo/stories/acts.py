"""The things that happen in a demo story, each one call of a real complaint service.

An act runs with the demo clock set to its moment, so the service stamps and settles exactly as
it would have then. Acts take the plan (for its words and people) and a fresh copy of the
complaint; what they say is filled in from the plan's facts at that moment.
"""

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from amends.accounts.models import User
from amends.complaints import services
from amends.complaints.models import Channel, Complaint, Severity, State
from amends.promises.clock import BusinessHours

from .clock import day_phrase
from .replies import Reply

if TYPE_CHECKING:
    from .plans import Plan

Act = Callable[["Plan", Complaint, datetime], None]


def _when(at: datetime) -> dict[str, str]:
    """The days a reply written at ``at`` can name: {soon} is a working day on, {by} three, the
    default interval between updates, so the agent's words agree with the promise the reply makes."""
    hours = BusinessHours.from_settings()
    return {
        "soon": day_phrase(hours.add(at, 8), at),
        "by": day_phrase(hours.add(at, 24), at),
        "clock": f"{timezone.localtime(at):%H:%M}",
    }


def _staff_words(plan: "Plan", at: datetime, template: str, **more: str) -> str:
    agent = plan.agent
    return plan.facts.fill(
        template,
        agent=agent.first_name if agent else "",
        team=plan.team_name,
        supervisor=plan.supervisor.first_name if plan.supervisor else "",
        **_when(at),
        **more,
    )


def acknowledge(plan: "Plan", complaint: Complaint, at: datetime) -> None:
    """The acknowledgement the worker would send seconds after intake (or its note, without email)."""
    services.complaint_acknowledge(complaint_id=complaint.pk)


def route(plan: "Plan", complaint: Complaint, at: datetime) -> None:
    """Triage: the right category and severity, then the team and the person who will handle it."""
    router = plan.router(complaint)
    assert plan.category is not None
    if complaint.category_id != plan.category.pk or complaint.severity != plan.severity:
        services.complaint_categorise(
            complaint=complaint, by=router, category=plan.category, severity=Severity(plan.severity)
        )
    team = plan.category.team
    services.complaint_assign(complaint=complaint, by=router, team=team, assignee=plan.agent)


def reply(words: Reply) -> Act:
    def act(plan: "Plan", complaint: Complaint, at: datetime) -> None:
        assert plan.agent is not None
        body = words.render(plan.facts, **_reply_keys(plan, at))
        services.complaint_reply(complaint=complaint, by=plan.agent, body=body)

    return act


def _reply_keys(plan: "Plan", at: datetime) -> dict[str, str]:
    agent = plan.agent
    return {
        "agent": agent.first_name if agent else "",
        "team": plan.team_name,
        **_when(at),
    }


def note(template: str, *, by_supervisor: bool = False, **more: str) -> Act:
    def act(plan: "Plan", complaint: Complaint, at: datetime) -> None:
        author = plan.supervisor if by_supervisor else plan.agent
        assert author is not None
        body = _staff_words(plan, at, template, **more)
        services.complaint_add_note(complaint=complaint, by=author, body=body)

    return act


def note_history(template: str) -> Act:
    """A note pointing at the customer's earlier complaint, when there is one."""

    def act(plan: "Plan", complaint: Complaint, at: datetime) -> None:
        previous = (
            Complaint.objects.filter(customer=complaint.customer_id, received_at__lt=complaint.received_at)
            .select_related("category")
            .order_by("-received_at")
            .first()
        )
        if previous is None or plan.agent is None:
            return
        about = previous.category.name.lower() if previous.category else "something else"
        body = _staff_words(plan, at, template, previous=previous.reference, previous_about=about)
        services.complaint_add_note(complaint=complaint, by=plan.agent, body=body)

    return act


def customer_writes(template: str, *, channel: Channel = Channel.EMAIL) -> Act:
    """A further message from the customer; by phone it is typed in by the agent who took the call."""

    def act(plan: "Plan", complaint: Complaint, at: datetime) -> None:
        by: User | None = plan.agent if channel == Channel.PHONE else None
        body = plan.facts.fill(template, agent=plan.agent.first_name if plan.agent else "")
        services.complaint_add_customer_message(complaint=complaint, body=body, channel=channel, by=by)

    return act


def move(to_state: State, reason: str = "", *, agreed: str = "", by_supervisor: bool = False) -> Act:
    def act(plan: "Plan", complaint: Complaint, at: datetime) -> None:
        actor = plan.supervisor if by_supervisor else plan.agent
        services.complaint_transition(
            complaint=complaint,
            by=actor,
            to_state=to_state,
            reason=_staff_words(plan, at, reason),
            agreed_outcome=plan.facts.fill(agreed),
        )

    return act


def merge_into_target(reason: str) -> Act:
    def act(plan: "Plan", complaint: Complaint, at: datetime) -> None:
        assert plan.target is not None
        assert plan.target.complaint_id is not None
        assert plan.agent is not None
        target = Complaint.objects.get(pk=plan.target.complaint_id)
        words = _staff_words(plan, at, reason, target=target.reference)
        services.complaint_merge(source=complaint, target=target, by=plan.agent, reason=words)

    return act

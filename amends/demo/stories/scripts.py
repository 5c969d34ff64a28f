"""What happens after a complaint arrives, for each state a demo story ends in.

Each script returns the beats of one story. The words are chosen here, with the plan's random
generator; they are filled in with names, amounts and days when the beat is carried out.
"""

import random
from collections.abc import Callable

from amends.complaints.models import Channel, State

from . import acts, compose, learning, replies
from .parts import Situation
from .plans import Beat, Plan

Script = Callable[[random.Random, Plan, str], list[Beat]]


ON_THE_CALL = "Acknowledged on the call. No email address, so nothing was sent in writing."


def ack_beat(rng: random.Random, plan: Plan) -> Beat:
    """The worker acknowledges seconds after intake; a caller with no email hears it on the call."""
    wait = rng.uniform(0.003, 0.02)
    if plan.channel == Channel.PHONE and not plan.person.has_email:
        return Beat(acts.move(State.ACKNOWLEDGED, ON_THE_CALL), wait, who="system")
    return Beat(acts.acknowledge, wait, who="system")


def _situation(plan: Plan) -> Situation:
    assert plan.situation is not None
    return plan.situation


def _first_reply_wait(rng: random.Random) -> float:
    """Working hours to the first reply: mostly inside the internal target, sometimes late."""
    low, high = rng.choices(((0.5, 7.0), (8.5, 15.0), (17.0, 30.0)), weights=(70, 20, 10))[0]
    return rng.uniform(low, high)


def _opening(rng: random.Random, plan: Plan, *, optional: bool = False, route: float = 1.0) -> list[Beat]:
    beats = [ack_beat(rng, plan)]
    if rng.random() < route:
        beats.append(Beat(acts.route, rng.uniform(0.2, 3), optional=optional))
        if rng.random() < 0.5:
            beats.append(Beat(acts.note_history(rng.choice(replies.NOTES)), 0.05, optional=optional))
    return beats


def _alternatives(situation: Situation, remedy: str) -> list[str]:
    """Remedies worth offering beside the one asked for."""
    if remedy in ("apology", "explanation"):
        return []
    others = sorted({a.remedy for a in situation.asks} - {remedy, "apology", "explanation"})
    # A goodwill credit suits an everyday failure; beside a safety scare it would be an insult.
    if not others and remedy != "credit" and "critical" not in situation.severities:
        others = ["credit"]
    return others


def _resolve(rng: random.Random, remedy: str, *, wait: float) -> Beat:
    agreed = compose.remedy_text(remedy, "agreed", rng)
    return Beat(acts.move(State.RESOLVED, agreed=agreed), wait)


def _approval(rng: random.Random) -> list[Beat]:
    ask, answer = rng.choice(replies.APPROVAL)
    return [
        Beat(acts.note(ask), rng.uniform(0.5, 2)),
        Beat(acts.note(answer, by_supervisor=True), rng.uniform(0.3, 3)),
    ]


def received(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    """Phoned in or sent without an email address: waiting for someone to call back."""
    beats = _opening(rng, plan, optional=True, route=0.6)
    if len(beats) > 1 and rng.random() < 0.4:
        beats.append(Beat(acts.note(rng.choice(replies.MISSED_CALLS)), rng.uniform(0.5, 4), optional=True))
    return beats


def acknowledged(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    """Acknowledged and perhaps routed, but nobody has replied yet."""
    return _opening(rng, plan, optional=True, route=0.75)


def _first_contact(rng: random.Random, plan: Plan) -> tuple[list[Beat], str]:
    """A customer who prefers the phone is called before anything is written; the reply says so."""
    if not plan.person.prefers_phone:
        return [], "first"
    return [Beat(acts.note(rng.choice(replies.PHONE_UPDATES)), _first_reply_wait(rng))], "phone"


def in_progress(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    situation = _situation(plan)
    call, lead = _first_contact(rng, plan)
    words = replies.investigating(rng, situation, plan.tone, lead=lead)
    beats = [*_opening(rng, plan), *call, Beat(acts.reply(words), 0.2 if call else _first_reply_wait(rng))]
    if rng.random() < 0.5:
        beats.append(Beat(acts.note(rng.choice(situation.notes)), rng.uniform(1, 8)))
    if rng.random() < 0.4:
        chase = acts.customer_writes(rng.choice(compose.CHASERS))
        beats.append(Beat(chase, rng.uniform(40, 90), who="customer"))
        if rng.random() < 0.6:
            update = replies.update(rng, situation, plan.tone, lead="chased")
            beats.append(Beat(acts.reply(update), rng.uniform(1, 5)))
    return beats


def _ask(rng: random.Random, plan: Plan, remedy: str, *, lead: str) -> tuple[list[Beat], str, str]:
    """A question or a choice of two remedies; returns the beats, the answer and the remedy it leads to."""
    situation = _situation(plan)
    alternatives = _alternatives(situation, remedy)
    if not alternatives or (situation.questions and rng.random() < 0.5):
        asked, answer, *leads_to = rng.choice(situation.questions or replies.GENERIC_QUESTIONS)
        words = replies.question(rng, situation, plan.tone, asked, lead=lead)
        reason = rng.choice(replies.AWAIT_REASONS["question"])
        chosen = leads_to[0] if leads_to else remedy
    else:
        options = (remedy, rng.choice(alternatives))
        words = replies.offer(rng, situation, plan.tone, options, lead=lead)
        reason = rng.choice(replies.AWAIT_REASONS["offer"])
        answer, pick = rng.choice(compose.CHOICES)
        chosen = options[pick]
    wait = _first_reply_wait(rng) if lead == "first" else rng.uniform(4, 12)
    beats = [Beat(acts.reply(words), wait), Beat(acts.move(State.AWAITING_CUSTOMER, reason), 0.02)]
    return beats, answer, chosen


def awaiting_customer(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    beats = _opening(rng, plan)
    lead = "first"
    if rng.random() < 0.3:
        situation = _situation(plan)
        beats.append(
            Beat(acts.reply(replies.investigating(rng, situation, plan.tone)), _first_reply_wait(rng))
        )
        lead = "follow_up"
    asking, _, _ = _ask(rng, plan, remedy, lead=lead)
    return beats + asking


def _by_phone(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    """A customer without email: called back, agreed a remedy on the phone, resolved."""
    agreed = compose.remedy_text(remedy, "agreed", rng)
    call = rng.choice(replies.PHONE_NOTES).replace("{agreed}", agreed[:1].lower() + agreed[1:])
    return [
        ack_beat(rng, plan),
        Beat(acts.route, rng.uniform(0.2, 3)),
        Beat(acts.note(call), _first_reply_wait(rng)),
        Beat(acts.move(State.IN_PROGRESS, "Spoke to the customer by phone."), 0.05),
        Beat(acts.move(State.RESOLVED, agreed=agreed), rng.uniform(2, 16)),
    ]


def resolved(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    return _resolution(rng, plan, remedy)[0]


def _resolution(rng: random.Random, plan: Plan, remedy: str) -> tuple[list[Beat], str]:
    """The beats up to resolution, and the remedy agreed on the way (the customer may choose)."""
    if not plan.person.has_email:
        return _by_phone(rng, plan, remedy), remedy
    situation = _situation(plan)
    beats = _opening(rng, plan)
    path = rng.choices(("ask", "investigate", "direct"), weights=(45, 35, 20))[0]
    lead = {"ask": "reply", "investigate": "follow_up", "direct": "first"}[path]
    if path == "ask":
        asking, answer, remedy = _ask(rng, plan, remedy, lead="first")
        beats += [*asking, Beat(acts.customer_writes(answer), rng.uniform(3, 40), who="customer")]
    elif path == "investigate":
        beats.append(
            Beat(acts.reply(replies.investigating(rng, situation, plan.tone)), _first_reply_wait(rng))
        )
        beats.append(Beat(acts.note(rng.choice(situation.notes)), rng.uniform(1, 10)))
    if remedy == "credit" and rng.random() < 0.7:
        beats += _approval(rng)
    call, spoken = _first_contact(rng, plan)
    if call:
        lead = spoken
    wait = _first_reply_wait(rng) if path == "direct" and not call else rng.uniform(1, 12)
    words = replies.solution(rng, situation, plan.tone, remedy, lead=lead)
    beats += [*call, Beat(acts.reply(words), 0.2 if call else wait)]
    if rng.random() < 0.45:
        thanks = acts.customer_writes(rng.choice(compose.THANKS_BACK))
        beats.append(Beat(thanks, rng.uniform(1, 30), who="customer"))
    beats.append(_resolve(rng, remedy, wait=rng.uniform(0.1, 3)))
    return beats, remedy


def closed(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    return _closure(rng, plan, remedy)[0]


def _closure(rng: random.Random, plan: Plan, remedy: str) -> tuple[list[Beat], str]:
    beats, remedy = _resolution(rng, plan, remedy)
    reason = rng.choice(replies.CLOSE_REASONS) if plan.person.has_email else "Customer happy on the phone."
    by_supervisor = rng.random() < 0.3
    close = learning.reviewed(
        acts.move(State.CLOSED, reason, by_supervisor=by_supervisor), by_supervisor=by_supervisor
    )
    beats.append(Beat(close, rng.uniform(24, 80)))
    return beats, remedy


def reopened(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    situation = _situation(plan)
    beats, remedy = _closure(rng, plan, remedy) if rng.random() < 0.5 else _resolution(rng, plan, remedy)
    if rng.random() < 0.75:
        fitting = [text for follows, text in situation.relapse if follows in ("", remedy)]
        relapse = rng.choice(fitting) if fitting else compose.RELAPSES[remedy]
        beats.append(Beat(acts.customer_writes(relapse), rng.uniform(48, 200), who="customer"))
    else:
        beats.append(Beat(acts.move(State.REOPENED, rng.choice(replies.REOPEN_REASONS)), rng.uniform(16, 60)))
    if rng.random() < 0.6:
        beats.append(Beat(acts.note(rng.choice(replies.LOOKING_AGAIN)), rng.uniform(0.5, 6)))
    return beats


def withdrawn(rng: random.Random, plan: Plan, remedy: str) -> list[Beat]:
    situation = _situation(plan)
    beats = _opening(rng, plan)
    by_email = plan.person.has_email
    if by_email and rng.random() < 0.4:
        beats.append(
            Beat(acts.reply(replies.investigating(rng, situation, plan.tone)), _first_reply_wait(rng))
        )
    words = rng.choice(situation.withdraw or compose.GIVING_UP)
    channel = Channel.EMAIL if by_email else Channel.PHONE
    beats.append(Beat(acts.customer_writes(words, channel=channel), rng.uniform(4, 40), who="customer"))
    if by_email and rng.random() < 0.5:
        beats.append(Beat(acts.reply(replies.withdrawn_ack(rng, plan.tone)), rng.uniform(0.5, 6)))
    beats.append(Beat(acts.move(State.WITHDRAWN, rng.choice(replies.WITHDRAW_REASONS)), rng.uniform(0.05, 2)))
    return beats


SCRIPTS: dict[str, Script] = {
    "received": received,
    "acknowledged": acknowledged,
    "in_progress": in_progress,
    "awaiting_customer": awaiting_customer,
    "resolved": resolved,
    "closed": closed,
    "reopened": reopened,
    "withdrawn": withdrawn,
}

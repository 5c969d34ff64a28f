"""The staff side of a story: replies that sound like a person, notes, and reasons for changes.

A good reply here thanks the customer, owns the failure, apologises without "if", says what
happens next and by when, and offers at most two options. Templates are chosen with the plan's
random generator; {by} and {soon} are working days counted from the moment the reply is sent.
"""

import random
from dataclasses import dataclass

from .compose import Facts, remedy_text
from .parts import REMEDIES, Situation

GREETINGS = {
    "formal": ("Dear {first},",),
    "warm": ("Hello {first},", "Hi {first},"),
}

# How a reply opens depends on what came just before it.
LEAD_INS = {
    "first": (
        "Thank you for telling us about this, and for setting out what happened so clearly.",
        "Thank you for taking the time to get in touch about this.",
        "Thanks for getting in touch, and for your patience while I looked into it.",
        "Thank you for letting us know. I've gone through everything you told us.",
    ),
    "reply": ("Thank you for your reply.", "Thanks for getting back to me."),
    "follow_up": (
        "As promised, an update on your complaint.",
        "I said I'd come back to you, and here is where things are.",
    ),
    "chased": (
        "Thank you for your message, and I'm sorry you had to chase.",
        "Sorry to have kept you waiting for news.",
    ),
    "phone": (
        "Thank you for your time on the phone earlier. As promised, here it is in writing.",
        "Good to speak to you just now. Here is what we agreed, in writing.",
    ),
    "none": ("",),
}

EMPATHY = {
    "furious": (
        "You have every right to be angry, and I'd feel the same in your place.",
        "I understand why you're angry. You shouldn't have had to write this at all.",
    ),
    "sarcastic": (
        "I can tell our service has worn your patience thin, and that's fair.",
        "Having to spend your time on this is exactly what shouldn't happen.",
    ),
    "anxious": (
        "I can hear how worrying this has been, so let me set out exactly what happens next.",
        "Please don't worry about bothering us: this is exactly what we're here for.",
    ),
    "other": (
        "I know how frustrating it is to have to chase something like this.",
        "I'd be frustrated too.",
        "",
    ),
}

UPDATE_LINES = (
    "I'm aiming to come back to you by {by}, even if it's only to say where things stand.",
    "I'll keep you posted, and I'm aiming to have news for you by {by}.",
    "I'd like to have this settled by {by}. If I have news sooner, you'll have it sooner.",
)

OFFER_LINES = (
    "I can offer you {opt1}, or if you'd prefer, {opt2}. Just reply with the one you'd like and I'll "
    "arrange it the same day.",
    "There are two ways I can put this right: {opt1}, or {opt2}. Which would suit you better?",
)

CLOSINGS = (
    "If anything else goes wrong, reply to this email and it comes straight back to me.",
    "If you have any questions at all, just reply to this email.",
    "Thank you again for your patience.",
    "",
)

SIGNOFFS = ("Kind regards,\n{agent}\n{team}", "Best wishes,\n{agent}, {team}", "Thanks again,\n{agent}")

NOTES = (
    "Customer's earlier complaint {previous} was about {previous_about}. Handle with care.",
    "Repeat customer: see {previous} ({previous_about}). Worth a goodwill gesture if we can.",
)

APPROVAL = (
    ("{supervisor}, OK to add a {credit} credit as a gesture here? We let them down.", "Yes, go ahead."),
    (
        "{supervisor}, can I give a {credit} goodwill credit? It's over my limit.",
        "Approved. Thanks for asking.",
    ),
)

PHONE_NOTES = (
    "Called {first} ({clock}). Apologised and explained what went wrong. Agreed: {agreed}.",
    "Spoke to {first} on the phone at {clock}. Upset at first, calmer by the end. Agreed: {agreed}.",
    "Rang {first} back at {clock} as asked. Talked it through; agreed {agreed}.",
)

PHONE_UPDATES = (
    "Called {first} at {clock}, as they prefer the phone. Explained what we're doing; will confirm by email.",
    "Phoned {first} ({clock}). Talked it through; emailing a summary so they have it in writing.",
)

LOOKING_AGAIN = (
    "Picking this back up. Calling the customer before anything else.",
    "{supervisor}: second failure on the same complaint. I'll own it through to the end.",
    "Checking what went wrong the second time before I reply.",
)

MISSED_CALLS = (
    "Called at {clock}, no answer. Left a voicemail with our direct line.",
    "Tried {first} at {clock}: line busy. Will try again this afternoon.",
)

AWAIT_REASONS = {
    "question": (
        "Asked the customer for details; waiting to hear back.",
        "Waiting for the customer's answer.",
    ),
    "offer": ("Offered two options; waiting for the customer to choose.", "Customer is choosing a remedy."),
}
CLOSE_REASONS = (
    "Outcome delivered; nothing further needed.",
    "Checked the remedy went through; closing.",
    "Follow-up check: the fix has held.",
    "",
)
REOPEN_REASONS = (
    "Follow-up call: the problem is back. Reopening.",
    "Checked the remedy went through: it hadn't. Reopening to put it right.",
    "Customer rang to say it isn't sorted after all.",
)
WITHDRAW_REASONS = (
    "Withdrawn at the customer's request.",
    "Customer says it's sorted; withdrawn with their agreement.",
    "Customer no longer wants to take it further.",
)
# Asked when the customer wants an apology or an explanation: nothing to choose, one thing to settle.
GENERIC_QUESTIONS = (
    (
        "would you like me to call you to talk it through, or is email best?",
        "Email is fine, thanks. I just wanted someone to listen.",
    ),
    (
        "is there anything else about this that I should know before I write up what happened?",
        "No, that's everything. Thank you for taking it seriously.",
    ),
)
SPAM_REASONS = ("Advertising, not a complaint.", "Automated junk through the form.", "Test submission.")
MERGE_REASONS = (
    "Same customer, same problem: duplicate of {target}.",
    "Customer emailed as well as using the form; keeping one thread in {target}.",
    "",
)


@dataclass(frozen=True)
class Reply:
    """One reply's templates, chosen when the plan is made and filled in when it is sent."""

    parts: tuple[str, ...]

    def render(self, facts: Facts, **more: str) -> str:
        return "\n\n".join(facts.fill(p, **more) for p in self.parts if p)


def _frame(rng: random.Random, tone: str, middle: list[str], *, lead: str) -> Reply:
    greeting = rng.choice(GREETINGS["formal" if tone in ("long", "calm", "furious") else "warm"])
    signoff = rng.choice(SIGNOFFS)
    return Reply((greeting, rng.choice(LEAD_INS[lead]), *middle, rng.choice(CLOSINGS), signoff))


def _sorry(rng: random.Random, situation: Situation, tone: str, lead: str) -> list[str]:
    """Ownership, apology and (often) empathy: how a first reply, spoken or written, begins."""
    if lead not in ("first", "phone"):
        return []
    empathy = EMPATHY.get(tone, EMPATHY["other"])
    return [rng.choice(situation.own), rng.choice(empathy)]


def investigating(rng: random.Random, situation: Situation, tone: str, *, lead: str = "first") -> Reply:
    """A first reply while the cause is still being found: what I'm doing, and when you'll hear."""
    middle = [*_sorry(rng, situation, tone, lead), rng.choice(situation.looking), rng.choice(UPDATE_LINES)]
    return _frame(rng, tone, middle, lead=lead)


def question(rng: random.Random, situation: Situation, tone: str, asked: str, *, lead: str) -> Reply:
    """A reply that asks the customer one thing, and says what happens once they answer."""
    middle = [*_sorry(rng, situation, tone, lead), "To put this right as quickly as I can, " + asked]
    return _frame(rng, tone, [*middle, _after_answer(rng)], lead=lead)


def _after_answer(rng: random.Random) -> str:
    return rng.choice(
        (
            "As soon as I hear back I'll sort it the same day.",
            "Once I have that, I'll confirm everything in writing by the next working day.",
        )
    )


def offer(
    rng: random.Random, situation: Situation, tone: str, remedies: tuple[str, str], *, lead: str
) -> Reply:
    """A reply putting two remedies to the customer to choose from."""
    opt1, opt2 = (REMEDIES[r].offer for r in remedies)
    line = rng.choice(OFFER_LINES).replace("{opt1}", opt1).replace("{opt2}", opt2)
    return _frame(rng, tone, [*_sorry(rng, situation, tone, lead), line], lead=lead)


def solution(rng: random.Random, situation: Situation, tone: str, remedy: str, *, lead: str) -> Reply:
    """A reply saying what has been done, by when it will be felt, and what happens next."""
    done = "I have " + remedy_text(remedy, "done", rng) + "."
    after = rng.choice(
        (
            "I'll check in with you on {by} to make sure it has all gone through.",
            "If anything about this isn't right by {by}, reply to this email and I'll chase it myself.",
            "",
        )
    )
    return _frame(rng, tone, [*_sorry(rng, situation, tone, lead), done, after], lead=lead)


def update(rng: random.Random, situation: Situation, tone: str, *, lead: str) -> Reply:
    """A later update while work goes on."""
    return _frame(rng, tone, [rng.choice(situation.looking), rng.choice(UPDATE_LINES)], lead=lead)


def withdrawn_ack(rng: random.Random, tone: str) -> Reply:
    middle = [
        rng.choice(
            (
                "Thanks for letting me know, and I'm glad it's sorted.",
                "That's good news, thank you for telling us.",
            )
        ),
        "I'm sorry you had the worry in the first place. I've closed your complaint; if anything "
        "changes, reply here and it will reopen straight away.",
    ]
    return _frame(rng, tone, middle, lead="none")

"""Putting words together: a customer's story in their own tone, and the agent's replies.

Every choice is drawn from the plan's random generator when the plan is made; the words are
filled in later, when the plan is carried out and the moment of each step is known.
"""

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .clock import date_phrase
from .parts import COURIERS, CREDITS, PLUS_FEES, PRODUCTS, REMEDIES, Situation
from .people import Person

NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


class Facts(dict[str, str]):
    """The details a story's placeholders are filled from; a missing one is a bug, so it raises."""

    def fill(self, template: str, **more: str) -> str:
        return _capitalise(template.format_map(Facts(self, **more)))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def facts_for(rng: random.Random, situation: Situation, person: Person, received: datetime) -> Facts:
    """Order numbers, products, amounts and dates for one complaint, consistent with each other."""
    product, price = rng.choice(PRODUCTS[situation.goods])
    others = [name for name, _ in PRODUCTS["any"] if name != product]
    late = rng.randint(2, 6)
    promised = received - timedelta(days=late)
    refund_on = received - timedelta(days=rng.randint(9, 26))
    plan, fee = rng.choice(PLUS_FEES)
    courier = rng.choice(COURIERS)
    return Facts(
        first=person.first,
        name=person.name,
        order=str(rng.randint(3_100_000, 4_899_999)),
        product=product,
        price=price,
        amount=price,
        item2=rng.choice(others),
        ordered=date_phrase(promised - timedelta(days=rng.randint(2, 6))),
        promised=date_phrase(promised),
        late_days=NUMBERS[late],
        weeks=NUMBERS[rng.randint(2, 9)],
        courier=courier,
        tracking=f"{courier[:2].upper()}{rng.randint(10_000_000, 99_999_999)}GB",
        slot=rng.choice(("8am to 1pm", "7am to noon", "1pm to 6pm")),
        card=f"{rng.randint(1000, 9999)}",
        plan=plan,
        fee=fee,
        card_fee="£12.00",
        interest=f"£{rng.randint(900, 4800) / 100:.2f}",
        credit=rng.choice(CREDITS),
        refund_on=date_phrase(refund_on),
        waited=_waited((received - refund_on).days),
        renewed=date_phrase(received - timedelta(days=rng.randint(1, 9))),
        statement=f"{received - timedelta(days=20):%B}",
    )


def _waited(days: int) -> str:
    if days < 12:
        return f"{NUMBERS[days] if days <= 10 else days} days"
    if days <= 16:
        return "two weeks"
    return "nearly three weeks" if days <= 20 else "more than three weeks"


@dataclass(frozen=True)
class Tone:
    openings: tuple[str, ...]
    closings: tuple[str, ...]
    asides: tuple[str, ...]
    wants: tuple[str, ...]  # how they put what they want; {ask} is the ask
    history: tuple[str, ...]  # said when they have complained before
    shape: tuple[str, ...]  # the parts of the story, in order


TONES: dict[str, Tone] = {
    "calm": Tone(
        openings=("I'm writing about my recent order.", "I'd like to raise a problem with an order.", ""),
        closings=("Thank you for your help.", "I'd appreciate a reply when you can.", "Many thanks."),
        asides=("I'm sure it's a one-off, but I wanted to let you know.",),
        wants=("I'd like {ask}, please.", "Could you arrange {ask}?", "Ideally, {ask}."),
        history=("I've had a problem with you before, which was sorted well, so I hope this will be too.",),
        shape=("opening", "what", "detail", "impact", "history", "closing"),
    ),
    "furious": Tone(
        openings=("This is completely unacceptable.", "I am absolutely furious.", "Enough is enough."),
        closings=("I expect a reply today.", "Sort it out.", "I will not be ordering from you again."),
        asides=(
            "Nobody at your company seems to care.",
            "Your customer service line is a joke.",
            "I have been more than patient.",
        ),
        wants=("I want {ask}. Not excuses.", "I want {ask}, and I want it this week.", "{ask}. Now."),
        history=("This is not the first time. Last time was bad enough.", "Second complaint in weeks."),
        shape=("opening", "what", "detail", "aside", "history", "impact", "closing"),
    ),
    "sarcastic": Tone(
        openings=("Well done.", "Great service as always.", "Another triumph."),
        closings=("Looking forward to hearing from you. Eventually.", "Cheers.", "Keep up the good work."),
        asides=(
            "Truly a world-class operation.",
            "I can't wait to spend another afternoon on hold.",
            "I'm thrilled, as you can imagine.",
        ),
        wants=(
            "Ideally {ask}. Wild, I know.",
            "{ask}, if it's not too much trouble.",
            "{ask} would be nice.",
        ),
        history=("I see you've kept up the standard from last time.",),
        shape=("opening", "what", "aside", "detail", "history", "closing"),
    ),
    "anxious": Tone(
        openings=("I'm sorry to bother you, but I don't know what else to do.", "Please could someone help."),
        closings=("Please let me know what happens next.", "Thank you, and sorry for the long message."),
        asides=("I'm really worried about this.", "I've been losing sleep over it, silly as that sounds."),
        wants=("Could I please have {ask}?", "I'd be so grateful for {ask}.", "I just want {ask}."),
        history=("I had a problem before too and I'm nervous this will drag on like that did.",),
        shape=("opening", "what", "impact", "aside", "history", "detail", "closing"),
    ),
    "brief": Tone(
        openings=("",),
        closings=("", "Thanks", "pls advise"),
        asides=("",),
        wants=("{ask}.", "{ask}, thanks."),
        history=("Again.",),
        shape=("what", "detail", "history", "closing"),
    ),
    "long": Tone(
        openings=(
            "I have been a customer for many years and have always been happy, so I'm disappointed to be "
            "writing this.",
            "I'll try to set out everything in order, as it has become quite complicated.",
        ),
        closings=(
            "I hope you can look into this properly, and I look forward to your reply.",
            "Thank you for taking the time to read all of this.",
        ),
        asides=(
            "I've spoken to three different people so far and been told three different things.",
            "I did try your online help first, but it sent me round in circles.",
        ),
        wants=(
            "What would put this right for me is {ask}.",
            "I think the fair outcome would be {ask}, and some assurance this won't happen again.",
        ),
        history=("This is the second time I've had to write to you this year.",),
        shape=("opening", "what", "detail", "detail", "impact", "aside", "history", "closing"),
    ),
}


@dataclass(frozen=True)
class StoryDraft:
    """The parts of a customer's story, chosen in advance; ``history`` is said only if it applies."""

    parts: tuple[tuple[str, str], ...]  # (part name, template)
    greeting: str
    signoff: str
    typos: int  # how many slips of the keyboard to make

    def render(self, facts: Facts, *, has_history: bool, rng_seed: int) -> str:
        sentences = [
            facts.fill(text) for name, text in self.parts if text and (name != "history" or has_history)
        ]
        paragraphs = _paragraphs(sentences)
        framing = (facts.fill(self.greeting), paragraphs, facts.fill(self.signoff))
        body = "\n\n".join(p for p in framing if p)
        return add_typos(body, self.typos, random.Random(rng_seed)) if self.typos else body


def _paragraphs(sentences: list[str]) -> str:
    if len(sentences) <= 3:
        return " ".join(sentences)
    middle = len(sentences) // 2
    return " ".join(sentences[:middle]) + "\n\n" + " ".join(sentences[middle:])


def draft_story(rng: random.Random, situation: Situation, tone_name: str, *, channel: str) -> StoryDraft:
    """Choose the parts of a story about ``situation`` in the given tone."""
    tone = TONES[tone_name]
    pools = {
        "opening": tone.openings,
        "closing": tone.closings,
        "aside": tone.asides,
        "history": tone.history,
        "what": situation.what,
        "detail": situation.details,
        "impact": situation.impacts,
    }
    parts = []
    used: set[str] = set()
    spoken = channel == "phone"  # the agent notes what was said, not how a letter opens and closes
    for name in tone.shape:
        if spoken and name in ("opening", "closing"):
            continue
        if name in ("detail", "impact") and tone_name != "long" and rng.random() < 0.3:
            continue
        options = [t for t in pools[name] if t not in used]
        if options:
            text = rng.choice(options)
            used.add(text)
            parts.append((name, text))
    email = channel == "email"
    greeting = rng.choice(("Hello,", "Dear Sir or Madam,", "Hi,", "To whom it may concern,")) if email else ""
    signoff = rng.choice(("{name}", "Regards,\n{name}", "Thanks,\n{first}")) if email else ""
    slapdash = tone_name in ("brief", "furious", "anxious") and not spoken
    typos = rng.choice((0, 1, 2, 3)) if slapdash and rng.random() < 0.4 else 0
    return StoryDraft(parts=tuple(parts), greeting=greeting, signoff=signoff, typos=typos)


def outcome_words(rng: random.Random, situation: Situation, tone_name: str) -> tuple[str, str]:
    """What the customer says would put it right (sometimes nothing), and the remedy it maps to."""
    ask = rng.choice(situation.asks)
    if rng.random() < 0.12:
        return "", ask.remedy
    return rng.choice(TONES[tone_name].wants).replace("{ask}", ask.text), ask.remedy


_SLIPS = (
    (re.compile(r"\bI'm\b"), "im"),
    (re.compile(r"\bdon't\b"), "dont"),
    (re.compile(r"\bdidn't\b"), "didnt"),
    (re.compile(r"\bI\b"), "i"),
    (re.compile(r"\bthe\b"), "teh"),
    (re.compile(r"\breceived\b"), "recieved"),
    (re.compile(r"\buntil\b"), "untill"),
    (re.compile(r"\. "), ".  "),
)


def add_typos(text: str, count: int, rng: random.Random) -> str:
    """Make ``count`` of the slips people make when typing fast or upset."""
    slips = [slip for slip in _SLIPS if slip[0].search(text)]
    for pattern, replacement in rng.sample(slips, min(count, len(slips))):
        text = pattern.sub(replacement, text, count=rng.randint(1, 2))
    return text


def remedy_text(remedy: str, field: str, rng: random.Random) -> str:
    """One version of a remedy's offer, 'done' sentence or agreed outcome."""
    entry = REMEDIES[remedy]
    value: Any = getattr(entry, field)
    return value if isinstance(value, str) else rng.choice(value)


CHASERS = (
    "Any news on this? It's been a few days.",
    "Is there an update? I'd like to know where this is up to.",
    "Any progress? I'm still stuck without it.",
    "Just wondering how this is going.",
)
THANKS_BACK = (
    "Thank you, that's sorted it.",
    "Thanks for actually fixing this. Appreciated.",
    "Got it, thanks very much.",
    "ok thanks",
    "That's great, thank you {agent}.",
)
CHOICES = (
    ("The first one, please. Thank you.", 0),
    ("Option one is fine.", 0),
    ("I'd prefer the second, if that's OK.", 1),
    ("The second one please.", 1),
)
GIVING_UP = ("Please close this, I've sorted it out myself.", "I'd like to withdraw my complaint, thanks.")
DUPLICATE_INTROS = (
    "I filled in your complaint form on {form_day}, but I'm writing here too because I'm so fed up with "
    "this.",
    "I complained about this on your website on {form_day}. Sending it again by email so it's in writing.",
)
SPAM = (
    (
        "Grow your traffic 300% this month",
        "Dear business owner, we noticed your website is not on the first page for key searches. Our "
        "team guarantees top rankings in 30 days. Reply YES for a free audit.",
        "Growth Team",
        "growth.team@example.org",
    ),
    (
        "Partnership opportunity",
        "Hello, I represent an investment group with an exclusive opportunity in digital assets. Returns "
        "of 40% monthly, fully guaranteed. Kindly reply with your direct phone number.",
        "Mr Daniel Oyelaran",
        "d.oyelaran.invest@example.org",
    ),
    ("test", "test test asdf please ignore", "test", "test@example.com"),
    (
        "Cheap bulk phone cases",
        "We are factory for phone cases, 10,000 units minimum, best price. Catalogue on request.",
        "Sales Dept",
        "sales.dept88@example.net",
    ),
)

# What a customer writes when the agreed remedy did not hold, by remedy.
RELAPSES = {
    "refund": "The refund still hasn't reached my account.",
    "replacement": "The replacement arrived and it has exactly the same problem.",
    "redelivery": "The new delivery didn't turn up either.",
    "credit": "The credit you promised isn't showing on my account.",
    "apology": "Well, it has happened again, so I'm not sure the apology meant much.",
    "explanation": "You told me it had been fixed. It has happened again.",
    "cancel": "I've been charged again, even though you said it was cancelled.",
    "repair": "It's back from the repair and doing the same thing.",
    "waive": "The fee is back on my statement.",
    "correction": "The new statement is still wrong.",
    "damage": "Nobody from the claims team has been in touch.",
}

"""Making the demo's plans: how many end where, who complains, and each family's script."""

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from amends.accounts.models import Role, User
from amends.complaints.models import Category, Channel, Severity, State
from amends.promises.clock import BusinessHours

from . import acts, compose, replies
from .clock import date_phrase, office_moment
from .goods import SITUATIONS as GOODS
from .money import SITUATIONS as MONEY
from .orders import SITUATIONS as ORDERS
from .parts import Situation
from .people import Crowd, Person
from .plans import Beat, Plan, schedule
from .scripts import SCRIPTS, ack_beat

SITUATIONS: tuple[Situation, ...] = ORDERS + MONEY + GOODS

# How often each category comes up, roughly as a shop like this would see it.
CATEGORY_WEIGHTS = {
    "Late delivery": 16,
    "Damaged item": 9,
    "Wrong or missing item": 8,
    "Courier conduct": 5,
    "Double charge": 7,
    "Refund not received": 10,
    "Store card": 5,
    "Cancelling Plus": 8,
    "Plus benefits missing": 4,
    "Faulty product": 12,
    "Product safety": 6,
}

# Where stories end, in percent: about 30 new, 25 being worked, 35 done, and a few odd ones.
FAMILIES = {
    "received": 8,
    "acknowledged": 22,
    "in_progress": 15,
    "awaiting_customer": 10,
    "resolved": 15,
    "closed": 20,
    "reopened": 3,
    "withdrawn": 3,
    "spam": 2,
    "merged": 2,
}
# Customers with no email can only be phoned, so their stories end where no email is needed.
PHONE_ONLY_FAMILIES = ("resolved", "closed", "withdrawn")

# Days since intake; recent complaints are the commonest, and done ones are older.
AGES: dict[str, Callable[[random.Random], float]] = {
    "received": lambda r: min(r.expovariate(1 / 1.5), 9),
    "acknowledged": lambda r: min(r.expovariate(1 / 1.8), 12),
    "in_progress": lambda r: 1 + min(r.expovariate(1 / 4), 20),
    "awaiting_customer": lambda r: 2 + min(r.expovariate(1 / 5), 25),
    "resolved": lambda r: 3 + min(r.expovariate(1 / 8), 35),
    "closed": lambda r: 10 + min(r.expovariate(1 / 18), 58),
    "reopened": lambda r: 8 + min(r.expovariate(1 / 12), 50),
    "withdrawn": lambda r: 1 + min(r.expovariate(1 / 15), 60),
    "spam": lambda r: r.uniform(0, 60),
}


# Complaints still being worked were last touched within this many days: a desk with every
# open case weeks stale would not be a living one.
RECENT_DAYS = {"in_progress": 3.0, "awaiting_customer": 6.0, "reopened": 2.0}


@dataclass
class Cast:
    """Who works where: each team's agents (the first is the demo login) and its supervisor."""

    agents: dict[int, list[User]]
    supervisors: dict[int, User]

    @classmethod
    def of(cls, staff: dict[str, User], categories: dict[str, Category]) -> "Cast":
        people = list(User.objects.filter(pk__in=[u.pk for u in staff.values()]).prefetch_related("teams"))
        order = {u.pk: i for i, u in enumerate(staff.values())}
        people.sort(key=lambda u: order[u.pk])
        admin = next(u for u in people if u.role == Role.ADMIN)
        agents: dict[int, list[User]] = {}
        supervisors: dict[int, User] = {}
        for team_id in {c.team_id for c in categories.values() if c.team_id}:
            members = [u for u in people if any(t.pk == team_id for t in u.teams.all())]
            agents[team_id] = [u for u in members if u.role == Role.AGENT]
            supervisors[team_id] = next((u for u in members if u.role == Role.SUPERVISOR), admin)
        return cls(agents, supervisors)

    def agent_for(self, rng: random.Random, team_id: int) -> User:
        team = self.agents[team_id]
        return team[0] if len(team) == 1 or rng.random() < 0.6 else rng.choice(team[1:])


def deal_families(rng: random.Random, n: int) -> list[str]:
    """``n`` end states in the proportions of FAMILIES, shuffled."""
    shares = {name: n * pct / 100 for name, pct in FAMILIES.items()}
    counts = {name: int(share) for name, share in shares.items()}
    by_remainder = sorted(shares, key=lambda name: shares[name] - counts[name], reverse=True)
    for name in by_remainder[: n - sum(counts.values())]:
        counts[name] += 1
    families = [name for name, count in counts.items() for _ in range(count)]
    rng.shuffle(families)
    return families


class Builder:
    """Makes one plan at a time, all from the same random generator, timed against ``anchor``."""

    def __init__(self, rng: random.Random, *, categories: dict[str, Category], staff: dict[str, User]):
        self.rng = rng
        self.categories = categories
        self.cast = Cast.of(staff, categories)
        self.crowd = Crowd(rng)
        self.anchor = timezone.now()
        self.hours = BusinessHours.from_settings()
        self.by_category = {name: [s for s in SITUATIONS if s.category == name] for name in CATEGORY_WEIGHTS}

    def situation(self) -> Situation:
        names = list(CATEGORY_WEIGHTS)
        name = self.rng.choices(names, weights=[CATEGORY_WEIGHTS[n] for n in names])[0]
        return self.rng.choice(self.by_category[name])

    def plan(self, family: str) -> Plan:
        if family == "spam":
            return self.spam()
        rng = self.rng
        situation = self.situation()
        phone_only = family == "received" or (family in PHONE_ONLY_FAMILIES and rng.random() < 0.12)
        person = self.crowd.person(email=not phone_only)
        channel = Channel.WEB if family == "received" else self._channel(person)
        tone = person.temper if rng.random() < 0.6 else rng.choice(tuple(compose.TONES))
        category = self.categories[situation.category]
        assert category.team_id is not None
        severity = rng.choices(list(situation.severities), weights=list(situation.severities.values()))[0]
        outcome, remedy = compose.outcome_words(rng, situation, tone)
        on_form = channel == Channel.PHONE or (channel == Channel.WEB and rng.random() < 0.65)
        plan = Plan(
            family=family,
            person=person,
            situation=situation,
            channel=channel,
            tone=tone,
            category=category,
            intake_category=category if on_form else None,
            severity=severity,
            intake_severity=severity if channel == Channel.PHONE else Severity.NORMAL,
            agent=self.cast.agent_for(rng, category.team_id),
            supervisor=self.cast.supervisors[category.team_id],
            summary=rng.choice(situation.summaries),
            draft=compose.draft_story(rng, situation, tone, channel=channel),
            outcome=outcome,
            beats=[],
            seed=rng.randrange(1 << 30),
            received_at=self._received_at(family, channel),
        )
        plan.beats = SCRIPTS[family](rng, plan, remedy)
        recent = timedelta(days=rng.uniform(0.1, RECENT_DAYS.get(family, 1.0)))
        plan.recent = recent if family in RECENT_DAYS else None
        schedule(plan, self.anchor, self.hours)
        plan.facts = compose.facts_for(rng, situation, person, plan.received_at)
        return plan

    def _channel(self, person: Person) -> Channel:
        if not person.has_email:
            return self.rng.choice((Channel.PHONE, Channel.PHONE, Channel.WEB))
        return self.rng.choices((Channel.WEB, Channel.EMAIL, Channel.PHONE), weights=(50, 38, 12))[0]

    def _received_at(self, family: str, channel: Channel) -> datetime:
        rng = self.rng
        days = AGES[family](rng)
        moment = self.anchor - timedelta(days=days)
        fraction, hour, minute = (
            rng.random(),
            rng.choice((8, 9, 10, 12, 13, 17, 19, 20, 21, 22)),
            rng.randrange(60),
        )
        if channel == Channel.PHONE:
            moment = office_moment(self.hours, moment, fraction)
            while moment > self.anchor:
                moment = office_moment(self.hours, moment - timedelta(days=1), fraction)
            return moment
        if days < 0.6:
            return moment
        local = timezone.localtime(moment).replace(hour=hour, minute=minute)
        return local if local < self.anchor else local - timedelta(days=1)

    def spam(self) -> Plan:
        rng = self.rng
        summary, story, name, email = rng.choice(compose.SPAM)
        channel = rng.choice((Channel.WEB, Channel.EMAIL))
        person = Person(
            name=name, email=email, phone="", prefers_phone=False, contact_time="", temper="brief"
        )
        plan = Plan(
            family="spam",
            person=person,
            situation=None,
            channel=channel,
            tone="brief",
            category=None,
            intake_category=None,
            severity=Severity.NORMAL,
            intake_severity=Severity.NORMAL,
            agent=None,
            supervisor=next(iter(self.cast.supervisors.values())),
            summary=summary,
            draft=compose.StoryDraft(parts=(("what", story),), greeting="", signoff="", typos=0),
            outcome="",
            beats=[],
            seed=rng.randrange(1 << 30),
            received_at=self._received_at("spam", channel),
        )
        reason = rng.choice(replies.SPAM_REASONS)
        plan.beats = [
            ack_beat(rng, plan),
            Beat(acts.move(State.SPAM, reason, by_supervisor=True), rng.uniform(0.2, 3)),
        ]
        schedule(plan, self.anchor, self.hours)
        plan.facts = compose.Facts(first=person.first, name=person.name)
        return plan

    def duplicate(self, plans: list[Plan]) -> Plan | None:
        """A second complaint about the same thing by email, which the agent merges into the first."""
        rng = self.rng
        latest = self.anchor - timedelta(days=6)
        targets = [
            p
            for p in plans
            if p.family in ("in_progress", "awaiting_customer", "resolved", "closed")
            and p.channel == Channel.WEB
            and p.person.has_email
            and p.received_at < latest
        ]
        if not targets:
            return None
        target = rng.choice(targets)
        assert target.situation is not None
        intro = rng.choice(compose.DUPLICATE_INTROS)
        what = rng.choice(target.situation.what)
        plan = Plan(
            family="merged",
            person=target.person,
            situation=target.situation,
            channel=Channel.EMAIL,
            tone=target.tone,
            category=target.category,
            intake_category=None,
            severity=target.severity,
            intake_severity=Severity.NORMAL,
            agent=target.agent,
            supervisor=target.supervisor,
            summary=rng.choice(target.situation.summaries),
            draft=compose.StoryDraft(
                parts=(("what", intro), ("what", what)), greeting="Hello,", signoff="{first}", typos=0
            ),
            outcome=target.outcome,
            beats=[],
            seed=rng.randrange(1 << 30),
            received_at=target.received_at + timedelta(hours=rng.uniform(5, 30)),
            target=target,
        )
        reason = rng.choice(replies.MERGE_REASONS)
        plan.beats = [
            ack_beat(rng, plan),
            Beat(acts.route, rng.uniform(0.2, 2)),
            Beat(acts.merge_into_target(reason), rng.uniform(0.1, 1)),
        ]
        schedule(plan, self.anchor, self.hours)
        plan.facts = compose.Facts(target.facts, form_day=date_phrase(target.received_at))
        return plan


def build_plans(
    rng: random.Random, n: int, *, categories: dict[str, Category], staff: dict[str, User]
) -> list[Plan]:
    """Every plan, in the order the complaints arrive, with each customer's earlier ones counted."""
    builder = Builder(rng, categories=categories, staff=staff)
    families = deal_families(rng, n)
    plans = [builder.plan(f) for f in families if f != "merged"]
    for _ in range(families.count("merged")):
        duplicate = builder.duplicate(plans)
        plans.append(duplicate if duplicate is not None else builder.plan("acknowledged"))
    plans.sort(key=lambda p: p.received_at)
    seen: Counter[Person] = Counter()
    for plan in plans:
        plan.prior = seen[plan.person]
        seen[plan.person] += 1
    return plans

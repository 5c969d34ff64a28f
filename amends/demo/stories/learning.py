"""Learning from the demo's closed complaints: blameless reviews, the policy areas and their
owners, the changes proposed to them, and what the owners did, each at its moment in the past.

Reviews are written as complaints close (always for high severity, where closing needs one).
Choices come from a generator seeded by the plan's own seed, so adding them leaves every other
random choice of the demo as it was.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password

from amends.accounts.models import Role, User
from amends.accounts.services import staff_create
from amends.complaints.models import Category, Complaint
from amends.reviews import services as review_services
from amends.reviews.guards import REVIEW_REQUIRED
from amends.reviews.models import Factor, PolicyArea, Proposal, RootCause
from amends.reviews.selectors import area_for_category

from .acts import Act
from .clock import demo_clock
from .goods import FAULTY, SAFETY
from .money import BENEFITS, CANCEL, CARD, DOUBLE, REFUND
from .orders import COURIER, DAMAGED, LATE, WRONG

if TYPE_CHECKING:
    from .plans import Plan

# Areas of policy and who owns them; Robin is a head of customer policy who sits in no team.
AREAS = (
    ("Delivery and couriers", "robin", (LATE, DAMAGED, WRONG, COURIER)),
    ("Billing and refunds", "lee", (DOUBLE, REFUND, CARD)),
    ("Plus membership", "lee", (CANCEL, BENEFITS)),
    ("Product quality and safety", "robin", (FAULTY, SAFETY)),
)


@dataclass(frozen=True)
class Lesson:
    causes: tuple[tuple[RootCause, int], ...]
    factors: tuple[Factor, ...]
    notes: tuple[str, ...]
    learning: tuple[str, ...]
    proposals: tuple[tuple[str, str], ...]


LESSONS: dict[str, Lesson] = {
    LATE: Lesson(
        ((RootCause.THIRD_PARTY, 6), (RootCause.PROCESS, 3), (RootCause.COMMUNICATION, 2)),
        (Factor.SUPPLIER, Factor.UNCLEAR_INFORMATION, Factor.EXPECTATIONS),
        (
            "The courier's depot scan was the last update for four days and nobody here was told.",
            "Next-day delivery was sold after the courier's cut-off time.",
        ),
        ("Alert us when a parcel has not moved for 48 hours.", "Stop selling next-day after 14:00."),
        (
            (
                "Refund the delivery charge automatically when an order is a day late",
                "Customers ask for it "
                "in most late-delivery complaints and we grant it anyway; asking makes them chase us.",
            ),
            (
                "Stop offering next-day delivery after the courier's cut-off",
                "Orders after 14:00 cannot leave the same day, so the promise is broken before it is made.",
            ),
        ),
    ),
    DAMAGED: Lesson(
        ((RootCause.PROCESS, 5), (RootCause.THIRD_PARTY, 4), (RootCause.PRODUCT, 1)),
        (Factor.SUPPLIER, Factor.HANDOFF),
        ("Glass items were packed in the standard box.", "The parcel was left outside in the rain."),
        ("Fragile items need the padded packaging step.",),
        (
            (
                "Pack glass-fronted items in padded boxes",
                "Most damaged-item complaints are screens and glass.",
            ),
        ),
    ),
    WRONG: Lesson(
        ((RootCause.PROCESS, 7), (RootCause.UNKNOWN, 1)),
        (Factor.SYSTEM_FAULT, Factor.HANDOFF),
        ("Two products share a bin location in the warehouse.",),
        ("Give look-alike products separate bins.",),
        (),
    ),
    COURIER: Lesson(
        ((RootCause.THIRD_PARTY, 8), (RootCause.COMMUNICATION, 1)),
        (Factor.SUPPLIER,),
        ("The courier's driver left no card and marked the parcel as refused.",),
        ("Share complaint themes with the courier each month.",),
        (
            (
                "Name the courier and their phone number in the dispatch email",
                "Customers chase us because they do not know which firm is bringing the parcel.",
            ),
        ),
    ),
    DOUBLE: Lesson(
        ((RootCause.PRODUCT, 6), (RootCause.THIRD_PARTY, 2)),
        (Factor.SYSTEM_FAULT,),
        ("The payment page allowed a second click while the first payment was pending.",),
        ("Disable the pay button after the first click.",),
        (
            (
                "Refund a duplicate payment the same day without waiting for the bank",
                "The customer is out of "
                "pocket for our mistake; waiting three days for the bank makes it worse.",
            ),
        ),
    ),
    REFUND: Lesson(
        ((RootCause.PROCESS, 5), (RootCause.POLICY, 3), (RootCause.COMMUNICATION, 2)),
        (Factor.HANDOFF, Factor.UNCLEAR_INFORMATION, Factor.POLICY_GAP),
        ("The refund waited for the returned item to be inspected, which took two weeks.",),
        ("Tell customers the refund date when the return is booked.",),
        (
            (
                "Refund on courier collection, not after inspection",
                "Inspection queues hold refunds for weeks; fewer than one in fifty returns fail inspection.",
            ),
        ),
    ),
    CARD: Lesson(
        ((RootCause.THIRD_PARTY, 4), (RootCause.POLICY, 2)),
        (Factor.SUPPLIER, Factor.POLICY_GAP),
        ("The card provider's statement date did not match ours.",),
        ("Show the provider's dates on the account page.",),
        (),
    ),
    CANCEL: Lesson(
        ((RootCause.POLICY, 6), (RootCause.COMMUNICATION, 3)),
        (Factor.POLICY_GAP, Factor.UNCLEAR_INFORMATION),
        ("Cancelling Plus is only possible by phone, in office hours.",),
        ("Let members cancel online.",),
        (
            (
                "Let members cancel Plus online, any time",
                "Having to phone during office hours is the whole complaint in most of these cases.",
            ),
        ),
    ),
    BENEFITS: Lesson(
        ((RootCause.COMMUNICATION, 4), (RootCause.PRODUCT, 2)),
        (Factor.UNCLEAR_INFORMATION, Factor.SYSTEM_FAULT),
        ("Free delivery did not apply to marketplace sellers and the page did not say so.",),
        ("Say which sellers the benefit covers.",),
        (),
    ),
    FAULTY: Lesson(
        ((RootCause.PRODUCT, 8), (RootCause.THIRD_PARTY, 2)),
        (Factor.SUPPLIER, Factor.GUIDANCE_GAP),
        ("The same model failed within weeks for several customers.",),
        ("Raise repeated faults with the supplier.",),
        (
            (
                "Replace rather than repair items that fail in the first month",
                "Repairs take three weeks and the customer has had the item for less time than that.",
            ),
        ),
    ),
    SAFETY: Lesson(
        ((RootCause.PRODUCT, 7), (RootCause.THIRD_PARTY, 2)),
        (Factor.SUPPLIER,),
        ("A charger overheated; the batch came from a new factory.",),
        ("Hold a batch for testing when a supplier changes factory.",),
        (
            (
                "Test a sample of each new batch of chargers",
                "Two overheating reports in a month came from the same new batch.",
            ),
        ),
    ),
}


def policy_areas(categories: dict[str, Category], staff: dict[str, User]) -> None:
    """Robin, the head of customer policy, and the areas of policy with their owners."""
    robin = staff_create(
        username="robin",
        password=None,
        role=Role.SUPERVISOR,
        teams=[],
        first_name="Robin",
        last_name="Hale",
        email="robin@amends.localhost",
    )
    User.objects.filter(pk=robin.pk).update(password=make_password("amends-demo"))
    owners = {**staff, "robin": robin}
    for name, owner, names in AREAS:
        area = PolicyArea.objects.create(name=name, owner=owners[owner])
        area.categories.set([categories[n] for n in names if n in categories])


def reviewed(close: Act, *, by_supervisor: bool = False) -> Act:
    """``close``, after a blameless review: always for high severity (closing needs one), else often."""

    def act(plan: "Plan", complaint: Complaint, at: datetime) -> None:
        rng = random.Random(plan.seed ^ 0x5EED)
        actor = plan.supervisor if by_supervisor else plan.agent
        lesson = LESSONS.get(complaint.category.name if complaint.category else "")
        if actor and lesson and (complaint.severity in REVIEW_REQUIRED or rng.random() < 0.6):
            review_services.review_record(complaint=complaint, by=actor, data=_review(rng, complaint, lesson))
        close(plan, complaint, at)

    return act


def _review(rng: random.Random, complaint: Complaint, lesson: Lesson) -> review_services.ReviewInput:
    causes, weights = zip(*lesson.causes, strict=True)
    cause = rng.choices(causes, weights=weights)[0]
    factors = rng.sample(lesson.factors, k=min(len(lesson.factors), rng.randint(1, 2)))
    area = area_for_category(complaint.category_id)
    proposal = None
    if area is not None and lesson.proposals and rng.random() < 0.3:
        title, change = rng.choice(lesson.proposals)
        proposal = review_services.ProposalInput(area, title, change)
    return review_services.ReviewInput(
        cause, list(factors), rng.choice(lesson.notes), rng.choice(lesson.learning), proposal
    )


def policy_loop(*, now: datetime, seed: int) -> None:
    """The owners work through what was proposed: the oldest changed, some declined, new ones waiting."""
    rng = random.Random(seed)
    done: set[str] = set()
    for proposal in Proposal.objects.select_related("owner").order_by("created_at", "pk"):
        age = now - proposal.created_at
        if age < timedelta(days=3):
            continue
        with demo_clock(proposal.created_at + timedelta(days=1)) as clock:
            review_services.proposal_acknowledge(proposal=proposal, by=proposal.owner)
            if age < timedelta(days=6):
                continue
            clock.set(proposal.created_at + timedelta(days=2))
            if proposal.title in done or rng.random() < 0.25:
                note = (
                    "Already decided on an earlier proposal."
                    if proposal.title in done
                    else ("Not now: the cost outweighs the complaints it would prevent.")
                )
                review_services.proposal_decide(proposal=proposal, by=proposal.owner, accept=False, note=note)
                continue
            review_services.proposal_decide(proposal=proposal, by=proposal.owner, accept=True, note="Agreed.")
            if age < timedelta(days=12):
                continue
            clock.set(proposal.created_at + timedelta(days=4))
            changed_on = (proposal.created_at + timedelta(days=5)).date()
            review_services.proposal_record_outcome(
                proposal=proposal,
                by=proposal.owner,
                outcome=f"Done: {proposal.title.lower()}.",
                changed_on=changed_on,
            )
            done.add(proposal.title)

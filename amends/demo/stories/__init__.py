"""Demo complaints written for Amends: an online shop for the home, with delivery, a Plus
membership and a store card, and the people who complain to it.

``TEAMS_AND_CATEGORIES`` is the organisation; ``build_complaints`` plans a desk's worth of
complaints whose stories are carried out through the real complaint services.
"""

import random
from collections.abc import Iterator

from amends.accounts.models import User
from amends.complaints.models import Category

from . import goods, money, orders
from .build import build_plans
from .plans import Plan

TEAMS_AND_CATEGORIES: dict[str, list[str]] = {
    "Orders and Delivery": [orders.LATE, orders.DAMAGED, orders.WRONG, orders.COURIER],
    "Billing": [money.DOUBLE, money.REFUND, money.CARD],
    "Plus Membership": [money.CANCEL, money.BENEFITS],
    "Product Care": [goods.FAULTY, goods.SAFETY],
}


def build_complaints(
    rng: random.Random, n: int, *, categories: dict[str, Category], staff: dict[str, User]
) -> Iterator[Plan]:
    """Plan ``n`` complaints, oldest first; each plan's ``carry_out()`` makes its complaint.

    ``categories`` maps the names in TEAMS_AND_CATEGORIES to their rows; ``staff`` holds the demo
    staff, each team with at least one agent and an administrator somewhere. Plans must be carried
    out in the order given: a duplicate is merged into a complaint made before it.
    """
    yield from build_plans(rng, n, categories=categories, staff=staff)


__all__ = ["TEAMS_AND_CATEGORIES", "Plan", "build_complaints"]

"""Customers and the addresses and numbers at which they are reached."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from amends.core.errors import InvalidInput
from amends.core.inserts import build, rows_insert

from ..models import (
    OPEN_STATES,
    Complaint,
    ContactMethod,
    ContactPoint,
    Customer,
    EventKind,
)
from ._base import SYSTEM, _record


def normalise_email(value: str) -> str:
    value = value.strip().lower()
    if not value:
        return ""
    try:
        validate_email(value)
    except Exception as exc:
        raise InvalidInput(f"{value!r} is not an email address we can write to.", field="email") from exc
    return value


def normalise_phone(value: str) -> str:
    digits = re.sub(r"[^\d+]", "", value.strip())
    if value.strip() and len(re.sub(r"\D", "", digits)) < 6:
        raise InvalidInput("That phone number looks too short to call.", field="phone")
    return digits


def customer_find_or_create(*, name: str, email: str = "", phone: str = "") -> Customer:
    """The customer owning ``email`` (or else ``phone``), created with those contact points if new.

    A contact point already owned by another customer stays with that customer.
    """
    return customers_find_or_create(people=[Person(name=name, email=email, phone=phone)])[0]


@dataclass(frozen=True)
class Person:
    """Who wrote, as they told us: a name and at least one way to reach them."""

    name: str
    email: str = ""
    phone: str = ""


def customers_find_or_create(*, people: Sequence[Person]) -> list[Customer]:
    """``customer_find_or_create`` for many people at once, in a fixed number of statements.

    People who share an email address or phone number (within the list or with a customer on
    file) are one customer, the first one's name kept. Raises ``InvalidInput`` for an address or
    number that cannot be used.
    """
    wanted = [_points(person) for person in people]
    known = _known_points({point for points in wanted for point in points})
    owners: list[Customer | None] = [
        next((known[point] for point in points if point in known), None) for points in wanted
    ]
    new: dict[tuple[str, str], Customer] = {}
    customers: list[Customer] = []
    for person, points, owner in zip(people, wanted, owners, strict=True):
        customer = owner or next((new[p] for p in points if p in new), None)
        if customer is None:
            customer = build(Customer, name=person.name.strip() or "Customer")
        new.update({point: customer for point in points if point not in known})
        customers.append(customer)
    rows_insert(list({id(c): c for c in customers if c.pk is None}.values()))
    _add_points(new, known)
    return customers


def _points(person: Person) -> list[tuple[str, str]]:
    email, phone = normalise_email(person.email), normalise_phone(person.phone)
    pairs = ((ContactMethod.EMAIL.value, email), (ContactMethod.PHONE.value, phone))
    return [(kind, value) for kind, value in pairs if value]


def _known_points(points: set[tuple[str, str]]) -> dict[tuple[str, str], Customer]:
    if not points:
        return {}
    # By kinds and values, then pairs: one OR-ed condition a point took longer to build than to run.
    kinds, values = {kind for kind, _ in points}, {value for _, value in points}
    found = ContactPoint.objects.select_related("customer").filter(kind__in=kinds, value__in=values)
    return {(p.kind, p.value): p.customer for p in found if (p.kind, p.value) in points}


def _add_points(new: dict[tuple[str, str], Customer], known: dict[tuple[str, str], Customer]) -> None:
    # A customer's first point is primary, unless they were on file (they have one already).
    on_file = {id(c) for c in known.values()}
    primary_given: set[int] = set()
    rows = []
    for (kind, value), customer in new.items():
        primary = id(customer) not in on_file and id(customer) not in primary_given
        primary_given.add(id(customer))
        rows.append(build(ContactPoint, customer=customer, kind=kind, value=value, is_primary=primary))
    # ON CONFLICT DO NOTHING: a concurrent intake that claimed the same address first keeps it.
    ContactPoint.objects.bulk_create(rows, ignore_conflicts=True)


def customer_email(customer: Customer) -> str:
    """The address replies go to: the primary working email, else any working email."""
    point = (
        customer.contact_points.filter(kind=ContactMethod.EMAIL, failing_since__isnull=True)
        .order_by("-is_primary", "id")
        .first()
    )
    return point.value if point else ""


@transaction.atomic
def contact_point_mark_failing(*, value: str, reason: str) -> ContactPoint | None:
    """Mark the email address ``value`` as failing (it bounced), so replies stop going to it.

    Returns the contact point, or ``None`` if no customer has that address. The first failure's
    time is kept; ``reason`` goes on the timeline of each of the customer's open complaints.
    """
    point = ContactPoint.objects.filter(kind=ContactMethod.EMAIL, value=value.strip().lower()).first()
    if point is None:
        return None
    if point.failing_since is None:
        point.failing_since = timezone.now()
        point.save(update_fields=["failing_since"])
        for complaint in Complaint.objects.filter(customer_id=point.customer_id, state__in=OPEN_STATES):
            _record(
                complaint,
                EventKind.DELIVERY_FAILED,
                by=None,
                label=SYSTEM,
                reason=f"{point.value} is failing: {reason}"[:2000],
                data={"contact_point": point.pk},
            )
    return point

"""Customers and the addresses and numbers at which they are reached."""

import re

from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from amends.core.errors import InvalidInput

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
    email, phone = normalise_email(email), normalise_phone(phone)
    points = [
        (kind, value) for kind, value in ((ContactMethod.EMAIL, email), (ContactMethod.PHONE, phone)) if value
    ]
    match = Q()
    for kind, value in points:
        match |= Q(kind=kind, value=value)
    known = (
        {(p.kind, p.value): p for p in ContactPoint.objects.select_related("customer").filter(match)}
        if points
        else {}
    )
    owner = next((known[p].customer for p in points if p in known), None)
    customer = owner or Customer.objects.create(name=name.strip() or "Customer")
    has_primary = owner is not None
    new_points = []
    for kind, value in points:
        if (kind, value) not in known:
            new_points.append(
                ContactPoint(customer=customer, kind=kind, value=value, is_primary=not has_primary)
            )
            has_primary = True
    # ON CONFLICT DO NOTHING: a concurrent intake that claimed the same address first keeps it.
    ContactPoint.objects.bulk_create(new_points, ignore_conflicts=True)
    return customer


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

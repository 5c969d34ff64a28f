"""Checking a grant against the granter's authority, under locks, so limits hold under concurrency.

Every grant and every approval locks the customer's row first and then the limit row that
applies. Two agents granting at once therefore take turns: the second sees the first's grant in
the ledger before it adds up the budget, the complaint's total and the customer's total.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.models import Complaint, Customer

from ..models import AuthorityLimit
from ..money import Money, format_money
from ..selectors import (
    authority_for,
    budget_spent,
    complaint_granted,
    customer_granted,
    is_admin,
)


@dataclass(frozen=True)
class Verdict:
    """Whether a grant is within authority; ``why`` names the limit it is above, if any."""

    row: AuthorityLimit | None
    why: str

    @property
    def within(self) -> bool:
        return not self.why


def lock_customer(complaint: Complaint) -> None:
    """Take the customer's row lock: grants to one customer (any complaint) take turns."""
    Customer.objects.select_for_update().filter(pk=complaint.customer_id).values_list("pk").first()


def check_locked(user: User, *, complaint: Complaint, value: Money, now: datetime | None = None) -> Verdict:
    """Lock the limit row that applies to ``user`` and check ``value`` against every limit on it.

    The caller holds a transaction and has called ``lock_customer`` first (always in that
    order, so that two grants never wait on each other in a circle).
    """
    now = now or timezone.now()
    row = authority_for(user, complaint=complaint, currency=value.currency)
    if row is None:
        if is_admin(user) or value.amount == 0:
            return Verdict(None, "")
        return Verdict(None, f"{user.display_name} has no authority to grant {value.currency} remedies.")
    row = AuthorityLimit.objects.select_for_update().get(pk=row.pk)
    return Verdict(row, _over(row, user, complaint=complaint, value=value, now=now))


def _over(row: AuthorityLimit, user: User, *, complaint: Complaint, value: Money, now: datetime) -> str:
    """The first limit that ``value`` would break, as a sentence; empty when within all of them."""
    name, cur = user.display_name, value.currency

    def money(amount: object) -> str:
        return format_money(amount, cur)  # type: ignore[arg-type]

    if row.per_remedy is not None and value.amount > row.per_remedy:
        return f"{value} is above {name}'s limit of {money(row.per_remedy)} per remedy."
    if row.per_complaint is not None:
        total = complaint_granted(complaint, cur) + value.amount
        if total > row.per_complaint:
            return (
                f"With this, {complaint.reference} would have {money(total)} granted, above "
                f"{name}'s limit of {money(row.per_complaint)} per complaint."
            )
    if row.per_customer is not None:
        since = now - timedelta(days=row.customer_period_days)
        total = customer_granted(complaint.customer_id, cur, since=since) + value.amount
        if total > row.per_customer:
            return (
                f"With this, the customer would have {money(total)} in {row.customer_period_days} days, "
                f"above {name}'s limit of {money(row.per_customer)} per customer."
            )
    if row.monthly_budget is not None:
        total = budget_spent(row, user, now=now) + value.amount
        if total > row.monthly_budget:
            whose = f"the shared budget of {row}" if row.budget_is_shared else f"{name}'s budget"
            return (
                f"This would take {whose} for {timezone.localtime(now):%B} to {money(total)}, "
                f"above {money(row.monthly_budget)}."
            )
    return ""

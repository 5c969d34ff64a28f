"""A starter catalogue and authority limits, editable in the admin.

Amounts are only filled in for currencies of similar size (GBP, EUR, USD); elsewhere the rows
are made without amounts, and agents without limits ask for approval until an administrator sets
them.
"""

from decimal import Decimal

from django.conf import settings
from django.db import migrations

# (name, kind, wording, usual amount, cap, days to fulfil, steps, gesture rules or None)
CATALOGUE = [
    ("Full refund", "refund", "A full refund to your original payment method", None, None, 5,
     "Refund the order in the payment system\nSend the refund receipt", None),
    ("Partial refund", "partial_refund", "A refund of part of what you paid", None, None, 5,
     "Refund the agreed amount in the payment system\nSend the refund receipt", None),
    ("Replacement", "replacement", "A replacement, delivered free", None, None, 7,
     "Order the replacement\nBook delivery at a time that suits the customer\nCollect the faulty item", None),
    ("Repair", "repair", "A repair at no cost to you", None, None, 10,
     "Book the repair\nConfirm the date with the customer", None),
    ("Account credit", "credit", "A credit on your account", Decimal("10"), Decimal("200"), 2,
     "Add the credit in the billing system", None),
    ("Discount", "discount", "A discount on your next order", Decimal("10"), Decimal("100"), 2,
     "Send the discount code", None),
    ("Gift card", "gift_card", "A gift card", Decimal("20"), Decimal("100"), 3, "Send the gift card", None),
    ("Callback", "callback", "A call from a senior member of the team", None, Decimal("0"), 2,
     "Call at the time the customer prefers", None),
    ("Explanation", "explanation", "A written explanation of what went wrong and what we changed", None,
     Decimal("0"), 5, "Find the cause\nWrite it up plainly, with what we changed", None),
    ("Apology", "apology_only", "Our sincere apology", None, Decimal("0"), 0, "", None),
    ("Handwritten note", "handwritten_note", "A handwritten note from the team", Decimal("3"), Decimal("10"), 5,
     "Write and post the note", ("", 0)),
    ("Goodwill credit", "credit", "A small credit on your account, with our apology", Decimal("10"),
     Decimal("25"), 2, "Add the credit in the billing system", ("high", 0)),
    ("Flowers", "flowers", "Flowers, with our apology", Decimal("40"), Decimal("60"), 3,
     "Order the flowers to the customer's address", ("critical", 0)),
    ("Upgrade", "upgrade", "A free upgrade on your next order", Decimal("15"), Decimal("50"), 2,
     "Note the upgrade on the customer's account", ("", 2)),
]  # fmt: skip

# (role, per remedy, per complaint, per customer in 30 days, monthly budget each)
LIMITS = [
    ("agent", Decimal("50"), Decimal("100"), Decimal("150"), Decimal("1000")),
    ("supervisor", Decimal("500"), Decimal("1000"), Decimal("1500"), Decimal("10000")),
]
SIMILAR_SIZE = {"GBP", "EUR", "USD"}


def create_defaults(apps, schema_editor):
    Remedy = apps.get_model("remedies", "Remedy")
    AuthorityLimit = apps.get_model("remedies", "AuthorityLimit")
    currency = settings.AMENDS_CURRENCY
    amounts = currency in SIMILAR_SIZE
    if not Remedy.objects.exists():
        for position, (name, kind, wording, usual, cap, days, steps, gesture) in enumerate(CATALOGUE, start=1):
            Remedy.objects.create(
                name=name,
                kind=kind,
                wording=wording,
                default_amount=usual if amounts else None,
                max_amount=cap if amounts or cap == 0 else None,
                fulfilment_steps=steps,
                fulfil_within_days=days,
                is_gesture=gesture is not None,
                suggest_from_severity=gesture[0] if gesture else "",
                suggest_after_complaints=gesture[1] if gesture else 0,
                position=position * 10,
            )
    if amounts and not AuthorityLimit.objects.exists():
        for role, per_remedy, per_complaint, per_customer, budget in LIMITS:
            AuthorityLimit.objects.create(
                role=role,
                currency=currency,
                per_remedy=per_remedy,
                per_complaint=per_complaint,
                per_customer=per_customer,
                customer_period_days=30,
                monthly_budget=budget,
            )


class Migration(migrations.Migration):
    dependencies = [("remedies", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]

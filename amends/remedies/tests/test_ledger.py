"""The redress ledger, like cases, the cost of remedies by category, and gestures."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from amends.complaints.models import Severity
from amends.complaints.services import complaint_categorise
from amends.remedies import selectors
from amends.remedies.models import Grant
from amends.remedies.services import remedy_grant
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db


def _grant(by, complaint, remedy, amount, key):
    return remedy_grant(by=by, complaint=complaint, remedy=remedy, amount=amount, key=key).grant


def test_like_cases_show_count_median_and_90th_percentile(admin_user, category, remedies):
    amounts = ["10", "20", "30", "40", "50", "60", "70", "80", "90", "100"]
    for i, amount in enumerate(amounts):
        c = make_complaint(category=category, email=f"f{i}@example.net")
        _grant(admin_user, c, remedies["Partial refund"], amount, f"f{i}")
    _grant(admin_user, c, remedies["Replacement"], "500", "replacement")  # now 11 remedies
    fresh = make_complaint(category=category, email="new@example.net")
    [spread] = selectors.fairness_for_complaint(fresh)
    assert (spread.count, spread.median, spread.p90) == (11, Decimal("60.00"), Decimal("100.00"))
    assert spread.kinds == [("Partial refund", 10), ("Replacement", 1)]


def test_like_cases_are_only_the_same_category_and_severity(admin_user, category, other_category, remedies):
    same = make_complaint(category=category, email="a@example.net")
    high = make_complaint(category=category, email="b@example.net")
    complaint_categorise(complaint=high, by=admin_user, category=category, severity=Severity.HIGH)
    other = make_complaint(category=other_category, email="c@example.net")
    _grant(admin_user, high, remedies["Partial refund"], "99", "h")
    _grant(admin_user, other, remedies["Partial refund"], "77", "o")
    assert selectors.fairness_for_complaint(same) == []
    table = selectors.fairness_table(user=admin_user)
    assert {(s.category, s.severity, s.median) for s in table} == {
        ("Delivery", "high", Decimal("99.00")),
        ("Charges", "normal", Decimal("77.00")),
    }


def test_the_ledger_shows_only_complaints_the_user_may_see(
    agent, outsider, admin_user, complaint, other_category, remedies
):
    theirs = make_complaint(category=other_category, email="other@example.net")
    mine = _grant(admin_user, complaint, remedies["Partial refund"], "10", "m")
    _grant(admin_user, theirs, remedies["Partial refund"], "20", "t")
    assert [g.pk for g in selectors.ledger_for_user(user=agent).items] == [mine.pk]
    assert len(selectors.ledger_for_user(user=admin_user).items) == 2
    assert [g.amount for g in selectors.ledger_for_user(user=outsider).items] == [Decimal("20.00")]


def test_the_ledger_pages_newest_first_and_filters(admin_user, complaint, remedies):
    for i in range(5):
        _grant(admin_user, complaint, remedies["Partial refund"], str(i + 1), f"p{i}")
    _grant(admin_user, complaint, remedies["Replacement"], "100", "r")
    first = selectors.ledger_for_user(user=admin_user, limit=4)
    second = selectors.ledger_for_user(user=admin_user, limit=4, cursor=first.next_cursor)
    assert [g.amount for g in first.items + second.items] == [100, 5, 4, 3, 2, 1]
    assert second.next_cursor is None
    assert len(selectors.ledger_for_user(user=admin_user, kind="replacement").items) == 1


def test_cost_of_remedies_by_category_over_a_period(admin_user, agent, complaint, other_category, remedies):
    other = make_complaint(category=other_category, email="x@example.net")
    _grant(admin_user, complaint, remedies["Partial refund"], "10", "a")
    _grant(admin_user, complaint, remedies["Replacement"], "100", "b")
    _grant(admin_user, other, remedies["Partial refund"], "5", "c")
    _grant(admin_user, other, remedies["Refund in euros"], "20", "d")
    old = _grant(admin_user, complaint, remedies["Replacement"], "1000", "e")
    Grant.objects.filter(pk=old.pk).update(granted_at=timezone.now() - timedelta(days=400))
    now = timezone.now()
    costs = selectors.remedy_cost_by_category(user=admin_user, since=now - timedelta(days=30), until=now)
    assert [(c.category, c.currency, c.count, c.total) for c in costs] == [
        ("Delivery", "GBP", 2, Decimal("110.00")),
        ("Charges", "EUR", 1, Decimal("20.00")),
        ("Charges", "GBP", 1, Decimal("5.00")),
    ]
    mine = selectors.remedy_cost_by_category(user=agent, since=now - timedelta(days=30), until=now)
    assert [c.category for c in mine] == ["Delivery"]


def test_a_period_that_ends_before_it_starts_is_refused(admin_user):
    from amends.core.errors import InvalidInput

    now = timezone.now()
    with pytest.raises(InvalidInput):
        selectors.remedy_cost_by_category(user=admin_user, since=now, until=now - timedelta(days=1))


def test_gestures_are_suggested_by_severity_and_history(admin_user, category, complaint, remedies):
    names = {g.name for g in selectors.gesture_suggestions(complaint)}
    assert names == {"Handwritten note"}
    complaint = complaint_categorise(
        complaint=complaint, by=admin_user, category=category, severity=Severity.CRITICAL
    )
    assert {g.name for g in selectors.gesture_suggestions(complaint)} == {"Handwritten note", "Flowers"}
    make_complaint(category=category, story="Second time")
    third = make_complaint(category=category, story="Third time")
    assert "Upgrade" in {g.name for g in selectors.gesture_suggestions(third)}


def test_a_gesture_given_is_not_suggested_again_and_follows_the_same_limits(
    agent, supervisor, complaint, remedies, limits
):
    note = remedy_grant(
        by=agent, complaint=complaint, remedy=remedies["Handwritten note"], amount=None, key="g1"
    )
    assert note.grant.is_gesture
    assert "Handwritten note" not in {g.name for g in selectors.gesture_suggestions(complaint)}
    flowers = remedy_grant(by=agent, complaint=complaint, remedy=remedies["Flowers"], amount="60", key="g2")
    assert flowers.approval is not None
    assert flowers.approval.is_gesture


def test_a_new_installation_starts_with_a_catalogue_gestures_and_limits(settings):
    import importlib

    from django.apps import apps

    from amends.remedies.models import AuthorityLimit, Remedy

    starter = importlib.import_module("amends.remedies.migrations.0002_default_catalogue")
    starter.create_defaults(apps, None)
    kinds = set(Remedy.objects.values_list("kind", flat=True))
    assert {"refund", "partial_refund", "replacement", "repair", "callback", "apology_only"} <= kinds
    assert Remedy.objects.filter(is_gesture=True).count() == 4
    agent_row = AuthorityLimit.objects.get(role="agent")
    assert (agent_row.currency, agent_row.per_remedy) == ("GBP", Decimal("50"))


def test_a_catalogue_in_a_currency_of_another_size_gets_no_amounts(settings):
    import importlib

    from django.apps import apps

    from amends.remedies.models import AuthorityLimit, Remedy

    settings.AMENDS_CURRENCY = "JPY"
    starter = importlib.import_module("amends.remedies.migrations.0002_default_catalogue")
    starter.create_defaults(apps, None)
    assert not Remedy.objects.filter(default_amount__gt=0).exists()
    assert not AuthorityLimit.objects.exists()

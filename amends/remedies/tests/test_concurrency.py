"""Limits hold when two people grant at the same moment (PostgreSQL: real concurrent transactions)."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection, transaction

from amends.accounts.models import Role
from amends.remedies.models import ApprovalRequest, AuthorityLimit, Grant, Remedy, RemedyKind
from amends.remedies.services import remedy_grant
from tests.factories import CategoryFactory, TeamFactory, UserFactory, make_complaint

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
    ),
]


@pytest.fixture
def setting(db):
    Remedy.objects.all().delete()
    AuthorityLimit.objects.all().delete()
    team = TeamFactory(name="Orders", slug="orders")
    category = CategoryFactory(name="Delivery", slug="delivery", team=team)
    agents = [UserFactory(username=n, role=Role.AGENT, teams=[team]) for n in ("alex", "bea")]
    UserFactory(username="sam", role=Role.SUPERVISOR, teams=[team])
    AuthorityLimit.objects.create(
        role=Role.AGENT,
        currency="GBP",
        per_remedy=Decimal("100"),
        monthly_budget=Decimal("100"),
        budget_is_shared=True,
    )
    refund = Remedy.objects.create(
        name="Refund", kind=RemedyKind.REFUND, wording="A refund", fulfil_within_days=0
    )
    complaints = [make_complaint(category=category, email=f"c{i}@example.net") for i in range(2)]
    return agents, refund, complaints


def _in_threads(*calls):
    """Run each call in its own thread and connection, all released at once."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # collected, so the test can say which
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_agents_granting_at_once_cannot_exceed_a_shared_budget(setting):
    (alex, bea), refund, (first, second) = setting

    def grant(by, complaint, key):
        return lambda: remedy_grant(by=by, complaint=complaint, remedy=refund, amount="60", key=key)

    results = _in_threads(grant(alex, first, "a"), grant(bea, second, "b"))
    assert not any(isinstance(r, Exception) for r in results), results
    assert Grant.objects.count() == 1
    assert sum(g.amount for g in Grant.objects.all()) == Decimal("60.00")
    assert ApprovalRequest.objects.count() == 1
    assert "budget" in ApprovalRequest.objects.get().why


def test_a_grant_waits_for_one_still_in_flight_and_sees_it(setting):
    """The first grant holds its transaction open; the second must wait for it, not read around it."""
    (alex, bea), refund, (first, second) = setting
    started = threading.Event()
    release = threading.Event()

    def slow():
        with transaction.atomic():
            outcome = remedy_grant(by=alex, complaint=first, remedy=refund, amount="60", key="slow")
            started.set()
            release.wait(10)
        return outcome

    def fast():
        started.wait(10)
        return remedy_grant(by=bea, complaint=second, remedy=refund, amount="60", key="fast")

    def releaser():
        started.wait(10)
        time.sleep(0.5)  # give the second grant time to reach the budget check while the first is open
        release.set()

    results = _in_threads(slow, fast, releaser)
    assert results[0].grant is not None
    assert results[1].approval is not None
    assert results[1].grant is None
    assert Grant.objects.count() == 1


def test_the_same_choice_granted_twice_at_once_is_granted_once(setting):
    (alex, bea), refund, (first, _) = setting

    def grant(by):
        return lambda: remedy_grant(by=by, complaint=first, remedy=refund, amount="10", key="option:1")

    results = _in_threads(grant(alex), grant(bea))
    assert not any(isinstance(r, Exception) for r in results), results
    assert Grant.objects.count() == 1
    assert sorted(r.created for r in results) == [False, True]

"""The demo's history gives the insight pages something real to draw."""

import pytest
from django.db.models import Sum

from amends.complaints.models import Complaint, Severity, State
from amends.demo.data import load_demo_data
from amends.insights.models import DailyCause, DailyCost, DailyFigures
from amends.remedies.models import Grant
from amends.reviews.models import Proposal, Review

pytestmark = pytest.mark.django_db


def test_demo_complaints_are_reviewed_and_folded():
    load_demo_data(complaints=120, seed=2026)
    closed_high = Complaint.objects.filter(
        state=State.CLOSED, severity__in=[Severity.HIGH, Severity.CRITICAL]
    )
    assert all(Review.objects.filter(complaint=c).exists() for c in closed_high)
    assert Review.objects.count() >= 10
    assert Proposal.objects.exists()
    counted = Complaint.objects.exclude(state__in=[State.SPAM, State.MERGED]).count()
    assert DailyFigures.objects.aggregate(n=Sum("received"))["n"] == counted
    assert DailyFigures.objects.aggregate(n=Sum("first_responses"))["n"] > 0
    assert DailyCause.objects.aggregate(n=Sum("reviews"))["n"] == Review.objects.count()
    assert DailyCost.objects.aggregate(n=Sum("grants"))["n"] == Grant.objects.count() > 0
    assert DailyFigures.objects.aggregate(n=Sum("surveys"))["n"] > 0

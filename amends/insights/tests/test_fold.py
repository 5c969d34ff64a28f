"""The summary tables: folded from the timeline, incrementally, idempotently, like a rebuild."""

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from amends.complaints.models import Event, EventKind, Severity, State
from amends.complaints.services import (
    complaint_assign,
    complaint_categorise,
    complaint_record_event,
    complaint_reply,
    complaint_transition,
)
from amends.insights.fold import summaries_fold, summaries_rebuild
from amends.insights.models import DailyAgent, DailyCause, DailyCost, DailyFigures, FoldedComplaint
from amends.reviews.models import RootCause
from amends.reviews.services import ReviewInput, review_record
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db


def _total(field, **where):
    return DailyFigures.objects.filter(**where).aggregate(n=Sum(field))["n"] or 0


def _snapshot():
    rows = DailyFigures.objects.order_by("day", "team_id", "category_id").values()
    return [{k: v for k, v in row.items() if k != "id"} for row in rows]


def test_a_received_complaint_is_counted_on_its_day_under_its_team_and_category(complaint, fold):
    fold()
    row = DailyFigures.objects.get()
    assert row.day == timezone.localtime(complaint.received_at).date()
    assert (row.team_id, row.category_id, row.received) == (complaint.team_id, complaint.category_id, 1)


def test_folding_again_changes_nothing(complaint, agent, fold):
    complaint_reply(complaint=complaint, by=agent, body="We are on it, Jo: a new screen goes out today.")
    fold()
    before = _snapshot()
    report = fold()
    assert report.events == 0
    assert _snapshot() == before


def test_recategorising_moves_the_complaint_to_its_new_category(complaint, agent, other_category, fold):
    fold()
    complaint_categorise(complaint=complaint, by=agent, category=other_category, severity=Severity.NORMAL)
    fold()
    assert _total("received", category_id=complaint.category_id) == 0
    assert _total("received", category_id=other_category.pk) == 1


def test_spam_leaves_the_volume_figures(complaint, supervisor, fold):
    fold()
    complaint_transition(complaint=complaint, by=supervisor, to_state=State.SPAM, reason="Advert")
    fold()
    assert _total("received") == 0
    assert FoldedComplaint.objects.get(pk=complaint.pk).counted is False


def test_a_second_complaint_within_ninety_days_is_a_repeat(complaint, category, fold):
    make_complaint(category=category, story="It happened again with order 4480.")
    make_complaint(category=category, email="someone.else@example.net", story="A different customer.")
    fold()
    assert _total("received") == 3
    assert _total("repeats") == 1


def test_first_response_and_resolution_are_counted_in_business_time(complaint, agent, fold):
    complaint_assign(complaint=complaint, by=agent, team=complaint.team, assignee=agent)
    complaint_reply(complaint=complaint, by=agent, body="Sorry, Jo. A new screen is on its way today.")
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED, agreed_outcome="New screen")
    fold()
    assert _total("first_responses") == 1
    assert _total("resolved") == 1
    assert _total("first_response_seconds") >= 0
    mine = DailyAgent.objects.get(agent_id=agent.pk)
    assert (mine.first_responses, mine.resolved) == (1, 1)


def test_promise_outcomes_remedies_surveys_and_checkins_are_counted(complaint, fold):
    def event(event_kind, **data):
        complaint_record_event(complaint=complaint, kind=event_kind, by=None, data=data)

    # The shapes of the data the promise, remedy and survey services write on the timeline.
    event(EventKind.PROMISE_SETTLED, promise=1, kind="first_response", state="kept_early")
    event(EventKind.PROMISE_SETTLED, promise=2, kind="update", state="broken")
    event(EventKind.PROMISE_SETTLED, promise=3, kind="update", state="cancelled")
    event(EventKind.REMEDY_GRANTED, grant=1, kind="refund", amount="40.00", currency="GBP")
    event(EventKind.REMEDY_GRANTED, grant=2, kind="refund", amount="10.50", currency="GBP")
    event(EventKind.FEEDBACK, survey=1, score=2, recommend="no")
    event(EventKind.FEEDBACK, checkin=2, held=True)
    fold()
    row = DailyFigures.objects.get()
    assert (row.kept_early, row.kept, row.broken) == (1, 0, 1)
    assert (row.surveys, row.score_total, row.low_scores, row.checkins, row.held) == (1, 2, 1, 1, 1)
    cost = DailyCost.objects.get()
    assert (cost.currency, cost.grants, str(cost.amount)) == ("GBP", 2, "50.500")


def test_reviews_are_counted_by_root_cause(complaint, agent, fold):
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED)
    review_record(complaint=complaint, by=agent, data=ReviewInput(RootCause.PRODUCT, []))
    fold()
    cause = DailyCause.objects.get()
    assert (cause.root_cause, cause.reviews) == (RootCause.PRODUCT, 1)
    assert _total("reviews") == 1


def test_events_younger_than_the_lag_wait_for_the_next_fold(complaint):
    assert summaries_fold(lag_seconds=3600).events == 0
    assert not DailyFigures.objects.exists()
    assert summaries_fold(now=timezone.now() + timedelta(hours=2), lag_seconds=3600).events > 0
    assert _total("received") == 1


def _by_day():
    fields = [
        f.name for f in DailyFigures._meta.fields if f.name not in ("id", "day", "team_id", "category_id")
    ]
    rows = DailyFigures.objects.values("day").annotate(**{f"s_{f}": Sum(f) for f in fields}).order_by("day")
    return list(rows)


def test_a_rebuild_gives_what_the_incremental_fold_gave(complaint, agent, category, fold):
    fold()
    complaint_reply(complaint=complaint, by=agent, body="A new screen is on its way today, Jo.")
    fold()
    make_complaint(category=category, story="Again, order 4480.")
    complaint_transition(complaint=complaint, by=agent, to_state=State.RESOLVED)
    review_record(complaint=complaint, by=agent, data=ReviewInput(RootCause.PROCESS, []))
    fold()
    incremental = _snapshot()
    summaries_rebuild(now=timezone.now() + timedelta(hours=1))
    assert _snapshot() == incremental


def test_after_a_late_recategorisation_a_rebuild_has_the_same_totals(complaint, agent, other_category, fold):
    """Volume follows the complaint to its new category at once; outcomes stay where they were
    counted until a rebuild puts them under the category the complaint has now."""
    complaint_reply(complaint=complaint, by=agent, body="A new screen is on its way today, Jo.")
    fold()
    complaint_categorise(complaint=complaint, by=agent, category=other_category, severity=Severity.HIGH)
    fold()
    assert _total("received", category_id=other_category.pk) == 1
    incremental = _by_day()
    summaries_rebuild(now=timezone.now() + timedelta(hours=1))
    assert _by_day() == incremental
    assert _total("first_responses", category_id=other_category.pk) == 1


def test_an_event_stamped_days_ahead_does_not_hold_the_fold_back(complaint):
    later = timezone.now() + timedelta(days=3)
    Event.objects.create(
        complaint=complaint, kind=EventKind.STATE_CHANGED, to_state=State.RESOLVED, created_at=later
    )
    summaries_fold(now=timezone.now() + timedelta(hours=1), lag_seconds=60)
    assert _total("received") == 1
    assert _total("resolved", day=timezone.localtime(later).date()) == 1

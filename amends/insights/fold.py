"""Keep the summary tables up to date by folding the timeline since a watermark.

The timeline is append-only, so "what happened since we last looked" is the events after the
last one folded. Each batch is one transaction that adds the batch's figures to the daily rows
and moves the watermark, under a lock on the watermark row: a batch is counted once or not at
all, and running the fold again (or twice at once) changes nothing. Events younger than
``AMENDS_INSIGHTS_FOLD_LAG_SECONDS`` wait for the next run, so a transaction still open when an
event id was handed out (and committed after a later one) is not skipped.

What is counted where, by the day (local date) it happened:

- received, repeats: the complaint's receipt, under its current team and category; it moves
  when the complaint is recategorised, reassigned, marked spam or merged (``FoldedComplaint``);
- first response, resolution: business time since receipt (the team's calendar);
- promises kept, kept early, broken; remedies granted and what they cost; survey answers and
  check-ins; blameless reviews and their root causes.

``summaries_rebuild`` empties the tables and folds the whole timeline again through the same
code, so a rebuild and the incremental fold cannot disagree.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import takewhile
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef
from django.utils import timezone

from amends.complaints.models import Complaint, Event, EventKind, State
from amends.promises.clock import BusinessHours
from amends.promises.policies import hours_for_team
from amends.reviews.models import Review

from .models import DailyAgent, DailyCause, DailyCost, DailyFigures, FoldedComplaint, FoldState

BATCH = 5000
STATE = "timeline"
REPEAT_WINDOW = timedelta(days=90)
FUTURE_GRACE = timedelta(minutes=5)  # clocks of servers may differ a little
NOT_COUNTED = frozenset({State.SPAM, State.MERGED})
SETTLED = frozenset({"kept", "kept_early", "broken"})
FOLD_KINDS = [
    EventKind.RECEIVED,
    EventKind.STATE_CHANGED,
    EventKind.MESSAGE_OUT,
    EventKind.CATEGORISED,
    EventKind.ASSIGNED,
    EventKind.MERGED,
    EventKind.ESCALATED,
    EventKind.PROMISE_SETTLED,
    EventKind.REMEDY_GRANTED,
    EventKind.FEEDBACK,
]

Key = tuple[date, int, int]
EventRow = tuple[int, str, int, datetime, str, dict[str, Any]]
Progress = Callable[["FoldReport"], None]


@dataclass
class FoldReport:
    events: int = 0
    reviews: int = 0
    complaints: int = 0

    def __str__(self) -> str:
        return f"{self.events} events and {self.reviews} reviews folded, {self.complaints} complaints touched"


@dataclass
class _Deltas:
    """What one batch adds to each summary row, keyed as the rows are."""

    figures: defaultdict[Key, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    agents: defaultdict[tuple[date, int], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    costs: defaultdict[tuple[date, int, int, str], dict[str, Any]] = field(
        default_factory=lambda: defaultdict(lambda: {"grants": 0, "amount": Decimal(0)})
    )
    causes: defaultdict[tuple[date, int, int, str], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )

    def add(self, key: Key, agent: int | None, **values: int) -> None:
        self.figures[key].update(values)
        if agent:
            self.agents[(key[0], agent)].update(values)


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


class _Hours:
    """Each team's business hours, looked up once per batch."""

    def __init__(self) -> None:
        self._known: dict[int | None, BusinessHours] = {}

    def seconds(self, team_id: int | None, start: datetime, end: datetime) -> int:
        if team_id not in self._known:
            self._known[team_id] = hours_for_team(team_id)
        return self._known[team_id].seconds_between(start, end)


def summaries_fold(
    *, now: datetime | None = None, lag_seconds: int | None = None, progress: Progress | None = None
) -> FoldReport:
    """Fold every timeline event and review not yet counted, in batches; return what was done."""
    lag = settings.AMENDS_INSIGHTS_FOLD_LAG_SECONDS if lag_seconds is None else lag_seconds
    now = now or timezone.now()
    window = _Window(cutoff=now - timedelta(seconds=lag), horizon=now + FUTURE_GRACE)
    report = FoldReport()
    FoldState.objects.get_or_create(name=STATE)
    for step in (_fold_events, _fold_reviews):
        while step(window, report):
            if progress:
                progress(report)
    return report


def summaries_rebuild(
    *, now: datetime | None = None, lag_seconds: int | None = None, progress: Progress | None = None
) -> FoldReport:
    """Empty the summary tables and fold the whole timeline again (``amends insights rebuild``).

    For a first install on an existing database, or after changing what is counted. The pages
    show partial figures until it finishes; the sweep's fold waits for each batch's lock.
    """
    FoldState.objects.get_or_create(name=STATE)
    with transaction.atomic():
        state = FoldState.objects.select_for_update().get(name=STATE)
        for model in (DailyFigures, DailyCost, DailyCause, DailyAgent, FoldedComplaint):
            model.objects.all().delete()
        state.last_event_id = state.last_review_id = 0
        state.save()
    return summaries_fold(now=now, lag_seconds=lag_seconds, progress=progress)


@dataclass(frozen=True)
class _Window:
    """Which rows may be folded yet: not those stamped in the last moments before now.

    A row stamped well in the future (data loaded with dates to come) was not written just now,
    so it does not hold the fold back; it lands on its own day, which the pages show when it comes.
    """

    cutoff: datetime
    horizon: datetime

    def young(self, at: datetime) -> bool:
        return self.cutoff < at <= self.horizon


def _fold_events(window: _Window, report: FoldReport) -> bool:
    """Fold one batch of events; True while there may be more ready."""
    last = FoldState.objects.values_list("last_event_id", flat=True).get(name=STATE)
    waiting = Event.objects.filter(pk__gt=last, kind__in=FOLD_KINDS).order_by("pk")
    first = waiting.values_list("created_at", flat=True).first()
    if first is None or window.young(first):
        return False  # the sweep's common case: one index probe, no lock
    with transaction.atomic():
        state = FoldState.objects.select_for_update().get(name=STATE)
        rows: list[EventRow] = list(
            Event.objects.filter(pk__gt=state.last_event_id, kind__in=FOLD_KINDS)
            .order_by("pk")
            .values_list("pk", "kind", "complaint_id", "created_at", "to_state", "data")[:BATCH]
        )
        ready = list(takewhile(lambda row: not window.young(row[3]), rows))
        if not ready:
            return False
        report.complaints += _fold_batch(ready)
        state.last_event_id = ready[-1][0]
        state.save(update_fields=["last_event_id", "updated_at"])
        report.events += len(ready)
    return len(ready) == BATCH


def _complaints(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The complaints of a batch as they are now, each with whether it repeats an earlier one."""
    since = ExpressionWrapper(OuterRef("received_at") - REPEAT_WINDOW, output_field=DateTimeField())
    earlier = (
        Complaint.objects.filter(customer_id=OuterRef("customer_id"), received_at__lt=OuterRef("received_at"))
        .filter(received_at__gte=since)
        .exclude(state=State.SPAM)
    )
    rows = (
        Complaint.objects.filter(pk__in=list(ids))
        .annotate(repeat=Exists(earlier))
        .values(
            "pk",
            "team_id",
            "category_id",
            "state",
            "received_at",
            "first_response_at",
            "assignee_id",
            "repeat",
        )
    )
    return {row["pk"]: dict(row) for row in rows}


def _fold_batch(rows: list[EventRow]) -> int:
    complaints = _complaints({row[2] for row in rows})
    folded = FoldedComplaint.objects.in_bulk(list(complaints))
    deltas, hours = _Deltas(), _Hours()
    new: list[FoldedComplaint] = []
    changed: dict[int, FoldedComplaint] = {}
    for pk, complaint in complaints.items():
        known = folded.get(pk)
        if known is None:
            row = _first_count(complaint, deltas)
            new.append(row)
        else:
            row = known
            if _recount(row, complaint, deltas):
                changed[pk] = row
        if complaint["first_response_at"] and not row.first_response:
            _first_response(row, complaint, deltas, hours)
            changed.setdefault(pk, row)
    for event in rows:
        if event[2] in complaints:
            _event_figures(event, complaints[event[2]], deltas, hours)
    FoldedComplaint.objects.bulk_create(new, batch_size=1000)
    created = {row.pk for row in new}
    updates = [row for pk, row in changed.items() if pk not in created]
    FoldedComplaint.objects.bulk_update(
        updates, ["team_id", "category_id", "counted", "first_response"], batch_size=500
    )
    _apply(deltas)
    return len(complaints)


def _bucket(complaint: dict[str, Any]) -> tuple[int, int]:
    return complaint["team_id"] or 0, complaint["category_id"] or 0


def _count(row: FoldedComplaint, deltas: _Deltas, sign: int) -> None:
    deltas.add((row.day, row.team_id, row.category_id), None, received=sign, repeats=sign * row.repeat)


def _first_count(complaint: dict[str, Any], deltas: _Deltas) -> FoldedComplaint:
    team_id, category_id = _bucket(complaint)
    row = FoldedComplaint(
        complaint_id=complaint["pk"],
        day=_day(complaint["received_at"]),
        team_id=team_id,
        category_id=category_id,
        counted=complaint["state"] not in NOT_COUNTED,
        repeat=bool(complaint["repeat"]),
    )
    if row.counted:
        _count(row, deltas, +1)
    return row


def _recount(row: FoldedComplaint, complaint: dict[str, Any], deltas: _Deltas) -> bool:
    """Move the complaint's count to where it belongs now; True if it moved."""
    team_id, category_id = _bucket(complaint)
    counted = complaint["state"] not in NOT_COUNTED
    if (row.team_id, row.category_id, row.counted) == (team_id, category_id, counted):
        return False
    if row.counted:
        _count(row, deltas, -1)
    row.team_id, row.category_id, row.counted = team_id, category_id, counted
    if counted:
        _count(row, deltas, +1)
    return True


def _first_response(row: FoldedComplaint, complaint: dict[str, Any], deltas: _Deltas, hours: _Hours) -> None:
    at = complaint["first_response_at"]
    seconds = hours.seconds(complaint["team_id"], complaint["received_at"], at)
    key = (_day(at), *_bucket(complaint))
    deltas.add(key, complaint["assignee_id"], first_responses=1, first_response_seconds=seconds)
    row.first_response = True


def _event_figures(event: EventRow, complaint: dict[str, Any], deltas: _Deltas, hours: _Hours) -> None:
    _, kind, _, at, to_state, data = event
    key = (_day(at), *_bucket(complaint))
    agent = complaint["assignee_id"]
    if kind == EventKind.STATE_CHANGED and to_state == State.RESOLVED:
        seconds = hours.seconds(complaint["team_id"], complaint["received_at"], at)
        deltas.add(key, agent, resolved=1, resolution_seconds=seconds)
    elif kind == EventKind.PROMISE_SETTLED and data.get("state") in SETTLED:
        deltas.add(key, agent, **{data["state"]: 1})
    elif kind == EventKind.REMEDY_GRANTED and data.get("currency") and data.get("amount") is not None:
        cost = deltas.costs[(*key, str(data["currency"]))]
        cost["grants"] += 1
        cost["amount"] += Decimal(str(data["amount"]))
    elif kind == EventKind.FEEDBACK and data.get("score") is not None:
        score = int(data["score"])
        deltas.add(key, agent, surveys=1, score_total=score)
        deltas.add(key, None, low_scores=int(score <= settings.AMENDS_SURVEY_LOW_SCORE))
    elif kind == EventKind.FEEDBACK and "checkin" in data:
        deltas.add(key, None, checkins=1, held=int(bool(data.get("held"))))


def _fold_reviews(window: _Window, report: FoldReport) -> bool:
    """Fold one batch of blameless reviews (their own table, so bulk-loaded ones count too)."""
    last = FoldState.objects.values_list("last_review_id", flat=True).get(name=STATE)
    first = Review.objects.filter(pk__gt=last).order_by("pk").values_list("created_at", flat=True).first()
    if first is None or window.young(first):
        return False
    with transaction.atomic():
        state = FoldState.objects.select_for_update().get(name=STATE)
        rows = list(
            Review.objects.filter(pk__gt=state.last_review_id)
            .order_by("pk")
            .values_list("pk", "created_at", "root_cause", "complaint__team_id", "complaint__category_id")[
                :BATCH
            ]
        )
        ready = list(takewhile(lambda row: not window.young(row[1]), rows))
        if not ready:
            return False
        deltas = _Deltas()
        for _, at, cause, team_id, category_id in ready:
            key = (_day(at), team_id or 0, category_id or 0)
            deltas.add(key, None, reviews=1)
            deltas.causes[(*key, cause)].update(reviews=1)
        _apply(deltas)
        state.last_review_id = ready[-1][0]
        state.save(update_fields=["last_review_id", "updated_at"])
        report.reviews += len(ready)
    return len(ready) == BATCH


def _apply(deltas: _Deltas) -> None:
    _upsert(DailyFigures, ("day", "team_id", "category_id"), deltas.figures)
    _upsert(DailyAgent, ("day", "agent_id"), deltas.agents)
    _upsert(DailyCost, ("day", "team_id", "category_id", "currency"), deltas.costs)
    _upsert(DailyCause, ("day", "team_id", "category_id", "root_cause"), deltas.causes)


def _upsert(model: type[models.Model], keys: tuple[str, ...], deltas: dict[Any, Any]) -> None:
    """Add ``deltas`` to the rows with those keys, creating the missing ones.

    Read, add, write: safe because the caller holds the watermark lock, so one fold at a time.
    """
    deltas = {key: {f: v for f, v in values.items() if v} for key, values in deltas.items()}
    deltas = {key: values for key, values in deltas.items() if values}
    if not deltas:
        return
    days = {key[0] for key in deltas}
    existing = {
        tuple(getattr(row, name) for name in keys): row for row in model._default_manager.filter(day__in=days)
    }
    create, update, fields = [], [], set()
    for key, values in deltas.items():
        row = existing.get(key)
        if row is None:
            row = model(**dict(zip(keys, key, strict=True)))
            create.append(row)
        else:
            update.append(row)
        for name, value in values.items():
            setattr(row, name, getattr(row, name) + value)
            fields.add(name)
    model._default_manager.bulk_create(create, batch_size=500)
    if update:
        model._default_manager.bulk_update(update, sorted(fields), batch_size=500)

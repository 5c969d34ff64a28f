"""Reads of complaints that respect who is asking. Views and the API never query models directly."""

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from amends.accounts.models import Membership, Role, User
from amends.accounts.selectors import team_ids_for_user
from amends.core.errors import InvalidInput, NotFound
from amends.promises.models import Promise, PromiseState

from .models import OPEN_STATES, Complaint, Event, State, Submission
from .search import few_matches, filter_by_keywords

PAGE_SIZE = 50
_BAD_CURSOR = "That page link is not valid; start again from the first page."
MAX_PAGE_SIZE = 200


def can_user_view_complaint(user: User, complaint: Complaint) -> bool:
    """Staff see their teams' complaints; administrators see all; nobody sees a team-less one
    unless they are an administrator or a supervisor (who triages the unrouted)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.sees_every_team:
        return True
    if complaint.team_id is None:
        return user.role == Role.SUPERVISOR
    return user.teams.filter(pk=complaint.team_id).exists()


def complaints_visible_to(user: User, *, inline: bool = False) -> QuerySet[Complaint]:
    """The complaints ``user`` may see.

    ``inline`` reads the user's teams in a subquery of the same statement instead of a query of
    its own first: one round trip fewer for a lookup of one complaint. Lists keep the fetched
    ids, so PostgreSQL plans their index scans knowing the teams.
    """
    if not user.is_authenticated or not user.is_active:
        return Complaint.objects.none()
    if user.sees_every_team:
        return Complaint.objects.all()
    team_ids = (
        Membership.objects.filter(user_id=user.pk).values("team_id") if inline else team_ids_for_user(user)
    )
    visible = Q(team_id__in=team_ids)
    if user.role == Role.SUPERVISOR:
        visible |= Q(team__isnull=True)
    return Complaint.objects.filter(visible)


def complaint_get_for_user(*, user: User, reference: str) -> Complaint:
    """The complaint with ``reference`` if ``user`` may see it; ``NotFound`` otherwise.

    A complaint the user may not see is reported as not found, so references cannot be probed.
    """
    # merged_into is left to load on use: few complaints have one, and joining the table to
    # itself doubled the cost of building this query, the page's most frequent.
    return _visible_get(complaints_visible_to(user, inline=True), reference)


def complaint_page_get_for_user(*, user: User, reference: str) -> Complaint:
    """``complaint_get_for_user`` for the complaint page: the complaint also carries
    ``customer_others``, how many other complaints its customer has made (see ``customer_history``)."""
    others = (
        Complaint.objects.filter(customer_id=OuterRef("customer_id"))
        .exclude(pk=OuterRef("pk"))
        .values("customer_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    visible = complaints_visible_to(user, inline=True).annotate(customer_others=Coalesce(Subquery(others), 0))
    return _visible_get(visible, reference)


def _visible_get(visible: QuerySet[Complaint], reference: str) -> Complaint:
    try:
        return visible.select_related("customer", "category", "team", "assignee").get(
            reference=reference.strip().upper()
        )
    except Complaint.DoesNotExist:
        raise NotFound(f"No complaint {reference} that you can see.") from None


@dataclass(frozen=True)
class InboxFilters:
    state: str = "open"  # "open", "all" or one State value
    team: int | None = None
    assignee: int | None = None  # 0 means unassigned
    category: int | None = None
    q: str = ""
    order: str = "due"  # "due": what is due first; "urgent": most urgent first (open complaints)


@dataclass
class Page:
    items: list[Complaint]
    next_cursor: str | None
    ordering: str = "due"
    extra: dict[str, object] = field(default_factory=dict)


def _encode(due: datetime | None, pk: int) -> str:
    raw = f"{due.isoformat() if due else ''}|{pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        due_text, pk_text = raw.split("|")
        return (datetime.fromisoformat(due_text) if due_text else None), int(pk_text)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(
            "That page link is not valid; start again from the first page.", field="cursor"
        ) from exc


def _filtered(user: User, filters: InboxFilters) -> QuerySet[Complaint]:
    qs = complaints_visible_to(user)
    if filters.state == "open":
        qs = qs.filter(state__in=sorted(OPEN_STATES))
    elif filters.state != "all":
        if filters.state not in State.values:
            raise InvalidInput(f"Unknown state {filters.state!r}.", field="state")
        qs = qs.filter(state=filters.state)
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    if filters.assignee is not None:
        qs = (
            qs.filter(assignee__isnull=True)
            if filters.assignee == 0
            else qs.filter(assignee_id=filters.assignee)
        )
    if filters.category is not None:
        qs = qs.filter(category_id=filters.category)
    if filters.q.strip():
        qs = filter_by_keywords(qs, filters.q)
        if connection.vendor == "postgresql":
            # The planner tells a rare word from a common one poorly (every word outside the
            # column's most common lexemes gets the same guess). For a page of newest matches
            # it then walks the primary key backwards testing each row: quick for a common word,
            # half a second at a million complaints for a rare one. When the matches are few,
            # the page is read by their ids instead.
            ids = few_matches(qs)
            if ids is not None:
                qs = qs.filter(pk__in=ids)
    return qs


def complaint_list_for_user(
    *, user: User, filters: InboxFilters, cursor: str | None = None, limit: int = PAGE_SIZE
) -> Page:
    """One page of the complaints ``user`` may see, keyset-paginated so every page costs the same.

    Open complaints come in the order they fall due (undated ones last), or most urgent first
    when ``filters.order`` is "urgent"; any other view (a keyword search, closed states) comes
    newest first.
    """
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    qs = _filtered(user, filters).select_related("customer", "category", "team", "assignee")
    if filters.order not in ("due", "urgent"):
        raise InvalidInput(f"Unknown order {filters.order!r}.", field="order")
    by_due = filters.state in OPEN_STATES or (filters.state == "open" and not filters.q.strip())
    if by_due and filters.order == "urgent":
        return _page_by_urgency(qs, cursor, limit)
    if not by_due:
        if cursor:
            qs = qs.filter(pk__lt=_decode(cursor)[1])
        items = list(qs.order_by("-id")[: limit + 1])
        more = len(items) > limit
        items = items[:limit]
        return Page(items, _encode(None, items[-1].pk) if more else None, ordering="newest")
    return _page_by_due(qs, cursor, limit)


def _page_by_urgency(qs: QuerySet[Complaint], cursor: str | None, limit: int) -> Page:
    if cursor:
        urgency, pk = _decode_urgency(cursor)
        # Written so the leading column bounds the index scan on both databases.
        qs = qs.filter(Q(urgency__lte=urgency) & (Q(urgency__lt=urgency) | Q(pk__lt=pk)))
    items = list(qs.order_by("-urgency", "-id")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    next_cursor = None
    if more:
        raw = f"u{items[-1].urgency}|{items[-1].pk}"
        next_cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    return Page(items, next_cursor, ordering="urgent")


def _decode_urgency(cursor: str) -> tuple[int, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        urgency_text, pk_text = raw.removeprefix("u").split("|")
        return int(urgency_text), int(pk_text)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(
            "That page link is not valid; start again from the first page.", field="cursor"
        ) from exc


def _page_by_due(qs: QuerySet[Complaint], cursor: str | None, limit: int) -> Page:
    due, pk = _decode(cursor) if cursor else (None, 0)
    items: list[Complaint] = []
    if cursor is None or due is not None:
        dated = qs.filter(due_at__isnull=False)
        if due is not None:
            # Written so the leading column bounds the index scan on both databases.
            dated = dated.filter(Q(due_at__gte=due) & (Q(due_at__gt=due) | Q(pk__gt=pk)))
        items = list(dated.order_by("due_at", "id")[: limit + 1])
        pk = 0
    if len(items) <= limit:
        undated = qs.filter(due_at__isnull=True, pk__gt=pk).order_by("id")
        items += list(undated[: limit + 1 - len(items)])
    more = len(items) > limit
    items = items[:limit]
    next_cursor = _encode(items[-1].due_at, items[-1].pk) if more and items else None
    return Page(items, next_cursor, ordering="due")


def timeline_for_complaint(complaint: Complaint, *, include_internal: bool = True) -> list[Event]:
    """Every event on the complaint, oldest first, with its message and actor in one query."""
    # The raw bytes a message arrived as can be large and are never shown on a timeline.
    events = (
        Event.objects.filter(complaint=complaint)
        .select_related("message", "actor", "message__author")
        .defer("message__raw")
    )
    if not include_internal:
        events = events.exclude(kind="note").exclude(message__direction="internal")
    return list(events.order_by("created_at", "id"))


def promises_told_to_customer(complaint: Complaint) -> list[Promise]:
    """The complaint's open promises that the customer was told of, soonest first.

    Internal promises (reminders to ourselves) never appear on the customer's pages.
    """
    return list(
        Promise.objects.filter(complaint=complaint, state=PromiseState.OPEN, visible=True).order_by("due_at")
    )


def customer_history(*, user: User, complaint: Complaint, limit: int = 10) -> tuple[list[Complaint], int]:
    """The same customer's other complaints that ``user`` may see, newest first, and how many
    complaints the customer has made in all (a number only: other teams' cases stay private).

    A complaint read by ``complaint_page_get_for_user`` already knows that number, so a first
    complaint costs no query here and a returning customer's one.
    """
    others = Complaint.objects.filter(customer_id=complaint.customer_id).exclude(pk=complaint.pk)
    total: int | None = getattr(complaint, "customer_others", None)
    if total == 0:
        return [], 0
    visible = list(
        others.filter(
            pk__in=complaints_visible_to(user, inline=True)
            .filter(customer_id=complaint.customer_id)
            .values("pk")
        )
        .only("reference", "summary", "state", "received_at")
        .order_by("-received_at")[:limit]
    )
    return visible, others.count() if total is None else total


def submission_waiting(*, by: User | None, reference: str) -> Submission | None:
    """``by``'s submission with ``reference`` while it waits to be filed, or None."""
    return (
        Submission.objects.filter(reference=reference.strip().upper(), by=by, filed_at__isnull=True)
        .only("reference", "received_at")
        .first()
    )

"""Reads for remedies, each taking the actor and refusing what the actor may not see or do."""

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from math import ceil

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from amends.accounts.models import Role, User
from amends.complaints.models import Category, Complaint, Severity, State
from amends.complaints.selectors import can_user_view_complaint, complaints_visible_to
from amends.core.errors import InvalidInput, NotFound
from amends.core.text import one_line

from .models import (
    ApprovalLevel,
    ApprovalRequest,
    ApprovalState,
    AuthorityLimit,
    Grant,
    Offer,
    OfferState,
    Remedy,
    RemedyKind,
    SoughtRemedy,
)
from .money import ZERO, format_money
from .suggest import Sought, sought_from_text

ACTING_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMIN})
CLOSED_TO_REMEDIES = frozenset({State.MERGED, State.SPAM, State.WITHDRAWN})
_SEVERITY_ORDER = list(Severity.values)
# Like cases are judged on the latest grants of a kind: recent practice, at a bounded cost.
FAIRNESS_SAMPLE = 1000


# Permissions -----------------------------------------------------------------------------------


def can_user_act_on_complaint(user: User, complaint: Complaint) -> bool:
    """Offer, grant and record choices: staff who handle complaints and can see this one."""
    return (user.role in ACTING_ROLES or user.is_superuser) and can_user_view_complaint(user, complaint)


def is_admin(user: User) -> bool:
    return user.is_active and (user.role == Role.ADMIN or user.is_superuser)


def can_user_decide(user: User, request: ApprovalRequest) -> bool:
    """Supervisors decide their teams' requests at supervisor level; administrators decide any.
    Nobody decides their own request."""
    return _can_decide(user, request, lambda: can_user_view_complaint(user, request.complaint))


def approvals_user_can_decide(
    user: User, complaint: Complaint, approvals: list[ApprovalRequest]
) -> list[tuple[ApprovalRequest, bool]]:
    """Each of ``complaint``'s ``approvals`` with whether ``user`` may decide it, as
    ``can_user_decide`` says, looking at the user's teams once rather than once a request."""
    sees = functools.cache(lambda: can_user_view_complaint(user, complaint))
    return [(request, _can_decide(user, request, sees)) for request in approvals]


def _can_decide(user: User, request: ApprovalRequest, sees_complaint: Callable[[], bool]) -> bool:
    if not user.is_authenticated or not user.is_active or user.pk == request.requested_by_id:
        return False
    if is_admin(user):
        return True
    if request.level != ApprovalLevel.SUPERVISOR or user.role != Role.SUPERVISOR:
        return False
    return sees_complaint()


def approvers_for(request: ApprovalRequest) -> list[User]:
    """Who is asked to decide: the complaint team's supervisors, or the administrators."""
    users = User.objects.filter(is_active=True).exclude(pk=request.requested_by_id)
    if request.level == ApprovalLevel.ADMIN:
        users = users.filter(Q(role=Role.ADMIN) | Q(is_superuser=True))
    elif request.complaint.team_id is None:
        users = users.filter(role=Role.SUPERVISOR)
    else:
        users = users.filter(role=Role.SUPERVISOR, teams=request.complaint.team_id)
    return list(users.distinct().order_by("pk"))


# Authority ------------------------------------------------------------------------------------


def authority_for(user: User, *, complaint: Complaint, currency: str) -> AuthorityLimit | None:
    """The limit row that applies to ``user`` for this complaint in ``currency``: their own, else
    their role's in the complaint's team, else their role's. ``None`` if no row applies."""
    rows = AuthorityLimit.objects.filter(currency=currency).filter(
        Q(user=user)
        | Q(user__isnull=True, role=user.role, team_id=complaint.team_id)
        | Q(user__isnull=True, role=user.role, team__isnull=True)
    )

    def rank(row: AuthorityLimit) -> int:
        return 0 if row.user_id else 1 if row.team_id else 2

    return min(rows, key=rank, default=None)


def month_start(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _sum(qs: QuerySet[Grant]) -> Decimal:
    total: Decimal | None = qs.aggregate(total=Sum("amount"))["total"]
    return total or ZERO


def budget_spent(row: AuthorityLimit, user: User, *, now: datetime) -> Decimal:
    grants = Grant.objects.filter(authority=row, granted_at__gte=month_start(now))
    if not row.budget_is_shared:
        grants = grants.filter(authorised_by=user)
    return _sum(grants)


def complaint_granted(complaint: Complaint, currency: str) -> Decimal:
    return _sum(Grant.objects.filter(complaint=complaint, currency=currency))


def customer_granted(customer_id: int, currency: str, *, since: datetime) -> Decimal:
    return _sum(Grant.objects.filter(customer_id=customer_id, currency=currency, granted_at__gte=since))


@dataclass(frozen=True)
class AuthoritySummary:
    row: AuthorityLimit | None
    unlimited: bool
    budget_left: Decimal | None
    currency: str

    @property
    def words(self) -> str:
        """The actor's own authority, addressed to them."""
        if self.unlimited:
            return "You may grant any remedy without approval."
        row = self.row
        if row is None:
            return "Every remedy with a cost needs approval: no authority limit is set for you."
        parts = []
        for label, value in (("remedy", row.per_remedy), ("complaint", row.per_complaint)):
            if value is not None:
                parts.append(f"{format_money(value, row.currency)} per {label}")
        if row.per_customer is not None:
            per = format_money(row.per_customer, row.currency)
            parts.append(f"{per} per customer in {row.customer_period_days} days")
        if self.budget_left is not None:
            parts.append(f"{format_money(self.budget_left, row.currency)} left this month")
        return "Without approval: " + ("; ".join(parts) if parts else "no limits") + "."


def authority_summary(user: User, *, complaint: Complaint, currency: str) -> AuthoritySummary:
    row = authority_for(user, complaint=complaint, currency=currency)
    unlimited = row is None and is_admin(user)
    left = None
    if row is not None and row.monthly_budget is not None:
        left = max(ZERO, row.monthly_budget - budget_spent(row, user, now=timezone.now()))
    return AuthoritySummary(row, unlimited, left, currency)


# What the customer sought ----------------------------------------------------------------------


def sought_for_complaint(complaint: Complaint) -> Sought | None:
    """The newest recorded remedy sought, else a suggestion read from the customer's words."""
    row = SoughtRemedy.objects.filter(complaint=complaint).order_by("-created_at", "-id").first()
    if row is None:
        return sought_from_text(complaint.outcome_sought)
    return Sought(
        kind=RemedyKind(row.kind),
        amount=row.amount,
        currency=row.currency,
        note=row.note,
        suggested=False,
    )


# Gestures -------------------------------------------------------------------------------------


def gesture_suggestions(complaint: Complaint) -> list[Remedy]:
    """Gestures that fit the complaint's severity and the customer's history, not yet given here."""
    previous = Complaint.objects.filter(customer_id=complaint.customer_id).exclude(pk=complaint.pk).count()
    severity_rank = _SEVERITY_ORDER.index(complaint.severity)
    given = Grant.objects.filter(complaint=complaint, is_gesture=True).values("remedy_id")
    gestures = Remedy.objects.filter(is_active=True, is_gesture=True, suggest_after_complaints__lte=previous)
    return [
        g
        for g in gestures.exclude(pk__in=given)
        if not g.suggest_from_severity or _SEVERITY_ORDER.index(g.suggest_from_severity) <= severity_rank
    ]


# Fairness -------------------------------------------------------------------------------------


@dataclass
class Spread:
    """How like complaints (one category, one severity, one currency) were put right."""

    category_id: int | None
    category: str
    severity: str
    currency: str
    count: int
    median: Decimal = ZERO
    p90: Decimal = ZERO
    total: Decimal = ZERO
    kinds: list[tuple[str, int]] = field(default_factory=list)

    @property
    def median_words(self) -> str:
        return format_money(self.median, self.currency)

    @property
    def p90_words(self) -> str:
        return format_money(self.p90, self.currency)


def _nearest_rank(ordered: list[Decimal], fraction: float) -> Decimal:
    # The nearest-rank percentile: always an amount actually granted.
    return ordered[max(0, ceil(fraction * len(ordered)) - 1)]


def _spreads(
    category_id: int | None, name: str, severity: str, rows: list[tuple[str, Decimal, str]]
) -> list[Spread]:
    by_currency: dict[str, list[tuple[Decimal, str]]] = {}
    for currency, amount, kind in rows:
        by_currency.setdefault(currency, []).append((amount, kind))
    spreads = []
    for currency, items in sorted(by_currency.items(), key=lambda kv: -len(kv[1])):
        amounts = sorted(a for a, _ in items)
        kinds = Counter(RemedyKind(k).label for _, k in items)
        spreads.append(
            Spread(
                category_id,
                name,
                severity,
                currency,
                len(items),
                median=_nearest_rank(amounts, 0.5),
                p90=_nearest_rank(amounts, 0.9),
                total=sum(amounts, ZERO),
                kinds=sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
            )
        )
    return spreads


def _latest_like(category_id: int | None, severity: str) -> QuerySet[Grant]:
    like = Grant.objects.filter(severity=severity)
    like = like.filter(category__isnull=True) if category_id is None else like.filter(category_id=category_id)
    return like.order_by("-granted_at")


def fairness_for_complaint(complaint: Complaint) -> list[Spread]:
    """The spread of the latest remedies granted on other complaints of the same category and
    severity (up to ``FAIRNESS_SAMPLE`` of them): a backward walk of one index, whatever the
    ledger's size."""
    rows = list(
        _latest_like(complaint.category_id, complaint.severity)
        .exclude(complaint=complaint)
        .values_list("currency", "amount", "kind")[:FAIRNESS_SAMPLE]
    )
    name = complaint.category.name if complaint.category else "No category"
    return _spreads(complaint.category_id, name, complaint.severity, rows)


def fairness_table(*, user: User) -> list[Spread]:
    """The spread for every category and severity, from the latest remedies of each: amounts only,
    no names, so every member of staff may compare their case with the organisation's."""
    if not user.is_authenticated or not user.is_active:
        return []
    groups: list[tuple[int | None, str]] = [
        *Category.objects.order_by("name").values_list("pk", "name"),
        (None, "No category"),
    ]
    spreads = []
    for category_id, name in groups:
        for severity in Severity.values:
            rows = list(
                _latest_like(category_id, severity).values_list("currency", "amount", "kind")[
                    :FAIRNESS_SAMPLE
                ]
            )
            spreads.extend(_spreads(category_id, name, severity, rows))
    return spreads


# Ledger and costs -----------------------------------------------------------------------------


def grants_visible_to(user: User) -> QuerySet[Grant]:
    if not user.is_authenticated or not user.is_active:
        return Grant.objects.none()
    if user.sees_every_team:
        return Grant.objects.all()
    return Grant.objects.filter(complaint__in=complaints_visible_to(user))


@dataclass(frozen=True)
class LedgerPage:
    items: list[Grant]
    next_cursor: int | None


def ledger_for_user(
    *,
    user: User,
    category_id: int | None = None,
    kind: str = "",
    since: datetime | None = None,
    cursor: int | None = None,
    limit: int = 50,
) -> LedgerPage:
    """Granted remedies the user may see, newest first, keyset-paginated on id."""
    qs = grants_visible_to(user).select_related("complaint", "category", "authorised_by", "requested_by")
    if category_id is not None:
        qs = qs.filter(category_id=category_id)
    if kind:
        if kind not in RemedyKind.values:
            raise InvalidInput(f"Unknown kind of remedy {kind!r}.", field="kind")
        qs = qs.filter(kind=kind)
    if since is not None:
        qs = qs.filter(granted_at__gte=since)
    if cursor is not None:
        qs = qs.filter(pk__lt=cursor)
    items = list(qs.order_by("-pk")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return LedgerPage(items, items[-1].pk if more and items else None)


@dataclass(frozen=True)
class CategoryCost:
    category_id: int | None
    category: str
    currency: str
    count: int
    total: Decimal

    @property
    def total_words(self) -> str:
        return format_money(self.total, self.currency)


def remedy_cost_by_category(
    *, user: User, since: datetime, until: datetime, team_id: int | None = None
) -> list[CategoryCost]:
    """What remedies cost per category and currency for grants in [since, until), for the insight
    pages. Reads the ``grant_period_cost_idx`` index: a range on time, the rest from the index."""
    if until <= since:
        raise InvalidInput("The period must end after it starts.", field="until")
    qs = grants_visible_to(user).filter(granted_at__gte=since, granted_at__lt=until)
    if team_id is not None:
        qs = qs.filter(team_id=team_id)
    rows = list(
        qs.values("category_id", "currency")
        .annotate(count=Count("id"), total=Sum("amount"))
        .order_by("category_id", "currency")
    )
    ids = {r["category_id"] for r in rows if r["category_id"] is not None}
    names = dict(Category.objects.filter(pk__in=ids).values_list("id", "name"))
    costs = [
        CategoryCost(
            r["category_id"],
            names.get(r["category_id"], "No category"),
            r["currency"],
            r["count"],
            r["total"],
        )
        for r in rows
    ]
    return sorted(costs, key=lambda c: (-c.total, c.category))


# Approvals ------------------------------------------------------------------------------------


def approvals_to_decide(user: User) -> list[ApprovalRequest]:
    """Pending requests ``user`` may decide, oldest first."""
    pending = ApprovalRequest.objects.filter(state=ApprovalState.PENDING).select_related(
        "complaint", "complaint__category", "requested_by"
    )
    if not is_admin(user):
        if user.role != Role.SUPERVISOR:
            return []
        pending = pending.filter(level=ApprovalLevel.SUPERVISOR).filter(
            complaint__in=complaints_visible_to(user)
        )
    return list(pending.exclude(requested_by=user).order_by("created_at")[:200])


def approvals_requested_by(user: User, *, limit: int = 20) -> list[ApprovalRequest]:
    return list(
        ApprovalRequest.objects.filter(requested_by=user)
        .select_related("complaint", "decided_by")
        .order_by("-created_at")[:limit]
    )


def approval_get_for_user(*, user: User, pk: int) -> ApprovalRequest:
    request = ApprovalRequest.objects.select_related("complaint", "requested_by").filter(pk=pk).first()
    if request is None or not can_user_view_complaint(user, request.complaint):
        raise NotFound("No such approval request that you can see.")
    return request


def case_summary(complaint: Complaint) -> str:
    """The case in a few lines, as an approver needs it to decide without opening the desk."""
    sought = sought_for_complaint(complaint)
    granted = Grant.objects.filter(complaint=complaint).order_by("granted_at")
    previous = Complaint.objects.filter(customer_id=complaint.customer_id).exclude(pk=complaint.pk).count()
    lines = [
        f"{complaint.reference}: {one_line(complaint.summary, 160)}",
        f"Category: {complaint.category.name if complaint.category else 'none'}; "
        f"severity: {Severity(complaint.severity).label.lower()}; "
        f"state: {State(complaint.state).label.lower()}.",
        f"What happened: {one_line(complaint.story, 400)}",
        f"They asked for: {sought.words if sought else 'they did not say'}"
        + (" (read from their words)" if sought and sought.suggested else ""),
        f"Already granted here: {', '.join(g.wording for g in granted) or 'nothing'}.",
        f"Customer history: {previous} earlier complaint{'s' if previous != 1 else ''}.",
    ]
    for spread in fairness_for_complaint(complaint):
        lines.append(
            f"Like cases ({spread.count} in {spread.currency}): median {spread.median_words}, "
            f"90th percentile {spread.p90_words}."
        )
    return "\n".join(lines)


# The panel on the complaint page ---------------------------------------------------------------


def open_offer(complaint: Complaint) -> Offer | None:
    return (
        Offer.objects.filter(complaint=complaint, state=OfferState.OPEN, expires_at__gt=timezone.now())
        .prefetch_related("options")
        .first()
    )


def recent_offers(complaint: Complaint, *, limit: int = 3) -> list[Offer]:
    return list(
        Offer.objects.filter(complaint=complaint)
        .select_related("created_by", "chosen")
        .prefetch_related("options")
        .order_by("-created_at")[:limit]
    )


def grants_for_complaint(complaint: Complaint) -> list[Grant]:
    return list(
        Grant.objects.filter(complaint=complaint)
        .select_related("remedy", "authorised_by", "promise")
        .order_by("granted_at")
    )


def approvals_for_complaint(complaint: Complaint) -> list[ApprovalRequest]:
    return list(
        ApprovalRequest.objects.filter(complaint=complaint)
        .select_related("requested_by", "decided_by")
        .order_by("-created_at")[:5]
    )


def catalogue(*, gestures: bool = False) -> list[Remedy]:
    return list(Remedy.objects.filter(is_active=True, is_gesture=gestures))

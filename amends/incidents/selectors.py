"""Reads for incident pages, the complaint panel and the spokesperson's queue, for one actor.

Incidents are visible to all staff; their linked complaints only to those who may see each one
(through ``complaints.selectors``), so an incident page never reveals another team's cases
beyond a count.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from amends.accounts.models import User
from amends.complaints.models import OPEN_STATES, Complaint, Severity
from amends.complaints.search import filter_by_keywords
from amends.complaints.selectors import can_user_view_complaint, complaints_visible_to
from amends.core.errors import InvalidInput, NotFound
from amends.triage.models import IncidentStatus as SuspicionStatus
from amends.triage.models import Signal, SignalKind, SuspectedIncident

from .models import (
    OPEN_INCIDENT_STATES,
    GestureGrant,
    HoldingStatement,
    Incident,
    IncidentGesture,
    IncidentLink,
    IncidentStatus,
    IncidentUpdate,
    LinkState,
    Notice,
    NoticeVersion,
    StatementTopic,
    TextState,
)
from .permissions import is_staff_member

PAGE_SIZE = 50
EXPOSURE_KINDS = (SignalKind.PUBLIC, SignalKind.REGULATOR)
_SEVERITY_ORDER = list(Severity.values)


def _require_staff(user: User) -> None:
    if not is_staff_member(user):
        raise NotFound("No such incident.")


def _cursor(raw: str | None) -> int | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise InvalidInput("That page link is not valid; start again from the first page.", field="cursor")
    return int(raw)


def incident_get_for_user(*, user: User, pk: int) -> Incident:
    _require_staff(user)
    incident = Incident.objects.select_related("owner", "category", "created_by").filter(pk=pk).first()
    if incident is None:
        raise NotFound("No such incident.")
    return incident


def _with_counts(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    return qs.select_related("owner").annotate(
        linked=Count("links", filter=Q(links__state=LinkState.LINKED)),
        suggested=Count("links", filter=Q(links__state=LinkState.SUGGESTED)),
    )


def open_incidents_for_user(*, user: User) -> list[Incident]:
    """Open incidents, most severe first, then by the next update owed."""
    _require_staff(user)
    incidents = list(
        _with_counts(Incident.objects.filter(status__in=OPEN_INCIDENT_STATES)).order_by("-opened_at")[:200]
    )
    return sorted(
        incidents,
        key=lambda i: (
            -_SEVERITY_ORDER.index(i.severity),
            i.next_update_at is None,
            i.next_update_at or i.opened_at,
        ),
    )


@dataclass
class Page[T]:
    items: list[T]
    next_cursor: int | None
    extra: dict[str, object] = field(default_factory=dict)


def resolved_incidents_for_user(*, user: User, cursor: str | None = None) -> Page[Incident]:
    """Resolved incidents, newest resolved first, keyset-paginated on id."""
    _require_staff(user)
    qs = _with_counts(Incident.objects.filter(status=IncidentStatus.RESOLVED))
    after = _cursor(cursor)
    if after is not None:
        qs = qs.filter(pk__lt=after)
    items = list(qs.order_by("-id")[: PAGE_SIZE + 1])
    more = len(items) > PAGE_SIZE
    items = items[:PAGE_SIZE]
    return Page(items, items[-1].pk if more else None)


def suspected_for_user(*, user: User, limit: int = 20) -> list[SuspectedIncident]:
    """Triage's open suspicions holding at least one complaint ``user`` may see."""
    _require_staff(user)
    visible = complaints_visible_to(user)
    return list(
        SuspectedIncident.objects.filter(status=SuspicionStatus.SUSPECTED, complaints__in=visible)
        .annotate(size=Count("complaints", distinct=True))
        .select_related("category")
        .order_by("-last_at")[:limit]
    )


def suspected_get_for_user(*, user: User, pk: int) -> SuspectedIncident:
    _require_staff(user)
    suspected = SuspectedIncident.objects.filter(pk=pk, complaints__in=complaints_visible_to(user)).first()
    if suspected is None:
        raise NotFound("No such suspected incident among complaints you can see.")
    return suspected


def linked_complaints_for_user(
    *, user: User, incident: Incident, cursor: str | None = None
) -> Page[Complaint]:
    """One page of the incident's linked complaints that ``user`` may see, by id; ``extra`` holds
    how many are linked in all (a number only: other teams' complaints stay private)."""
    after = _cursor(cursor) or 0
    links = IncidentLink.objects.filter(incident=incident, state=LinkState.LINKED)
    qs = (
        complaints_visible_to(user)
        .filter(pk__in=links.values("complaint_id"), pk__gt=after)
        .select_related("customer", "team")
        .order_by("pk")
    )
    items = list(qs[: PAGE_SIZE + 1])
    more = len(items) > PAGE_SIZE
    items = items[:PAGE_SIZE]
    return Page(items, items[-1].pk if more else None, {"total": links.count()})


def suggestions_for_user(*, user: User, incident: Incident, limit: int = 50) -> list[IncidentLink]:
    """Suggested links on complaints ``user`` may see, newest first."""
    return list(
        IncidentLink.objects.filter(
            incident=incident, state=LinkState.SUGGESTED, complaint__in=complaints_visible_to(user)
        )
        .select_related("complaint")
        .order_by("-id")[:limit]
    )


def updates_for_incident(incident: Incident, *, limit: int = 20) -> list[IncidentUpdate]:
    return list(incident.updates.select_related("sent_by").order_by("-created_at", "-id")[:limit])


def update_get_for_user(*, user: User, incident: Incident, pk: int) -> IncidentUpdate:
    _require_staff(user)
    update = IncidentUpdate.objects.filter(pk=pk, incident=incident).select_related("incident").first()
    if update is None:
        raise NotFound("No such update on this incident.")
    return update


def gestures_for_incident(incident: Incident, *, limit: int = 10) -> list[IncidentGesture]:
    return list(
        incident.gestures.select_related("remedy", "granted_by").order_by("-created_at", "-id")[:limit]
    )


def gesture_get_for_user(*, user: User, incident: Incident, pk: int) -> IncidentGesture:
    _require_staff(user)
    gesture = IncidentGesture.objects.filter(pk=pk, incident=incident).first()
    if gesture is None:
        raise NotFound("No such gesture on this incident.")
    return gesture


def refused_gestures(gesture: IncidentGesture, *, user: User, limit: int = 20) -> list[GestureGrant]:
    """The gesture's refusals on complaints ``user`` may see, with why: for a person to follow up."""
    return list(
        GestureGrant.objects.filter(
            gesture=gesture, outcome="refused", complaint__in=complaints_visible_to(user)
        )
        .select_related("complaint")
        .order_by("complaint_id")[:limit]
    )


@dataclass(frozen=True)
class Preview:
    query: str
    open_only: bool
    count: int
    capped: bool
    sample: list[Complaint]
    already: int


def search_preview(
    *, user: User, incident: Incident, query: str, open_only: bool, cap: int = 50_000
) -> Preview:
    """What linking from this search would link: how many (up to ``cap``) and the first few."""
    if not query.strip():
        raise InvalidInput("Type words to search for, or a complaint reference.", field="q")
    qs = filter_by_keywords(complaints_visible_to(user), query)
    if open_only:
        qs = qs.filter(state__in=sorted(OPEN_STATES))
    ids = list(qs.order_by().values_list("pk", flat=True)[: cap + 1])
    links = IncidentLink.objects.filter(incident=incident, state=LinkState.LINKED)
    already = sum(
        links.filter(complaint_id__in=ids[i : i + 5000]).count() for i in range(0, min(len(ids), cap), 5000)
    )
    sample = list(qs.select_related("customer").order_by("-pk")[:20])
    return Preview(query, open_only, min(len(ids), cap), len(ids) > cap, sample, already)


def link_get_for_user(*, user: User, pk: int, reference: str) -> IncidentLink:
    """The link ``pk`` on complaint ``reference`` if ``user`` may see that complaint."""
    link = (
        IncidentLink.objects.select_related("incident", "complaint")
        .filter(pk=pk, complaint__reference=reference.strip().upper())
        .first()
    )
    if link is None or not can_user_view_complaint(user, link.complaint):
        raise NotFound("No such incident link on a complaint you can see.")
    return link


# The complaint page's panel ------------------------------------------------------------------


@dataclass
class ComplaintPanel:
    linked: list[IncidentLink]
    suggested: list[IncidentLink]
    open_incidents: list[Incident]
    suspected: list[SuspectedIncident]
    exposure: list[Signal]
    statements: list[HoldingStatement]


def exposure_signals(complaint_ids: list[int]) -> dict[int, list[Signal]]:
    """Triage's public-exposure signals (press, social media, regulator) for each complaint."""
    found: dict[int, list[Signal]] = {}
    for signal in Signal.objects.filter(triage_id__in=complaint_ids, kind__in=EXPOSURE_KINDS).order_by(
        "triage_id", "start"
    ):
        found.setdefault(signal.triage_id, []).append(signal)
    return found


def topics_for(signals: list[Signal]) -> list[StatementTopic]:
    kinds = {s.kind for s in signals}
    topics = []
    if SignalKind.PUBLIC in kinds:
        topics += [StatementTopic.PRESS, StatementTopic.SOCIAL]
    if SignalKind.REGULATOR in kinds:
        topics.append(StatementTopic.REGULATOR)
    return topics


def panel_for_complaint(*, user: User, complaint: Complaint) -> ComplaintPanel:
    """What the complaint page shows of incidents; ``NotFound`` if ``user`` may not see it."""
    if not can_user_view_complaint(user, complaint):
        raise NotFound(f"No complaint {complaint.reference} that you can see.")
    links = list(
        IncidentLink.objects.filter(complaint=complaint, state__in=[LinkState.LINKED, LinkState.SUGGESTED])
        .select_related("incident")
        .order_by("-id")
    )
    exposure = exposure_signals([complaint.pk]).get(complaint.pk, [])
    linked_ids = {link.incident_id for link in links}
    return ComplaintPanel(
        linked=[link for link in links if link.state == LinkState.LINKED],
        suggested=[link for link in links if link.state == LinkState.SUGGESTED and link.incident.is_open],
        open_incidents=[
            i
            for i in Incident.objects.filter(status__in=OPEN_INCIDENT_STATES).order_by("-opened_at")[:50]
            if i.pk not in linked_ids
        ],
        suspected=list(
            SuspectedIncident.objects.filter(complaints=complaint, status=SuspicionStatus.SUSPECTED)
        ),
        exposure=exposure,
        statements=statements_suggested(topics_for(exposure)) if exposure else [],
    )


# The spokesperson ------------------------------------------------------------------------------


def statements_suggested(topics: list[StatementTopic], *, limit: int = 5) -> list[HoldingStatement]:
    """Approved holding statements on these topics, newest approved first."""
    return list(
        HoldingStatement.objects.filter(state=TextState.APPROVED, topic__in=topics).order_by("-decided_at")[
            :limit
        ]
    )


def statements_by_topic(*, limit: int = 2) -> dict[str, list[HoldingStatement]]:
    """Approved holding statements grouped by topic, newest approved first: one query for a page."""
    grouped: dict[str, list[HoldingStatement]] = {}
    for statement in HoldingStatement.objects.filter(state=TextState.APPROVED).order_by("-decided_at")[:200]:
        grouped.setdefault(statement.topic, []).append(statement)
    return {topic: items[:limit] for topic, items in grouped.items()}


def statements_for_topics(
    by_topic: dict[str, list[HoldingStatement]], topics: list[StatementTopic]
) -> list[HoldingStatement]:
    return [s for topic in topics for s in by_topic.get(topic, [])]


def statements_for_user(*, user: User) -> tuple[list[HoldingStatement], list[HoldingStatement]]:
    """Approved statements (one version of each) and drafts waiting, for the statements page."""
    _require_staff(user)
    approved = list(
        HoldingStatement.objects.filter(state=TextState.APPROVED)
        .select_related("decided_by")
        .order_by("topic", "title")
    )
    drafts = list(
        HoldingStatement.objects.filter(state=TextState.DRAFT)
        .select_related("drafted_by")
        .order_by("-drafted_at")[:100]
    )
    return approved, drafts


def statement_get_for_user(*, user: User, pk: int) -> HoldingStatement:
    _require_staff(user)
    statement = HoldingStatement.objects.filter(pk=pk).first()
    if statement is None:
        raise NotFound("No such holding statement.")
    return statement


def spokesperson_threshold() -> str:
    value = str(settings.AMENDS_INCIDENT_SPOKESPERSON_SEVERITY)
    return value if value in _SEVERITY_ORDER else Severity.HIGH


@dataclass(frozen=True)
class SpokenIncident:
    incident: Incident
    notice: str  # "public", "draft" (waiting for approval) or "none"


def incidents_for_spokesperson() -> list[SpokenIncident]:
    """Open incidents at or above the spokesperson's severity, with their notice's state."""
    at_least = _SEVERITY_ORDER[_SEVERITY_ORDER.index(spokesperson_threshold()) :]
    incidents = list(
        Incident.objects.filter(status__in=OPEN_INCIDENT_STATES, severity__in=at_least)
        .select_related("owner")
        .order_by("-opened_at")[:100]
    )
    versions = NoticeVersion.objects.filter(notice__incident__in=incidents)
    drafts = set(versions.filter(state=TextState.DRAFT).values_list("notice__incident_id", flat=True))
    public = set(
        versions.filter(state=TextState.APPROVED, notice__withdrawn_at__isnull=True).values_list(
            "notice__incident_id", flat=True
        )
    )
    return [
        SpokenIncident(i, "draft" if i.pk in drafts else "public" if i.pk in public else "none")
        for i in incidents
    ]


def exposure_complaints_for_user(*, user: User, cursor: str | None = None) -> Page[Complaint]:
    """Open complaints ``user`` may see in which triage found public exposure, newest first,
    keyset-paginated; ``extra['signals']`` holds each one's evidence."""
    _require_staff(user)
    exposed = Signal.objects.filter(kind__in=EXPOSURE_KINDS).values("triage_id")
    qs = complaints_visible_to(user).filter(pk__in=exposed, state__in=sorted(OPEN_STATES))
    before = _cursor(cursor)
    if before is not None:
        qs = qs.filter(pk__lt=before)
    items = list(qs.select_related("customer", "team").order_by("-pk")[: PAGE_SIZE + 1])
    more = len(items) > PAGE_SIZE
    items = items[:PAGE_SIZE]
    return Page(items, items[-1].pk if more else None, {"signals": exposure_signals([c.pk for c in items])})


# Notices on the desk -------------------------------------------------------------------------


def notice_versions_for_user(*, user: User, incident: Incident) -> tuple[Notice | None, list[NoticeVersion]]:
    """The incident's notice and every version of it, newest first, for staff."""
    _require_staff(user)
    notice = Notice.objects.filter(incident=incident).select_related("withdrawn_by").first()
    if notice is None:
        return None, []
    versions = list(notice.versions.select_related("drafted_by", "decided_by").order_by("-number")[:50])
    return notice, versions


def notice_version_get_for_user(*, user: User, incident: Incident, pk: int) -> NoticeVersion:
    _require_staff(user)
    version = NoticeVersion.objects.filter(pk=pk, notice__incident=incident).select_related("notice").first()
    if version is None:
        raise NotFound("No such version of this notice.")
    return version

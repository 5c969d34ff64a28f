"""Reads of triage results that respect who is asking.

Every read goes through the complaints selectors: a user who may not see a complaint sees none
of its triage, and neighbours from teams the user is not in are left out.
"""

from dataclasses import dataclass, field

import numpy as np
from django.db.models import QuerySet

from amends.accounts.models import User
from amends.complaints.models import Category, Complaint
from amends.complaints.selectors import can_user_view_complaint, complaints_visible_to
from amends.core.errors import NotFound

from .embedding import from_bytes
from .models import (
    ComplaintTriage,
    IncidentStatus,
    NeighbourKind,
    Signal,
    SignalKind,
    Source,
    SuspectedIncident,
)

NEAREST_LABELLED_CANDIDATES = 500


@dataclass(frozen=True)
class Evidence:
    """A signal with its words split so a template can mark the matched part safely."""

    signal: Signal
    before: str
    matched: str
    after: str


@dataclass(frozen=True)
class Related:
    complaint: Complaint
    similarity: float


@dataclass
class Panel:
    triage: ComplaintTriage
    evidence: dict[str, list[Evidence]]
    remedies: list[Signal]
    similar: list[Related]
    duplicates: list[Related]
    labelled: list[Related]
    incidents: list[SuspectedIncident]
    categories: list[Category] = field(default_factory=list)

    @property
    def needs_person(self) -> bool:
        return self.triage.abstained or self.triage.suggested_category_id is None


def _evidence(complaint: Complaint, signal: Signal) -> Evidence:
    text = complaint.story if signal.source == Source.STORY else complaint.outcome_sought
    matched = text[signal.start : signal.end]
    at = signal.evidence.lower().find(matched.lower()) if matched else -1
    if at < 0:
        return Evidence(signal, signal.evidence, "", "")
    return Evidence(
        signal,
        signal.evidence[:at],
        signal.evidence[at : at + len(matched)],
        signal.evidence[at + len(matched) :],
    )


# Most serious first: a person reading the panel from the top meets the risk to life first.
ORDER = [
    SignalKind.SAFETY,
    SignalKind.VULNERABILITY,
    SignalKind.LEGAL,
    SignalKind.REGULATOR,
    SignalKind.PUBLIC,
    SignalKind.CHURN,
    SignalKind.ANGER,
]


def _grouped(complaint: Complaint, signals: list[Signal]) -> dict[str, list[Evidence]]:
    grouped: dict[str, list[Evidence]] = {}
    for kind in ORDER:
        for signal in signals:
            if signal.kind == kind:
                grouped.setdefault(kind.label, []).append(_evidence(complaint, signal))
    return grouped


def _visible_neighbours(user: User, triage: ComplaintTriage, kind: NeighbourKind) -> list[Related]:
    rows = list(triage.neighbours.filter(kind=kind).order_by("-similarity"))
    ids = [n.other_id for n in rows]
    visible = {
        c.pk: c
        for c in complaints_visible_to(user)
        .filter(pk__in=ids)
        .only("reference", "summary", "state", "agreed_outcome", "received_at", "resolved_at")
    }
    return [Related(visible[n.other_id], n.similarity) for n in rows if n.other_id in visible]


def _nearest_labelled(user: User, triage: ComplaintTriage) -> list[Related]:
    """The closest complaints a person filed under the suggested category: why the model thinks so."""
    if triage.suggested_category_id is None or not triage.embedding:
        return []
    candidates = list(
        ComplaintTriage.objects.filter(
            category_id=triage.suggested_category_id,
            complaint__category_id=triage.suggested_category_id,
            complaint__in=complaints_visible_to(user),
        )
        .exclude(pk=triage.pk)
        .order_by("-received_at")
        .values_list("complaint_id", "embedding")[:NEAREST_LABELLED_CANDIDATES]
    )
    if not candidates:
        return []
    vector = from_bytes(triage.embedding)
    similarities = np.vstack([from_bytes(blob) for _, blob in candidates]) @ vector
    best = np.argsort(-similarities)[:3]
    by_id = Complaint.objects.only("reference", "summary", "state").in_bulk([candidates[i][0] for i in best])
    return [Related(by_id[candidates[i][0]], round(float(similarities[i]), 3)) for i in best]


def triage_panel_for_user(*, user: User, complaint: Complaint) -> Panel | None:
    """What the complaint page shows of triage, or ``None`` if it has not run yet.

    Raises ``NotFound`` if ``user`` may not see the complaint.
    """
    if not can_user_view_complaint(user, complaint):
        raise NotFound(f"No complaint {complaint.reference} that you can see.")
    triage = (
        ComplaintTriage.objects.select_related("suggested_category", "model").filter(pk=complaint.pk).first()
    )
    if triage is None:
        return None
    signals = list(triage.signals.order_by("kind", "source", "start"))
    return Panel(
        triage=triage,
        evidence=_grouped(complaint, signals),
        remedies=_distinct_remedies(signals),
        similar=_visible_neighbours(user, triage, NeighbourKind.SIMILAR),
        duplicates=_visible_neighbours(user, triage, NeighbourKind.DUPLICATE),
        labelled=_nearest_labelled(user, triage),
        incidents=list(
            SuspectedIncident.objects.filter(complaints=complaint, status=IncidentStatus.SUSPECTED).order_by(
                "-last_at"
            )
        ),
        categories=list(Category.objects.filter(is_active=True).order_by("name")),
    )


def _distinct_remedies(signals: list[Signal]) -> list[Signal]:
    seen: dict[str, Signal] = {}
    for signal in signals:
        if signal.kind == SignalKind.REMEDY and signal.remedy not in seen:
            seen[signal.remedy] = signal
    return list(seen.values())


def triage_priorities(complaint_ids: list[int]) -> dict[int, int]:
    """Triage's urgency (0 to 100) for each complaint id that has been triaged: for ordering lists."""
    return dict(ComplaintTriage.objects.filter(pk__in=complaint_ids).values_list("complaint_id", "priority"))


def suspected_incidents_for_user(*, user: User, limit: int = 50) -> QuerySet[SuspectedIncident]:
    """Open suspected incidents holding at least one complaint ``user`` may see, newest first."""
    visible = complaints_visible_to(user)
    return (
        SuspectedIncident.objects.filter(status=IncidentStatus.SUSPECTED, complaints__in=visible)
        .distinct()
        .order_by("-last_at")[:limit]
    )

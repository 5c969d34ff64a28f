"""Finding complaints close in meaning: similar past ones, duplicates, and bursts.

Every search looks at a bounded candidate set read through an index (the same category's most
recent complaints, the same customer's recent ones, the last hours' arrivals), never a scan of
every complaint, so its cost stays the same at a million complaints. The vectors are compared in
NumPy: a few thousand 256-number rows take well under a millisecond.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db.models import QuerySet

from amends.complaints.models import State

from .embedding import Matrix, from_bytes
from .models import ComplaintTriage


@dataclass(frozen=True)
class Match:
    complaint_id: int
    customer_id: int
    similarity: float
    received_at: datetime


def _rank(vector: Matrix, rows: list[tuple[int, int, datetime, bytes]], threshold: float) -> list[Match]:
    if not rows:
        return []
    matrix = np.vstack([from_bytes(blob) for *_, blob in rows])
    similarities = matrix @ vector
    order = np.argsort(-similarities)
    return [
        Match(rows[i][0], rows[i][1], round(float(similarities[i]), 4), rows[i][2])
        for i in order
        if similarities[i] >= threshold
    ]


def _rows(qs: QuerySet[ComplaintTriage], limit: int) -> list[tuple[int, int, datetime, bytes]]:
    return [
        (pk, customer, at, bytes(blob))
        for pk, customer, at, blob in qs.order_by("-received_at").values_list(
            "complaint_id", "customer_id", "received_at", "embedding"
        )[:limit]
    ]


def similar_resolved(triage: ComplaintTriage, vector: Matrix, categories: set[int]) -> list[Match]:
    """Past complaints in ``categories``, resolved or closed, most alike first.

    ``categories`` is the complaint's own category and the suggested one: a complaint filed in
    the wrong place still finds the cases it resembles.
    """
    rows = []
    for category_id in sorted(categories):
        qs = ComplaintTriage.objects.filter(
            category_id=category_id,
            complaint__state__in=[State.RESOLVED, State.CLOSED],
        ).exclude(complaint_id=triage.complaint_id)
        rows += _rows(qs, settings.AMENDS_TRIAGE_CANDIDATES)
    matches = _rank(vector, rows, settings.AMENDS_TRIAGE_SIMILAR_MIN)
    return matches[: settings.AMENDS_TRIAGE_SIMILAR_SHOWN]


def likely_duplicates(triage: ComplaintTriage, vector: Matrix) -> list[Match]:
    """The same customer's complaints from the last few days that say nearly the same thing."""
    since = triage.received_at - timedelta(days=settings.AMENDS_TRIAGE_DUPLICATE_DAYS)
    qs = (
        ComplaintTriage.objects.filter(
            customer_id=triage.customer_id, received_at__gte=since, received_at__lte=triage.received_at
        )
        .exclude(complaint_id=triage.complaint_id)
        .exclude(complaint__state__in=[State.MERGED, State.SPAM])
    )
    return _rank(vector, _rows(qs, 50), settings.AMENDS_TRIAGE_DUPLICATE_MIN)


def burst(triage: ComplaintTriage, vector: Matrix) -> list[Match]:
    """Complaints from *other* customers in the last hours that are about the same thing.

    One per customer (the closest), so a single customer writing five times is not a burst.
    """
    since = triage.received_at - timedelta(hours=settings.AMENDS_TRIAGE_INCIDENT_HOURS)
    qs = ComplaintTriage.objects.filter(received_at__gte=since, received_at__lte=triage.received_at).exclude(
        customer_id=triage.customer_id
    )
    seen: set[int] = set()
    matches = []
    for match in _rank(
        vector, _rows(qs, settings.AMENDS_TRIAGE_CANDIDATES), settings.AMENDS_TRIAGE_INCIDENT_MIN
    ):
        if match.customer_id not in seen:
            seen.add(match.customer_id)
            matches.append(match)
    return matches

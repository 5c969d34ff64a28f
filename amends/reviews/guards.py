"""The close guard ``complaints`` asks through ``AMENDS_CLOSE_GUARDS``: no import goes downwards."""

from amends.accounts.models import User
from amends.complaints.models import Complaint, Severity
from amends.core.errors import InvalidTransition

from .models import Review

# Severities whose complaints close only with a blameless review; for others it is optional.
REVIEW_REQUIRED = frozenset({Severity.HIGH, Severity.CRITICAL})


def review_before_close(*, complaint: Complaint, by: User | None) -> None:
    """Refuse to close a high or critical complaint that has no review yet."""
    if complaint.severity not in REVIEW_REQUIRED:
        return
    if Review.objects.filter(complaint_id=complaint.pk).exists():
        return
    raise InvalidTransition(
        f"A {Severity(complaint.severity).label.lower()}-severity complaint is closed with a blameless "
        "review: record its root cause in the Review panel, which closes it too."
    )

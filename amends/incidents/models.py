"""Incidents: one problem behind many complaints, the updates sent to all, and public notices.

An incident links complaints; an update goes to every linked complainant through one delivery
row per (update, complaint), so a crashed send resumes without sending anyone the same update
twice. Public notices are versioned text that becomes public only once a spokesperson approves
that exact version. Holding statements are approved, versioned words kept for reuse.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from amends.complaints.models import Severity


class IncidentStatus(models.TextChoices):
    INVESTIGATING = "investigating", "Investigating"
    IDENTIFIED = "identified", "Cause identified"
    MONITORING = "monitoring", "Fix in place, monitoring"
    RESOLVED = "resolved", "Resolved"


OPEN_INCIDENT_STATES = (IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING)


class Incident(models.Model):
    """One underlying problem: what happened, its impact, who owns it, when the next update is due."""

    title = models.CharField(max_length=200)
    what_happened = models.TextField(help_text="What happened, as far as we know (internal).")
    impact = models.TextField(blank=True, help_text="Who and what is affected (internal).")
    customer_summary = models.TextField(
        blank=True, help_text="How emails to linked customers describe the problem, in plain words."
    )
    status = models.CharField(
        max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.INVESTIGATING
    )
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.HIGH)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.ForeignKey(
        "complaints.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="New complaints are matched only in this category (and uncategorised ones).",
    )
    match_words = models.CharField(
        max_length=300,
        blank=True,
        help_text="Phrases separated by commas: a new complaint using every word of one is suggested.",
    )
    next_update_at = models.DateTimeField(null=True, blank=True)
    suspected = models.ForeignKey(
        "triage.SuspectedIncident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "-opened_at"], name="incident_status_idx"),
            models.Index(
                fields=["-resolved_at", "-id"], name="incident_resolved_idx", condition=Q(status="resolved")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status != IncidentStatus.RESOLVED


class LinkState(models.TextChoices):
    SUGGESTED = "suggested", "Suggested, waiting for a person"
    LINKED = "linked", "Linked"
    DISMISSED = "dismissed", "Suggestion dismissed"


class LinkSource(models.TextChoices):
    HAND = "hand", "By hand"
    SEARCH = "search", "From a search"
    SUSPECTED = "suspected", "From triage's suspected incident"
    MATCH = "match", "Matched on arrival"


class IncidentLink(models.Model):
    """A complaint linked (or suggested for linking) to an incident."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="links")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=LinkState.choices)
    source = models.CharField(max_length=10, choices=LinkSource.choices)
    similarity = models.FloatField(null=True, blank=True)
    why = models.CharField(max_length=300, blank=True, help_text="Why it was suggested.")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "complaint"], name="incident_link_unique")]
        indexes = [
            # The incident's linked complaints, keyset-paginated by complaint; the fan-out of an update.
            models.Index(fields=["incident", "state", "complaint"], name="incident_link_state_idx"),
            models.Index(fields=["complaint", "state"], name="incident_link_complaint_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} in incident {self.incident_id} ({self.state})"


class IncidentUpdate(models.Model):
    """One update written once and sent to every linked complainant, with its progress."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="updates")
    body = models.TextField()
    status = models.CharField(max_length=20, choices=IncidentStatus.choices)
    next_update_at = models.DateTimeField(null=True, blank=True)
    resolves_complaints = models.BooleanField(default=False)
    agreed_outcome = models.TextField(blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    total = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    prepared_at = models.DateTimeField(null=True, blank=True, help_text="Every delivery row written.")
    progressed_at = models.DateTimeField(null=True, blank=True, help_text="The last batch recorded.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["incident", "-created_at"], name="incident_update_idx"),
            models.Index(
                fields=["progressed_at"], name="update_unfinished_idx", condition=Q(finished_at=None)
            ),
        ]

    def __str__(self) -> str:
        return f"Update {self.pk} on incident {self.incident_id}"

    @property
    def done(self) -> int:
        return self.sent + self.skipped


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Waiting"
    SENT = "sent", "Recorded and queued to send"
    SKIPPED = "skipped", "Skipped"


class IncidentDelivery(models.Model):
    """One update for one complaint. The unique pair is what stops a resumed send repeating.

    The message itself is on the complaint's timeline: its event's data names the update.
    """

    update = models.ForeignKey(IncidentUpdate, on_delete=models.CASCADE, related_name="deliveries")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    note = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "complaint"], name="incident_delivery_unique")
        ]
        indexes = [models.Index(fields=["update", "state", "complaint"], name="incident_delivery_idx")]

    def __str__(self) -> str:
        return f"Update {self.update_id} to {self.complaint_id}: {self.state}"


class IncidentGesture(models.Model):
    """A goodwill gesture for every linked complaint, granted one by one under authority rules."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="gestures")
    remedy = models.ForeignKey("remedies.Remedy", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    wording = models.CharField(max_length=300, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    total = models.PositiveIntegerField(default=0)
    granted = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    prepared_at = models.DateTimeField(null=True, blank=True)
    progressed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["incident", "-created_at"], name="incident_gesture_idx"),
            models.Index(
                fields=["progressed_at"], name="gesture_unfinished_idx", condition=Q(finished_at=None)
            ),
        ]

    def __str__(self) -> str:
        return f"Gesture {self.pk} on incident {self.incident_id}"

    @property
    def done(self) -> int:
        return self.granted + self.waiting + self.refused


class GestureOutcome(models.TextChoices):
    PENDING = "pending", "Waiting"
    GRANTED = "granted", "Granted"
    WAITING = "waiting", "Waiting for approval"
    REFUSED = "refused", "Not granted"


class GestureGrant(models.Model):
    """The blanket gesture for one complaint: what the remedies rules made of it."""

    gesture = models.ForeignKey(IncidentGesture, on_delete=models.CASCADE, related_name="grants")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=10, choices=GestureOutcome.choices, default=GestureOutcome.PENDING)
    note = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gesture", "complaint"], name="gesture_grant_unique")]
        indexes = [models.Index(fields=["gesture", "outcome", "complaint"], name="gesture_grant_idx")]

    def __str__(self) -> str:
        return f"Gesture {self.gesture_id} for {self.complaint_id}: {self.outcome}"


class Notice(models.Model):
    """The public notice of one incident. Its text lives in versions; only approved ones show."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="notice")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True, help_text="When a version was first approved.")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Notice for incident {self.incident_id}"


class TextState(models.TextChoices):
    DRAFT = "draft", "Waiting for a spokesperson"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Sent back"
    WITHDRAWN = "withdrawn", "Withdrawn"
    RETIRED = "retired", "Replaced by a newer version"


class NoticeVersion(models.Model):
    """One text of a notice. Never edited: a change is a new version, which needs approval again.

    ``approved_hash`` is the digest of the exact text a spokesperson approved; a version whose
    text no longer matches it (changed behind the desk's back) is not shown.
    """

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    what_happened = models.TextField()
    apology = models.TextField()
    actions = models.TextField(help_text="What we are doing about it.")
    next_update_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=TextState.choices, default=TextState.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    approved_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "number"], name="notice_version_unique")]
        indexes = [
            models.Index(fields=["notice", "state", "-number"], name="notice_version_idx"),
            # The public feed: approved versions, newest first.
            models.Index(fields=["-decided_at"], name="notice_feed_idx", condition=Q(state="approved")),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"


class StatementTopic(models.TextChoices):
    PRESS = "press", "Press and media"
    SOCIAL = "social", "Social media and reviews"
    REGULATOR = "regulator", "Regulator or ombudsman"
    INCIDENT = "incident", "Problems affecting many customers"


class HoldingStatement(models.Model):
    """One version of a holding statement: approved words a spokesperson can give at once.

    Versions of one statement share a ``key``; approving a version retires the one before it.
    """

    key = models.SlugField(max_length=60)
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=10, choices=StatementTopic.choices)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=TextState.choices, default=TextState.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "number"], name="statement_version_unique")]
        indexes = [models.Index(fields=["topic", "state"], name="statement_topic_idx")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"

"""The complaint and what belongs to it: the customer, their messages and the timeline."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Channel(models.TextChoices):
    WEB = "web", "Web form"
    EMAIL = "email", "Email"
    API = "api", "API"
    PHONE = "phone", "Phone"
    PORTAL = "portal", "Customer portal"
    DESK = "desk", "Desk"


class Severity(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class State(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_CUSTOMER = "awaiting_customer", "Awaiting customer"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"
    MERGED = "merged", "Merged"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SPAM = "spam", "Spam"


OPEN_STATES = frozenset(
    {State.RECEIVED, State.ACKNOWLEDGED, State.IN_PROGRESS, State.AWAITING_CUSTOMER, State.REOPENED}
)


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"


class Category(models.Model):
    """A deployment's own way of sorting complaints; rows edited in the admin."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="New complaints in this category go to this team.",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Customer(models.Model):
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    preferred_contact_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    preferred_contact_time = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class ContactPoint(models.Model):
    """An email address or phone number at which a customer can be reached."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=10, choices=ContactMethod.choices)
    value = models.CharField(
        max_length=254, help_text="Stored normalised: lower-case email, digits-only phone."
    )
    is_primary = models.BooleanField(default=False)
    failing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="contact_point_unique")]

    def __str__(self) -> str:
        return self.value


class ReferenceCounter(models.Model):
    """The last complaint number handed out in a year, so references read C-2026-000123."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Complaint(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    # No single-column indexes on these four: each leads a composite index in Meta (the inbox's
    # and the customer's history), which serves the same look-ups and foreign-key checks.
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="complaints", db_index=False
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, db_index=False)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.NORMAL)
    state = models.CharField(max_length=20, choices=State.choices, default=State.RECEIVED)
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, db_index=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    summary = models.CharField(max_length=200)
    story = models.TextField(help_text="What happened, in the customer's words.")
    outcome_sought = models.TextField(blank=True, help_text="What the customer said would put it right.")
    agreed_outcome = models.TextField(blank=True)
    preferred_contact_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    preferred_contact_time = models.CharField(max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    received_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(
        null=True, blank=True, help_text="The earliest internal target among open promises."
    )
    urgency = models.PositiveSmallIntegerField(
        default=0, db_default=0, help_text="0 to 100, from triage: safety, legal threats, anger, exposure."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # The inbox: open complaints, what is due first, keyset-paginated on (due_at, id).
            models.Index(
                fields=["due_at", "id"],
                name="complaint_open_due_idx",
                condition=models.Q(state__in=sorted(OPEN_STATES)),
            ),
            models.Index(fields=["team", "due_at", "id"], name="complaint_team_due_idx"),
            # "Most urgent first": open complaints by urgency, newest first within a level.
            models.Index(
                fields=["-urgency", "-id"],
                name="complaint_open_urgency_idx",
                condition=models.Q(state__in=sorted(OPEN_STATES)),
            ),
            models.Index(fields=["team", "state", "due_at", "id"], name="complaint_team_state_due_idx"),
            models.Index(fields=["assignee", "due_at", "id"], name="complaint_assignee_due_idx"),
            models.Index(fields=["state", "due_at", "id"], name="complaint_state_due_idx"),
            models.Index(fields=["category", "due_at", "id"], name="complaint_category_due_idx"),
            models.Index(fields=["customer", "received_at"], name="complaint_customer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.summary}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Direction(models.TextChoices):
    INBOUND = "inbound", "From the customer"
    OUTBOUND = "outbound", "To the customer"
    INTERNAL = "internal", "Internal note"


class Delivery(models.TextChoices):
    NOT_APPLICABLE = "", "Not sent"
    PENDING = "pending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Message(models.Model):
    """One communication in or out, or an internal note. Inbound ``raw`` is kept verbatim."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_address = models.CharField(max_length=254, blank=True)
    to_address = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    raw = models.BinaryField(null=True, blank=True, editable=False)
    raw_content_type = models.CharField(max_length=100, blank=True)
    # NULL, not "", when absent: the unique constraint applies only to real Message-IDs.
    message_id = models.CharField(max_length=255, null=True, blank=True)  # noqa: DJ001
    in_reply_to = models.CharField(max_length=255, blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, blank=True, default="")
    delivery_error = models.TextField(blank=True)
    delivery_attempts = models.PositiveSmallIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message_id"],
                name="message_id_unique",
                condition=models.Q(message_id__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["complaint", "created_at"], name="message_complaint_idx")]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} on {self.complaint_id}"


class EventKind(models.TextChoices):
    RECEIVED = "received", "Complaint received"
    STATE_CHANGED = "state_changed", "State changed"
    MESSAGE_IN = "message_in", "Customer wrote"
    MESSAGE_OUT = "message_out", "Reply sent"
    NOTE = "note", "Internal note"
    ASSIGNED = "assigned", "Assigned"
    CATEGORISED = "categorised", "Category or severity set"
    MERGED = "merged", "Merged"
    PROMISE_MADE = "promise_made", "Promise made"
    PROMISE_SETTLED = "promise_settled", "Promise settled"
    DELIVERY_FAILED = "delivery_failed", "Delivery failed"
    REMEDY_SOUGHT = "remedy_sought", "Remedy sought noted"
    REMEDY_OFFERED = "remedy_offered", "Remedies offered"
    REMEDY_CHOSEN = "remedy_chosen", "Customer chose a remedy"
    REMEDY_COUNTERED = "remedy_countered", "Customer proposed another remedy"
    REMEDY_GRANTED = "remedy_granted", "Remedy granted"
    APPROVAL_REQUESTED = "approval_requested", "Approval requested"
    APPROVAL_DECIDED = "approval_decided", "Approval decided"
    APPROVAL_ESCALATED = "approval_escalated", "Approval escalated"
    ESCALATED = "escalated", "Escalated"
    FEEDBACK = "feedback", "Customer feedback"
    INCIDENT = "incident", "Incident"


class Event(models.Model):
    """An immutable entry on a complaint's timeline: who, when, what, why. The audit log."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=100, blank=True, help_text="Who acted when not staff.")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["complaint", "created_at", "id"], name="event_timeline_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.complaint_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The timeline is append-only: an event, once written, is never changed.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Timeline events are append-only.")
        super().save(*args, **kwargs)


class Submission(models.Model):
    """A complaint as the web form or the API took it in, stored before it is filed.

    Taking a complaint in is one short write, so the customer has their reference at once; a
    worker files submissions as complaints in batches (``submissions_file``). The row stays
    afterwards, pointing at its complaint, as the record of the client's idempotency key.
    """

    reference = models.CharField(max_length=20)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=255, blank=True, default="")
    request_hash = models.CharField(max_length=64, blank=True, default="")
    # Who sent it, for the web form's throttle: a keyed hash of the address (never the address),
    # counted over the last few minutes (``Throttle``). Empty for the API. The database has the
    # default too, so that processes still running the code before it keep storing.
    client = models.CharField(max_length=32, blank=True, default="", db_default="")
    # What the complaint is filed from; emptied once it is (the raw input moves to its message).
    data = models.JSONField(null=True, blank=True)
    raw = models.BinaryField(null=True, blank=True)
    raw_content_type = models.CharField(max_length=100, blank=True, default="")
    complaint = models.OneToOneField(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(null=True, blank=True)
    problem = models.TextField(blank=True, default="")  # why it could not be filed, for staff

    class Meta:
        constraints = [
            # A constraint rather than unique=True: on PostgreSQL that would add a second index
            # for LIKE searches, one more to write on every complaint taken in.
            models.UniqueConstraint(fields=["reference"], name="submission_reference_unique"),
            models.UniqueConstraint(
                fields=["by", "idempotency_key"],
                condition=models.Q(idempotency_key__gt=""),
                name="submission_idempotency_key_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["id"], condition=models.Q(filed_at__isnull=True), name="submission_waiting_idx"
            ),
            # The throttle's count. A query uses it only if it says ``client > ''`` as well.
            models.Index(
                fields=["client", "received_at"],
                condition=models.Q(client__gt=""),
                name="submission_client_recent_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

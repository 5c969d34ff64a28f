from django.conf import settings
from django.db import models


class PromiseKind(models.TextChoices):
    FIRST_RESPONSE = "first_response", "First response"
    UPDATE = "update", "Next update"
    RESOLUTION = "resolution", "Resolution"
    CALLBACK = "callback", "Callback"
    CUSTOM = "custom", "Other commitment"


class PromiseState(models.TextChoices):
    OPEN = "open", "Open"
    KEPT = "kept", "Kept"
    KEPT_EARLY = "kept_early", "Kept early"
    BROKEN = "broken", "Broken"
    CANCELLED = "cancelled", "No longer owed"


class Promise(models.Model):
    """Something the organisation committed to, by a time.

    ``due_at`` is the time told to the customer; ``target_at`` is the tighter internal target
    the team works to, so that it can under-promise and over-deliver.
    """

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="promises")
    kind = models.CharField(max_length=20, choices=PromiseKind.choices)
    description = models.CharField(max_length=300)
    due_at = models.DateTimeField()
    target_at = models.DateTimeField()
    state = models.CharField(max_length=12, choices=PromiseState.choices, default=PromiseState.OPEN)
    settled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # The sweep for due promises reads only open ones, in due order.
            models.Index(
                fields=["target_at"],
                name="promise_open_target_idx",
                condition=models.Q(state="open"),
            ),
            models.Index(fields=["complaint", "state"], name="promise_complaint_state_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_at__lte=models.F("due_at")),
                name="promise_target_not_after_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.due_at:%Y-%m-%d %H:%M}"

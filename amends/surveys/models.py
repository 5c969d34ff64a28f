"""After resolution: the satisfaction survey and the "did the fix hold?" check-in."""

from django.db import models


class SurveyKind(models.TextChoices):
    SATISFACTION = "satisfaction", "Satisfaction survey"
    CHECKIN = "checkin", "Did the fix hold?"


class SurveyState(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    SENT = "sent", "Sent"
    ANSWERED = "answered", "Answered"
    CANCELLED = "cancelled", "Not sent"
    EXPIRED = "expired", "Not answered"


class Recommend(models.TextChoices):
    YES = "yes", "Yes"
    UNSURE = "unsure", "Not sure"
    NO = "no", "No"


class Survey(models.Model):
    """One survey or check-in for one complaint: when it goes, when it was answered, the answers.

    ``wake_at`` is the next moment the sweep acts on it (send, remind, expire), so the sweep
    reads only what is due.
    """

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(max_length=12, choices=SurveyKind.choices)
    state = models.CharField(max_length=10, choices=SurveyState.choices, default=SurveyState.SCHEDULED)
    send_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    wake_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    better = models.TextField(blank=True, help_text="How could we have done better?")
    recommend = models.CharField(max_length=6, blank=True, choices=Recommend.choices)
    held = models.BooleanField(null=True, blank=True, help_text="Did the fix hold?")
    details = models.TextField(blank=True)
    note = models.CharField(max_length=200, blank=True, help_text="Why it was not sent.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "kind"], name="survey_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="survey_score_1_to_5",
            ),
        ]
        indexes = [
            models.Index(
                fields=["wake_at"], name="survey_wake_idx", condition=models.Q(wake_at__isnull=False)
            ),
            models.Index(fields=["answered_at", "kind"], name="survey_answered_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.complaint_id}"

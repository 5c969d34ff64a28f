"""Playbooks and their versions, and the minimum reply scores an administrator may require."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from amends.complaints.models import Severity


class PlaybookKind(models.TextChoices):
    CATEGORY = "category", "Category"
    QUESTION = "question", "Tough question"


class Playbook(models.Model):
    """Guidance for one category of complaint or one tough question. Its content lives in versions."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=PlaybookKind.choices, default=PlaybookKind.CATEGORY)
    category = models.ForeignKey(
        "complaints.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="playbooks"
    )
    question = models.CharField(
        max_length=300, blank=True, help_text="For a tough question: what the customer asks or threatens."
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class VersionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved"
    RETIRED = "retired", "Retired"


class PlaybookVersion(models.Model):
    """One wording of a playbook. Agents see only the approved one; an approved version never changes."""

    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=VersionState.choices, default=VersionState.DRAFT)
    summary = models.TextField(blank=True, help_text="When this playbook applies, in a sentence or two.")
    questions = models.TextField(
        blank=True, help_text="Questions to ask to find the real problem, one a line."
    )
    may_promise = models.TextField(blank=True, help_text="What an agent may promise, one a line.")
    may_not_promise = models.TextField(blank=True, help_text="What an agent must not promise, one a line.")
    change_note = models.CharField(max_length=300, blank=True)
    review_note = models.CharField(max_length=300, blank=True, help_text="Why it was sent back.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["playbook", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["playbook", "number"], name="playbook_version_number_unique"),
            models.UniqueConstraint(
                fields=["playbook"],
                condition=models.Q(state="approved"),
                name="playbook_one_approved_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.playbook} v{self.number} ({self.get_state_display()})"

    def lines(self, field: str) -> list[str]:
        return [line.strip() for line in str(getattr(self, field)).splitlines() if line.strip()]


class ReplyTemplate(models.Model):
    """A reply an agent can start from; placeholders {name} {reference} {promised_date} {remedy_options}."""

    version = models.ForeignKey(PlaybookVersion, on_delete=models.CASCADE, related_name="templates")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120)
    body = models.TextField()

    class Meta:
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.title


class MinimumScore(models.Model):
    """The lowest coach score a reply may have on complaints of one severity; below it, it is not sent."""

    severity = models.CharField(max_length=10, choices=Severity.choices, unique=True)
    minimum = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["severity"]
        verbose_name = "minimum reply score"

    def __str__(self) -> str:
        return f"{self.get_severity_display()}: {self.minimum}"

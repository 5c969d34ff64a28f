"""What triage stores: the category models, each complaint's reading, its signals and neighbours.

Triage never changes a complaint itself. Its results live here, keyed by complaint, and a person
applies a suggestion through the complaints services.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from amends.complaints.models import Severity


class SignalKind(models.TextChoices):
    SAFETY = "safety", "Safety or health risk"
    LEGAL = "legal", "Legal threat"
    REGULATOR = "regulator", "Regulator or ombudsman"
    PUBLIC = "public", "Public exposure"
    CHURN = "churn", "Churn risk"
    VULNERABILITY = "vulnerability", "Vulnerable customer"
    ANGER = "anger", "Anger"
    REMEDY = "remedy", "Remedy sought"


class RemedyKind(models.TextChoices):
    REFUND = "refund", "Refund"
    REPLACEMENT = "replacement", "Replacement"
    REPAIR = "repair", "Repair"
    COMPENSATION = "compensation", "Compensation"
    APOLOGY = "apology", "Apology"
    EXPLANATION = "explanation", "Explanation"
    CANCEL = "cancel", "Cancel"


class ModelSource(models.TextChoices):
    TRAINED = "trained", "Trained on this desk's complaints"
    IMPORTED = "imported", "Imported from a file"


class CategoryModel(models.Model):
    """A trained category classifier, stored in the database so every web and task process, on
    any machine, reads the same one. Only one is active at a time."""

    source = models.CharField(max_length=10, choices=ModelSource.choices)
    is_active = models.BooleanField(default=False)
    blob = models.BinaryField(help_text="The model file, in the format of amends.triage.modelfile.")
    sha256 = models.CharField(max_length=64)
    labels = models.JSONField(default=list)
    trained_on = models.PositiveIntegerField(default=0, help_text="Labelled examples it learnt from.")
    labels_until_event = models.BigIntegerField(
        default=0, help_text="The last categorisation event it learnt from; later ones count as new."
    )
    metrics = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_category_model"
            )
        ]

    def __str__(self) -> str:
        return f"Category model {self.pk} ({self.get_source_display()})"


class ComplaintTriage(models.Model):
    """Triage's reading of one complaint: suggested category, urgency, sentiment, embedding."""

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="triage", primary_key=True
    )
    # Copied from the complaint so that neighbour searches stay on this table's own indexes.
    customer = models.ForeignKey("complaints.Customer", on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField()
    category = models.ForeignKey(
        "complaints.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The category a person set, else the one suggested: where neighbours are looked for.",
    )

    model = models.ForeignKey(CategoryModel, null=True, blank=True, on_delete=models.SET_NULL)
    suggested_label = models.CharField(max_length=100, blank=True)
    suggested_category = models.ForeignKey(
        "complaints.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confidence = models.FloatField(null=True, blank=True)
    abstained = models.BooleanField(default=True, help_text="Not sure enough: a person should choose.")
    alternatives = models.JSONField(default=list, blank=True)
    telling_words = models.JSONField(default=list, blank=True)

    sentiment = models.FloatField(default=0.0, help_text="VADER compound score, -1 (negative) to 1.")
    anger = models.FloatField(default=0.0, help_text="0 (calm) to 1 (furious).")
    suggested_severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.NORMAL)
    priority = models.PositiveSmallIntegerField(default=0, help_text="0 to 100; higher is more urgent.")
    embedding = models.BinaryField(help_text="Half-precision sentence vector of the customer's words.")
    triaged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["category", "received_at"], name="triage_category_recent_idx"),
            models.Index(fields=["customer", "received_at"], name="triage_customer_recent_idx"),
            models.Index(fields=["received_at"], name="triage_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"Triage of {self.complaint_id}"


class Source(models.TextChoices):
    STORY = "story", "What happened"
    OUTCOME = "outcome_sought", "What would put it right"


class Signal(models.Model):
    """One thing noticed in what the customer wrote, with the words that show it."""

    triage = models.ForeignKey(ComplaintTriage, on_delete=models.CASCADE, related_name="signals")
    kind = models.CharField(max_length=20, choices=SignalKind.choices)
    remedy = models.CharField(max_length=20, choices=RemedyKind.choices, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.STORY)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    evidence = models.CharField(max_length=300, help_text="The matched words with a little context.")
    weight = models.FloatField(default=1.0)

    class Meta:
        indexes = [models.Index(fields=["kind", "triage"], name="signal_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.evidence}"


class NeighbourKind(models.TextChoices):
    SIMILAR = "similar", "Similar past complaint"
    DUPLICATE = "duplicate", "Likely duplicate"


class Neighbour(models.Model):
    """Another complaint close in meaning to this one, found when it was triaged."""

    triage = models.ForeignKey(ComplaintTriage, on_delete=models.CASCADE, related_name="neighbours")
    other = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=NeighbourKind.choices)
    similarity = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["triage", "other", "kind"], name="neighbour_unique")]

    def __str__(self) -> str:
        return f"{self.triage_id} ~ {self.other_id} ({self.kind})"


class IncidentStatus(models.TextChoices):
    SUSPECTED = "suspected", "Suspected"
    CONFIRMED = "confirmed", "Confirmed as an incident"
    DISMISSED = "dismissed", "Dismissed"


class SuspectedIncident(models.Model):
    """A burst of similar complaints from different customers: perhaps one problem behind them.

    Raised by triage; the incidents app confirms or dismisses it.
    """

    status = models.CharField(max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.SUSPECTED)
    category = models.ForeignKey(
        "complaints.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=200)
    complaints = models.ManyToManyField(
        "complaints.Complaint", through="SuspectedIncidentComplaint", related_name="suspected_incidents"
    )
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["status", "last_at"], name="suspected_incident_open_idx")]

    def __str__(self) -> str:
        return self.summary


class SuspectedIncidentComplaint(models.Model):
    incident = models.ForeignKey(SuspectedIncident, on_delete=models.CASCADE)
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField(default=1.0)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "complaint"], name="suspected_incident_complaint_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} in {self.incident_id}"

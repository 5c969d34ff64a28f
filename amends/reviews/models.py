"""Blameless reviews of closed complaints, the policy areas people own, and proposed changes.

A review records what went wrong in the system (a root cause from a fixed taxonomy and the
factors that made it likelier), never who: no field here names a member of staff as at fault.
The only person a proposal names is the policy owner it is addressed to.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class RootCause(models.TextChoices):
    PRODUCT = "product", "Product"
    PROCESS = "process", "Process"
    POLICY = "policy", "Policy"
    COMMUNICATION = "communication", "Communication"
    THIRD_PARTY = "third_party", "Third party"
    UNKNOWN = "unknown", "Unknown"


class Factor(models.TextChoices):
    """What made the failure likelier: conditions in the system, not people's faults."""

    UNCLEAR_INFORMATION = "unclear_information", "What we told the customer was unclear or wrong"
    HANDOFF = "handoff", "A handoff between teams or systems"
    SYSTEM_FAULT = "system_fault", "A system or tool did not work as it should"
    SUPPLIER = "supplier", "A supplier, courier or partner"
    POLICY_GAP = "policy_gap", "A policy did not fit this case"
    GUIDANCE_GAP = "guidance_gap", "Guidance or training did not cover this"
    WORKLOAD = "workload", "Volume of work or staffing at the time"
    EXPECTATIONS = "expectations", "What was promised did not match what we could do"


class PolicyArea(models.Model):
    """A part of policy with one named owner: the person who can change it.

    Complaints reach an area through their category; an owner may hold several areas.
    """

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="policy_areas",
        help_text="Who decides changes to this policy and receives the weekly digest.",
    )
    categories = models.ManyToManyField("complaints.Category", related_name="policy_areas", blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """The blameless review of one complaint, written when it closes."""

    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.CASCADE, related_name="review")
    root_cause = models.CharField(max_length=20, choices=RootCause.choices)
    factors = models.JSONField(default=list, blank=True, help_text="Factor values.")
    factors_note = models.TextField(blank=True, help_text="Contributing factors, in the reviewer's words.")
    learning = models.TextField(blank=True, help_text="What would stop it happening again.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["created_at", "id"], name="review_created_idx")]

    def __str__(self) -> str:
        return f"Review of {self.complaint_id}: {self.get_root_cause_display()}"

    def factor_labels(self) -> list[str]:
        return [Factor(value).label for value in self.factors if value in Factor.values]


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", "Waiting for the owner"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ACCEPTED = "accepted", "Accepted, change to come"
    DECLINED = "declined", "Declined"
    CHANGED = "changed", "Changed"


OPEN_PROPOSAL_STATES = (ProposalState.PROPOSED, ProposalState.ACKNOWLEDGED, ProposalState.ACCEPTED)


class Proposal(models.Model):
    """A change to policy proposed from a review, addressed to the area's owner.

    The owner acknowledges it, decides (accept or decline, with a reason) and, once a change is
    made, records what changed and from which day, so insight pages can compare complaint volume
    before and after.
    """

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="proposal")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(PolicyArea, on_delete=models.PROTECT, related_name="proposals")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(max_length=200, help_text="The change, in a line.")
    change = models.TextField(help_text="What should change, and why.")
    state = models.CharField(max_length=12, choices=ProposalState.choices, default=ProposalState.PROPOSED)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    outcome = models.TextField(blank=True, help_text="What was changed.")
    changed_on = models.DateField(null=True, blank=True, help_text="The day the change took effect.")

    class Meta:
        indexes = [
            models.Index(fields=["owner", "state", "-id"], name="proposal_owner_idx"),
            models.Index(fields=["state", "-id"], name="proposal_state_idx"),
            models.Index(fields=["changed_on"], name="proposal_changed_idx"),
        ]

    def __str__(self) -> str:
        return self.title

"""Summary tables behind the insight pages, kept up to date by folding the timeline.

Every figure a page draws is a sum over small daily rows, one per (day, team, category), instead
of a scan of a million complaints. ``team_id`` and ``category_id`` are plain numbers with 0 for
"none" (not foreign keys): the rows must keep their history if a team or category goes, and 0
lets one unique key, and so one upsert, cover the "no team" bucket too. Days are local dates in
``TIME_ZONE``. See ``fold.py`` for how the rows are kept and docs/insights.md for what they mean.
"""

from django.conf import settings
from django.db import models


class FoldState(models.Model):
    """How far the fold has read: the last timeline event and the last review it counted."""

    name = models.CharField(max_length=20, primary_key=True)
    last_event_id = models.BigIntegerField(default=0)
    last_review_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name}: event {self.last_event_id}, review {self.last_review_id}"


class FoldedComplaint(models.Model):
    """Where one complaint is counted in the volume figures, so the count can move with it.

    A complaint recategorised, reassigned to another team, marked spam or merged moves out of
    (or into) the bucket it was counted in; its first response is counted once.
    """

    complaint_id = models.BigIntegerField(primary_key=True)
    day = models.DateField()
    team_id = models.IntegerField(default=0)
    category_id = models.IntegerField(default=0)
    counted = models.BooleanField(default=True)
    repeat = models.BooleanField(default=False)
    first_response = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Complaint {self.complaint_id} counted on {self.day}"


class DailyFigures(models.Model):
    """What happened on one day to one team's complaints of one category."""

    day = models.DateField()
    team_id = models.IntegerField(default=0)
    category_id = models.IntegerField(default=0)
    received = models.IntegerField(default=0)
    repeats = models.IntegerField(
        default=0, help_text="Received from a customer who complained in the 90 days before."
    )
    first_responses = models.IntegerField(default=0)
    first_response_seconds = models.BigIntegerField(default=0, help_text="Business seconds, summed.")
    resolved = models.IntegerField(default=0)
    resolution_seconds = models.BigIntegerField(default=0, help_text="Business seconds, summed.")
    kept = models.IntegerField(default=0)
    kept_early = models.IntegerField(default=0)
    broken = models.IntegerField(default=0)
    surveys = models.IntegerField(default=0)
    score_total = models.IntegerField(default=0)
    low_scores = models.IntegerField(default=0)
    checkins = models.IntegerField(default=0)
    held = models.IntegerField(default=0)
    reviews = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "team_id", "category_id"], name="daily_figures_key")
        ]

    def __str__(self) -> str:
        return f"{self.day} team {self.team_id} category {self.category_id}"


class DailyCost(models.Model):
    """Remedies granted on one day, per team, category and currency."""

    day = models.DateField()
    team_id = models.IntegerField(default=0)
    category_id = models.IntegerField(default=0)
    currency = models.CharField(max_length=3)
    grants = models.IntegerField(default=0)
    amount = models.DecimalField(max_digits=18, decimal_places=3, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "team_id", "category_id", "currency"], name="daily_cost_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.currency} {self.amount}"


class DailyCause(models.Model):
    """Blameless reviews written on one day, per team, category and root cause."""

    day = models.DateField()
    team_id = models.IntegerField(default=0)
    category_id = models.IntegerField(default=0)
    root_cause = models.CharField(max_length=20)
    reviews = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "team_id", "category_id", "root_cause"], name="daily_cause_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.root_cause}: {self.reviews}"


class DailyAgent(models.Model):
    """One person's figures on one day, for their own page and their coach's: nobody else's."""

    day = models.DateField()
    agent_id = models.IntegerField()
    first_responses = models.IntegerField(default=0)
    first_response_seconds = models.BigIntegerField(default=0)
    resolved = models.IntegerField(default=0)
    resolution_seconds = models.BigIntegerField(default=0)
    kept = models.IntegerField(default=0)
    kept_early = models.IntegerField(default=0)
    broken = models.IntegerField(default=0)
    surveys = models.IntegerField(default=0)
    score_total = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agent_id", "day"], name="daily_agent_key")]
        indexes = [models.Index(fields=["day"], name="daily_agent_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} agent {self.agent_id}"


class DigestLog(models.Model):
    """One weekly digest to one policy owner: written once, so a week is never sent twice."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField(help_text="The Monday of the week the digest covers.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "week_start"], name="digest_once_a_week")]

    def __str__(self) -> str:
        return f"Digest for {self.owner_id}, week of {self.week_start}"

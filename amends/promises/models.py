"""Promises and the configuration of the clocks that make them: calendars, policies, rules.

Promises refer to complaints by a string foreign key only, so this app stays below
``complaints`` (which imports it) at the level of models.
"""

from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .clock import parse_weekdays


class PromiseKind(models.TextChoices):
    FIRST_RESPONSE = "first_response", "First response"
    UPDATE = "update", "Next update"
    RESOLUTION = "resolution", "Resolution"
    CALLBACK = "callback", "Callback"
    CUSTOM = "custom", "Other commitment"
    FINAL_RESPONSE = "final_response", "Final response"
    SUMMARY_RESOLUTION = "summary_resolution", "Summary resolution window"


class PromiseState(models.TextChoices):
    OPEN = "open", "Open"
    KEPT = "kept", "Kept"
    KEPT_EARLY = "kept_early", "Kept early"
    BROKEN = "broken", "Broken"
    CANCELLED = "cancelled", "No longer owed"
    PAUSED = "paused", "Paused while we wait for the customer"


SETTLED_STATES = (PromiseState.KEPT, PromiseState.KEPT_EARLY, PromiseState.BROKEN)


class PromiseSource(models.TextChoices):
    POLICY = "policy", "Policy clock"
    REGIME = "regime", "Regulatory regime"
    AGENT = "agent", "Made by an agent"
    CUSTOMER = "customer", "Asked for by the customer"


class Promise(models.Model):
    """Something the organisation committed to, by a time.

    ``due_at`` is the time told to the customer; ``target_at`` is the tighter internal target
    the team works to, so that it can under-promise and over-deliver. ``wake_at`` is the next
    moment the sweep must look at the promise (a reminder, an escalation, or the told time).
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
    # Database defaults too: bulk loaders (bench/generate.py) write rows without these columns.
    source = models.CharField(
        max_length=10, choices=PromiseSource.choices, default=PromiseSource.POLICY, db_default="policy"
    )
    visible = models.BooleanField(default=True, db_default=True, help_text="Told to the customer.")
    pausable = models.BooleanField(
        default=False, db_default=False, help_text="Stops while the complaint awaits the customer."
    )
    paused_due_seconds = models.PositiveIntegerField(null=True, blank=True)
    paused_target_seconds = models.PositiveIntegerField(null=True, blank=True)
    wake_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True, help_text="When it was done, even if late.")
    business_seconds = models.PositiveIntegerField(
        null=True, blank=True, help_text="Business time from the promise being made to its fulfilment."
    )
    outcome_note = models.CharField(max_length=300, blank=True, default="", db_default="")
    attempt = models.PositiveSmallIntegerField(default=1, db_default=1)
    source_message = models.ForeignKey(
        "complaints.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            # The sweep reads only open promises whose next moment has come, in that order: its
            # cost grows with what is due, not with how many complaints are open.
            models.Index(
                fields=["wake_at"],
                name="promise_open_wake_idx",
                condition=models.Q(state="open"),
            ),
            models.Index(fields=["complaint", "state"], name="promise_complaint_state_idx"),
            # Insight pages count settled promises over a period.
            models.Index(fields=["settled_at", "kind"], name="promise_settled_idx"),
            models.Index(
                fields=["fulfilled_at"],
                name="promise_first_response_idx",
                condition=models.Q(kind="first_response"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_at__lte=models.F("due_at")),
                name="promise_target_not_after_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.due_at:%Y-%m-%d %H:%M}"


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"{value!r} is not a time zone; use a name such as Europe/London.") from exc


def validate_weekdays(value: str) -> None:
    try:
        days = parse_weekdays(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if not days:
        raise ValidationError("Name at least one working day.")


def validate_holiday_country(value: str) -> None:
    import holidays

    if value and value.upper() not in holidays.list_supported_countries():
        raise ValidationError(f"{value!r} is not a country the holidays library knows (use GB, US, IE…).")


class BusinessCalendar(models.Model):
    """A team's opening hours, time zone and public holidays. The one with no team is the default."""

    name = models.CharField(max_length=100)
    team = models.OneToOneField(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="business_calendar",
        help_text="Leave empty for the default calendar used by teams without their own.",
    )
    time_zone = models.CharField(max_length=64, default="Europe/London", validators=[validate_time_zone])
    opens = models.TimeField(default=time(9))
    closes = models.TimeField(default=time(17))
    weekdays = models.CharField(max_length=40, default="mon,tue,wed,thu,fri", validators=[validate_weekdays])
    holiday_country = models.CharField(
        max_length=3,
        blank=True,
        default="GB",
        validators=[validate_holiday_country],
        help_text="Public holidays of this country are not working days (ISO code; empty for none).",
    )
    holiday_subdivision = models.CharField(
        max_length=10, blank=True, default="ENG", help_text="Region within the country, e.g. ENG, SCT."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(team__isnull=True), name="calendar_one_default"
            ),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="calendar_opens_first"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Closure(models.Model):
    """A day a calendar is closed besides public holidays (a company day off, say)."""

    calendar = models.ForeignKey(BusinessCalendar, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="closure_unique_day")]

    def __str__(self) -> str:
        return f"{self.name} ({self.date})"


class Regime(models.TextChoices):
    NONE = "", "None"
    FCA_DISP = "fca_disp", "UK FCA DISP"
    FCA_DISP_PAYMENTS = "fca_disp_payments", "UK FCA DISP, payment services"


def _severity_choices() -> list[tuple[str, str]]:
    # Read lazily: the vocabulary belongs to complaints, which sits above this app.
    from amends.complaints.models import Severity

    return [("", "Any severity"), *Severity.choices]


def _hours(
    default: int | None, help_text: str = "", *, optional: bool = True
) -> "models.DecimalField[Any, Any]":
    return models.DecimalField(
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        default=default,
        null=optional,
        blank=optional,
        help_text=help_text,
    )


class Policy(models.Model):
    """The clocks for complaints of a severity and category, in business hours.

    The most specific active policy applies: category and severity, then category, then
    severity, then the catch-all. Each clock has the time told to the customer and a tighter
    internal target.
    """

    name = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    category = models.ForeignKey(
        "complaints.Category", null=True, blank=True, on_delete=models.CASCADE, help_text="Empty: any."
    )
    severity = models.CharField(max_length=10, blank=True, choices=_severity_choices)
    first_response_hours = _hours(16, "Business hours, told to the customer.", optional=False)
    first_response_target_hours = _hours(8, "The internal target, in business hours.", optional=False)
    update_interval_hours = _hours(24, "Keep the customer in the loop: empty for no update promises.")
    update_target_hours = _hours(16)
    resolution_hours = _hours(80, "Empty for no resolution clock.")
    resolution_target_hours = _hours(56)
    follow_up_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=5,
        help_text="Business days after resolution for the 'did it hold?' check-in.",
    )
    survey_delay_hours = _hours(8, "Business hours after resolution before the survey; empty for none.")
    regime = models.CharField(max_length=20, blank=True, choices=Regime.choices, default=Regime.NONE)
    iso_10002 = models.BooleanField(default=False, verbose_name="ISO 10002 checklist")

    class Meta:
        verbose_name_plural = "policies"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_response_target_hours__lte=models.F("first_response_hours")),
                name="policy_first_response_target_first",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReminderRule(models.Model):
    """Remind the assignee (or, unassigned, the team's supervisors) before an internal target."""

    name = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    kind = models.CharField(max_length=20, blank=True, choices=PromiseKind.choices, help_text="Empty: any.")
    minutes_before_target = models.PositiveIntegerField(default=60)

    def __str__(self) -> str:
        return self.name


class Reassign(models.TextChoices):
    KEEP = "", "Keep the assignee"
    SUPERVISOR = "supervisor", "A supervisor of the team"
    USER = "user", "The person named below"


class EscalationRule(models.Model):
    """When a promise is about to break: raise the severity, notify supervisors, reassign."""

    name = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    kind = models.CharField(max_length=20, blank=True, choices=PromiseKind.choices, help_text="Empty: any.")
    severity = models.CharField(max_length=10, blank=True, choices=_severity_choices)
    category = models.ForeignKey(
        "complaints.Category", null=True, blank=True, on_delete=models.CASCADE, help_text="Empty: any."
    )
    minutes_before_due = models.PositiveIntegerField(
        default=30, validators=[MaxValueValidator(60 * 24 * 14)], help_text="Before the time told."
    )
    raise_severity = models.BooleanField(default=True, help_text="One step up, up to critical.")
    notify_supervisors = models.BooleanField(default=True)
    reassign = models.CharField(max_length=12, blank=True, choices=Reassign.choices, default=Reassign.KEEP)
    reassign_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.reassign == Reassign.USER and self.reassign_to_id is None:
            raise ValidationError({"reassign_to": "Name the person to reassign to."})

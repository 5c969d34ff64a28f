from django.contrib import admin

from .models import BusinessCalendar, Closure, EscalationRule, Policy, Promise, ReminderRule


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin[Promise]):
    list_display = ("complaint", "kind", "due_at", "target_at", "state", "source", "settled_at")
    list_filter = ("kind", "state", "source")
    raw_id_fields = ("complaint", "created_by", "source_message")
    readonly_fields = ("wake_at", "reminded_at", "escalated_at", "fulfilled_at", "business_seconds")


class ClosureInline(admin.TabularInline[Closure, BusinessCalendar]):
    model = Closure
    extra = 1


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin[BusinessCalendar]):
    list_display = (
        "name",
        "team",
        "time_zone",
        "opens",
        "closes",
        "weekdays",
        "holiday_country",
        "holiday_subdivision",
    )
    inlines = [ClosureInline]


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin[Policy]):
    list_display = (
        "name",
        "is_active",
        "category",
        "severity",
        "first_response_hours",
        "update_interval_hours",
        "resolution_hours",
        "follow_up_days",
        "regime",
        "iso_10002",
    )
    list_filter = ("is_active", "severity", "regime", "iso_10002")
    fieldsets = [
        (None, {"fields": ["name", "is_active", "category", "severity"]}),
        (
            "Clocks, in business hours: told to the customer, then the internal target",
            {
                "fields": [
                    ("first_response_hours", "first_response_target_hours"),
                    ("update_interval_hours", "update_target_hours"),
                    ("resolution_hours", "resolution_target_hours"),
                ]
            },
        ),
        ("Follow-up after resolution", {"fields": ["survey_delay_hours", "follow_up_days"]}),
        ("Regulatory regime", {"fields": ["regime", "iso_10002"]}),
    ]


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin[ReminderRule]):
    list_display = ("name", "is_active", "kind", "minutes_before_target")


@admin.register(EscalationRule)
class EscalationRuleAdmin(admin.ModelAdmin[EscalationRule]):
    list_display = (
        "name",
        "is_active",
        "kind",
        "severity",
        "category",
        "minutes_before_due",
        "raise_severity",
        "notify_supervisors",
        "reassign",
    )
    raw_id_fields = ("reassign_to",)

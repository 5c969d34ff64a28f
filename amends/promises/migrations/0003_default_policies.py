"""Sensible defaults, editable in the admin: one calendar, a policy per severity, one reminder and
one escalation rule. Open promises from before wake times existed get their told time as wake time.
"""

from datetime import time
from decimal import Decimal

from django.db import migrations
from django.db.models import F

# (severity, first response told/target, update told/target, resolution told/target, follow-up days)
# in business hours, for an eight-hour working day.
DEFAULTS = [
    ("critical", (2, 1), (4, 2), (16, 8), 3),
    ("high", (4, 2), (8, 6), (40, 24), 5),
    ("normal", (16, 8), (24, 16), (80, 56), 5),
    ("low", (24, 16), (40, 24), (120, 80), 10),
]


def create_defaults(apps, schema_editor):
    BusinessCalendar = apps.get_model("promises", "BusinessCalendar")
    Policy = apps.get_model("promises", "Policy")
    ReminderRule = apps.get_model("promises", "ReminderRule")
    EscalationRule = apps.get_model("promises", "EscalationRule")
    Promise = apps.get_model("promises", "Promise")
    if not BusinessCalendar.objects.exists():
        BusinessCalendar.objects.create(
            name="Default hours", time_zone="Europe/London", opens=time(9), closes=time(17),
            weekdays="mon,tue,wed,thu,fri", holiday_country="GB", holiday_subdivision="ENG",
        )
    if not Policy.objects.exists():
        for severity, first, update, resolution, follow_up in DEFAULTS:
            Policy.objects.create(
                name=f"{severity.capitalize()} severity",
                severity=severity,
                first_response_hours=Decimal(first[0]), first_response_target_hours=Decimal(first[1]),
                update_interval_hours=Decimal(update[0]), update_target_hours=Decimal(update[1]),
                resolution_hours=Decimal(resolution[0]), resolution_target_hours=Decimal(resolution[1]),
                follow_up_days=follow_up, survey_delay_hours=Decimal(8),
            )
    if not ReminderRule.objects.exists():
        ReminderRule.objects.create(name="An hour before the internal target", minutes_before_target=60)
    if not EscalationRule.objects.exists():
        EscalationRule.objects.create(
            name="Half an hour before a promise breaks", minutes_before_due=30,
            raise_severity=True, notify_supervisors=True,
        )
    Promise.objects.filter(state="open", wake_at__isnull=True).update(wake_at=F("due_at"))


class Migration(migrations.Migration):
    dependencies = [("promises", "0002_policies_and_clocks")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]

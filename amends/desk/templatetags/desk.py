from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timeuntil

register = template.Library()


@register.filter
def due_class(due: datetime | None) -> str:
    """'due-overdue' past the internal target, 'due-soon' within four hours, else nothing."""
    if due is None:
        return ""
    remaining = (due - timezone.now()).total_seconds()
    if remaining < 0:
        return "due-overdue"
    return "due-soon" if remaining < 4 * 3600 else ""


@register.filter
def due_words(due: datetime | None) -> str:
    if due is None:
        return "Nothing due"
    now = timezone.now()
    if due < now:
        return f"Past target by {timeuntil(now, due).split(',')[0]}"
    return f"In {timeuntil(due, now).split(',')[0]}"

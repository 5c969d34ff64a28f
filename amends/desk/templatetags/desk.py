from collections.abc import Iterable
from datetime import datetime
from html import escape

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from amends.complaints.models import Complaint, Severity, State

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


_UNITS = ((365 * 86400, "year"), (30 * 86400, "month"), (7 * 86400, "week"), (86400, "day"), (3600, "hour"))


def _span(seconds: float) -> str:
    """The largest whole unit in ``seconds``: '3 days', '1 hour', '0 minutes' (a no-break space
    between, as Django's timeuntil writes it)."""
    for size, unit in _UNITS:
        if seconds >= size:
            count = int(seconds // size)
            return f"{count}\xa0{unit}{'s' if count != 1 else ''}"
    minutes = int(seconds // 60)
    return f"{minutes}\xa0minute{'s' if minutes != 1 else ''}"


@register.filter
def due_words(due: datetime | None) -> str:
    """'In 3 days' or 'Past target by 2 hours'."""
    if due is None:
        return "Nothing due"
    remaining = (due - timezone.now()).total_seconds()
    return f"In {_span(remaining)}" if remaining >= 0 else f"Past target by {_span(-remaining)}"


_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _when(moment: datetime) -> tuple[str, str, str]:
    """ISO 8601, '5 Jan, 09:05' and 'Mon 5 Jan, 09:05' in the desk's time zone (the date filter's
    'c', 'j M, H:i' and 'D j M, H:i' in English)."""
    local = timezone.localtime(moment)
    short = f"{local.day} {_MONTHS[local.month]}, {local.hour:02d}:{local.minute:02d}"
    return local.isoformat(), short, f"{_DAYS[local.weekday()]} {short}"


_STATES, _SEVERITIES = dict(State.choices), dict(Severity.choices)


def _inbox_row(c: Complaint, link: str) -> str:
    # Plain f-strings with html.escape (the same five characters Django's escape replaces):
    # format_html's per-argument checks cost as much as the rest of a row.
    if c.due_at:
        iso, _, long = _when(c.due_at)
        due = f'<time datetime="{iso}" title="{long}">{due_words(c.due_at)}</time>'
    else:
        due = '<span class="muted">—</span>'
    category = f" · {escape(c.category.name)}" if c.category else ""
    urgent = (
        f' <span class="badge sev-critical" title="Triage urgency {c.urgency} of 100">Urgent</span>'
        if c.urgency >= 50
        else ""
    )
    team = escape(c.team.name) if c.team else "No team"
    assignee = escape(c.assignee.display_name) if c.assignee else "Unassigned"
    href, summary = escape(link.replace(_REFERENCE, c.reference)), escape(c.summary)
    who = f"{escape(c.reference)} · {escape(c.customer.name)}{category}"
    received_iso, received_short, _ = _when(c.received_at)
    state_name, severity_name = _STATES.get(c.state, c.state), _SEVERITIES.get(c.severity, c.severity)
    state = f'<span class="badge state-{escape(c.state)}">{escape(state_name)}</span>'
    severity = f'<span class="badge sev-{escape(c.severity)}">{escape(severity_name)}</span>'
    return (
        f'<tr>\n      <td class="{due_class(c.due_at)}">{due}</td>\n      <td>\n'
        f'        <a class="summary" href="{href}">{summary}</a>\n'
        f'        <div class="muted small">{who}</div>\n'
        f"      </td>\n"
        f"      <td>{state}</td>\n"
        f"      <td>{severity}{urgent}</td>\n"
        f'      <td>{team}<div class="muted small">{assignee}</div></td>\n'
        f'      <td><time datetime="{received_iso}">{received_short}</time></td>\n    </tr>'
    )


_REFERENCE = "C-0-0"


@register.simple_tag
def inbox_rows(complaints: Iterable[Complaint]) -> SafeString:
    """The inbox table's rows.

    Drawn in Python rather than by a template loop: fifty rows of about fifteen lookups and four
    date filters each were most of the inbox's time at a million complaints (bench/pages.py).
    Needs each complaint's customer, category, team and assignee already loaded.
    """
    link = reverse("desk:complaint", args=[_REFERENCE])
    return mark_safe("\n    ".join(_inbox_row(c, link) for c in complaints))  # noqa: S308 - format_html rows

from typing import Any

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils.safestring import SafeString

from amends.accounts.models import User
from amends.complaints.models import Complaint

from ..analyzer import RULES
from ..selectors import playbook_suggest_for_complaint
from ..services import minimum_score_shown

register = template.Library()

RULE_LABELS = {
    "thanks": "Thanks them",
    "ownership": "Owns the mistake",
    "apology": "Sincere apology",
    "empathy": "Empathy with them",
    "no_blame": "No blame-shifting",
    "options": "Concrete options",
    "timeline": "A date or time",
    "next_step": "Next step and who",
}
TONE_LABELS = {"shouting": "Shouting", "jargon": "Jargon", "length": "Length", "reading_ease": "Reading ease"}


@register.simple_tag
def coach_textarea(field: BoundField, complaint: Complaint) -> SafeString:
    """The composer's textarea, posting the draft to the coach 400 ms after the agent stops typing.

    Its own request goes to the coach panel only: it never submits the compose form.
    """
    attrs: dict[str, str | bool] = {
        "hx-post": reverse("coaching:panel", args=[complaint.reference]),
        "hx-trigger": "keyup changed delay:400ms, load, change from:closest form",
        "hx-target": "#coach-panel",
        "hx-swap": "outerHTML",
        "hx-include": "closest form",
        "hx-sync": "this:replace",
        "hx-disabled-elt": "none",
        "aria-describedby": "coach-panel",
    }
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("coaching/_playbook_suggestions.html", takes_context=True)
def playbook_panel(context: dict[str, Any], complaint: Complaint) -> dict[str, Any]:
    """Playbooks suggested for ``complaint``, read as the signed-in user may see them."""
    user = context["request"].user
    suggestions = (
        playbook_suggest_for_complaint(user=user, complaint=complaint) if isinstance(user, User) else []
    )
    return {"suggestions": suggestions, "complaint": complaint}


@register.simple_tag
def coach_minimum(complaint: Complaint) -> int | None:
    return minimum_score_shown(complaint.severity)


@register.simple_tag
def coach_rule_names() -> tuple[str, ...]:
    return RULES


@register.filter
def rule_label(name: str) -> str:
    return RULE_LABELS.get(name, name)


@register.filter
def tone_label(name: str) -> str:
    return TONE_LABELS.get(name, name)

"""Placeholders in playbook reply templates, and filling them in for one complaint."""

import re
from datetime import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format

from amends.core.errors import InvalidInput

PLACEHOLDERS = ("name", "reference", "promised_date", "remedy_options")
_FIELD = re.compile(r"\{([^{}]*)\}")


def check_placeholders(body: str) -> None:
    """Raise ``InvalidInput`` naming any ``{placeholder}`` that cannot be filled in."""
    unknown = sorted({m.group(1) for m in _FIELD.finditer(body)} - set(PLACEHOLDERS))
    if unknown:
        known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
        raise InvalidInput(
            f"Unknown placeholder {', '.join('{' + u + '}' for u in unknown)}; use {known}.",
            field="templates",
        )


def fill(body: str, *, name: str, reference: str, promised: datetime | None) -> str:
    """The template with the customer's name, the reference and the promised date put in.

    ``{remedy_options}`` stays for the agent to write, marked so it cannot be sent by accident
    unnoticed; a promised date that is not known is marked the same way.
    """
    values = {
        "name": name or "[name]",
        "reference": reference,
        "promised_date": (
            date_format(timezone.localtime(promised), "l j F") if promised is not None else "[promised date]"
        ),
        "remedy_options": "[remedy options]",
    }
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), body)

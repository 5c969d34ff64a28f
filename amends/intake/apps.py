from typing import Any

from django.apps import AppConfig
from django.core import checks


class IntakeConfig(AppConfig):
    name = "amends.intake"
    label = "intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        checks.register(check_intake_rate)


def check_intake_rate(**kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse to start with a throttle rate the form could not read."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from .throttle import parse_rate

    try:
        parse_rate(settings.AMENDS_INTAKE_RATE)
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="intake.E001")]
    return []

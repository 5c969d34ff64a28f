from typing import Any

from django.apps import AppConfig
from django.core import checks


class RemediesConfig(AppConfig):
    name = "amends.remedies"
    label = "remedies"
    verbose_name = "Remedies and authority"

    def ready(self) -> None:
        checks.register(check_currency_settings, checks.Tags.compatibility)


def check_currency_settings(**kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse to start with a currency nobody can pay in, or without a ceiling for every currency."""
    from django.conf import settings

    from .money import CURRENCIES

    errors: list[checks.CheckMessage] = []
    if settings.AMENDS_CURRENCY not in CURRENCIES:
        errors.append(
            checks.Error(
                f"AMENDS_CURRENCY {settings.AMENDS_CURRENCY!r} is not an ISO 4217 currency code.",
                hint="Use a code such as GBP, EUR or USD.",
                id="remedies.E001",
            )
        )
    if "*" not in settings.AMENDS_REMEDY_CEILINGS:
        errors.append(
            checks.Error(
                "AMENDS_REMEDY_CEILINGS has no '*' entry for currencies it does not name.",
                hint="Add one, e.g. AMENDS_REMEDY_CEILINGS='*:100000,JPY:15000000'.",
                id="remedies.E002",
            )
        )
    return errors

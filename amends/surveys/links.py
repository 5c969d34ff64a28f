"""Signed links to a survey or check-in, so a customer answers without a password.

Signed with the secret key like the portal's status links (``amends.portal.links``), with a salt
of their own so one kind of link cannot be used as another, and an expiry.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Survey

SALT = "amends.surveys.answer"


def survey_token(survey: Survey) -> str:
    return signing.dumps({"s": survey.pk}, salt=SALT, compress=True)


def survey_id_from_token(token: str) -> int | None:
    """The survey a token was signed for, or ``None`` if it was altered or has expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.AMENDS_SURVEY_LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    value = data.get("s") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None


def survey_url(survey: Survey) -> str:
    return settings.SITE_URL + reverse("surveys:answer", args=[survey_token(survey)])

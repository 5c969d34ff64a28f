"""Signed links that let a customer reach their own complaint without a password.

A link carries the complaint's id and is signed with the secret key; a changed character makes
it worthless. Status links do not expire (the customer keeps the email); links that act, such as
choosing a remedy, are checked with a ``max_age``.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from amends.complaints.models import Complaint

STATUS_SALT = "amends.portal.status"


def status_token(complaint: Complaint) -> str:
    return signing.dumps({"c": complaint.pk}, salt=STATUS_SALT, compress=True)


def complaint_id_from_token(token: str, *, salt: str = STATUS_SALT, max_age: int | None = None) -> int | None:
    """The complaint id a token was signed for, or None if it was altered or has expired."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    value = data.get("c") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None


RECEIVED_SALT = "amends.intake.received"


def received_token(reference: str) -> str:
    """A token for the page that confirms a complaint was taken in; it names the reference, so
    it works before the complaint is filed."""
    return signing.dumps({"r": reference}, salt=RECEIVED_SALT, compress=True)


def reference_from_received_token(token: str) -> str | None:
    try:
        data = signing.loads(token, salt=RECEIVED_SALT)
    except signing.BadSignature:
        return None
    value = data.get("r") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def status_url(complaint: Complaint) -> str:
    return settings.SITE_URL + reverse("portal:status", args=[status_token(complaint)])

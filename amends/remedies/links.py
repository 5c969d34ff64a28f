"""Signed links: the customer's choice of remedy, and an approver's decision from an email.

A link carries ids and a random nonce kept in the database, signed with the secret key and a
salt of its own, so a link for one purpose cannot be used for another and a changed character
makes it worthless. ``max_age`` bounds a link's life; the row's own state makes it one-time.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from amends.core.errors import AmendsError

from .models import ApprovalRequest, Offer

OFFER_SALT = "amends.remedies.offer"
APPROVAL_SALT = "amends.remedies.approval"
APPROVAL_LINK_DAYS = 7


class LinkInvalid(AmendsError):
    """A link that was cut short or changed."""

    http_status = 404


class LinkExpired(AmendsError):
    """A link past its time."""

    http_status = 410


def offer_token(offer: Offer) -> str:
    return signing.dumps({"o": offer.pk, "n": offer.nonce}, salt=OFFER_SALT, compress=True)


def offer_url(offer: Offer) -> str:
    return settings.SITE_URL + reverse("remedies:offer", args=[offer_token(offer)])


def _load(token: str, *, salt: str, max_age: int, expired: str) -> dict[str, object]:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired(expired) from exc
    except signing.BadSignature as exc:
        raise LinkInvalid(
            "This link is not valid: it may have been cut short or changed. "
            "Please use the link in our latest email, or reply to that email."
        ) from exc
    if not isinstance(data, dict):
        raise LinkInvalid("This link is not valid.")
    return data


def offer_from_token(token: str) -> Offer:
    """The offer a customer's link names. Raises ``LinkInvalid`` or ``LinkExpired``."""
    data = _load(
        token,
        salt=OFFER_SALT,
        max_age=settings.AMENDS_OFFER_DAYS * 86400,
        expired="This link has expired. Reply to our email and we will send you a fresh choice.",
    )
    pk, nonce = data.get("o"), data.get("n")
    if not isinstance(pk, int) or not isinstance(nonce, str):
        raise LinkInvalid("This link is not valid.")
    offer = (
        Offer.objects.select_related("complaint", "complaint__customer", "chosen")
        .filter(pk=pk, nonce=nonce)
        .first()
    )
    if offer is None:
        raise LinkInvalid("This link is not valid any more; please use the link in our latest email.")
    return offer


@dataclass(frozen=True)
class ApprovalLink:
    request: ApprovalRequest
    approver_id: int


def approval_token(request: ApprovalRequest, approver_id: int) -> str:
    payload = {"a": request.pk, "u": approver_id, "n": request.nonce}
    return signing.dumps(payload, salt=APPROVAL_SALT, compress=True)


def approval_url(request: ApprovalRequest, approver_id: int) -> str:
    return settings.SITE_URL + reverse("remedies:approval_link", args=[approval_token(request, approver_id)])


def approval_from_token(token: str) -> ApprovalLink:
    """The request and the approver an emailed link was made for."""
    data = _load(
        token,
        salt=APPROVAL_SALT,
        max_age=APPROVAL_LINK_DAYS * 86400,
        expired="This approval link has expired; decide the request on the desk.",
    )
    pk, approver_id, nonce = data.get("a"), data.get("u"), data.get("n")
    if not isinstance(pk, int) or not isinstance(approver_id, int) or not isinstance(nonce, str):
        raise LinkInvalid("This approval link is not valid.")
    request = (
        ApprovalRequest.objects.select_related("complaint", "requested_by", "decided_by")
        .filter(pk=pk, nonce=nonce)
        .first()
    )
    if request is None:
        raise LinkInvalid("This approval link is not valid any more; decide the request on the desk.")
    return ApprovalLink(request, approver_id)

"""The web form's throttle: how many complaints one address may send in a while.

The count is kept by the intake write itself (``amends.complaints.services.Throttle``), over the
submissions already stored: every web process sees the same count without a shared cache, and a
complaint costs no round trip to one (docs/decisions/0007-intake-throttle-in-the-write.md).
"""

import hashlib
import hmac
import re
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from amends.complaints.services import Throttle
from amends.core.addresses import client_address

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@cache
def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/m"`` → (10, 60): a count, and the seconds it is counted over (``"30/5m"``: 300)."""
    match = _RATE.match(rate)
    if match is None or int(match[1]) < 1 or match[2] == "0":
        raise ImproperlyConfigured(
            f"AMENDS_INTAKE_RATE must look like 10/m (a count, then s, m, h or d, "
            f"optionally with a number: 30/5m), not {rate!r}"
        )
    return int(match[1]), int(match[2] or 1) * _UNITS[match[3]]


def intake_throttle(request: HttpRequest) -> Throttle:
    """The throttle for a complaint sent on the web form by this request's sender.

    The address is stored only as a keyed hash: enough to count by, not to read back.
    """
    count, seconds = parse_rate(settings.AMENDS_INTAKE_RATE)
    digest = hmac.new(_client_key(settings.SECRET_KEY), client_address(request).encode(), hashlib.sha256)
    return Throttle(client=digest.hexdigest()[:32], count=count, seconds=seconds)


@cache
def _client_key(secret: str) -> bytes:
    """The key the addresses are hashed with, derived from the secret key as Django's
    ``salted_hmac("amends.intake.client", ...)`` derives it, once rather than per complaint."""
    return hashlib.sha256(b"amends.intake.client" + secret.encode()).digest()

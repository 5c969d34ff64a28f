"""Who sent a request: the address the web form's throttle and the login lockout count by."""

import socket

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the request came from, with IPv6 addresses taken by their /64 network.

    Behind a proxy, ``AMENDS_CLIENT_IP_HEADER`` names the header it sets; of a list (as in
    ``X-Forwarded-For``) the last address is taken, the one the nearest proxy added: the ones
    before it are whatever the client wrote. An address that cannot be read falls back to the
    connection's.
    """
    header = settings.AMENDS_CLIENT_IP_HEADER
    candidates = []
    if header:
        candidates.append(str(request.META.get(header, "")).rsplit(",", 1)[-1].strip())
    candidates.append(str(request.META.get("REMOTE_ADDR", "")))
    for candidate in candidates:
        # The C functions of the socket module read and write an address as the ipaddress
        # module does (the tests compare them); the throttle went from 75 to 25 µs a complaint.
        try:
            return socket.inet_ntop(socket.AF_INET, socket.inet_pton(socket.AF_INET, candidate))
        except OSError:
            pass
        try:
            packed = socket.inet_pton(socket.AF_INET6, candidate)
        except OSError:
            continue
        # One household or server has a /64 to choose from.
        return socket.inet_ntop(socket.AF_INET6, packed[:8] + bytes(8)) + "/64"
    return "unknown"


def client_ip(request: HttpRequest) -> str:
    """``client_address`` as one IP address, for a column of addresses (the login lockout's):
    an IPv6 /64 as its first address, and an address that cannot be read as ``0.0.0.0``, so
    that all such senders count together, as the web form's throttle counts them."""
    address = client_address(request)
    if address == "unknown":
        return "0.0.0.0"  # noqa: S104 - a stand-in written to a column, never bound to
    return address.removesuffix("/64")

"""Domain errors: each carries a message a person can act on and the HTTP status it maps to.

Services raise these; the API and the desk turn them into a 4xx response with the message, so a
mistake in input is never a 500.
"""


class AmendsError(Exception):
    """Base of every error Amends raises on purpose."""

    http_status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(AmendsError):
    """Input that cannot be accepted as it is (too long, out of range, malformed)."""

    http_status = 422


class InvalidTransition(AmendsError):
    """A state change the complaint's journey does not allow from where it is now."""

    http_status = 409


class Conflict(AmendsError):
    """The request clashes with what already exists (a reused idempotency key, say)."""

    http_status = 409


class Throttled(AmendsError):
    """Too many requests from one sender in a short time; the same request later will do."""

    http_status = 429


class NotFound(AmendsError):
    """The object does not exist, or the actor may not know that it does."""

    http_status = 404


class PermissionDenied(AmendsError):
    """The actor is known but may not do this."""

    http_status = 403

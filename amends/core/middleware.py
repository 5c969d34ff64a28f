from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import AmendsError


class AmendsErrorMiddleware:
    """Show a domain error raised by a page as a page with its message and status, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AmendsError) or request.path.startswith("/api/"):
            return None
        return render(
            request,
            "amends/error.html",
            {"message": exception.message},
            status=exception.http_status,
        )

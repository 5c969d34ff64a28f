from django.conf import settings
from django.http import HttpRequest


def amends(request: HttpRequest) -> dict[str, object]:
    return {"organisation": settings.AMENDS_ORGANISATION}

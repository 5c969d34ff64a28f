"""Staff pages for inbound mail: the quarantine, one message, and what can be done with it."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from amends.accounts.models import User
from amends.core.errors import AmendsError

from . import selectors, services
from .models import InboundMail, Status

STATUS_TABS = [
    (Status.QUARANTINED, "Quarantined"),
    (Status.PENDING, "Pending"),
    (Status.PROCESSED, "Processed"),
    (Status.DISMISSED, "Dismissed"),
    ("all", "All"),
]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_GET
def inbound_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    status = request.GET.get("status") or Status.QUARANTINED
    cursor_text = request.GET.get("cursor", "")
    cursor = int(cursor_text) if cursor_text.isdigit() else None
    page = selectors.inbound_list_for_user(user=user, status=status, cursor=cursor)
    counts = selectors.inbound_counts_for_user(user=user)
    tabs = [
        (value, label, counts.get(value, 0) if value in selectors.COUNTED else None)
        for value, label in STATUS_TABS
    ]
    context = {"page": page, "status": status, "tabs": tabs, "nav": "mail"}
    return render(request, "mail/inbound_list.html", context)


@login_required
@require_GET
def inbound_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = selectors.inbound_get_for_user(user=_user(request), pk=pk)
    context = {
        "inbound": inbound,
        "preview": selectors.inbound_preview(inbound),
        "attachments": selectors.attachments_for_inbound(inbound),
        "nav": "mail",
    }
    return render(request, "mail/inbound_detail.html", context)


@login_required
@require_GET
def inbound_original(request: HttpRequest, pk: int) -> HttpResponse:
    """The message as it arrived, as a download: never displayed by the browser."""
    inbound = selectors.inbound_get_for_user(user=_user(request), pk=pk)
    response = HttpResponse(selectors.inbound_raw(inbound), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="inbound-{inbound.pk}.eml"'
    return response


def _act(request: HttpRequest, pk: int, action: Callable[[InboundMail, User], str]) -> HttpResponse:
    user = _user(request)
    inbound = selectors.inbound_get_for_user(user=user, pk=pk)
    try:
        messages.success(request, action(inbound, user))
    except AmendsError as exc:
        messages.error(request, exc.message)
    return redirect("mail:inbound", pk=pk)


def _outcome(inbound: InboundMail) -> str:
    if inbound.status == Status.QUARANTINED:
        return f"Still quarantined: {inbound.reason}"
    if inbound.complaint is not None:
        return f"{inbound.get_outcome_display()}: {inbound.complaint.reference}."
    return f"{inbound.get_status_display()}."


@login_required
@require_POST
def inbound_retry(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda inbound, user: _outcome(services.inbound_retry(inbound=inbound, by=user)))


@login_required
@require_POST
def inbound_release(request: HttpRequest, pk: int) -> HttpResponse:
    reply_to = request.POST.get("reply_to", "")[:254]
    return _act(
        request,
        pk,
        lambda inbound, user: _outcome(services.inbound_release(inbound=inbound, by=user, reply_to=reply_to)),
    )


@login_required
@require_POST
def inbound_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")[:500]
    return _act(
        request,
        pk,
        lambda inbound, user: _outcome(services.inbound_dismiss(inbound=inbound, by=user, reason=reason)),
    )

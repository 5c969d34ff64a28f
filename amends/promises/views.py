"""The desk's promise actions: thin views that parse, authorise through selectors, call one verb.

htmx requests get the promises panel back on a mistake (with a 4xx status) and a page refresh on
success, so the timeline and the complaint's due time show the change; others are redirected.
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from amends.accounts.models import User
from amends.complaints import services as complaint_services
from amends.complaints.models import Complaint, Message
from amends.complaints.selectors import complaint_get_for_user
from amends.core.errors import AmendsError, InvalidInput
from amends.core.http import HtmxHttpRequest

from . import keeping
from .models import Promise, PromiseKind
from .panel import panel_context, suggestions_from
from .regimes import ResponseKind
from .selectors import promise_get_for_user


def _user(request: HtmxHttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _done(request: HtmxHttpRequest, complaint: Complaint, action: Callable[[], object]) -> HttpResponse:
    try:
        action()
    except AmendsError as exc:
        fresh = complaint_get_for_user(user=_user(request), reference=complaint.reference)
        context = panel_context(fresh, _user(request), error=exc.message, form=request.POST)
        template = "promises/_panel.html" if request.htmx else "promises/error.html"
        response = render(request, template, context, status=exc.http_status)
        response["HX-Retarget"] = "#promises-panel"
        response["HX-Reswap"] = "outerHTML"
        return response
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return redirect("desk:complaint", reference=complaint.reference)


def _kind(value: str) -> PromiseKind:
    if value not in PromiseKind.values:
        raise InvalidInput("Choose what kind of promise this is.", field="kind")
    return PromiseKind(value)


@login_required
@require_POST
def promise_add(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    complaint = complaint_get_for_user(user=user, reference=reference)
    post = request.POST
    source = Message.objects.filter(complaint=complaint, pk=post.get("message") or 0).first()
    return _done(
        request,
        complaint,
        lambda: keeping.promise_add(
            complaint=complaint,
            by=user,
            description=post.get("description", ""),
            when=post.get("when", ""),
            target=post.get("target") or None,
            kind=_kind(post.get("kind", PromiseKind.CUSTOM)),
            source_message=source,
        ),
    )


def _promise_action(
    request: HtmxHttpRequest, pk: int, verb: Callable[[Promise, User], object]
) -> HttpResponse:
    user = _user(request)
    promise = promise_get_for_user(user=user, pk=pk)
    return _done(request, promise.complaint, lambda: verb(promise, user))


@login_required
@require_POST
def promise_keep(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    note = request.POST.get("note", "")
    return _promise_action(request, pk, lambda p, u: keeping.promise_keep(promise=p, by=u, note=note))


@login_required
@require_POST
def promise_release(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _promise_action(request, pk, lambda p, u: keeping.promise_release(promise=p, by=u, reason=reason))


@login_required
@require_POST
def callback_missed(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _promise_action(request, pk, lambda p, u: keeping.callback_missed(promise=p, by=u))


@login_required
@require_POST
def response_send(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    """Send a regulated response (final, summary resolution, holding reply), checked for content."""
    user = _user(request)
    complaint = complaint_get_for_user(user=user, reference=reference)
    kind = request.POST.get("response", "")

    def send() -> object:
        if kind not in ResponseKind.values:
            raise InvalidInput("Choose the kind of response.", field="response")
        return complaint_services.complaint_reply(
            complaint=complaint,
            by=user,
            body=request.POST.get("response_body", ""),
            response=ResponseKind(kind),
        )

    return _done(request, complaint, send)


@login_required
@require_GET
def suggest(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    """Commitments in the reply being drafted, each offered as a promise to record."""
    complaint = complaint_get_for_user(user=_user(request), reference=reference)
    draft = request.GET.get("body", "")[:20_000]
    context = {"complaint": complaint, "suggestions": suggestions_from(draft, complaint), "draft": True}
    return render(request, "promises/_suggestions.html", context)

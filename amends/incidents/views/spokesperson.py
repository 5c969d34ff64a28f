"""The spokesperson's queue and holding statements."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from amends.core.errors import AmendsError, PermissionDenied
from amends.core.http import HtmxHttpRequest

from .. import publicity, selectors, services
from ..forms import DecisionForm, StatementForm, cleaned
from ..models import StatementTopic
from ..permissions import can_user_draft_public_text, can_user_see_spokesperson_queue, can_user_speak
from . import user_of


@login_required
@require_GET
def queue(request: HtmxHttpRequest) -> HttpResponse:
    """Complaints with public exposure and incidents above the severity, for the spokesperson."""
    user = user_of(request)
    if not can_user_see_spokesperson_queue(user):
        raise PermissionDenied(
            "The spokesperson's queue is for spokespeople, supervisors and administrators."
        )
    page = selectors.exposure_complaints_for_user(user=user, cursor=request.GET.get("cursor"))
    signals: Any = page.extra["signals"]
    by_topic = selectors.statements_by_topic()
    rows = [(c, signals.get(c.pk, [])) for c in page.items]
    context = {
        "incidents": selectors.incidents_for_spokesperson(),
        "threshold": selectors.spokesperson_threshold(),
        "rows": [
            (c, found, selectors.statements_for_topics(by_topic, selectors.topics_for(found)))
            for c, found in rows
        ],
        "page": page,
        "incident_statements": by_topic.get(StatementTopic.INCIDENT, []),
        "nav": "spokesperson",
    }
    return render(request, "incidents/queue.html", context)


def _statements_context(request: HtmxHttpRequest, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    approved, drafts = selectors.statements_for_user(user=user)
    return {
        "approved": approved,
        "drafts": [(s, publicity.statement_digest(s)) for s in drafts],
        "form": StatementForm(),
        "can_draft": can_user_draft_public_text(user),
        "can_approve": can_user_speak(user),
        "nav": "statements",
    } | extra


@login_required
@require_GET
def statements(request: HtmxHttpRequest) -> HttpResponse:
    if not can_user_see_spokesperson_queue(user_of(request)):
        raise PermissionDenied("Holding statements are for spokespeople, supervisors and administrators.")
    return render(request, "incidents/statements.html", _statements_context(request))


@login_required
@require_POST
def statement_draft(request: HtmxHttpRequest) -> HttpResponse:
    form = StatementForm(request.POST)
    try:
        data = cleaned(form)
        services.statement_draft(by=user_of(request), **data)
    except AmendsError as exc:
        context = _statements_context(request, form=form, error=exc.message)
        return render(request, "incidents/statements.html", context, status=exc.http_status)
    messages.success(request, "Draft saved for a spokesperson to approve.")
    return redirect("incidents:statements")


@login_required
@require_POST
def statement_decide(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    statement = selectors.statement_get_for_user(user=user, pk=pk)
    approve = request.POST.get("decision") == "approve"
    data = cleaned(DecisionForm(request.POST))
    services.statement_decide(statement=statement, by=user, approve=approve, digest=data["digest"])
    messages.success(request, "Approved: it will be suggested from now on." if approve else "Sent back.")
    return redirect("incidents:statements")

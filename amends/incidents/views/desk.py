"""The incident pages on the desk: the list, one incident, linking, updates and gestures.

A refused form is shown again with what the person typed and the reason, with a 4xx status,
so a long update is never lost; success redirects (post/redirect/get) with a notice.
"""

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from amends.complaints.models import Severity
from amends.core.errors import AmendsError
from amends.core.http import HtmxHttpRequest

from .. import selectors, services
from ..forms import GestureForm, IncidentForm, LinkSearchForm, UpdateForm, cleaned
from ..models import Incident, IncidentStatus
from ..permissions import can_user_draft_public_text, can_user_manage_incidents
from ..publicity import public_notice_url
from . import user_of

STALLED_AFTER = timedelta(minutes=2)


@login_required
@require_GET
def incident_list(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "incidents/list.html", _list_context(request))


def _list_context(request: HtmxHttpRequest, form: Form | None = None, error: str = "") -> dict[str, Any]:
    user = user_of(request)
    manage = can_user_manage_incidents(user)
    return {
        "open": selectors.open_incidents_for_user(user=user),
        "resolved": selectors.resolved_incidents_for_user(user=user, cursor=request.GET.get("cursor")),
        "suspected": selectors.suspected_for_user(user=user) if manage else [],
        "form": form or IncidentForm(),
        "can_manage": manage,
        "error": error,
        "nav": "incidents",
    }


def _input(data: dict[str, Any]) -> services.IncidentInput:
    return services.IncidentInput(
        title=data["title"],
        what_happened=data["what_happened"],
        impact=data["impact"],
        customer_summary=data["customer_summary"],
        severity=Severity(data["severity"]),
        owner=data["owner"],
        category=data["category"],
        match_words=data["match_words"],
        next_update_at=data["next_update_at"],
    )


@login_required
@require_POST
def incident_create(request: HtmxHttpRequest) -> HttpResponse:
    form = IncidentForm(request.POST)
    try:
        incident = services.incident_open(data=_input(cleaned(form)), by=user_of(request))
    except AmendsError as exc:
        return render(
            request, "incidents/list.html", _list_context(request, form, exc.message), status=exc.http_status
        )
    messages.success(request, "Incident opened. Link the affected complaints next.")
    return redirect("incidents:detail", pk=incident.pk)


def detail_context(request: HtmxHttpRequest, incident: Incident, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    initial = {f: getattr(incident, f) for f in IncidentForm.base_fields if hasattr(incident, f)}
    _, versions = selectors.notice_versions_for_user(user=user, incident=incident)
    context = {
        "incident": incident,
        "linked": selectors.linked_complaints_for_user(
            user=user, incident=incident, cursor=request.GET.get("cursor")
        ),
        "suggestions": selectors.suggestions_for_user(user=user, incident=incident),
        "updates": selectors.updates_for_incident(incident),
        "gestures": selectors.gestures_for_incident(incident),
        "notice_url": public_notice_url(incident, absolute=False),
        "drafts_waiting": sum(1 for v in versions if v.state == "draft"),
        "can_manage": can_user_manage_incidents(user),
        "can_draft": can_user_draft_public_text(user),
        "edit_form": IncidentForm(initial=initial),
        "update_form": UpdateForm(initial={"status": incident.status}),
        "search_form": LinkSearchForm(initial={"open_only": True}),
        "gesture_form": GestureForm(),
        "stalled_before": timezone.now() - STALLED_AFTER,
        "nav": "incidents",
    }
    return context | extra


@login_required
@require_GET
def incident_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    incident = selectors.incident_get_for_user(user=user_of(request), pk=pk)
    return render(request, "incidents/detail.html", detail_context(request, incident))


def _refused(request: HtmxHttpRequest, incident: Incident, exc: AmendsError, **forms: Any) -> HttpResponse:
    context = detail_context(request, incident, error=exc.message, **forms)
    return render(request, "incidents/detail.html", context, status=exc.http_status)


@login_required
@require_POST
def incident_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    form = IncidentForm(request.POST)
    try:
        services.incident_edit(incident=incident, data=_input(cleaned(form)), by=user)
    except AmendsError as exc:
        return _refused(request, incident, exc, edit_form=form, open_edit=True)
    messages.success(request, "Incident saved.")
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_POST
def update_send(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    form = UpdateForm(request.POST)
    try:
        data = cleaned(form)
        services.incident_update_send(
            incident=incident,
            by=user,
            body=data["body"],
            status=IncidentStatus(data["status"]),
            next_update_at=data["next_update_at"],
            resolve_complaints=data["resolve_complaints"],
            agreed_outcome=data["agreed_outcome"],
        )
    except AmendsError as exc:
        return _refused(request, incident, exc, update_form=form)
    messages.success(request, "Update queued for every linked customer; its progress is below.")
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_GET
def update_progress(request: HtmxHttpRequest, pk: int, update_pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    update = selectors.update_get_for_user(user=user, incident=incident, pk=update_pk)
    context = {"update": update, "incident": incident, "can_manage": can_user_manage_incidents(user)}
    context["stalled_before"] = timezone.now() - STALLED_AFTER
    return render(request, "incidents/_update_progress.html", context)


@login_required
@require_POST
def update_resume(request: HtmxHttpRequest, pk: int, update_pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    update = selectors.update_get_for_user(user=user, incident=incident, pk=update_pk)
    waiting = services.update_resume(update=update, by=user)
    messages.success(request, f"Sending resumed: {waiting} still to go; nobody gets it twice.")
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_POST
def gesture_grant(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    form = GestureForm(request.POST)
    try:
        data = cleaned(form)
        services.incident_gesture_grant(
            incident=incident, by=user, remedy=data["remedy"], amount=data["amount"], wording=data["wording"]
        )
    except AmendsError as exc:
        return _refused(request, incident, exc, gesture_form=form)
    messages.success(request, "Gesture queued for every linked complaint, under your authority limits.")
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_GET
def gesture_detail(request: HtmxHttpRequest, pk: int, gesture_pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    gesture = selectors.gesture_get_for_user(user=user, incident=incident, pk=gesture_pk)
    context = {
        "incident": incident,
        "gesture": gesture,
        "refused": selectors.refused_gestures(gesture, user=user),
    }
    return render(request, "incidents/_gesture_progress.html", context)

"""Linking complaints: in bulk from a search, from triage's suspicions, and from a complaint's panel."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from amends.accounts.models import User
from amends.complaints.models import Complaint
from amends.complaints.selectors import complaint_get_for_user
from amends.core.errors import AmendsError, InvalidInput
from amends.core.http import HtmxHttpRequest

from .. import selectors, services
from ..forms import LinkForm, LinkSearchForm, cleaned
from ..permissions import can_user_manage_incidents
from . import user_of
from .desk import detail_context


@login_required
@require_GET
def link_preview(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """What a search would link, before linking it."""
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    form = LinkSearchForm(request.GET)
    try:
        data = cleaned(form)
        preview = selectors.search_preview(
            user=user, incident=incident, query=data["q"], open_only=data["open_only"]
        )
    except AmendsError as exc:
        context = detail_context(request, incident, error=exc.message, search_form=form)
        return render(request, "incidents/detail.html", context, status=exc.http_status)
    context = {"incident": incident, "preview": preview, "search_form": form, "nav": "incidents"}
    context["can_manage"] = can_user_manage_incidents(user)
    return render(request, "incidents/link_preview.html", context)


@login_required
@require_POST
def link_search(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    data = cleaned(LinkSearchForm(request.POST))
    linked = services.incident_link_search(
        incident=incident, by=user, query=data["q"], open_only=data["open_only"]
    )
    messages.success(request, f"Linked {linked} more complaint{'s' if linked != 1 else ''} to this incident.")
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_POST
def suspected_open(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    suspected = selectors.suspected_get_for_user(user=user, pk=pk)
    incident = services.incident_open_from_suspected(suspected=suspected, by=user)
    messages.success(request, "Incident opened from triage's suspicion, with its complaints linked.")
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_POST
def suspected_dismiss(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    services.suspected_dismiss(suspected=selectors.suspected_get_for_user(user=user, pk=pk), by=user)
    messages.success(request, "Suspicion dismissed.")
    return redirect("incidents:list")


def _on_complaint(
    request: HtmxHttpRequest, reference: str, action: Callable[[Complaint, User], str]
) -> HttpResponse:
    """Run a panel action on a complaint the user may see, then show the complaint page again."""
    user = user_of(request)
    complaint = complaint_get_for_user(user=user, reference=reference)
    notice = action(complaint, user)
    messages.success(request, notice)
    url = reverse("desk:complaint", args=[complaint.reference])
    if request.htmx:
        return HttpResponse(headers={"HX-Redirect": url})
    return redirect(url)


@login_required
@require_POST
def complaint_link(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> str:
        data = cleaned(LinkForm(request.POST))
        incident = selectors.incident_get_for_user(user=user, pk=data["incident"])
        services.incident_link(
            incident=incident, complaint=complaint, by=user, tell_customer=data["tell_customer"]
        )
        told = " and told the customer it is a known problem" if data["tell_customer"] else ""
        return f"Linked to “{incident.title}”{told}."

    return _on_complaint(request, reference, action)


def _link_action(request: HtmxHttpRequest, reference: str, pk: int, verb: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> str:
        link = selectors.link_get_for_user(user=user, pk=pk, reference=complaint.reference)
        if verb == "confirm":
            services.link_confirm(link=link, by=user)
            return "Linked, and the customer was told it is a known problem."
        if verb == "dismiss":
            services.link_dismiss(link=link, by=user)
            return "Suggestion dismissed."
        if verb == "unlink":
            services.link_remove(link=link, by=user)
            return "Unlinked from the incident."
        raise InvalidInput("Unknown action.")

    return _on_complaint(request, reference, action)


@login_required
@require_POST
def link_confirm(request: HtmxHttpRequest, reference: str, pk: int) -> HttpResponse:
    return _link_action(request, reference, pk, "confirm")


@login_required
@require_POST
def link_dismiss(request: HtmxHttpRequest, reference: str, pk: int) -> HttpResponse:
    return _link_action(request, reference, pk, "dismiss")


@login_required
@require_POST
def link_remove(request: HtmxHttpRequest, reference: str, pk: int) -> HttpResponse:
    return _link_action(request, reference, pk, "unlink")

"""The agent desk: thin views that parse, authorise through selectors, call one service, render."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from amends.accounts.models import User
from amends.accounts.selectors import staff_list_for_teams, team_ids_for_user, team_list_for_user
from amends.coaching.services import coached_reply
from amends.complaints import selectors, services, states
from amends.complaints.models import Complaint, Severity, State
from amends.core.errors import AmendsError
from amends.core.http import HtmxHttpRequest

from .forms import (
    AssignForm,
    CategoriseForm,
    ComposeForm,
    InboxFilterForm,
    MergeForm,
    TransitionForm,
)

View = Callable[..., HttpResponse]


def staff_view(view: View) -> View:
    """Require a signed-in, active member of staff."""
    return login_required(view)


def _user(request: HtmxHttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@staff_view
@require_GET
def inbox(request: HtmxHttpRequest) -> HttpResponse:
    user = _user(request)
    form = InboxFilterForm(
        request.GET or None,
        teams=team_list_for_user(user),
        staff=staff_list_for_teams(team_ids_for_user(user)),
        me=user,
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.InboxFilters(
        state=data.get("state") or ("all" if data.get("q") else "open"),
        team=data["team"].pk if data.get("team") else None,
        assignee=data.get("assignee"),
        category=data["category"].pk if data.get("category") else None,
        q=data.get("q") or "",
        order=data.get("order") or "due",
    )
    error = ""
    try:
        page = selectors.complaint_list_for_user(user=user, filters=filters, cursor=request.GET.get("cursor"))
    except AmendsError as exc:
        page, error = selectors.Page([], None), exc.message
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "form": form,
        "page": page,
        "error": error,
        "query": query.urlencode(),
        "filters": filters,
    }
    template = (
        "desk/_results.html" if request.htmx and request.htmx.target == "results" else "desk/inbox.html"
    )
    return render(request, template, context)


def _complaint_context(request: HtmxHttpRequest, complaint: Complaint, **forms: Any) -> dict[str, Any]:
    user = _user(request)
    history, history_total = selectors.customer_history(user=user, complaint=complaint)
    kept_actions = any(name in forms for name in _ACTION_FORMS)
    return {
        "complaint": complaint,
        "timeline": selectors.timeline_for_complaint(complaint),
        "contact_points": list(complaint.customer.contact_points.all()),
        "history": history,
        "history_total": history_total,
        "compose_form": forms.get("compose_form") or ComposeForm(),
        # The action forms (state, assignment, category, merge) load as a side panel after the
        # page, unless one of them comes back with what the person typed.
        "actions_inline": kept_actions,
        **(_actions_context(request, complaint, **forms) if kept_actions else {}),
        "error": forms.get("error", ""),
        "notice": forms.get("notice", ""),
    }


_ACTION_FORMS = ("transition_form", "assign_form", "categorise_form", "merge_form")


def _actions_context(request: HtmxHttpRequest, complaint: Complaint, **forms: Any) -> dict[str, Any]:
    allowed = states.allowed_next(complaint.state)
    return {
        "transition_form": forms.get("transition_form") or TransitionForm(allowed=allowed),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            initial={"team": complaint.team_id, "assignee": complaint.assignee_id}, user=_user(request)
        ),
        "categorise_form": forms.get("categorise_form")
        or CategoriseForm(initial={"category": complaint.category_id, "severity": complaint.severity}),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "can_change": bool(allowed),
    }


@staff_view
@require_GET
def complaint_detail(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    complaint = selectors.complaint_page_get_for_user(user=_user(request), reference=reference)
    return render(request, "desk/complaint.html", _complaint_context(request, complaint))


# Panels of other apps, shown beside the complaint and loaded after it (see desk/_lazy.html).
PANELS = {
    "actions": "desk/panels/actions.html",
    "triage": "triage/_panel.html",
    "playbooks": "coaching/_playbook_panel.html",
    "promises": "desk/panels/promises.html",
    "remedies": "remedies/_panel.html",
    "review": "reviews/_panel.html",
    "incidents": "incidents/_panel.html",
}


@staff_view
@require_GET
def complaint_panel(request: HtmxHttpRequest, reference: str, name: str) -> HttpResponse:
    """One side panel of a complaint page, for a user who may see the complaint."""
    if name not in PANELS:
        raise Http404("No such panel.")
    complaint = selectors.complaint_get_for_user(user=_user(request), reference=reference)
    context: dict[str, Any] = {"complaint": complaint}
    if name == "actions":
        context.update(_actions_context(request, complaint))
    return render(request, PANELS[name], context)


def _act(
    request: HtmxHttpRequest,
    reference: str,
    action: Callable[[Complaint, User], tuple[str, dict[str, Any]]],
    keep: str = "",
) -> HttpResponse:
    """Run a desk action on a complaint the user may see, then show the complaint again.

    htmx requests get the complaint fragment in place; others are redirected (post/redirect/get).
    A domain error is shown with a 4xx status, and the form named by ``keep`` is shown again
    with what the person typed, so a refused reply is never lost.
    """
    user = _user(request)
    complaint = selectors.complaint_get_for_user(user=user, reference=reference)
    status = 200
    try:
        notice, forms = action(complaint, user)
    except AmendsError as exc:
        notice, forms, status = "", {"error": exc.message}, exc.http_status
        if keep:
            forms[keep] = _KEPT_FORMS[keep](request.POST, complaint)
    complaint = selectors.complaint_page_get_for_user(user=user, reference=complaint.reference)
    if not request.htmx and status == 200:
        return redirect("desk:complaint", reference=complaint.reference)
    context = _complaint_context(request, complaint, notice=notice, **forms)
    template = "desk/_complaint.html" if request.htmx else "desk/complaint.html"
    return render(request, template, context, status=status)


_KEPT_FORMS: dict[str, Callable[[Any, Complaint], Any]] = {
    "compose_form": lambda data, complaint: ComposeForm(data),
    "transition_form": lambda data, complaint: TransitionForm(
        data, allowed=states.allowed_next(complaint.state)
    ),
}


class FormInvalid(AmendsError):
    http_status = 400


def _valid(form: Any) -> dict[str, Any]:
    if not form.is_valid():
        first = next(iter(form.errors.items()))
        label = form.fields[first[0]].label if first[0] in form.fields else ""
        raise FormInvalid(f"{label}: {first[1][0]}" if label else str(first[1][0]))
    data: dict[str, Any] = form.cleaned_data
    return data


@staff_view
@require_POST
def complaint_compose(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> tuple[str, dict[str, Any]]:
        form = ComposeForm(request.POST)
        try:
            data = _valid(form)
        except FormInvalid as exc:
            raise FormInvalid(exc.message) from exc
        if data["kind"] == "note":
            services.complaint_add_note(complaint=complaint, by=user, body=data["body"])
            return "Note added.", {}
        if data["kind"] == "call":
            services.complaint_log_call(complaint=complaint, by=user, body=data["body"])
            return "Call recorded.", {}
        coached_reply(complaint=complaint, by=user, body=data["body"])
        return "Reply sent to the customer.", {}

    return _act(request, reference, action, keep="compose_form")


@staff_view
@require_POST
def complaint_transition(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> tuple[str, dict[str, Any]]:
        data = _valid(TransitionForm(request.POST, allowed=states.allowed_next(complaint.state)))
        to_state = State(data["to_state"])
        services.complaint_transition(
            complaint=complaint,
            by=user,
            to_state=to_state,
            reason=data["reason"],
            agreed_outcome=data["agreed_outcome"],
        )
        return f"Moved to {to_state.label.lower()}.", {}

    return _act(request, reference, action, keep="transition_form")


@staff_view
@require_POST
def complaint_assign(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> tuple[str, dict[str, Any]]:
        data = _valid(AssignForm(request.POST, user=user))
        services.complaint_assign(complaint=complaint, by=user, team=data["team"], assignee=data["assignee"])
        return "Assignment saved.", {}

    return _act(request, reference, action)


@staff_view
@require_POST
def complaint_categorise(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> tuple[str, dict[str, Any]]:
        data = _valid(CategoriseForm(request.POST))
        services.complaint_categorise(
            complaint=complaint,
            by=user,
            category=data["category"],
            severity=Severity(data["severity"]),
        )
        return "Category and severity saved.", {}

    return _act(request, reference, action)


@staff_view
@require_POST
def complaint_merge(request: HtmxHttpRequest, reference: str) -> HttpResponse:
    def action(complaint: Complaint, user: User) -> tuple[str, dict[str, Any]]:
        data = _valid(MergeForm(request.POST))
        target = selectors.complaint_get_for_user(user=user, reference=data["target"])
        services.complaint_merge(source=complaint, target=target, by=user, reason=data["reason"])
        return f"Merged into {target.reference}.", {}

    return _act(request, reference, action)

"""Desk pages for coaching: the live coach panel and the playbook pages for supervisors."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amends.accounts.models import User
from amends.complaints import selectors as complaint_selectors
from amends.core.errors import AmendsError, PermissionDenied

from . import selectors, services
from .forms import PlaybookNewForm, ReturnForm, TemplateFormSet, VersionForm
from .models import PlaybookKind, PlaybookVersion
from .permissions import can_user_edit_playbooks


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_POST
def coach_panel(request: HttpRequest, reference: str) -> HttpResponse:
    """The coach's verdicts on the draft in the composer, as the panel under the reply box."""
    complaint = complaint_selectors.complaint_get_for_user(user=_user(request), reference=reference)
    context: dict[str, Any] = {"complaint": complaint, "is_note": request.POST.get("kind") == "note"}
    draft = request.POST.get("body", "")
    if draft.strip() and not context["is_note"]:
        try:
            customer = selectors.last_customer_message(complaint)
            context["coach"] = services.draft_coach(draft=draft, customer=customer)
        except AmendsError as exc:
            context["coach_error"] = exc.message
    return render(request, "coaching/_coach_panel_body.html", context)


@login_required
@require_GET
def playbook_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "coaching/playbook_list.html",
        {"playbooks": selectors.playbook_list_for_user(user=user), "can_edit": can_user_edit_playbooks(user)},
    )


@login_required
@require_GET
def playbook_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    playbook = selectors.playbook_get_for_user(user=user, slug=slug)
    number = request.GET.get("version")
    version = selectors.playbook_version_for_user(
        user=user, playbook=playbook, number=int(number) if number and number.isdigit() else None
    )
    context = {
        "playbook": playbook,
        "version": version,
        "can_edit": can_user_edit_playbooks(user),
        "versions": list(playbook.versions.all()) if can_user_edit_playbooks(user) else [],
        "return_form": ReturnForm(),
    }
    return render(request, "coaching/playbook_detail.html", context)


def _editor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_user_edit_playbooks(_user(request)):
            raise PermissionDenied("Only supervisors write and approve playbooks.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


@_editor
@require_http_methods(["GET", "POST"])
def playbook_new(request: HttpRequest) -> HttpResponse:
    form = PlaybookNewForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.playbook_create(
                by=_user(request),
                title=data["title"],
                kind=PlaybookKind(data["kind"]),
                category=data["category"],
                question=data["question"],
            )
        except AmendsError as exc:
            error = exc.message
        else:
            return redirect("coaching:playbook_edit", slug=version.playbook.slug, number=version.number)
    return render(
        request, "coaching/playbook_new.html", {"form": form, "error": error}, status=400 if error else 200
    )


def _version(request: HttpRequest, slug: str, number: int) -> PlaybookVersion:
    user = _user(request)
    playbook = selectors.playbook_get_for_user(user=user, slug=slug)
    return selectors.playbook_version_for_user(user=user, playbook=playbook, number=number)


@_editor
@require_http_methods(["GET", "POST"])
def playbook_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(request, slug, number)
    initial = {f: getattr(version, f) for f in VersionForm.base_fields}
    form = VersionForm(request.POST or None, initial=initial)
    templates = TemplateFormSet(
        request.POST or None, initial=[{"title": t.title, "body": t.body} for t in version.templates.all()]
    )
    error = ""
    if request.method == "POST" and form.is_valid() and templates.is_valid():
        data = services.VersionInput(
            **form.cleaned_data,
            templates=[
                services.TemplateInput(t.get("title", ""), t.get("body", "")) for t in templates.cleaned_data
            ],
        )
        try:
            services.playbook_version_save(version=version, by=_user(request), data=data)
        except AmendsError as exc:
            error = exc.message
        else:
            if "submit" in request.POST:
                return _act(
                    request, slug, number, lambda v, u: services.playbook_version_submit(version=v, by=u)
                )
            return redirect(f"{request.path}?saved=1")
    context = {"version": version, "playbook": version.playbook, "form": form, "templates": templates}
    context |= {"error": error, "saved": "saved" in request.GET}
    return render(request, "coaching/playbook_edit.html", context, status=400 if error else 200)


def _act(
    request: HttpRequest, slug: str, number: int, action: Callable[[PlaybookVersion, User], PlaybookVersion]
) -> HttpResponse:
    version = action(_version(request, slug, number), _user(request))
    url = reverse("coaching:playbook_detail", args=[version.playbook.slug])
    return redirect(f"{url}?version={version.number}")


@_editor
@require_POST
def playbook_submit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _act(request, slug, number, lambda v, u: services.playbook_version_submit(version=v, by=u))


@_editor
@require_POST
def playbook_approve(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _act(request, slug, number, lambda v, u: services.playbook_version_approve(version=v, by=u))


@_editor
@require_POST
def playbook_return(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    note = request.POST.get("note", "")
    return _act(
        request, slug, number, lambda v, u: services.playbook_version_return(version=v, by=u, note=note)
    )


@_editor
@require_POST
def playbook_version_new(request: HttpRequest, slug: str) -> HttpResponse:
    playbook = selectors.playbook_get_for_user(user=_user(request), slug=slug)
    draft = services.playbook_version_start(playbook=playbook, by=_user(request))
    return redirect("coaching:playbook_edit", slug=playbook.slug, number=draft.number)

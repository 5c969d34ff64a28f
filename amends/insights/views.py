"""The insight pages, their CSV exports and the per-person page: thin views over ``reports``."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from amends.accounts.models import User
from amends.core.errors import NotFound
from amends.core.http import HtmxHttpRequest

from .filters import InsightFilters, Scope, scope_for
from .forms import DEFAULT_DAYS, InsightFilterForm
from .reports import PAGES
from .reports.agents import agent_sections, coached_by
from .tables import Section


def _user(request: HtmxHttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _filters(request: HtmxHttpRequest, form: InsightFilterForm) -> InsightFilters:
    return form.to_filters(today=timezone.localdate())


def _form(request: HtmxHttpRequest, scope: Scope) -> InsightFilterForm:
    """The filter form, showing the period in force even when the address does not name one."""
    data = request.GET.copy() if request.GET else None
    if data is not None and not data.get("days"):
        data["days"] = str(DEFAULT_DAYS)
    return InsightFilterForm(data, scope=scope, initial={"days": str(DEFAULT_DAYS)})


def _csv(section: Section) -> HttpResponse:
    response = HttpResponse(section.table.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{section.table.name}.csv"'
    return response


def _sections(request: HtmxHttpRequest, name: str) -> tuple[InsightFilterForm, InsightFilters, list[Section]]:
    if name not in PAGES:
        raise Http404("No such insight page.")
    scope = scope_for(_user(request))
    form = _form(request, scope)
    filters = _filters(request, form)
    return form, filters, PAGES[name][1](scope, filters, timezone.localdate())


@login_required
@require_GET
def page(request: HtmxHttpRequest, name: str = "volume") -> HttpResponse:
    form, filters, sections = _sections(request, name)
    context = {
        "form": form,
        "filters": filters,
        "sections": sections,
        "page_name": name,
        "pages": [(key, title) for key, (title, _) in PAGES.items()],
        "title": PAGES[name][0],
        "query": request.GET.urlencode(),
        "nav": "insights",
    }
    partial = request.htmx and request.htmx.target == "insight-body"
    return render(request, "insights/_body.html" if partial else "insights/page.html", context)


@login_required
@require_GET
def csv_export(request: HtmxHttpRequest, name: str, table: str) -> HttpResponse:
    _, _, sections = _sections(request, name)
    for section in sections:
        if section.table.name == table:
            return _csv(section)
    raise Http404("No such table on this page.")


@login_required
@require_GET
def people(request: HtmxHttpRequest) -> HttpResponse:
    """A supervisor's list of the people they coach; anyone else goes to their own figures."""
    user = _user(request)
    agents = coached_by(user)
    if not agents:
        return redirect("insights:person", username=user.username)
    return render(request, "insights/people.html", {"agents": agents, "nav": "insights"})


@login_required
@require_GET
def person(request: HtmxHttpRequest, username: str, export: str = "") -> HttpResponse:
    viewer = _user(request)
    agent = User.objects.filter(username=username, is_active=True).first()
    if agent is None:
        raise NotFound("No such person.")
    form = _form(request, scope_for(viewer))
    sections = agent_sections(viewer=viewer, agent=agent, filters=_filters(request, form))
    if export:
        return _csv(sections[0])
    context = {
        "form": form,
        "sections": sections,
        "agent": agent,
        "is_self": agent.pk == viewer.pk,
        "query": request.GET.urlencode(),
        "nav": "insights",
        "filters": _filters(request, form),
    }
    return render(request, "insights/person.html", context)

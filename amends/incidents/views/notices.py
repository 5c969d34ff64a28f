"""Public notices: drafted and approved on the desk; shown on public pages and an Atom feed.

The public pages and the feed read only through ``publicity``, which shows nothing a
spokesperson has not approved word for word.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET, require_POST

from amends.core.errors import AmendsError
from amends.core.http import HtmxHttpRequest

from .. import publicity, selectors, services
from ..forms import DecisionForm, NoticeForm, cleaned
from ..models import Incident, NoticeVersion, StatementTopic
from ..permissions import can_user_draft_public_text, can_user_speak
from . import user_of


def _notice_context(request: HtmxHttpRequest, incident: Incident, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    notice, versions = selectors.notice_versions_for_user(user=user, incident=incident)
    latest = versions[0] if versions else None
    initial = {
        "title": latest.title if latest else incident.title,
        "what_happened": latest.what_happened
        if latest
        else incident.customer_summary or incident.what_happened,
        "apology": latest.apology if latest else "",
        "actions": latest.actions if latest else "",
        "next_update_at": latest.next_update_at if latest else incident.next_update_at,
    }
    context = {
        "incident": incident,
        "notice": notice,
        "versions": [
            (v, publicity.notice_digest(v), notice is not None and publicity.is_public(v, notice))
            for v in versions
        ],
        "public_url": publicity.public_notice_url(incident, absolute=False),
        "form": NoticeForm(initial=initial),
        "statements": selectors.statements_suggested([StatementTopic.INCIDENT]),
        "can_draft": can_user_draft_public_text(user),
        "can_approve": can_user_speak(user),
        "nav": "incidents",
    }
    return context | extra


@login_required
@require_GET
def notice_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    incident = selectors.incident_get_for_user(user=user_of(request), pk=pk)
    return render(request, "incidents/notice.html", _notice_context(request, incident))


@login_required
@require_POST
def notice_draft(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    form = NoticeForm(request.POST)
    try:
        data = cleaned(form)
        services.notice_draft(incident=incident, by=user, text=services.NoticeText(**data))
    except AmendsError as exc:
        context = _notice_context(request, incident, form=form, error=exc.message)
        return render(request, "incidents/notice.html", context, status=exc.http_status)
    messages.success(request, "Draft saved. Nothing is public until a spokesperson approves this text.")
    return redirect("incidents:notice", pk=incident.pk)


def _decide(request: HtmxHttpRequest, pk: int, version_pk: int, verb: str) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    version = selectors.notice_version_get_for_user(user=user, incident=incident, pk=version_pk)
    data = cleaned(DecisionForm(request.POST))
    if verb == "approve":
        services.notice_approve(version=version, by=user, digest=data["digest"])
        messages.success(request, f"Version {version.number} approved: it is now the public notice.")
    else:
        services.notice_reject(version=version, by=user, reason=data["reason"])
        messages.success(request, f"Version {version.number} sent back with your reason.")
    return redirect("incidents:notice", pk=incident.pk)


@login_required
@require_POST
def notice_approve(request: HtmxHttpRequest, pk: int, version_pk: int) -> HttpResponse:
    return _decide(request, pk, version_pk, "approve")


@login_required
@require_POST
def notice_reject(request: HtmxHttpRequest, pk: int, version_pk: int) -> HttpResponse:
    return _decide(request, pk, version_pk, "reject")


@login_required
@require_POST
def notice_withdraw(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    incident = selectors.incident_get_for_user(user=user, pk=pk)
    notice, _ = selectors.notice_versions_for_user(user=user, incident=incident)
    if notice is None:
        return redirect("incidents:notice", pk=incident.pk)
    services.notice_withdraw(notice=notice, by=user, reason=cleaned(DecisionForm(request.POST))["reason"])
    messages.success(request, "Notice withdrawn: none of its words are public any more.")
    return redirect("incidents:notice", pk=incident.pk)


# Public ----------------------------------------------------------------------------------------


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    current, past = publicity.public_notices()
    return render(request, "incidents/public/list.html", {"current": current, "past": past})


@require_GET
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "incidents/public/detail.html", {"item": publicity.public_notice(pk)})


class NoticeFeed(Feed[NoticeVersion, None]):
    """Every published update of every public notice, newest first."""

    feed_type = Atom1Feed
    title = "Service notices"
    subtitle = "Problems affecting our customers: what happened, our apology, what we are doing."

    def link(self) -> str:
        return reverse("notices:list")

    def items(self) -> list[NoticeVersion]:
        return publicity.feed_versions()

    def item_title(self, item: NoticeVersion) -> str:
        return item.title if item.number == 1 else f"{item.title} (update)"

    def item_description(self, item: NoticeVersion) -> str:
        parts = [item.what_happened, item.apology, f"What we are doing: {item.actions}"]
        return "\n\n".join(parts)

    def item_link(self, item: NoticeVersion) -> str:
        return reverse("notices:detail", args=[item.notice_id]) + f"#v{item.number}"

    def item_guid(self, item: NoticeVersion) -> str:
        return f"notice-{item.notice_id}-version-{item.number}"

    def item_guid_is_permalink(self, item: NoticeVersion) -> bool:
        return False

    def item_updateddate(self, item: NoticeVersion) -> Any:
        return item.decided_at

    def item_pubdate(self, item: NoticeVersion) -> Any:
        return item.decided_at

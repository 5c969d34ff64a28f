"""REST API v1: thin endpoints over the complaint services and selectors."""

import json
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Header, NinjaAPI, Query, Status
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer

from amends.accounts.models import User
from amends.accounts.selectors import user_for_api_key
from amends.coaching.api import router as coach_router
from amends.coaching.services import coached_reply
from amends.complaints import selectors, services
from amends.complaints.categories import active_category
from amends.complaints.models import Category, Channel, Complaint, ContactMethod, State
from amends.core.errors import AmendsError, InvalidInput, NotFound

from .schemas import (
    AcceptedOut,
    ComplaintIn,
    ComplaintOut,
    ComplaintPage,
    ComplaintSummaryOut,
    ErrorOut,
    MessageIn,
    MessageOut,
    TransitionIn,
)


class ApiKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_api_key(token)


api = NinjaAPI(
    title="Amends API",
    version="1",
    urls_namespace="api-1.0.0",
    description="Complaints in and out of Amends. Authenticate with `Authorization: Bearer <key>`; "
    "create a key with `amends apikey create --user NAME`.",
    auth=ApiKey(),
)


@api.exception_handler(AmendsError)
def domain_error(request: HttpRequest, exc: AmendsError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=exc.http_status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", []) if part not in ("body", "payload", "query")]
        name = ".".join(location) or "request"
        problems.append({"field": name, "message": f"{name}: {error.get('msg', 'is not valid')}"})
    detail = "; ".join(p["message"] for p in problems)
    return api.create_response(
        request,
        {"detail": detail, "field": problems[0]["field"] if problems else None, "errors": problems},
        status=422,
    )


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Send a valid API key as 'Authorization: Bearer <key>'."}, status=401
    )


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return api.create_response(
        request, {"detail": f"The request body is larger than {limit:,} bytes."}, status=413
    )


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _complaint_out(complaint: Complaint) -> dict[str, Any]:
    return {
        **{f: getattr(complaint, f) for f in ComplaintOut.model_fields if hasattr(complaint, f)},
        "category": complaint.category.slug if complaint.category else None,
        "team": complaint.team.slug if complaint.team else None,
        "assignee": complaint.assignee.username if complaint.assignee else None,
        "customer": {"name": complaint.customer.name},
        "url": settings.SITE_URL + reverse("desk:complaint", args=[complaint.reference]),
    }


def _summary_out(complaint: Complaint) -> dict[str, Any]:
    return {
        **{f: getattr(complaint, f) for f in ComplaintSummaryOut.model_fields if hasattr(complaint, f)},
        "category": complaint.category.slug if complaint.category else None,
        "team": complaint.team.slug if complaint.team else None,
        "assignee": complaint.assignee.username if complaint.assignee else None,
    }


def _category(slug: str | None) -> Category | None:
    if not slug:
        return None
    category = active_category(slug=slug)
    if category is None:
        raise InvalidInput(f"No active category {slug!r}.", field="category")
    return category


@api.post(
    "/complaints",
    response={202: AcceptedOut, 200: AcceptedOut, 409: ErrorOut, 422: ErrorOut},
    summary="Create a complaint",
)
def create_complaint(
    request: HttpRequest,
    payload: ComplaintIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),  # type: ignore[type-arg]
) -> Status[dict[str, Any]]:
    """Take in a complaint. It is stored at once and answered with its reference (202); a worker
    files it within seconds, and `GET /complaints/{reference}` then shows it in full. Send an
    `Idempotency-Key` header so a retried request returns the first submission (status 200)
    instead of creating another."""
    user = _user(request)
    data = services.ComplaintInput(
        channel=Channel(payload.channel),
        name=payload.name,
        email=payload.email or "",
        phone=payload.phone or "",
        story=payload.story,
        outcome_sought=payload.outcome_sought,
        summary=payload.summary,
        category=_category(payload.category),
        severity=payload.severity,
        preferred_contact_method=ContactMethod(payload.preferred_contact_method),
        preferred_contact_time=payload.preferred_contact_time,
        raw=request.body,
        raw_content_type=request.content_type or "application/json",
    )
    accepted = services.complaint_accept(
        data=data,
        by=user,
        idempotency_key=idempotency_key or "",
        payload=json.loads(request.body or b"{}") if idempotency_key else None,
    )
    return Status(202 if accepted.created else 200, _accepted_out(accepted.reference, accepted.received_at))


def _accepted_out(reference: str, received_at: Any) -> dict[str, Any]:
    return {
        "reference": reference,
        "received_at": received_at,
        "url": settings.SITE_URL + reverse("api-1.0.0:get_complaint", args=[reference]),
    }


@api.get("/complaints", response=ComplaintPage, summary="List complaints")
def list_complaints(
    request: HttpRequest,
    state: str = "open",
    team: int | None = None,
    assignee: int | None = None,
    category: int | None = None,
    q: str = Query("", max_length=200),  # type: ignore[type-arg]
    order: Literal["due", "urgent"] = "due",
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=200),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Complaints you may see. `state` is `open` (default), `all` or one state; open complaints come in
    due order (or most urgent first with `order=urgent`), others newest first. Follow `next_cursor`."""
    filters = selectors.InboxFilters(
        state=state, team=team, assignee=assignee, category=category, q=q, order=order
    )
    page = selectors.complaint_list_for_user(user=_user(request), filters=filters, cursor=cursor, limit=limit)
    return {"items": [_summary_out(c) for c in page.items], "next_cursor": page.next_cursor}


@api.get(
    "/complaints/{reference}",
    response={200: ComplaintOut, 202: AcceptedOut, 404: ErrorOut},
    summary="Read a complaint",
)
def get_complaint(request: HttpRequest, reference: str) -> Status[dict[str, Any]]:
    """The complaint; 202 with its reference while one you sent is still being filed."""
    user = _user(request)
    try:
        complaint = selectors.complaint_get_for_user(user=user, reference=reference)
    except NotFound:
        waiting = selectors.submission_waiting(by=user, reference=reference)
        if waiting is None:
            raise
        return Status(202, _accepted_out(waiting.reference, waiting.received_at))
    return Status(200, _complaint_out(complaint))


@api.post(
    "/complaints/{reference}/messages",
    response={201: MessageOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Add a message",
)
def add_message(request: HttpRequest, reference: str, payload: MessageIn) -> Status[Any]:
    """Reply to the customer (sent by email), add an internal note, or record a message from the customer."""
    user = _user(request)
    complaint = selectors.complaint_get_for_user(user=user, reference=reference)
    if payload.kind == "reply":
        message = coached_reply(complaint=complaint, by=user, body=payload.body)
    elif payload.kind == "call":
        message = services.complaint_log_call(complaint=complaint, by=user, body=payload.body)
    elif payload.kind == "note":
        message = services.complaint_add_note(complaint=complaint, by=user, body=payload.body)
    else:
        message = services.complaint_add_customer_message(
            complaint=complaint,
            body=payload.body,
            channel=Channel.API,
            by=user,
            raw=request.body,
            raw_content_type="application/json",
        )
    return Status(201, message)


@api.post(
    "/complaints/{reference}/transitions",
    response={200: ComplaintOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Change state",
)
def change_state(request: HttpRequest, reference: str, payload: TransitionIn) -> dict[str, Any]:
    """Move the complaint along its journey. An invalid move is refused with 409 and the allowed states."""
    user = _user(request)
    complaint = selectors.complaint_get_for_user(user=user, reference=reference)
    services.complaint_transition(
        complaint=complaint,
        by=user,
        to_state=State(payload.to_state),
        reason=payload.reason,
        agreed_outcome=payload.agreed_outcome,
    )
    return _complaint_out(selectors.complaint_get_for_user(user=user, reference=reference))


api.add_router("/coach", coach_router)

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from amends.complaints.messages import format_when
from amends.complaints.models import Channel, Complaint, ContactMethod, Submission
from amends.complaints.selectors import promises_told_to_customer
from amends.complaints.services import ComplaintInput, complaint_accept
from amends.core.errors import InvalidInput, Throttled
from amends.portal.links import (
    complaint_id_from_token,
    received_token,
    reference_from_received_token,
    status_url,
)

from .forms import ComplaintForm
from .throttle import intake_throttle

View = Callable[..., HttpResponse]


def _body_first(view: View) -> View:
    """Read the whole body before anything parses the form, the CSRF check included.

    The body is kept verbatim with the complaint, and once Django has parsed a multipart form from
    the stream the body can no longer be read (it was a 500). A body over the limit is refused
    here with a message, where the CSRF check would have answered a bare 400.
    """

    @wraps(view)
    def read_first(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method == "POST":
            try:
                request.body  # noqa: B018 - read and kept by the request
            except RequestDataTooBig:
                limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
                return render(
                    request,
                    "amends/error.html",
                    {
                        "message": f"What you sent is larger than we can take in one go ({limit:,} "
                        "bytes). Please shorten it, or send it by email with attachments."
                    },
                    status=413,
                )
        return view(request, *args, **kwargs)

    return read_first


@csrf_exempt  # from the middleware's check: the same check runs below, once the body is read
@require_http_methods(["GET", "POST"])
@_body_first
@csrf_protect
def complaint_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "intake/form.html", {"form": ComplaintForm()})
    raw = request.body  # read by _body_first, before the form was parsed
    form = ComplaintForm(request.POST)
    if not form.is_valid():
        return render(request, "intake/form.html", {"form": form}, status=400)
    if form.cleaned_data["website"]:
        # A filled honeypot: answer as if accepted, store nothing a bot can use to probe.
        return render(request, "intake/received.html", {"complaint": None})
    data = form.cleaned_data
    try:
        accepted = complaint_accept(
            data=ComplaintInput(
                channel=Channel.WEB,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                story=data["story"],
                outcome_sought=data["outcome_sought"],
                category=data["category"],
                preferred_contact_method=ContactMethod(data["preferred_contact_method"]),
                preferred_contact_time=data["preferred_contact_time"],
                raw=raw,
                raw_content_type=request.content_type or "",
            ),
            throttle=intake_throttle(request),
        )
    except Throttled as exc:  # the form comes back as they filled it in, to send again later
        form.add_error(None, exc.message)
        return render(request, "intake/form.html", {"form": form}, status=429)
    except InvalidInput as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return render(request, "intake/form.html", {"form": form}, status=400)
    return redirect("intake:complaint_received", token=received_token(accepted.reference))


def complaint_received(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation: the reference at once, and the reply time once the complaint is filed
    (a worker files it within seconds; until then the page looks again by itself)."""
    reference = reference_from_received_token(token)
    if reference is None:  # a link from before complaints were filed by a worker
        complaint_id = complaint_id_from_token(token)
        complaint = Complaint.objects.filter(pk=complaint_id).first() if complaint_id else None
    else:
        complaint = Complaint.objects.filter(reference=reference).first()
    if complaint is None:
        waiting = (
            Submission.objects.filter(reference=reference, filed_at__isnull=True).first()
            if reference
            else None
        )
        if waiting is None:
            raise Http404("This link is not valid.")
        return render(request, "intake/received.html", {"waiting": waiting})
    promises = promises_told_to_customer(complaint)
    context = {
        "complaint": complaint,
        "reply_by": format_when(promises[0]) if promises else "",
        "status_url": status_url(complaint),
    }
    return render(request, "intake/received.html", context)

"""The customer's survey and check-in pages, reached by signed links in our emails."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from amends.core.errors import AmendsError, Conflict, NotFound

from . import services
from .forms import CheckinForm, SurveyForm
from .models import SurveyKind, SurveyState
from .selectors import survey_get_by_token


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex"
    # Not "no-referrer": browsers then send "Origin: null" with the form, which CSRF refuses.
    # Same-origin keeps the signed link from leaking to other sites all the same.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Show the survey or check-in; record the answers; say thank you."""
    try:
        survey = survey_get_by_token(token)
    except NotFound as exc:
        return _private(render(request, "surveys/gone.html", {"message": exc.message}, status=404))
    checkin = survey.kind == SurveyKind.CHECKIN
    form_class = CheckinForm if checkin else SurveyForm
    if survey.state == SurveyState.ANSWERED:
        return _private(render(request, "surveys/thanks.html", {"survey": survey, "again": True}))
    initial = {"held": request.GET.get("held")} if checkin else {}
    form = form_class(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if checkin:
                services.checkin_answer(survey=survey, held=data["held"], details=data["details"])
            else:
                services.survey_answer(
                    survey=survey, score=data["score"], better=data["better"], recommend=data["recommend"]
                )
        except Conflict:
            return _private(render(request, "surveys/thanks.html", {"survey": survey, "again": True}))
        except AmendsError as exc:
            form.add_error(None, exc.message)
            status = exc.http_status
        else:
            survey.refresh_from_db()
            return _private(render(request, "surveys/thanks.html", {"survey": survey}))
    elif request.method == "POST":
        status = 400
    template = "surveys/checkin.html" if checkin else "surveys/survey.html"
    return _private(render(request, template, {"survey": survey, "form": form}, status=status))

"""Forms for the incident pages. They parse; the services judge."""

from typing import Any

from django import forms

from amends.accounts.models import Role, User
from amends.complaints.models import Category, Severity
from amends.core.errors import InvalidInput
from amends.remedies.models import Remedy

from .models import IncidentStatus, StatementTopic

LOCAL_TIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _when(label: str, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=False, widget=LOCAL_TIME, input_formats=["%Y-%m-%dT%H:%M"], help_text=help_text
    )


class IncidentForm(forms.Form):
    title = forms.CharField(label="Title (customers see it in emails)", max_length=200)
    what_happened = forms.CharField(
        label="What happened, as far as we know", widget=forms.Textarea(attrs={"rows": 3})
    )
    impact = forms.CharField(
        label="Impact: who and what is affected", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    customer_summary = forms.CharField(
        label="How we describe it to customers",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One or two plain sentences for emails to linked customers; the title is used if blank.",
    )
    severity = forms.ChoiceField(label="Severity", choices=Severity.choices, initial=Severity.HIGH)
    owner = forms.ModelChoiceField(
        label="Owner", queryset=User.objects.none(), required=False, empty_label="(me)"
    )
    category = forms.ModelChoiceField(
        label="Category (for matching new complaints)",
        queryset=Category.objects.none(),
        required=False,
        empty_label="(any)",
    )
    match_words = forms.CharField(
        label="Matching phrases",
        required=False,
        max_length=300,
        help_text="Separated by commas, e.g. “app login, cannot sign in”: "
        "a new complaint using every word of one is suggested.",
    )
    next_update_at = _when("Next update by")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = User.objects.filter(
            is_active=True, role__in=[Role.SUPERVISOR, Role.ADMIN, Role.SPOKESPERSON]
        )
        self.fields["owner"].queryset = owners.order_by("first_name", "username")  # type: ignore[attr-defined]
        self.fields["category"].queryset = Category.objects.filter(is_active=True)  # type: ignore[attr-defined]


class UpdateForm(forms.Form):
    body = forms.CharField(
        label="The update, for everyone linked",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text="Each customer's email adds their name, their reference and their own promise dates.",
    )
    status = forms.ChoiceField(label="The incident is now", choices=IncidentStatus.choices)
    next_update_at = _when("Next update by")
    resolve_complaints = forms.BooleanField(
        label="Resolve the linked open complaints too (only when the incident is resolved)", required=False
    )
    agreed_outcome = forms.CharField(
        label="Agreed outcome for each resolved complaint", required=False, max_length=2000
    )


class LinkSearchForm(forms.Form):
    q = forms.CharField(label="Search complaints", max_length=200)
    open_only = forms.BooleanField(label="Open complaints only", required=False, initial=True)


class LinkForm(forms.Form):
    incident = forms.IntegerField(label="Incident")
    tell_customer = forms.BooleanField(
        label="Email the customer that this is a known problem", required=False
    )


class GestureForm(forms.Form):
    remedy = forms.ModelChoiceField(label="Gesture", queryset=Remedy.objects.none())
    amount = forms.CharField(label="Amount", required=False, max_length=30)
    wording = forms.CharField(label="As the customer reads it", required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["remedy"].queryset = Remedy.objects.filter(is_active=True)  # type: ignore[attr-defined]


class NoticeForm(forms.Form):
    title = forms.CharField(label="Headline", max_length=200)
    what_happened = forms.CharField(
        label="What happened", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    apology = forms.CharField(label="Our apology", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    actions = forms.CharField(
        label="What we are doing", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    next_update_at = _when("Next update by")


class DecisionForm(forms.Form):
    digest = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    reason = forms.CharField(label="Reason", required=False, max_length=2000)


class StatementForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    topic = forms.ChoiceField(label="For", choices=StatementTopic.choices)
    body = forms.CharField(label="The statement", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    key = forms.SlugField(required=False, widget=forms.HiddenInput)


def cleaned(form: forms.Form) -> dict[str, Any]:
    """The form's data, or ``InvalidInput`` naming the first field at fault."""
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        label = form.fields[name].label if name in form.fields else ""
        raise InvalidInput(f"{label}: {errors[0]}" if label else str(errors[0]), field=name)
    data: dict[str, Any] = form.cleaned_data
    return data

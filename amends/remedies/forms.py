"""Forms for the remedies panel and pages. They parse; the services judge amounts and authority."""

from typing import Any

from django import forms

from amends.core.errors import InvalidInput

from .models import Remedy, RemedyKind
from .money import format_money, organisation_currency


class RemedyChoiceField(forms.ModelChoiceField[Remedy]):
    def label_from_instance(self, obj: Remedy) -> str:
        if obj.default_amount:
            return f"{obj.name} ({format_money(obj.default_amount, obj.currency or organisation_currency())})"
        return obj.name


def _remedies(*, gestures: bool | None = None) -> Any:
    qs = Remedy.objects.filter(is_active=True)
    return qs if gestures is None else qs.filter(is_gesture=gestures)


class SoughtForm(forms.Form):
    kind = forms.ChoiceField(label="They asked for", choices=RemedyKind.choices)
    amount = forms.CharField(label="Amount (if they named one)", required=False, max_length=30)
    currency = forms.CharField(label="Currency", required=False, max_length=3)
    note = forms.CharField(label="In their words", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AskForm(forms.Form):
    body = forms.CharField(label="Ask them", widget=forms.Textarea(attrs={"rows": 6}))


class OfferForm(forms.Form):
    remedy_1 = RemedyChoiceField(label="First option", queryset=_remedies(gestures=False))
    amount_1 = forms.CharField(label="Amount", required=False, max_length=30)
    remedy_2 = RemedyChoiceField(
        label="Second option", queryset=_remedies(gestures=False), required=False, empty_label="(none)"
    )
    amount_2 = forms.CharField(label="Amount", required=False, max_length=30)
    note = forms.CharField(
        label="Your words above the options", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    by_phone = forms.BooleanField(label="Offered on the phone (no email)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("remedy_1", "remedy_2"):
            self.fields[name].queryset = _remedies(gestures=False)  # type: ignore[attr-defined]


class PhoneChoiceForm(forms.Form):
    offer = forms.IntegerField(widget=forms.HiddenInput)
    position = forms.TypedChoiceField(
        label="They chose",
        choices=[("", "Something else"), ("1", "Option 1"), ("2", "Option 2")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    counter = forms.CharField(
        label="Or, in their words, what they want instead",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GrantForm(forms.Form):
    remedy = RemedyChoiceField(label="Remedy", queryset=_remedies())
    amount = forms.CharField(label="Amount", required=False, max_length=30)
    wording = forms.CharField(label="As the customer reads it", required=False, max_length=300)
    key = forms.CharField(widget=forms.HiddenInput, max_length=60)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["remedy"].queryset = _remedies()  # type: ignore[attr-defined]


class ResolveForm(forms.Form):
    agreed_outcome = forms.CharField(
        label="Agreed outcome", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(forms.Form):
    reason = forms.CharField(label="Reason", required=False, max_length=2000)


class CustomerChoiceForm(forms.Form):
    """The customer's answer on the portal page."""

    position = forms.TypedChoiceField(
        choices=[("1", "1"), ("2", "2")], coerce=int, empty_value=None, required=False
    )
    counter = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


def cleaned(form: forms.Form) -> dict[str, Any]:
    """The form's data, or ``InvalidInput`` naming the first field at fault."""
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        label = form.fields[name].label if name in form.fields else ""
        raise InvalidInput(f"{label}: {errors[0]}" if label else str(errors[0]), field=name)
    data: dict[str, Any] = form.cleaned_data
    return data

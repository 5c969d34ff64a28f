"""Forms for the review panel and the proposals pages. They parse; the services judge."""

from typing import Any

from django import forms

from amends.core.errors import InvalidInput

from .models import Factor, PolicyArea, RootCause
from .services import ProposalInput, ReviewInput


class AreaChoiceField(forms.ModelChoiceField[PolicyArea]):
    def label_from_instance(self, obj: PolicyArea) -> str:
        return f"{obj.name} (owner: {obj.owner.display_name})"


class ReviewForm(forms.Form):
    root_cause = forms.ChoiceField(label="Root cause", choices=RootCause.choices, widget=forms.RadioSelect)
    factors = forms.MultipleChoiceField(
        label="What made it likelier",
        choices=Factor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    factors_note = forms.CharField(
        label="Contributing factors, in your words",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Describe what in the system let it happen, not who.",
    )
    learning = forms.CharField(
        label="What would stop it happening again",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    area = AreaChoiceField(
        label="Addressed to",
        queryset=PolicyArea.objects.none(),
        required=False,
        empty_label="No change to propose",
    )
    title = forms.CharField(label="The change, in a line", required=False, max_length=200)
    change = forms.CharField(
        label="What should change, and why",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, areas: list[PolicyArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["area"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = PolicyArea.objects.filter(pk__in=[a.pk for a in areas]).select_related("owner")

    def to_input(self) -> ReviewInput:
        data = cleaned(self)
        area = data.get("area")
        proposal = ProposalInput(area, data["title"], data["change"]) if area is not None else None
        return ReviewInput(
            data["root_cause"], data["factors"], data["factors_note"], data["learning"], proposal
        )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
    note = forms.CharField(
        label="Reason (needed to decline)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label="What changed", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    changed_on = forms.DateField(label="In effect from", widget=forms.DateInput(attrs={"type": "date"}))


def cleaned(form: forms.Form) -> dict[str, Any]:
    """The form's data, or ``InvalidInput`` naming the first field at fault."""
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        label = form.fields[name].label if name in form.fields else ""
        raise InvalidInput(f"{label}: {errors[0]}" if label else str(errors[0]), field=name)
    data: dict[str, Any] = form.cleaned_data
    return data

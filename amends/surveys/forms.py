from django import forms

from .models import Recommend

SCORES = [(5, "5 — very satisfied"), (4, "4"), (3, "3"), (2, "2"), (1, "1 — very dissatisfied")]


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(
        label="How satisfied are you with how we handled your complaint?",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    better = forms.CharField(
        label="How could we have done better?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    recommend = forms.ChoiceField(
        label="Would you recommend us to a friend?", choices=Recommend.choices, widget=forms.RadioSelect
    )


class CheckinForm(forms.Form):
    held = forms.TypedChoiceField(
        label="Did our fix hold?",
        choices=[("yes", "Yes, all is well"), ("no", "No, the problem is back")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label="Anything you would like to tell us?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

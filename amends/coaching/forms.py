from django import forms

from amends.complaints.models import Category

from .models import PlaybookKind


class PlaybookNewForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    kind = forms.ChoiceField(
        label="For", choices=PlaybookKind.choices, initial=PlaybookKind.CATEGORY, widget=forms.RadioSelect
    )
    category = forms.ModelChoiceField(
        label="Category",
        queryset=Category.objects.filter(is_active=True),
        required=False,
        empty_label="Choose a category",
    )
    question = forms.CharField(
        label="The tough question",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "The customer threatens to go to the press"}),
    )


def _lines(label: str, help_text: str, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=5000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class VersionForm(forms.Form):
    summary = _lines(
        "When this applies", "A sentence or two; it also helps the desk suggest this playbook.", 2
    )
    questions = _lines("Questions to ask", "One a line: what to ask to find the real problem.")
    may_promise = _lines("May promise", "One a line.", 3)
    may_not_promise = _lines("Must not promise", "One a line.", 3)
    change_note = forms.CharField(label="What changed", max_length=300, required=False)


class TemplateForm(forms.Form):
    title = forms.CharField(label="Template title", max_length=120, required=False)
    body = forms.CharField(
        label="Reply",
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Placeholders: {name} {reference} {promised_date} {remedy_options}",
    )


TemplateFormSet = forms.formset_factory(TemplateForm, extra=1, max_num=8)


class ReturnForm(forms.Form):
    note = forms.CharField(label="What should change", max_length=300)

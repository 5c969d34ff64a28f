"""The Python-drawn widgets match Django's widget templates exactly, for every widget they draw."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from amends.core.rendering import FormRenderer
from amends.desk.forms import AssignForm, CategoriseForm, ComposeForm, InboxFilterForm, TransitionForm


class EveryWidget(forms.Form):
    search = forms.CharField(
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": 'Say "x" & <y>', "hx-get": "/a?b=1&c=2"}
        )
    )
    choice = forms.ChoiceField(
        choices=[("", "Any"), (1, "One & <two>"), ("Group <g>", [("g1", "G1"), ("g2", "G2")])],
        required=False,
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    radio = forms.ChoiceField(widget=forms.RadioSelect, choices=[("x", "X"), ("y", "Y <b>")])
    boxes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple(attrs={"class": "row"}),
        choices=[("x", "X"), ("Group", [("y", "Y")])],
    )
    flag = forms.BooleanField(required=False)
    number = forms.IntegerField()
    email = forms.EmailField(disabled=True)
    when = forms.DateTimeField()
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")])
    hidden = forms.CharField(widget=forms.HiddenInput)


FILLED = {
    "search": '<script>"',
    "choice": "g2",
    "text": "hi <b>\nthere",
    "radio": "y",
    "boxes": ["x", "y"],
    "flag": "on",
    "number": "12",
    "when": "2026-01-01 10:00",
    "many": ["y"],
    "hidden": "&",
}


@pytest.mark.parametrize(
    "data", [None, FILLED, {"search": "", "text": ""}], ids=["unbound", "filled", "empty"]
)
def test_every_widget_is_drawn_exactly_as_djangos_templates_draw_it(data):
    by_templates = EveryWidget(data, renderer=DjangoTemplates())
    by_python = EveryWidget(data, renderer=FormRenderer())
    for name in by_templates.fields:
        assert str(by_python[name]) == str(by_templates[name]), name
    assert str(by_python) == str(by_templates)
    for name in ("radio", "boxes"):
        pairs = zip(by_python[name], by_templates[name], strict=True)
        assert all(str(mine.tag()) == str(theirs.tag()) for mine, theirs in pairs)


def test_what_a_customer_typed_is_escaped_in_every_widget():
    html = str(EveryWidget(FILLED, renderer=FormRenderer()))
    assert "<script>" not in html
    assert "&lt;script&gt;&quot;" in html
    assert "hi &lt;b&gt;" in html


def test_a_widget_template_it_does_not_draw_goes_to_the_template_engine():
    form = forms.Form(renderer=FormRenderer())
    form.fields["day"] = forms.DateField(widget=forms.SelectDateWidget(years=[2026]))
    expected = forms.Form(renderer=DjangoTemplates())
    expected.fields["day"] = forms.DateField(widget=forms.SelectDateWidget(years=[2026]))
    assert str(form["day"]) == str(expected["day"])
    assert 'name="day_year"' in str(form["day"])


@pytest.mark.django_db
def test_the_desk_forms_look_the_same_drawn_either_way(agent, team, category):
    def pair(make):
        return str(make(DjangoTemplates())), str(make(FormRenderer()))

    forms_to_draw = [
        lambda r: InboxFilterForm({"q": "late"}, teams=[team], staff=[agent], me=agent, renderer=r),
        lambda r: ComposeForm(renderer=r),
        lambda r: TransitionForm(allowed=[], renderer=r),
        lambda r: AssignForm(initial={"team": team.pk}, user=agent, renderer=r),
        lambda r: CategoriseForm(initial={"category": category.pk}, renderer=r),
    ]
    for make in forms_to_draw:
        by_templates, by_python = pair(make)
        assert by_python == by_templates

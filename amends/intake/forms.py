import copy
from typing import Any

from django import forms
from django.conf import settings

from amends.complaints.categories import active_categories, active_category
from amends.complaints.models import Category, ContactMethod


def _category_choices() -> list[tuple[str, str]]:
    return [("", "Not sure"), *((str(category.pk), category.name) for category in active_categories())]


class CategoryField(forms.ChoiceField):
    """A choice of the active categories, listed and checked from those the process remembers.

    Neither showing the form nor checking a choice is a query, and there is no queryset to copy
    for every form made: a model choice field's copy, queryset and all, had cost about 0.1 ms
    of each complaint sent.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=_category_choices, **kwargs)

    def to_python(self, value: object) -> Category | None:
        if value in self.empty_values:
            return None
        try:
            category = active_category(pk=int(str(value)))
        except ValueError:
            category = None
        if category is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return category

    def validate(self, value: object) -> None:
        forms.Field.validate(self, value)  # a category (to_python found it) or None: not a choice's text


class _FieldsCopiedShallow(dict[str, forms.Field]):
    """A form's declared fields, which each form made copies one level deep rather than whole.

    Django deep-copies every declared field, widget, validator and choice list for each form
    made, so that a form can change its own fields. This form changes none of them, its widgets
    included (rendering builds its own attributes each time), yet the copy was about a sixth of
    the time a complaint sent on the form took. Each form still has fields of its own
    (``copy.copy``), sharing their widgets, validators and messages.
    """

    def __deepcopy__(self, memo: dict[int, object]) -> dict[str, forms.Field]:
        return {name: copy.copy(field) for name, field in self.items()}


class ComplaintForm(forms.Form):
    """The public complaint form: the story first, then what would put it right, then how to reply."""

    story = forms.CharField(
        label="What happened?",
        help_text="In your own words. Include dates, order or account numbers if you have them.",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    outcome_sought = forms.CharField(
        label="What would put it right for you?",
        help_text="A refund, a replacement, an apology, an explanation: tell us what you would like.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    category = CategoryField(label="What is it about?", required=False)
    name = forms.CharField(label="Your name", max_length=200)
    email = forms.EmailField(label="Email address", required=False, max_length=254)
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    preferred_contact_method = forms.ChoiceField(
        label="How should we reach you?",
        choices=ContactMethod.choices,
        initial=ContactMethod.EMAIL,
        widget=forms.RadioSelect,
    )
    preferred_contact_time = forms.CharField(
        label="When is a good time?",
        help_text="For example: weekdays after 6pm.",
        required=False,
        max_length=200,
    )
    # Left empty by people; bots that fill every field give themselves away.
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def clean_story(self) -> str:
        story: str = self.cleaned_data["story"]
        limit = settings.AMENDS_MAX_STORY_CHARS
        if len(story) > limit:
            raise forms.ValidationError(
                f"Please keep this under {limit:,} characters (it is {len(story):,})."
            )
        return story

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", "Please give an email address or a phone number so we can reply.")
        if data.get("preferred_contact_method") == ContactMethod.PHONE and not data.get("phone"):
            self.add_error("phone", "You asked us to phone you: please give a phone number.")
        return data


ComplaintForm.base_fields = _FieldsCopiedShallow(ComplaintForm.base_fields)

from django import forms

from amends.accounts.models import Role, Team, User
from amends.complaints.models import Category, Severity, State


class InboxFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Words or a reference"}),
    )
    state = forms.ChoiceField(
        label="State",
        required=False,
        choices=[("open", "All open"), ("all", "Any state"), *State.choices],
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), required=False, empty_label="Any team"
    )
    assignee = forms.TypedChoiceField(label="Assignee", required=False, coerce=int, empty_value=None)
    order = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[("due", "What is due first"), ("urgent", "Most urgent first")],
    )
    category = forms.ModelChoiceField(
        label="Category",
        queryset=Category.objects.all(),
        required=False,
        empty_label="Any category",
    )

    def __init__(
        self, *args: object, teams: list[Team], staff: list[User], me: User, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ModelChoiceField)
        team_field.queryset = Team.objects.filter(pk__in=[t.pk for t in teams])
        assignee_field = self.fields["assignee"]
        assert isinstance(assignee_field, forms.TypedChoiceField)
        assignee_field.choices = [("", "Anyone"), (me.pk, "Me"), (0, "Unassigned")] + [
            (u.pk, u.display_name) for u in staff if u.pk != me.pk
        ]


class ComposeForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("reply", "Reply to customer"), ("call", "Log a phone call"), ("note", "Internal note")],
        initial="reply",
        widget=forms.RadioSelect,
    )
    body = forms.CharField(label="Your message", widget=forms.Textarea(attrs={"rows": 7}), max_length=20_000)


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label="Move to")
    reason = forms.CharField(
        label="Why", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    agreed_outcome = forms.CharField(
        label="Outcome agreed with the customer",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, allowed: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["to_state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s, State(s).label) for s in allowed if s != State.MERGED]


class AssignForm(forms.Form):
    """Teams the user may hand work to, and the people in the teams the user can see."""

    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.all(), required=False, empty_label="No team"
    )
    assignee = forms.ModelChoiceField(
        label="Person", queryset=User.objects.none(), required=False, empty_label="Nobody yet"
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        people = User.objects.filter(is_active=True).exclude(role=Role.SPOKESPERSON)
        if not user.sees_every_team:
            people = people.filter(teams__in=user.teams.all()).distinct()
        assignee.queryset = people.order_by("first_name", "username")


class CategoriseForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Category",
        queryset=Category.objects.filter(is_active=True),
        required=False,
        empty_label="None",
    )
    severity = forms.ChoiceField(label="Severity", choices=Severity.choices)


class MergeForm(forms.Form):
    target = forms.CharField(label="Merge into (reference)", max_length=20)
    reason = forms.CharField(label="Why", required=False, max_length=2000)

"""The filters of the insight pages: a period, a team, a category, limited to what the user may see."""

from datetime import date, timedelta
from typing import Any

from django import forms

from amends.accounts.models import Team
from amends.complaints.models import Category

from .filters import InsightFilters, Scope, last_days

PERIODS = [("30", "Last 30 days"), ("90", "Last 90 days"), ("180", "Last 180 days"), ("365", "Last 365 days")]
DEFAULT_DAYS = 90
LONGEST = timedelta(days=3 * 366)


class InsightFilterForm(forms.Form):
    days = forms.ChoiceField(label="Period", choices=PERIODS, required=False)
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), required=False, empty_label="Every team"
    )
    category = forms.ModelChoiceField(
        label="Category", queryset=Category.objects.none(), required=False, empty_label="Every category"
    )

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams, categories = Team.objects.all(), Category.objects.all()
        if not scope.every:
            teams = teams.filter(pk__in=scope.team_ids)
            categories = categories.filter(pk__in=scope.category_ids) | categories.filter(
                team_id__in=scope.team_ids
            )
        team, category = self.fields["team"], self.fields["category"]
        assert isinstance(team, forms.ModelChoiceField)
        assert isinstance(category, forms.ModelChoiceField)
        team.queryset, category.queryset = teams.order_by("name"), categories.distinct().order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and (until < since or until - since > LONGEST):
            raise forms.ValidationError("Choose a period that ends after it starts, three years at most.")
        return data

    def to_filters(self, *, today: date) -> InsightFilters:
        """The filters asked for, or the last 90 days when the form is empty or wrong."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("since") and data.get("until"):
            base = InsightFilters(since=data["since"], until=data["until"] + timedelta(days=1))
        else:
            base = last_days(int(data.get("days") or DEFAULT_DAYS), today=today)
        team, category = data.get("team"), data.get("category")
        return InsightFilters(
            base.since, base.until, team.pk if team else None, category.pk if category else None
        )

"""One person's own figures: shown to them and their team's supervisor (their coach), nobody else."""

from typing import Any

from django.db.models import Sum

from amends.accounts.models import Role, User
from amends.core.errors import PermissionDenied

from ..charts import Series, legend, line_chart
from ..filters import InsightFilters, by_bucket
from ..models import DailyAgent
from ..tables import Column, Section, Table, hours, ratio

FIELDS = [
    "first_responses",
    "first_response_seconds",
    "resolved",
    "resolution_seconds",
    "kept",
    "kept_early",
    "broken",
    "surveys",
    "score_total",
]


def can_see_agent_figures(viewer: User, agent: User) -> bool:
    """Only the person themself, and a supervisor of a team they are in (their coach).

    Not administrators, not other supervisors, not colleagues: figures about one person are for
    learning, and learning needs trust more than it needs an audience.
    """
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if viewer.pk == agent.pk:
        return True
    if viewer.role != Role.SUPERVISOR:
        return False
    return viewer.teams.filter(pk__in=agent.teams.values("pk")).exists()


def coached_by(supervisor: User) -> list[User]:
    """The agents a supervisor coaches: active agents in the supervisor's teams."""
    if supervisor.role != Role.SUPERVISOR:
        return []
    return list(
        User.objects.filter(is_active=True, role=Role.AGENT, teams__in=supervisor.teams.all())
        .distinct()
        .order_by("first_name", "username")
    )


def agent_sections(*, viewer: User, agent: User, filters: InsightFilters) -> list[Section]:
    if not can_see_agent_figures(viewer, agent):
        raise PermissionDenied(
            "Figures about one person are shown only to them and to their team's supervisor."
        )
    qs = DailyAgent.objects.filter(agent_id=agent.pk, day__gte=filters.since, day__lt=filters.until)
    sums = by_bucket(qs, filters).values("bucket").annotate(**{f"s_{f}": Sum(f) for f in FIELDS}).order_by()
    cells = {
        (r["bucket"].date() if hasattr(r["bucket"], "date") else r["bucket"]): {
            f: r[f"s_{f}"] or 0 for f in FIELDS
        }
        for r in sums
    }
    buckets = filters.buckets()
    labels = [filters.bucket_label(b) for b in buckets]
    axis = [filters.bucket_label(b, short=True) for b in buckets]
    per = [cells.get(b, dict.fromkeys(FIELDS, 0)) for b in buckets]
    rows = [_row(label, p) for label, p in zip(labels, per, strict=True)]
    rows.append(_row("Whole period", {f: sum(p[f] for p in per) for f in FIELDS}))
    columns = [
        Column("Day" if filters.daily else "Week", "text"),
        Column("First responses"),
        Column("Mean first response", "hours"),
        Column("Resolved"),
        Column("Mean time to resolve", "hours"),
        Column("Promises kept or early", "pct"),
        Column("Surveys"),
        Column("Mean score (1-5)", "score"),
    ]
    table = Table("agent", f"Figures for {agent.display_name}", columns, rows)
    series = [
        Series("First response", [r[2] for r in rows[:-1]]),
        Series("Resolution", [r[4] for r in rows[:-1]]),
    ]
    chart = line_chart(
        title=f"{agent.display_name}: mean business hours to respond and resolve",
        labels=axis,
        series=series,
        unit=" h",
    )
    intro = (
        "Complaints assigned to this person when each thing happened. "
        "For their own learning and their coach's."
    )
    return [
        Section(
            "Your work" if viewer.pk == agent.pk else "Their work",
            intro,
            table,
            chart,
            legend(series),
        )
    ]


def _row(label: str, p: dict[str, int]) -> list[Any]:
    settled = p["kept"] + p["kept_early"] + p["broken"]
    return [
        label,
        p["first_responses"],
        hours(p["first_response_seconds"], p["first_responses"]),
        p["resolved"],
        hours(p["resolution_seconds"], p["resolved"]),
        ratio(p["kept"] + p["kept_early"], settled),
        p["surveys"],
        p["score_total"] / p["surveys"] if p["surveys"] else None,
    ]

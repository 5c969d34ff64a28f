"""Page and search latency, measured in-process through Django's test client (full view + template)."""

import random
import statistics
import time
from collections.abc import Callable

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from amends.accounts.models import User
from amends.complaints.models import Complaint

from .text import COMMON_WORD, RARE_WORD


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(name: str, paths: Callable[[int], str], client: Client, runs: int) -> None:
    times, queries = [], []
    for i in range(runs + 5):
        path = paths(i)
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{name}: {path} answered {response.status_code}")
        if i >= 5:  # the first few warm caches and connections
            times.append(elapsed)
            queries.append(len(ctx.captured_queries))
    print(f"{name}_p50: {statistics.median(times):.1f} ms")
    print(f"{name}_p95: {percentile(times, 95):.1f} ms")
    print(f"{name}_queries: {max(queries)} queries (min {min(queries)})")


def run(runs: int) -> None:
    admin = User.objects.get(username="bench-admin")
    agent = User.objects.filter(username__startswith="bench-agent-").order_by("pk").first()
    assert agent is not None
    rng = random.Random(7)
    admin_client, agent_client = Client(), Client()
    admin_client.force_login(admin)
    agent_client.force_login(agent)
    last = Complaint.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    mine = Complaint.objects.filter(team__in=agent.teams.all()).order_by("-pk")
    agent_refs = list(mine.filter(pk__gt=last - 200_000).values_list("reference", flat=True)[:2000])
    if len(agent_refs) < 100:  # the newest are the intake benchmark's, which have no team yet
        agent_refs = list(mine.values_list("reference", flat=True)[:2000])
    any_refs = [
        Complaint.objects.filter(pk__gte=rng.randint(1, last))
        .values_list("reference", flat=True)
        .order_by("pk")
        .first()
        for _ in range(runs)
    ]
    first_page = agent_client.get("/desk/").context
    cursor = first_page["page"].next_cursor if first_page else None

    measure("inbox_agent", lambda i: "/desk/", agent_client, runs)
    measure("inbox_admin", lambda i: "/desk/", admin_client, runs)
    measure(
        "inbox_next_page", lambda i: f"/desk/?cursor={cursor}" if cursor else "/desk/", agent_client, runs
    )
    measure("inbox_urgent", lambda i: "/desk/?order=urgent", agent_client, runs)
    measure("inbox_filtered", lambda i: "/desk/?state=in_progress&assignee=0", agent_client, runs)
    measure("complaint_page", lambda i: f"/desk/c/{rng.choice(agent_refs)}/", agent_client, runs)
    measure("complaint_page_admin", lambda i: f"/desk/c/{any_refs[i % len(any_refs)]}/", admin_client, runs)
    for panel in ("actions", "triage", "promises", "remedies", "playbooks"):

        def panel_path(i: int, name: str = panel) -> str:
            return f"/desk/c/{rng.choice(agent_refs)}/panel/{name}/"

        measure(f"panel_{panel}", panel_path, agent_client, runs)
    measure("search_common", lambda i: f"/desk/?q={COMMON_WORD}", agent_client, runs)
    measure("search_rare", lambda i: f"/desk/?q={RARE_WORD}", agent_client, runs)
    measure("search_two_words", lambda i: "/desk/?q=refund+washing", admin_client, runs)

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amends.complaints.models import Complaint, State
from amends.complaints.selectors import (
    InboxFilters,
    can_user_view_complaint,
    complaint_get_for_user,
    complaint_list_for_user,
    complaint_page_get_for_user,
    customer_history,
)
from amends.complaints.services import complaint_transition
from amends.core.errors import InvalidInput, NotFound
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db


def test_agent_sees_only_their_teams_complaints(agent, outsider, category, other_category):
    mine = make_complaint(category=category)
    theirs = make_complaint(category=other_category, email="b@example.net")
    listed = complaint_list_for_user(user=agent, filters=InboxFilters()).items
    assert [c.pk for c in listed] == [mine.pk]
    assert can_user_view_complaint(agent, mine)
    assert not can_user_view_complaint(agent, theirs)
    assert not can_user_view_complaint(outsider, mine)


def test_a_complaint_of_another_team_is_reported_as_not_found(outsider, complaint):
    with pytest.raises(NotFound):
        complaint_get_for_user(user=outsider, reference=complaint.reference)


def test_unrouted_complaints_are_seen_by_supervisors_and_admins_not_agents(agent, supervisor, admin_user):
    unrouted = make_complaint(category=None)
    assert not can_user_view_complaint(agent, unrouted)
    assert can_user_view_complaint(supervisor, unrouted)
    assert can_user_view_complaint(admin_user, unrouted)
    with pytest.raises(NotFound):
        complaint_get_for_user(user=agent, reference=unrouted.reference)


def test_admin_sees_every_team(admin_user, category, other_category):
    make_complaint(category=category)
    make_complaint(category=other_category, email="b@example.net")
    assert len(complaint_list_for_user(user=admin_user, filters=InboxFilters()).items) == 2


def test_inactive_staff_see_nothing(agent, complaint):
    agent.is_active = False
    agent.save()
    assert complaint_list_for_user(user=agent, filters=InboxFilters()).items == []


def _set_due(complaint: Complaint, due) -> None:
    Complaint.objects.filter(pk=complaint.pk).update(due_at=due)


def test_inbox_lists_what_is_due_first_then_undated_and_pages_cover_everything_once(admin_user, category):
    now = timezone.now()
    made = [make_complaint(category=category, email=f"c{i}@example.net") for i in range(13)]
    dues = [now + timedelta(hours=h) for h in (5, 1, 3, 3, 3, 8, 2)] + [None] * 6
    for complaint, due in zip(made, dues, strict=True):
        _set_due(complaint, due)
    seen, cursor, pages = [], None, 0
    while True:
        page = complaint_list_for_user(user=admin_user, filters=InboxFilters(), cursor=cursor, limit=4)
        seen += page.items
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 4
    assert len({c.pk for c in seen}) == 13
    dated = [c.due_at for c in seen if c.due_at]
    assert dated == sorted(dated)
    assert all(c.due_at is None for c in seen[7:])


def test_inbox_costs_the_same_number_of_queries_whatever_the_data_size(admin_user, category):
    def queries_for_one_page() -> int:
        with CaptureQueriesContext(connection) as ctx:
            complaint_list_for_user(user=admin_user, filters=InboxFilters(), limit=5)
        return len(ctx.captured_queries)

    # A page is one query, or two where it crosses from dated to undated complaints.
    make_complaint(category=category)
    assert queries_for_one_page() <= 2
    for i in range(40):
        make_complaint(category=category, email=f"more{i}@example.net")
    assert queries_for_one_page() <= 2


def test_closed_states_are_listed_newest_first(admin_user, category, agent):
    older = make_complaint(category=category, email="a@example.net")
    newer = make_complaint(category=category, email="b@example.net")
    for c in (older, newer):
        complaint_transition(complaint=c, by=agent, to_state=State.RESOLVED)
    page = complaint_list_for_user(user=admin_user, filters=InboxFilters(state=State.RESOLVED))
    assert [c.pk for c in page.items] == [newer.pk, older.pk]


def test_filters_by_assignee_unassigned_and_category(admin_user, agent, category, other_category):
    from amends.complaints.services import complaint_assign

    assigned = make_complaint(category=category)
    unassigned = make_complaint(category=category, email="u@example.net")
    other = make_complaint(category=other_category, email="o@example.net")
    complaint_assign(complaint=assigned, by=admin_user, team=category.team, assignee=agent)

    def refs(**kw):
        return {c.pk for c in complaint_list_for_user(user=admin_user, filters=InboxFilters(**kw)).items}

    assert refs(assignee=agent.pk) == {assigned.pk}
    assert refs(assignee=0) == {unassigned.pk, other.pk}
    assert refs(category=other_category.pk) == {other.pk}


def test_keyword_search_finds_words_from_the_story_and_the_reference(admin_user, category):
    boiler = make_complaint(category=category, story="The engineer never came to fix the boiler on Tuesday.")
    make_complaint(category=category, email="x@example.net", story="My parcel was left in the rain.")
    found = complaint_list_for_user(user=admin_user, filters=InboxFilters(state="all", q="boiler engineer"))
    assert [c.pk for c in found.items] == [boiler.pk]
    by_ref = complaint_list_for_user(
        user=admin_user, filters=InboxFilters(state="all", q=boiler.reference.lower())
    )
    assert [c.pk for c in by_ref.items] == [boiler.pk]


def test_keyword_search_matches_word_forms(admin_user, category):
    complaint = make_complaint(category=category, story="They keep charging me twice for one delivery.")
    found = complaint_list_for_user(user=admin_user, filters=InboxFilters(state="all", q="charged"))
    assert [c.pk for c in found.items] == [complaint.pk]


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(a b)", "a OR", "*", "-x", "boiler:", "'; DROP TABLE"])
def test_search_syntax_typed_by_people_never_errors(admin_user, complaint, query):
    complaint_list_for_user(user=admin_user, filters=InboxFilters(state="all", q=query))


def test_keyword_search_respects_team_visibility(agent, category, other_category):
    make_complaint(category=other_category, email="o@example.net", story="Boiler exploded")
    found = complaint_list_for_user(user=agent, filters=InboxFilters(state="all", q="boiler"))
    assert found.items == []


@pytest.mark.parametrize("few", [2000, 2])  # matches read by their ids, or walked newest first
def test_a_search_pages_the_same_whether_its_matches_are_few_or_many(
    agent, category, other_category, monkeypatch, few
):
    monkeypatch.setattr("amends.complaints.search.FEW_MATCHES", few)
    mine = [
        make_complaint(category=category, email=f"h{i}@example.net", story=f"Harpsichord {i} late.")
        for i in range(3)
    ]
    make_complaint(category=other_category, email="o@example.net", story="Harpsichord scratched.")
    make_complaint(category=category, email="p@example.net", story="Piano late.")
    first = complaint_list_for_user(user=agent, filters=InboxFilters(state="all", q="harpsichord"), limit=2)
    assert [c.pk for c in first.items] == [mine[2].pk, mine[1].pk]
    rest = complaint_list_for_user(
        user=agent, filters=InboxFilters(state="all", q="harpsichord"), cursor=first.next_cursor, limit=2
    )
    assert [c.pk for c in rest.items] == [mine[0].pk]
    assert rest.next_cursor is None


def test_search_index_follows_edits(admin_user, category):
    complaint = make_complaint(category=category, story="Original words about a kettle.")
    Complaint.objects.filter(pk=complaint.pk).update(story="Now it is about a toaster.", summary="Toaster")

    def search(q):
        return complaint_list_for_user(user=admin_user, filters=InboxFilters(state="all", q=q)).items

    assert search("kettle") == []
    assert [c.pk for c in search("toaster")] == [complaint.pk]


def test_a_tampered_cursor_is_refused_with_a_message(admin_user):
    with pytest.raises(InvalidInput) as caught:
        complaint_list_for_user(user=admin_user, filters=InboxFilters(), cursor="%%%not-a-cursor")
    assert caught.value.field == "cursor"


def test_unknown_state_filter_is_refused(admin_user):
    with pytest.raises(InvalidInput):
        complaint_list_for_user(user=admin_user, filters=InboxFilters(state="on_fire"))


def test_customer_history_shows_only_what_the_agent_may_see_and_counts_the_rest(
    agent, category, other_category
):
    first = make_complaint(category=category)
    make_complaint(category=other_category)
    latest = make_complaint(category=category)
    visible, total = customer_history(user=agent, complaint=latest)
    assert [c.pk for c in visible] == [first.pk]
    assert total == 2


def test_the_complaint_page_reads_the_customers_count_with_the_complaint(
    agent, category, other_category, django_assert_num_queries
):
    first = make_complaint(category=category)
    make_complaint(category=other_category)
    latest = make_complaint(category=category)
    lone = make_complaint(category=category, email="lone@example.net")

    page_latest = complaint_page_get_for_user(user=agent, reference=latest.reference)
    with django_assert_num_queries(1):
        visible, total = customer_history(user=agent, complaint=page_latest)
    assert ([c.pk for c in visible], total) == ([first.pk], 2)
    assert customer_history(user=agent, complaint=latest)[1] == 2  # read without it: counted

    page_lone = complaint_page_get_for_user(user=agent, reference=lone.reference)
    with django_assert_num_queries(0):
        assert customer_history(user=agent, complaint=page_lone) == ([], 0)


def test_the_complaint_page_selector_refuses_what_the_agent_may_not_see(agent, other_category):
    hidden = make_complaint(category=other_category)
    with pytest.raises(NotFound):
        complaint_page_get_for_user(user=agent, reference=hidden.reference)


def test_most_urgent_first_pages_through_open_complaints_by_urgency_then_newest(admin_user, category):
    from amends.complaints.services import complaint_set_urgency

    made = [make_complaint(category=category, email=f"u{i}@example.net") for i in range(7)]
    for complaint, urgency in zip(made, [10, 80, 10, 45, 80, 0, 10], strict=True):
        complaint_set_urgency(complaint_id=complaint.pk, urgency=urgency)
    seen, cursor = [], None
    while True:
        page = complaint_list_for_user(
            user=admin_user, filters=InboxFilters(order="urgent"), cursor=cursor, limit=3
        )
        assert page.ordering == "urgent"
        seen += page.items
        cursor = page.next_cursor
        if cursor is None:
            break
    assert [(c.urgency, c.pk) for c in seen] == sorted(((c.urgency, c.pk) for c in seen), reverse=True)
    assert len({c.pk for c in seen}) == 7


def test_urgency_is_kept_between_0_and_100(complaint):
    from amends.complaints.services import complaint_set_urgency

    complaint_set_urgency(complaint_id=complaint.pk, urgency=250)
    complaint.refresh_from_db()
    assert complaint.urgency == 100


def test_an_unknown_order_is_refused(admin_user):
    with pytest.raises(InvalidInput) as caught:
        complaint_list_for_user(user=admin_user, filters=InboxFilters(order="loudest"))
    assert caught.value.field == "order"


def test_search_triggers_survive_every_migration():
    # SQLite drops a table's triggers when a migration rebuilds it; each such migration restores them.
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its index in a generated column")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'complaints_complaint'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        "complaints_complaint_fts_ai",
        "complaints_complaint_fts_ad",
        "complaints_complaint_fts_au",
    }

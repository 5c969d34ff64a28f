"""Active categories remembered per process: a customer's choice is checked without a query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amends.complaints import categories
from amends.complaints.models import Category
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _memo_on(settings):
    settings.AMENDS_CONFIG_CACHE_SECONDS = 30  # as deployed (the suite turns the memo off)


@pytest.fixture
def clock(monkeypatch):
    from types import SimpleNamespace

    from amends.core import memo

    now = [1000.0]
    monkeypatch.setattr(memo, "time", SimpleNamespace(monotonic=lambda: now[0]))
    return now


def _queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, len(ctx.captured_queries)


def test_a_category_is_read_once_and_then_found_by_id_or_slug_without_a_query(category):
    first, read = _queries(lambda: categories.active_category(pk=category.pk))
    assert (first.pk, first.team.slug, read) == (category.pk, category.team.slug, 1)
    again, read = _queries(lambda: categories.active_category(slug=category.slug))
    assert (again.pk, again.team.slug, read) == (category.pk, category.team.slug, 0)
    assert again is not first  # a copy each time


def test_a_category_added_elsewhere_is_found_at_once(category):
    categories.active_category(pk=category.pk)
    # bulk_create sends no signal: as if another process had added it
    Category.objects.bulk_create([Category(name="Refunds", slug="refunds", team=category.team)])
    found, read = _queries(lambda: categories.active_category(slug="refunds"))
    assert (found.slug, read) == ("refunds", 1)
    missing, read = _queries(lambda: categories.active_category(slug="nothing-like-it"))
    assert (missing, read) == (None, 1)


def test_a_category_deactivated_here_is_refused_at_once(category):
    categories.active_category(pk=category.pk)
    category.is_active = False
    category.save()
    assert categories.active_category(pk=category.pk) is None


def test_one_deactivated_elsewhere_is_refused_once_the_ttl_has_passed(category, clock, settings):
    settings.AMENDS_CONFIG_CACHE_SECONDS = 30
    categories.active_category(pk=category.pk)
    Category.objects.filter(pk=category.pk).update(is_active=False)  # no signal
    clock[0] += 29
    assert categories.active_category(pk=category.pk) is not None
    clock[0] += 2
    assert categories.active_category(pk=category.pk) is None


def test_a_team_renamed_here_is_seen_at_once(category):
    categories.active_category(pk=category.pk)
    category.team.name = "Deliveries"
    category.team.save()
    assert categories.active_category(pk=category.pk).team.name == "Deliveries"


def test_with_no_ttl_they_are_read_every_time(category, settings):
    settings.AMENDS_CONFIG_CACHE_SECONDS = 0
    for _ in range(2):
        found, read = _queries(lambda: categories.active_category(pk=category.pk))
        assert (found.pk, read) == (category.pk, 1)


def test_the_form_and_the_api_check_a_chosen_category_without_a_query(client, agent, category, settings):
    from amends.accounts.services import apikey_create

    # Filing waits for a worker (it reads the categories it files with, in one query a batch).
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "intake"]}
    }

    CategoryFactory(name="Other", slug="other", team=category.team, is_active=False)
    form = {
        "story": "The parcel never came.",
        "name": "Jo",
        "email": "jo@example.org",
        "preferred_contact_method": "email",
        "website": "",
    }
    client.post("/complain/", {**form, "category": category.pk})  # reads the categories once
    with CaptureQueriesContext(connection) as ctx:
        assert client.post("/complain/", {**form, "category": category.pk}).status_code == 302
    assert not [q for q in ctx.captured_queries if "complaints_category" in q["sql"]]
    refused = client.post("/complain/", {**form, "category": Category.objects.get(slug="other").pk})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()

    key = apikey_create(user=agent, name="t")[1]
    body = {"name": "Jo", "email": "jo@example.net", "story": "It broke.", "category": category.slug}
    with CaptureQueriesContext(connection) as ctx:
        posted = client.post(
            "/api/v1/complaints",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}"},
        )
    assert posted.status_code == 202
    assert not [q for q in ctx.captured_queries if "complaints_category" in q["sql"]]
    wrong = client.post(
        "/api/v1/complaints",
        {**body, "category": "other"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert wrong.status_code == 422
    assert "No active category 'other'" in wrong.json()["detail"]


def test_the_form_lists_the_active_categories_by_name_from_the_memo(client, category):
    CategoryFactory(name="Billing", slug="billing", team=category.team)
    CategoryFactory(name="Zzz retired", slug="retired", team=category.team, is_active=False)
    client.get("/complain/")  # reads the categories once
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/complain/").content.decode()
    assert not [q for q in ctx.captured_queries if "complaints_category" in q["sql"]]
    listed = page[page.index('name="category"') :]
    listed = listed[: listed.index("</select>")]
    assert listed.index("Not sure") < listed.index("Billing") < listed.index(category.name)
    assert "Zzz retired" not in listed
    assert f'value="{category.pk}"' in listed

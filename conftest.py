import pytest

from amends.accounts.models import Role
from tests.factories import CategoryFactory, TeamFactory, UserFactory, make_complaint


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashers are slow by design; tests check behaviour, not key stretching.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _api_keys_forgotten():
    # The suite runs with the API key cache on, as production does; each test starts with it empty.
    from amends.accounts import keycache

    keycache.forget_all()


@pytest.fixture(autouse=True)
def _config_memo_forgotten():
    # Likewise the configuration memo (tests that turn it on): a test's rows are gone after it.
    from amends.core import memo

    memo.forget()


@pytest.fixture
def team(db):
    return TeamFactory(name="Orders", slug="orders")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Billing", slug="billing")


@pytest.fixture
def category(team):
    return CategoryFactory(name="Delivery", slug="delivery", team=team)


@pytest.fixture
def other_category(other_team):
    return CategoryFactory(name="Charges", slug="charges", team=other_team)


@pytest.fixture
def agent(team):
    return UserFactory(username="alex", role=Role.AGENT, teams=[team])


@pytest.fixture
def outsider(other_team):
    """An agent in another team, who must not see the first team's complaints."""
    return UserFactory(username="olly", role=Role.AGENT, teams=[other_team])


@pytest.fixture
def supervisor(team):
    return UserFactory(username="sam", role=Role.SUPERVISOR, teams=[team])


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", role=Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def complaint(category, django_capture_on_commit_callbacks):
    """A complaint received by web form and acknowledged (the acknowledgement task ran after commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_complaint(category=category)

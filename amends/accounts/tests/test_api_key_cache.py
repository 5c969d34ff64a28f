import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amends.accounts import keycache
from amends.accounts.models import ApiToken
from amends.accounts.selectors import user_for_api_key
from amends.accounts.services import apikey_create, apikey_revoke, hash_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    settings.AMENDS_API_KEY_CACHE_SECONDS = 10


@pytest.fixture
def clock(monkeypatch):
    """A monotonic clock the test moves by hand."""
    now = [1000.0]
    monkeypatch.setattr(keycache, "_now", lambda: now[0])
    return now


def test_a_verified_key_is_not_read_again_within_the_ttl(cache_on, agent):
    _, key = apikey_create(user=agent)
    assert user_for_api_key(key) == agent
    with CaptureQueriesContext(connection) as ctx:
        again = user_for_api_key(key)
    assert again == agent
    assert ctx.captured_queries == []


def test_each_request_gets_its_own_copy_of_the_cached_user(cache_on, agent):
    _, key = apikey_create(user=agent)
    first = user_for_api_key(key)
    second = user_for_api_key(key)
    assert first is not second
    assert first is not None
    assert second is not None
    assert first._state is not second._state


def test_only_the_hash_of_the_key_is_held(cache_on, agent):
    _, key = apikey_create(user=agent)
    user_for_api_key(key)
    assert list(keycache._entries) == [hash_api_key(key)]


def test_revoking_a_key_applies_at_once_in_this_process(cache_on, agent):
    token, key = apikey_create(user=agent)
    assert user_for_api_key(key) == agent
    apikey_revoke(token=token)
    assert user_for_api_key(key) is None


def test_deactivating_the_user_applies_at_once_in_this_process(cache_on, agent):
    _, key = apikey_create(user=agent)
    assert user_for_api_key(key) == agent
    agent.is_active = False
    agent.save()
    assert user_for_api_key(key) is None


def test_a_role_change_is_seen_on_the_next_request(cache_on, agent):
    _, key = apikey_create(user=agent)
    user_for_api_key(key)
    agent.role = "supervisor"
    agent.save()
    user = user_for_api_key(key)
    assert user is not None
    assert user.role == "supervisor"


def test_an_expired_entry_is_read_again(cache_on, agent, clock):
    token, key = apikey_create(user=agent)
    assert user_for_api_key(key) == agent
    # As another process would revoke it: no signal reaches this one.
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.created_at)
    clock[0] += 9.9
    assert user_for_api_key(key) == agent
    clock[0] += 0.1
    assert user_for_api_key(key) is None
    assert keycache._entries == {}


def test_last_use_is_recorded_only_when_the_key_is_read(cache_on, agent, clock):
    token, key = apikey_create(user=agent)
    user_for_api_key(key)
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first_use is not None
    clock[0] += 5
    user_for_api_key(key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use


def test_a_wrong_key_is_never_remembered(cache_on, agent):
    apikey_create(user=agent)
    with CaptureQueriesContext(connection) as ctx:
        assert user_for_api_key("amd_wrong") is None
        assert user_for_api_key("amd_wrong") is None
    assert len(ctx.captured_queries) == 2
    assert keycache._entries == {}


def test_a_revoked_key_is_never_remembered(cache_on, agent):
    token, key = apikey_create(user=agent)
    apikey_revoke(token=token)
    assert user_for_api_key(key) is None
    assert keycache._entries == {}


def test_zero_seconds_checks_the_key_on_every_request(settings, agent):
    settings.AMENDS_API_KEY_CACHE_SECONDS = 0
    _, key = apikey_create(user=agent)
    user_for_api_key(key)
    with CaptureQueriesContext(connection) as ctx:
        assert user_for_api_key(key) == agent
    assert len(ctx.captured_queries) == 1
    assert keycache._entries == {}

import io

import pytest
from django.core.management import CommandError, call_command

from amends.accounts.selectors import user_for_api_key

pytestmark = pytest.mark.django_db


def test_apikey_command_prints_a_key_that_authenticates_and_stores_only_a_hash(agent):
    out = io.StringIO()
    call_command("apikey", "create", "--user", "alex", stdout=out)
    key = out.getvalue().strip()
    assert key.startswith("amd_")
    assert user_for_api_key(key) == agent
    token = agent.api_tokens.get()
    assert key not in (token.key_hash, token.prefix)
    assert token.last_used_at is not None


def test_apikey_command_names_an_unknown_user():
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("apikey", "create", "--user", "nobody")


def test_keys_of_inactive_staff_do_not_work(agent):
    out = io.StringIO()
    call_command("apikey", "create", "--user", "alex", stdout=out)
    agent.is_active = False
    agent.save()
    assert user_for_api_key(out.getvalue().strip()) is None

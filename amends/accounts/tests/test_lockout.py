"""Staff sign-in is paused for a username and address after too many wrong passwords."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AMENDS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"


def _sign_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, HTTP_X_FORWARDED_FOR=address)


def test_wrong_passwords_pause_sign_in_and_then_even_the_right_one_is_refused(client, agent, limits):
    for _ in range(2):
        wrong = _sign_in(client, agent.username, "not it")
        assert wrong.status_code == 200
        assert "Please enter a correct username and password" in wrong.content.decode()
    paused = _sign_in(client, agent.username, "not it either")
    assert paused.status_code == 429
    page = paused.content.decode()
    assert "Sign-in paused" in page
    assert "3 wrong passwords" in page
    assert "15 minutes" in page
    assert agent.username in page
    refused = _sign_in(client, agent.username, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_holds_only_for_that_username_from_that_address(client, agent, supervisor, limits):
    for _ in range(3):
        _sign_in(client, agent.username, "not it")
    assert _sign_in(client, agent.username, PASSWORD).status_code == 429
    # The same person from another address, and another person from the same one, sign in.
    assert _sign_in(client, agent.username, PASSWORD, address="198.51.100.9").status_code == 302
    client.logout()
    assert _sign_in(client, supervisor.username, PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_starts_the_count_again(client, agent, limits):
    for _ in range(2):
        _sign_in(client, agent.username, "not it")
    assert _sign_in(client, agent.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        assert _sign_in(client, agent.username, "not it").status_code == 200
    assert _sign_in(client, agent.username, PASSWORD).status_code == 302


def test_the_admin_sign_in_is_paused_the_same_way(client, admin_user, limits):
    for _ in range(3):
        client.post(
            "/admin/login/",
            {"username": admin_user.username, "password": "not it"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    response = client.post(
        "/admin/login/",
        {"username": admin_user.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert response.status_code == 429


def test_an_ipv6_sender_is_counted_by_its_network_an_unreadable_header_by_the_connection(
    client, agent, limits
):
    from axes.models import AccessAttempt

    _sign_in(client, agent.username, "not it", address="2001:db8:1:2::5")
    _sign_in(client, agent.username, "not it", address="2001:db8:1:2:ffff::9")
    _sign_in(client, agent.username, "not it", address="not an address")
    counted = dict(AccessAttempt.objects.values_list("ip_address", "failures_since_start"))
    assert counted == {"2001:db8:1:2::": 2, "127.0.0.1": 1}


def test_lifting_every_pause_lets_the_person_sign_in(client, agent, limits):
    from django.core.management import call_command

    for _ in range(3):
        _sign_in(client, agent.username, "not it")
    call_command("axes_reset", verbosity=0)
    assert _sign_in(client, agent.username, PASSWORD).status_code == 302
    assert get_user_model().objects.get(pk=agent.pk).last_login is not None


def test_an_address_that_cannot_be_read_at_all_is_stored_as_one_stand_in(rf, settings):
    from amends.core.addresses import client_ip

    settings.AMENDS_CLIENT_IP_HEADER = ""
    assert client_ip(rf.get("/", REMOTE_ADDR="")) == "0.0.0.0"  # noqa: S104 - an address read, not bound
    assert client_ip(rf.get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::"
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"

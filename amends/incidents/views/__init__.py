"""Thin views for incidents: the desk's incident pages, the complaint panel's actions, notices
(drafted and approved on the desk, shown on public pages and a feed) and the spokesperson."""

from amends.accounts.models import User
from amends.core.http import HtmxHttpRequest


def user_of(request: HtmxHttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user

"""Reads for staff, teams and API keys."""

from django.utils import timezone

from . import keycache
from .models import ApiToken, Membership, Role, Team, User
from .services import hash_api_key


def team_ids_for_user(user: User) -> list[int] | None:
    """The ids of the teams whose complaints ``user`` may see, or None for every team."""
    if user.sees_every_team:
        return None
    # Straight from the membership rows: no join, and a third of the ORM's work of user.teams.
    return list(Membership.objects.filter(user_id=user.pk).values_list("team_id", flat=True))


def team_list_for_user(user: User) -> list[Team]:
    if user.sees_every_team:
        return list(Team.objects.all())
    return list(user.teams.all())


def staff_list_for_teams(team_ids: list[int] | None) -> list[User]:
    """Active staff who could be assigned complaints of these teams (None: every team)."""
    users = User.objects.filter(is_active=True).exclude(role=Role.SPOKESPERSON)
    if team_ids is not None:
        users = users.filter(teams__in=team_ids).distinct()
    return list(users.order_by("first_name", "username"))


def user_for_api_key(key: str) -> User | None:
    """The active user owning ``key``, or None; records when the key was last used.

    A key verified in this process less than ``AMENDS_API_KEY_CACHE_SECONDS`` ago is not read
    again (see ``keycache``), so ``last_used_at`` moves at most once per TTL and once a minute.
    """
    key_hash = hash_api_key(key)
    user = keycache.recall(key_hash)
    if user is not None:
        return user
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # A write per request would dominate API cost; a minute's resolution is enough to audit keys.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    keycache.remember(key_hash, token.user)
    return token.user

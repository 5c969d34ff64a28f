"""Writes for staff, teams and API keys."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from amends.core.errors import InvalidInput

from .models import ApiToken, Membership, Role, Team, User

TOKEN_PREFIX = "amd_"  # noqa: S105 - a label on keys, not a secret


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def apikey_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create an API key for ``user`` and return it with the plain key, which is not stored."""
    if not user.is_active:
        raise InvalidInput(f"User {user.username} is not active.", field="user")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[: len(TOKEN_PREFIX) + 6], key_hash=hash_api_key(key)
    )
    return token, key


def apikey_revoke(*, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def team_create(*, name: str, reply_from: str = "") -> Team:
    return Team.objects.create(name=name, slug=slugify(name), reply_from=reply_from)


@transaction.atomic
def staff_create(
    *,
    username: str,
    password: str | None,
    role: Role = Role.AGENT,
    teams: list[Team] | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create a member of staff with a role and their teams."""
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    Membership.objects.bulk_create(Membership(user=user, team=team) for team in teams or [])
    return user

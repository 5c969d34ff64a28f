"""A short-lived, per-process memory of API keys that were verified, by the hash of the key.

Checking a key is a query joining the key and its user, about a millisecond in process and two
over HTTP, on every API request. Each process remembers a key it verified for
``AMENDS_API_KEY_CACHE_SECONDS`` (0: check every time). Only the SHA-256 of the key is held, the
same value the database stores, never the key. Keys that failed are not remembered, so random
keys cannot grow the memory.

Revoking a key, or saving or deleting its user (deactivating, changing the role), forgets it in
this process at once, through the signals connected in ``AccountsConfig.ready``; other processes
read it again within the TTL. Changes made with ``QuerySet.update()`` send no signals and reach
every process within the TTL.
"""

import copy
import threading
import time

from django.conf import settings
from django.db import transaction

from .models import User

_now = time.monotonic  # the tests move it
_lock = threading.Lock()
# key hash -> (monotonic time verified, the user as read then; never handed out itself)
_entries: dict[str, tuple[float, User]] = {}


def recall(key_hash: str) -> User | None:
    """The user of a key verified less than the TTL ago, as a copy of its own, or None."""
    hit = _entries.get(key_hash)
    if hit is None:
        return None
    if _now() - hit[0] >= settings.AMENDS_API_KEY_CACHE_SECONDS:
        with _lock:
            _entries.pop(key_hash, None)
        return None
    # A copy per request: views may annotate request.user, and threads must not share one.
    return copy.copy(hit[1])


def remember(key_hash: str, user: User) -> None:
    if settings.AMENDS_API_KEY_CACHE_SECONDS <= 0:
        return
    with _lock:
        _entries[key_hash] = (_now(), copy.copy(user))


def forget_key(key_hash: str) -> None:
    with _lock:
        _entries.pop(key_hash, None)


def forget_user(user_id: int) -> None:
    with _lock:
        for key_hash in [h for h, (_, user) in _entries.items() if user.pk == user_id]:
            del _entries[key_hash]


def forget_all() -> None:
    with _lock:
        _entries.clear()


def token_changed(sender: object, instance: object, **kwargs: object) -> None:
    """Forget a saved or deleted key now and again after commit.

    Again after commit: another thread may re-read the old row between the save and the commit.
    """
    key_hash = str(getattr(instance, "key_hash", ""))
    forget_key(key_hash)
    transaction.on_commit(lambda: forget_key(key_hash))


def user_changed(sender: object, instance: object, **kwargs: object) -> None:
    """Forget every key of a saved or deleted user now and again after commit."""
    user_id = getattr(instance, "pk", None)
    if user_id is None:
        return
    forget_user(user_id)
    transaction.on_commit(lambda: forget_user(user_id))

"""A short-lived, per-process memo for configuration rows that are read on every request.

Policies, calendars and rules change a few times a year and are read on every intake. Each
process keeps what it read for ``AMENDS_CONFIG_CACHE_SECONDS``; a change saved in this process
clears the memo at once, and other processes see it within that many seconds. Set it to 0 to
read the database every time (the test suite does).
"""

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings

_lock = threading.Lock()
_entries: dict[Hashable, tuple[float, Any]] = {}


def remembered[T](key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, or the value it gave for ``key`` less than the configured seconds ago."""
    ttl = settings.AMENDS_CONFIG_CACHE_SECONDS
    if ttl <= 0:
        return load()
    now = time.monotonic()
    hit = _entries.get(key)
    if hit is not None and now - hit[0] < ttl:
        value: T = hit[1]
        return value
    value = load()
    with _lock:
        _entries[key] = (now, value)
    return value


def forget(*args: object, **kwargs: object) -> None:
    """Clear the memo; connected to saves and deletes of configuration models."""
    with _lock:
        _entries.clear()

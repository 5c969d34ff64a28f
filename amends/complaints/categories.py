"""The active categories, remembered per process: a customer's choice is checked without a query.

Customers choose a category on the web form (by its id) and API clients name one (by its slug);
checking either was a query on every complaint that named one, about half a millisecond. A desk
has tens of categories, so each process keeps all the active ones (with their teams) for
``AMENDS_CATEGORY_CACHE_SECONDS`` (0: read them every time), and reads them again when a choice
is not among them, so a category added by another process is found at once.

Saving or deleting a category or a team forgets them in this process at once, and again after
commit, through the signals connected in ``ComplaintsConfig.ready``. A category deactivated in
another process, or with ``QuerySet.update()``, can still be chosen here within the TTL, and is
filed as chosen.
"""

import copy
import threading
import time

from django.conf import settings
from django.db import transaction

from .models import Category

_now = time.monotonic  # the tests move it
_lock = threading.Lock()
# (monotonic time read, active categories by id, the same by slug); never handed out themselves
_active: tuple[float, dict[int, Category], dict[str, Category]] | None = None


def active_category(*, pk: int | None = None, slug: str | None = None) -> Category | None:
    """The active category with this id or slug, with its team, as a copy of its own; or None."""
    entry = _active
    fresh = entry is None or _now() - entry[0] >= settings.AMENDS_CATEGORY_CACHE_SECONDS
    if entry is None or fresh:
        entry = _read()
    found = _find(entry, pk, slug)
    if found is None and not fresh:  # perhaps added since: read them again
        found = _find(_read(), pk, slug)
    # A copy per request: the caller may change it, and threads must not share one.
    return copy.copy(found) if found is not None else None


def _find(
    entry: tuple[float, dict[int, Category], dict[str, Category]], pk: int | None, slug: str | None
) -> Category | None:
    return entry[1].get(pk) if pk is not None else entry[2].get(slug or "")


def _read() -> tuple[float, dict[int, Category], dict[str, Category]]:
    global _active
    categories = list(Category.objects.select_related("team").filter(is_active=True))
    entry = (_now(), {c.pk: c for c in categories}, {c.slug: c for c in categories})
    if settings.AMENDS_CATEGORY_CACHE_SECONDS > 0:
        with _lock:
            _active = entry
    return entry


def forget() -> None:
    global _active
    with _lock:
        _active = None


def changed(sender: object, **kwargs: object) -> None:
    """A category or team was saved or deleted: forget them now, and again after commit.

    Again after commit: another thread may read the old rows between the save and the commit.
    """
    forget()
    transaction.on_commit(forget)

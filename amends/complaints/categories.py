"""The active categories, read through the configuration memo: a choice is checked without a query.

Customers choose a category on the web form (by its id) and API clients name one (by its slug);
checking either was a query on every complaint that named one, about half a millisecond. A desk
has tens of categories, so all the active ones (with their teams) are kept in the per-process
configuration memo (``amends.core.memo``, ``AMENDS_CONFIG_CACHE_SECONDS``), which a change to a
category or team saved in this process clears at once (``ComplaintsConfig.ready``). A choice
that is not among them is looked for in the database, so a category added by another process is
found at once (and listed on the web form within the memo's seconds); one deactivated there can
still be chosen here within the memo's seconds, and is filed as chosen.
"""

import copy

from amends.core.memo import remembered

from .models import Category

_Active = tuple[dict[int, Category], dict[str, Category]]


def active_category(*, pk: int | None = None, slug: str | None = None) -> Category | None:
    """The active category with this id or slug, with its team, as a copy of its own; or None."""
    found = _find(remembered("active-categories", _read), pk, slug)
    if found is None:  # perhaps added since the memo was filled
        found = _find(_read(), pk, slug)
    # A copy per request: the caller may change it, and threads must not share one.
    return copy.copy(found) if found is not None else None


def active_categories() -> list[Category]:
    """Every active category by name, as remembered: for reading, not to be changed."""
    return list(remembered("active-categories", _read)[0].values())


def _find(active: _Active, pk: int | None, slug: str | None) -> Category | None:
    return active[0].get(pk) if pk is not None else active[1].get(slug or "")


def _read() -> _Active:
    categories = list(Category.objects.select_related("team").filter(is_active=True).order_by("name"))
    return {c.pk: c for c in categories}, {c.slug: c for c in categories}

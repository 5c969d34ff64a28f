"""The insight pages' sections, each computed from the summary tables for one scope and period.

``PAGES`` maps a page's name to the function that builds its sections; the views and the CSV
export both go through it.
"""

from collections.abc import Callable
from datetime import date

from ..filters import InsightFilters, Scope
from ..tables import Section
from . import causes, costs, recovery, service, volume

Builder = Callable[[Scope, InsightFilters, date], list[Section]]

PAGES: dict[str, tuple[str, Builder]] = {
    "volume": ("Volume and emerging topics", volume.sections),
    "service": ("Response times and promises", service.sections),
    "recovery": ("Recovery", recovery.sections),
    "costs": ("Cost of remedies", costs.sections),
    "causes": ("Root causes and policy changes", causes.sections),
}

__all__ = ["PAGES", "Builder"]

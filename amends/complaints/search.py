"""Keyword search over complaints, indexed on each database.

SQLite: an FTS5 table kept in step with the complaints table by triggers.
PostgreSQL: a stored, generated ``tsvector`` column with a GIN index.
Both are created by migration 0002; the model does not know about them. On SQLite, a migration
that rebuilds the complaints table (adding or altering a column) drops its triggers: it must put
them back, as 0006 does.
"""

import re

from django.db import connection
from django.db.models import QuerySet

from .models import Complaint

_WORD = re.compile(r"[\w'-]+", re.UNICODE)
_REFERENCE = re.compile(r"^C-\d{4}-\d{6,}$", re.IGNORECASE)

SQLITE_FTS_TABLE = "complaints_complaint_fts"
SEARCHED_COLUMNS = ("reference", "summary", "story", "outcome_sought")
_SQLITE_MATCH = (
    "complaints_complaint.id IN "
    "(SELECT rowid FROM complaints_complaint_fts WHERE complaints_complaint_fts MATCH %s)"
)


def keywords(query: str) -> list[str]:
    return [w.strip("'-") for w in _WORD.findall(query) if w.strip("'-")][:12]


def filter_by_keywords(queryset: QuerySet[Complaint], query: str) -> QuerySet[Complaint]:
    """Keep complaints matching every word of ``query``; a reference matches exactly."""
    query = query.strip()
    if _REFERENCE.match(query):
        return queryset.filter(reference=query.upper())
    words = keywords(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.extra(
            where=["complaints_complaint.search_vector @@ plainto_tsquery('english'::regconfig, %s)"],
            params=[" ".join(words)],
        )
    # FTS5 syntax is not for customers' typing: quote every word so punctuation is literal.
    match = " ".join('"{}"'.format(w.replace('"', "")) for w in words)
    return queryset.extra(  # noqa: S610 - the parameters are bound, never interpolated
        where=[_SQLITE_MATCH],
        params=[match],
    )


# The most matches a search may have for its page to be read by their ids (``few_matches``).
FEW_MATCHES = 2000


def few_matches(queryset: QuerySet[Complaint]) -> list[int] | None:
    """The ids of ``queryset``'s complaints when there are at most ``FEW_MATCHES``, else None.

    For a keyword search on PostgreSQL: fetching up to ``FEW_MATCHES`` + 1 ids, in no order,
    goes through the word index and takes a few milliseconds whether the words are rare or not.
    ``queryset`` holds every filter already (who may see what, state, team).
    """
    ids = list(queryset.order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1])
    return ids if len(ids) <= FEW_MATCHES else None

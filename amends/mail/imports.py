"""Importing mail from files (``amends mail ingest``): the same pipeline, a batch at a time.

A batch is stored in two statements and processed in one transaction, so the disk is synced
once per batch instead of several times per message; its new complaints, its replies and its
rows' outcomes are written together (``services.Batch``). That is safe only because the files
stay where they are: an import cut short is run again, and whatever had been taken in is then
recognised as a duplicate.
"""

from collections import Counter
from collections.abc import Iterable
from itertools import islice

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from amends.core.inserts import rows_insert

from .models import InboundMail, Source, Status
from .services import (
    Batch,
    Received,
    inbound_process,
    inbound_row,
    inbound_store,
    our_addresses_read_once,
)

BATCH = 100


def inbound_import(*, messages: Iterable[tuple[bytes, str]], batch: int = BATCH) -> Counter[str]:
    """Take in ``(raw, where)`` pairs read from files and count the results by ``Received.result``."""
    counts: Counter[str] = Counter()
    pending = iter(messages)
    while chunk := list(islice(pending, batch)):
        with transaction.atomic(), our_addresses_read_once():
            stored = inbound_store_batch(items=chunk)
            todo: list[tuple[InboundMail, bool, bytes]] = []
            taken: set[int] = set()  # rows taken in by this batch: still pending until it is flushed
            for (inbound, created), (raw, _) in zip(stored, chunk, strict=True):
                if id(inbound) in taken or (not created and inbound.status != Status.PENDING):
                    counts["duplicate"] += 1
                    continue
                taken.add(id(inbound))
                todo.append((inbound, created, raw))
            work = Batch(mail=[(inbound, raw) for inbound, _, raw in todo])
            work.fresh.update(inbound.pk for inbound, created, _ in todo if created)
            processed = [
                inbound_process(inbound=inbound, raw=raw, fresh=created, batch=work)
                for inbound, created, raw in todo
            ]
            work.flush()
            work.save()
            counts.update(Received(inbound, duplicate=False).result for inbound in processed)
    return counts


def inbound_store_batch(*, items: list[tuple[bytes, str]]) -> list[tuple[InboundMail, bool]]:
    """Store a batch of files' bytes; for each, the stored row and whether it is new.

    A repeat (of earlier mail or within the batch) is the row first stored. If another process
    stores the same mail meanwhile, the batch falls back to storing one message at a time.
    """
    rows = [inbound_row(raw=raw, source=Source.FILE, source_ref=where) for raw, where in items]
    ids = {row.msgid for row in rows if row.msgid}
    earlier = InboundMail.objects.defer("raw").filter(
        Q(sha256__in={r.sha256 for r in rows}) | Q(msgid__in=ids)
    )
    on_file = list(earlier)
    by_hash = {row.sha256: row for row in on_file}
    by_id = {row.msgid: row for row in by_hash.values() if row.msgid}
    result: list[tuple[InboundMail, bool]] = []
    for row in rows:
        found = by_hash.get(row.sha256) or (by_id.get(row.msgid) if row.msgid else None)
        if found is None:
            by_hash[row.sha256] = row
            if row.msgid:
                by_id[row.msgid] = row
        elif found._state.adding:
            found.duplicates += 1  # a repeat within the batch: counted before the row is written
        result.append((found or row, found is None))
    try:
        with transaction.atomic():
            rows_insert([row for row, new in result if new])
    except IntegrityError:
        return [inbound_store(raw=raw, source=Source.FILE, source_ref=where) for raw, where in items]
    for row in on_file:
        if repeats := sum(1 for other, _ in result if other is row):
            InboundMail.objects.filter(pk=row.pk).update(duplicates=F("duplicates") + repeats)
    return result

"""Does ``amends mail ingest`` store exactly what reading the mail one message at a time stores?

    python bench/mail_compare.py [--messages 10000] [--database-url postgres://.../amends_mail_cmp]

Builds the maildir of ``bench/mail.py`` and takes it in twice, each into a fresh database (the
URL's name with ``_batch`` and ``_single`` appended): once with ``amends mail ingest``, once
through ``inbound_receive`` a file at a time, as the SMTP receiver would. Then it compares every
row the two wrote (customers, contact points, complaints and their search column, messages,
timeline events, promises, queued tasks, inbound mail, attachments), each by a key that does not
depend on the order rows were written in. Times are compared as set or not (two runs never
share a clock). Prints the differences and exits 1 if there are any.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Row = dict[str, Any]


def take_in(database_url: str, messages: int, *, single: bool) -> dict[str, dict[str, Row]]:
    """Fresh database, the bench maildir taken in one way or the other; the rows written."""
    from bench.setup import start_django

    start_django(
        database_url,
        fresh=True,
        data_dir=tempfile.mkdtemp(prefix="amends-bench-mail-cmp-"),
        TASKS_BACKEND="database",
    )
    from django.core.management import call_command

    from amends.mail.management.commands.mail import message_files
    from amends.mail.models import Source
    from amends.mail.services import inbound_receive
    from bench.mail import generate

    call_command("migrate", interactive=False, verbosity=0)
    maildir = generate(Path(os.environ["AMENDS_DATA_DIR"]) / "Maildir", messages)
    if single:
        for path in message_files([str(maildir.root)]):
            inbound_receive(raw=path.read_bytes(), source=Source.FILE, source_ref=str(path))
    else:
        call_command("mail", "ingest", str(maildir.root), stdout=open(os.devnull, "w"))  # noqa: SIM115
    return rows_written()


def rows_written() -> dict[str, dict[str, Row]]:
    """Every row an import writes, by table and by a key independent of insertion order."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from amends.complaints.models import Complaint, ContactPoint, Customer, Event, Message
    from amends.mail.models import Attachment, InboundMail
    from amends.promises.models import Promise

    keys: dict[str, dict[int, str]] = {}
    keys["complaint"] = dict(Complaint.objects.values_list("pk", "reference"))
    keys["contactpoint"] = {
        pk: f"{kind}:{value}" for pk, kind, value in ContactPoint.objects.values_list("pk", "kind", "value")
    }
    first_point: dict[int, str] = {}
    for customer_id, kind, value in ContactPoint.objects.order_by("id").values_list(
        "customer_id", "kind", "value"
    ):
        first_point.setdefault(customer_id, f"{kind}:{value}")
    keys["customer"] = {
        pk: first_point.get(pk, f"none:{pk}") for pk in Customer.objects.values_list("pk", flat=True)
    }
    keys["inboundmail"] = dict(InboundMail.objects.values_list("pk", "sha256"))
    keys["message"] = _ordinal_keys(Message, keys["complaint"], natural="message_id")
    keys["event"] = _ordinal_keys(Event, keys["complaint"])
    keys["promise"] = _ordinal_keys(Promise, keys["complaint"])
    keys["attachment"] = _ordinal_keys(Attachment, keys["inboundmail"], parent="inbound_id")

    tables: dict[str, dict[str, Row]] = {}
    models: list[Any] = [Customer, ContactPoint, Complaint, Message, Event, Promise, InboundMail, Attachment]
    for model in models:
        name = model._meta.model_name
        tables[name] = {keys[name][obj["id"]]: _normal(model, obj, keys) for obj in model.objects.values()}
    tasks: Counter[str] = Counter()
    for task in DBTaskResult.objects.values():
        args = task["args_kwargs"]["args"]
        task["args_kwargs"]["args"] = [keys["complaint"].get(a, a) for a in args]
        tasks[json.dumps(_normal(DBTaskResult, task, keys), sort_keys=True, default=str)] += 1
    tables["dbtaskresult"] = {row: {"count": count} for row, count in tasks.items()}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reference, search_vector::text FROM complaints_complaint")
            tables["search_vector"] = {ref: {"vector": vector} for ref, vector in cursor.fetchall()}
    return tables


def _ordinal_keys(
    model: Any, parents: dict[int, str], *, parent: str = "complaint_id", natural: str = ""
) -> dict[int, str]:
    """Rows keyed by their own unique value if they have one, else by parent and place under it."""
    keys: dict[int, str] = {}
    seen: Counter[Any] = Counter()
    for pk, parent_id, own in model.objects.order_by("id").values_list("id", parent, natural or "id"):
        if natural and own:
            keys[pk] = own
            continue
        keys[pk] = f"{parents[parent_id]}#{seen[parent_id]}"
        seen[parent_id] += 1
    return keys


_IDS_IN_DATA = {"inbound": "inboundmail", "promise": "promise", "contact_point": "contactpoint"}


def _normal(model: Any, row: Any, keys: dict[str, dict[int, str]]) -> Row:
    out: Row = {}
    for field in model._meta.concrete_fields:
        value = row[field.attname]
        if field.primary_key:
            continue
        if field.is_relation and value is not None:
            value = keys.get(field.related_model._meta.model_name, {}).get(value, value)
        elif field.name == "source_ref":
            value = Path(value).name  # the maildir's folder differs between runs
        elif isinstance(value, datetime):
            value = "set"
        elif isinstance(value, bytes | memoryview):
            value = "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
        elif isinstance(value, dict):
            value = {k: keys[_IDS_IN_DATA[k]].get(v, v) if k in _IDS_IN_DATA else v for k, v in value.items()}
        out[field.attname] = value
    return out


def differences(left: dict[str, dict[str, Row]], right: dict[str, dict[str, Row]]) -> dict[str, list[str]]:
    """What differs, table by table: rows only on one side, and fields that disagree."""
    found: dict[str, list[str]] = defaultdict(list)
    for table in sorted(set(left) | set(right)):
        a, b = left.get(table, {}), right.get(table, {})
        for key in sorted(set(a) | set(b)):
            if key not in b:
                found[table].append(f"only in batch: {key} {a[key]}")
            elif key not in a:
                found[table].append(f"only one at a time: {key} {b[key]}")
            elif a[key] != b[key]:
                fields = {f: (a[key].get(f), b[key].get(f)) for f in a[key] if a[key].get(f) != b[key].get(f)}
                found[table].append(f"{key}: {fields}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/amends_mail_cmp")
    parser.add_argument("--side", choices=["batch", "single"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        rows = take_in(args.database_url, args.messages, single=args.side == "single")
        Path(args.out).write_text(json.dumps(rows, default=str))
        return
    out = Path(tempfile.mkdtemp(prefix="amends-mail-cmp-"))
    for side in ("batch", "single"):
        command = [sys.executable, __file__, "--side", side, "--messages", str(args.messages)]
        command += ["--database-url", f"{args.database_url}_{side}", "--out", str(out / f"{side}.json")]
        subprocess.run(command, check=True)  # noqa: S603 - this script, run again
    batch, single = (json.loads((out / f"{side}.json").read_text()) for side in ("batch", "single"))
    found = differences(batch, single)
    for table in sorted(batch):
        print(f"{table}: {len(batch[table])} rows, {len(found.get(table, []))} differ")
    for table, lines in found.items():
        for line in lines[:10]:
            print(f"  {table} {line}"[:400])
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

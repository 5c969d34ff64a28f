"""Email ingestion: a maildir of varied generated messages through `amends mail ingest`.

    python bench/mail.py [--messages 10000] [--database-url postgres://...]

The database is created afresh each run. The maildir holds new complaints (plain, HTML-only,
multipart with files, encoded-word subjects, Latin-1 and Windows-1252 bodies, Outlook and Apple
styles), customers' replies (threaded by References, by the reference in the subject, or by the
signed reply address), out-of-office replies, newsletters, bounces, duplicates and unreadable
files. Prints `metric: value unit` lines: the ingestion rate and the share of mail threaded.
"""

import argparse
import base64
import os
import random
import re
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.header import Header
from io import StringIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.text import complaint_text  # noqa: E402

NAMES = [
    "Jo Bloggs",
    "Priya Shah",
    "Élodie Martin",
    "Zoë Król",
    "Sam O'Neill",
    "Chen Wei",
    "Aoife Byrne",
    "Jürgen Groß",
    "María José",
    "Tom Lee",
    "Fatima Khan",
    "Olu Adeyemi",
    "Ines Sousa",
    "Lars Berg",
]
DOMAINS = ["example.net", "example.org", "mail.example.com", "example.co.uk", "example.de"]
CARE = "care@amends.localhost"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class Maildir:
    """Writes messages as a maildir's cur/ files, named so that name order is delivery order."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for sub in ("cur", "new", "tmp"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        self.count = 0

    def add(self, raw: bytes) -> None:
        self.count += 1
        (self.root / "cur" / f"{1_770_000_000 + self.count}.M{self.count}P1.bench:2,S").write_bytes(raw)


class Story:
    """The generated world: customers, their first messages and the complaints those become."""

    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng = rng
        self.year = year
        self.sent: list[dict[str, str]] = []  # people's first messages that become complaints
        self.complaints = 0  # complaints the pipeline will have made, in order
        self.when = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
        self.seq = 0

    def stamp(self) -> str:
        self.when += timedelta(seconds=self.rng.randint(5, 90))
        return self.when.strftime("%a, %d %b %Y %H:%M:%S +0000")

    def message_id(self, domain: str) -> str:
        self.seq += 1
        return f"<bench.{self.seq}.{self.rng.getrandbits(40):x}@{domain}>"

    def person(self) -> tuple[str, str]:
        name = self.rng.choice(NAMES)
        local = re.sub(r"[^a-z]", ".", name.lower().encode("ascii", "ignore").decode()).strip(".")
        return name, f"{local}{self.rng.randint(1, 99999)}@{self.rng.choice(DOMAINS)}"

    def complaint_made(self, record: dict[str, str] | None = None) -> None:
        self.complaints += 1
        if record is not None:
            record["reference"] = f"C-{self.year}-{self.complaints:06d}"
            record["pk"] = str(self.complaints)
            self.sent.append(record)


def _headers(pairs: list[tuple[str, str]]) -> bytes:
    return "".join(f"{k}: {v}\n" for k, v in pairs).encode("utf-8")


def _from(name: str, address: str, rng: random.Random) -> str:
    if name.isascii():
        return f'"{name}" <{address}>'
    charset = (
        rng.choice(["utf-8", "iso-8859-1"])
        if name.encode("latin-1", "ignore").decode("latin-1") == name
        else "utf-8"
    )
    return f"{Header(name, charset).encode()} <{address}>"


def new_complaint(story: Story) -> bytes:
    rng = story.rng
    name, address = story.person()
    summary, text, outcome = complaint_text(rng)
    domain = address.split("@")[1]
    msgid = story.message_id(domain)
    body = f"Hello,\n\n{text}\n\nWhat I would like: {outcome or 'an answer'}\n\nThanks,\n{name.split()[0]}\n"
    subject = summary if rng.random() > 0.15 else Header(f"{summary} \u2013 ärgerlich", "utf-8").encode()
    head = [
        ("From", _from(name, address, rng)),
        ("To", CARE),
        ("Subject", subject),
        ("Date", story.stamp()),
        ("Message-ID", msgid),
        ("MIME-Version", "1.0"),
    ]
    style = rng.random()
    if style < 0.45:
        raw = (
            _headers(
                [*head, ("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "8bit")]
            )
            + b"\n"
            + body.encode("utf-8")
        )
    elif style < 0.6:
        raw = (
            _headers(
                [
                    *head,
                    ("Content-Type", 'text/plain; charset="iso-8859-1"'),
                    ("Content-Transfer-Encoding", "8bit"),
                ]
            )
            + b"\n"
            + body.encode("cp1252", "replace")
        )
    elif style < 0.75:
        html = "".join(f"<p>{line}</p>" for line in body.split("\n") if line)
        raw = _headers([*head, ("Content-Type", "text/html; charset=utf-8")]) + (
            f"\n<html><head><style>p{{margin:0}}</style></head><body>{html}</body></html>\n".encode()
        )
    else:
        raw = _multipart(head, body, rng)
    story.complaint_made(
        {"address": address, "name": name, "msgid": msgid, "domain": domain, "subject": summary}
    )
    return raw


def _multipart(head: list[tuple[str, str]], body: str, rng: random.Random) -> bytes:
    html = "".join(f"<p>{line}</p>" for line in body.split("\n") if line)
    parts = [
        "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body,
        f"--alt\nContent-Type: text/html; charset=utf-8\n\n<html><body>{html}</body></html>\n--alt--\n",
    ]
    alternative = "Content-Type: multipart/alternative; boundary=alt\n\n" + "\n".join(parts)
    if rng.random() < 0.5:
        return _headers(head) + alternative.encode()
    photo = base64.encodebytes(PNG + rng.randbytes(rng.randint(200, 3000))).decode()
    mixed = (
        "Content-Type: multipart/mixed; boundary=mix\n\n--mix\n"
        + alternative
        + "\n--mix\nContent-Type: image/png; name=photo.png\n"
        + "Content-Disposition: attachment; filename=photo.png\nContent-Transfer-Encoding: base64\n\n"
        + photo
        + "--mix--\n"
    )
    return _headers(head) + mixed.encode()


def reply(story: Story, how: str) -> bytes:
    rng = story.rng
    first = rng.choice(story.sent)
    to = CARE
    subject = f"Re: {first['subject']}"
    head: list[tuple[str, str]] = []
    if how == "headers":
        head = [("In-Reply-To", first["msgid"]), ("References", first["msgid"])]
    elif how == "subject":
        subject = f"Re: [{first['reference']}] {first['subject']}"
    else:
        from amends.complaints.delivery import reply_address

        to = reply_address(int(first["pk"]), CARE)
    text = rng.choice(
        [
            "Any news on this?",
            "I still have not heard back.",
            "Thursday morning suits me.",
            "The courier did not come again.",
            "Thank you, that would be fine.",
        ]
    )
    quote = (
        f"\n\nOn {story.stamp()}, Customer Care <{CARE}> wrote:\n> We have your complaint.\n> Kind regards\n"
    )
    return (
        _headers(
            [
                ("From", _from(first["name"], first["address"], rng)),
                ("To", to),
                ("Subject", subject),
                ("Date", story.stamp()),
                ("Message-ID", story.message_id(first["domain"])),
                *head,
                ("Content-Type", "text/plain; charset=utf-8"),
            ]
        )
        + f"\n{text}{quote}".encode()
    )


def out_of_office(story: Story) -> bytes:
    first = story.rng.choice(story.sent)
    head = [
        ("From", first["address"]),
        ("To", CARE),
        ("Subject", f"Automatic reply: {first['subject']}"),
        ("Date", story.stamp()),
        ("Message-ID", story.message_id(first["domain"])),
        ("Auto-Submitted", "auto-replied"),
        ("In-Reply-To", first["msgid"]),
    ]
    return _headers(head) + b"\nI am out of the office until Monday.\n"


def newsletter(story: Story) -> bytes:
    story.complaint_made()
    head = [
        ("From", "ShopWeekly <news@shopweekly.example>"),
        ("To", CARE),
        ("Subject", "This week: 20% off"),
        ("Date", story.stamp()),
        ("Message-ID", story.message_id("shopweekly.example")),
        ("Precedence", "bulk"),
        ("List-Id", "<offers.shopweekly.example>"),
        ("Content-Type", "text/html; charset=utf-8"),
    ]
    return _headers(head) + b"\n<html><body><h1>20% off</h1><p>Garden furniture.</p></body></html>\n"


def bounce(story: Story) -> bytes:
    first = story.rng.choice(story.sent)
    recipient = first["address"]
    return (
        f"From: MAILER-DAEMON@mx.amends.localhost\nTo: {CARE}\nSubject: Undelivered Mail Returned to Sender\n"
        f"Date: {story.stamp()}\nMessage-ID: {story.message_id('mx.amends.localhost')}\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
        f"--b\nContent-Type: text/plain\n\nCould not deliver to {recipient}.\n"
        "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.amends.localhost\n\n"
        f"Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
        "--b\nContent-Type: text/rfc822-headers\n\nMessage-ID: <ack-unknown@amends.localhost>\n\n--b--\n"
    ).encode()


def generate(root: Path, count: int, seed: int = 7) -> Maildir:
    from django.utils import timezone

    rng = random.Random(seed)
    story = Story(rng, timezone.now().year)
    maildir = Maildir(root)
    written: list[bytes] = []
    while maildir.count < count:
        roll = rng.random()
        if roll < 0.52 or len(story.sent) < 20:
            raw = new_complaint(story)
        elif roll < 0.70:
            raw = reply(story, "headers")
        elif roll < 0.76:
            raw = reply(story, "subject")
        elif roll < 0.80:
            raw = reply(story, "address")
        elif roll < 0.86:
            raw = out_of_office(story)
        elif roll < 0.90:
            raw = newsletter(story)
        elif roll < 0.93:
            raw = bounce(story)
        elif roll < 0.97:
            raw = rng.choice(written)  # delivered twice
        elif roll < 0.985:
            raw = rng.randbytes(rng.randint(100, 800))  # not an email at all
        else:
            msgid = story.message_id("x.example")
            raw = f"To: {CARE}\nSubject: no sender\nMessage-ID: {msgid}\n\nHello\n".encode()
        written.append(raw)
        maildir.add(raw)
    return maildir


def _backend_pid(connection: Any) -> int:
    """The PostgreSQL backend serving ``connection``, if it runs on this machine; else 0."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = int(cursor.fetchone()[0])
    return pid if Path(f"/proc/{pid}/stat").exists() else 0


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far (0 when unknown)."""
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "AMENDS_BENCH_MAIL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amends_bench_mail"
        ),
    )
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()

    from bench.setup import start_django

    start_django(
        args.database_url,
        fresh=True,
        data_dir=tempfile.mkdtemp(prefix="amends-bench-mail-"),
        TASKS_BACKEND="database",
    )
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    maildir = generate(Path(os.environ["AMENDS_DATA_DIR"]) / "Maildir", args.messages)
    out = StringIO()
    load = os.getloadavg()[0]
    backend = _backend_pid(connection)
    started, cpu, db_cpu = time.perf_counter(), time.process_time(), _cpu_seconds(backend)
    call_command("mail", "ingest", str(maildir.root), stdout=out)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    db_cpu = _cpu_seconds(backend) - db_cpu
    counts = {key: int(value) for key, value in (line.split(": ") for line in out.getvalue().splitlines())}
    print(f"database: {connection.vendor}")
    print(f"load_average: {load:.1f} runnable (on {os.cpu_count()} cores, before the run)")
    print(f"mail_messages: {maildir.count} emails")
    print(f"mail_ingest_seconds: {elapsed:.1f} s")
    print(f"mail_ingest_rate: {maildir.count / elapsed:.0f} emails/s")
    print(f"mail_ingest_cpu: {1000 * cpu / maildir.count:.1f} ms/email (ingest process only)")
    if backend:
        print(f"mail_database_cpu: {1000 * db_cpu / maildir.count:.1f} ms/email (its PostgreSQL backend)")
    print(f"mail_threaded_share: {100 * counts['threaded'] / max(counts['ingested'], 1):.1f} %")
    for key, value in counts.items():
        print(f"mail_{key}: {value} emails")


if __name__ == "__main__":
    main()

"""``amends mail``: ingest files, run the SMTP receiver, poll IMAP, look after the quarantine."""

import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amends.core.errors import AmendsError
from amends.mail import services
from amends.mail.imports import inbound_import
from amends.mail.models import InboundMail, Status


def message_files(paths: list[str]) -> Iterator[Path]:
    """Every message file under ``paths``: files as given, maildirs (``new`` then ``cur``) and
    folders of ``.eml`` files, in name order (maildir names start with the delivery time)."""
    for name in paths:
        path = Path(name)
        if path.is_file():
            yield path
        elif (path / "cur").is_dir() or (path / "new").is_dir():
            for sub in ("new", "cur"):
                if (path / sub).is_dir():
                    yield from sorted(p for p in (path / sub).iterdir() if p.is_file())
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            raise CommandError(f"{name}: no such file or folder")


class Command(BaseCommand):
    help = "Email in: ingest .eml files or maildirs, run the SMTP receiver, poll IMAP, handle quarantine."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ingest = sub.add_parser("ingest", help="Take in .eml files and maildirs.")
        ingest.add_argument("paths", nargs="+", metavar="PATH")
        smtpd = sub.add_parser("smtpd", help="Run the SMTP receiver until stopped.")
        smtpd.add_argument("--host", default="127.0.0.1")
        smtpd.add_argument("--port", type=int, default=2525)
        poll = sub.add_parser("poll", help="Poll the active IMAP mailboxes.")
        poll.add_argument("--mailbox", action="append", default=[], help="Only this mailbox (repeatable).")
        poll.add_argument("--forever", action="store_true", help="Keep polling, every --interval seconds.")
        poll.add_argument("--interval", type=int, default=60)
        sub.add_parser("quarantine", help="List quarantined mail.")
        retry = sub.add_parser("retry", help="Run quarantined mail through again.")
        retry.add_argument("ids", nargs="*", type=int)
        retry.add_argument("--all", action="store_true", help="Every quarantined message.")
        release = sub.add_parser("release", help="Let quarantined mail through as it is.")
        release.add_argument("ids", nargs="+", type=int)
        release.add_argument("--reply-to", default="", help="The customer's address, if the mail has none.")
        dismiss = sub.add_parser("dismiss", help="Put quarantined mail aside for good.")
        dismiss.add_argument("ids", nargs="+", type=int)
        dismiss.add_argument("--reason", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _ingest(self, options: dict[str, Any]) -> None:
        files = message_files(options["paths"])
        counts = inbound_import(messages=((path.read_bytes(), str(path)) for path in files))
        counts["ingested"] = sum(counts.values()) - counts["duplicate"]
        counts["duplicates"] = counts.pop("duplicate", 0)
        counts["bounces"] = counts.pop("bounce", 0)
        for key in ("ingested", "new", "threaded", "bounces", "duplicates", "quarantined"):
            self.stdout.write(f"{key}: {counts[key]}")

    def _smtpd(self, options: dict[str, Any]) -> None:
        from amends.mail.smtp import smtp_controller, smtp_controller_stop

        # The stop signal is heeded from the start, so a service manager stopping the receiver
        # while it starts still has it close cleanly.
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        controller = smtp_controller(host=options["host"], port=options["port"])
        controller.start()
        self.stdout.write(f"Receiving mail on {options['host']}:{options['port']}; Ctrl-C stops.")
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            smtp_controller_stop(controller)

    def _poll(self, options: dict[str, Any]) -> None:
        from amends.mail.imap import mailboxes_poll

        while True:
            results = mailboxes_poll(names=options["mailbox"])
            if not results:
                self.stderr.write("No active mailboxes: add one in the admin under Email in.")
            for result in results:
                counts = ", ".join(f"{k}: {v}" for k, v in sorted(result.counts.items())) or "nothing new"
                line = f"{result.mailbox}: {counts}" + (f" (error: {result.error})" if result.error else "")
                self.stdout.write(line)
            if not options["forever"]:
                return
            time.sleep(options["interval"])

    def _quarantine(self, options: dict[str, Any]) -> None:
        held = InboundMail.objects.defer("raw").filter(status=Status.QUARANTINED).order_by("id")
        for inbound in held:
            self.stdout.write(f"{inbound.pk}\t{inbound.received_at:%Y-%m-%d %H:%M}\t{inbound.subject[:50]}")
            self.stdout.write(f"\t{inbound.reason}")
        self.stdout.write(f"quarantined: {held.count()}")

    def _each(self, ids: list[int], action: Any) -> None:
        for inbound in InboundMail.objects.defer("raw").filter(pk__in=ids).order_by("id"):
            try:
                done = action(inbound)
            except AmendsError as exc:
                self.stderr.write(f"{inbound.pk}: {exc.message}")
                continue
            reason = f" ({done.reason})" if done.status == Status.QUARANTINED else ""
            self.stdout.write(f"{done.pk}: {done.get_status_display().lower()}{reason}")

    def _retry(self, options: dict[str, Any]) -> None:
        ids = options["ids"]
        if options["all"]:
            ids = list(InboundMail.objects.filter(status=Status.QUARANTINED).values_list("pk", flat=True))
        self._each(ids, lambda inbound: services.inbound_retry(inbound=inbound, by=None))

    def _release(self, options: dict[str, Any]) -> None:
        reply_to = options["reply_to"]
        self._each(
            options["ids"],
            lambda inbound: services.inbound_release(inbound=inbound, by=None, reply_to=reply_to),
        )

    def _dismiss(self, options: dict[str, Any]) -> None:
        reason = options["reason"]
        self._each(
            options["ids"], lambda inbound: services.inbound_dismiss(inbound=inbound, by=None, reason=reason)
        )

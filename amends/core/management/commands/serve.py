import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

# Seconds a worker may take to finish its requests after SIGTERM before it is killed (gunicorn's
# graceful timeout was the same).
GRACEFUL_SECONDS = 30


def bind_address(bind: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6, or a bare ``PORT`` on loopback) as host and port."""
    host, sep, port = bind.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", bind
    if not port.isdigit():
        raise CommandError(f"--bind wants HOST:PORT, not {bind!r}.")
    return host.strip("[]") or "127.0.0.1", int(port)


class Command(BaseCommand):
    help = "Run the production web server (granian, WSGI) on the Amends application."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("AMENDS_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("AMENDS_WEB_WORKERS", "0")) or None,
            help="Worker processes (default: 2 per core + 1).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=1,
            help="Threads per worker running the application (default 1: one request at a time).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from granian import Granian
        from granian.constants import Interfaces

        host, port = bind_address(options["bind"])
        workers = options["workers"] or (2 * (os.cpu_count() or 1) + 1)
        # Load the application once, before the workers fork from this process: they start warm
        # and share its memory (gunicorn's --preload). No connection may cross the fork.
        import amends.core.serving  # noqa: F401

        connections.close_all()
        Granian(
            "amends.core.serving:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=options["threads"],
            websockets=False,
            log_access=True,
            respawn_failed_workers=True,
            workers_kill_timeout=GRACEFUL_SECONDS,
        ).serve()

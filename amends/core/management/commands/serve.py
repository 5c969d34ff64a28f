import gc
import logging
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


def server_logging() -> dict[str, Any]:
    """granian's logging at Amends' level (``AMENDS_LOG_LEVEL``, set on the root logger).

    The access log, a line per request at INFO, is kept only where that level shows it: granian
    logs it at INFO whatever its own level, so below INFO each line was built and written out,
    and read by nobody, at a cost to every request.
    """
    from granian.log import LogLevels

    root = logging.getLogger()
    level = logging.getLevelName(root.getEffectiveLevel()).lower()
    return {
        "log_level": LogLevels(level) if level in LogLevels.__members__ else LogLevels.info,
        "log_access": root.isEnabledFor(logging.INFO),
    }


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
        # What is loaded now lives as long as the server: keep it out of the garbage collector's
        # reach. Its full collections, every few thousand requests, had walked all of it (about
        # 200,000 objects, 140 ms with a request waiting); and the workers keep sharing its
        # memory pages with this process rather than copying them as the collector marks them.
        gc.collect()
        gc.freeze()
        Granian(
            "amends.core.serving:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=options["threads"],
            websockets=False,
            **server_logging(),
            respawn_failed_workers=True,
            workers_kill_timeout=GRACEFUL_SECONDS,
        ).serve()

import os
import shutil
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the production web server (gunicorn) on the Amends WSGI application."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("AMENDS_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("AMENDS_WEB_WORKERS", "0")) or None,
            help="Worker processes (default: 2 per core + 1).",
        )
        parser.add_argument("--threads", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if gunicorn is None:
            raise CommandError("gunicorn is not installed in this environment.")
        workers = options["workers"] or (2 * (os.cpu_count() or 1) + 1)
        command = [
            gunicorn,
            "amends.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(workers),
            "--threads",
            str(options["threads"]),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("AMENDS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            # Load the application once, before forking: workers start warm and share memory.
            "--preload",
        ]
        os.execv(gunicorn, command)  # noqa: S606 - replaces this process with the server

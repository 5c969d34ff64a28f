import signal
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Find due promises, surveys and check-ins and act on them (remind, escalate, break, send). "
        "Once by default; with --every N, every N seconds until stopped (what `amends demo` runs)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds.")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the sweep for `amends worker` instead of running it here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        every = max(0, options["every"])
        while not self._stopping:
            started = time.monotonic()
            self._once(enqueue=options["enqueue"], quiet=bool(every))
            if not every:
                return
            while not self._stopping and time.monotonic() - started < every:
                time.sleep(0.5)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self._stopping = True

    def _once(self, *, enqueue: bool, quiet: bool) -> None:
        if enqueue:
            from amends.promises.tasks import run_sweeps

            run_sweeps.enqueue()
            return
        for path in settings.AMENDS_SWEEPS:
            report = import_string(path)()
            if not quiet or any(v for k, v in vars(report).items()):
                self.stdout.write(f"{path.rsplit('.', 1)[-1]}: {report}")

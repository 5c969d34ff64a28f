import os
import signal
import subprocess
import sys
import time
import urllib.request
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from amends.complaints.models import Complaint
from amends.demo.data import DEMO_LOGINS, load_demo_data


class Command(BaseCommand):
    help = "Run Amends with demo data on one machine: migrate, load data, start web and worker."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--data-dir", help="Where the SQLite database and outbox live (default ./var).")
        parser.add_argument("--complaints", type=int, default=300, help="How many demo complaints to load.")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the data, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if not Complaint.objects.exists():
            self.stdout.write(f"Loading {options['complaints']} demo complaints…")
            load_demo_data(complaints=options["complaints"])
        if options["no_serve"]:
            return
        self._serve(options["port"])

    def _serve(self, port: int) -> None:
        env = {**os.environ, "AMENDS_SITE_URL": f"http://127.0.0.1:{port}"}
        amends = [sys.executable, "-m", "amends.cli"]
        serve = [*amends, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        # Stopped by a signal (SIGTERM from kill or a service manager, SIGHUP when its terminal
        # closes) as by Ctrl+C: the web server, the worker and the sweep stop with it. Before,
        # they lived on, and the web server kept answering on the port with what it had loaded.
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGHUP, _stop)
        processes: list[subprocess.Popen[bytes]] = []
        try:
            processes.append(subprocess.Popen(serve, env=env))  # noqa: S603 - our own command line
            processes.append(subprocess.Popen([*amends, "worker"], env=env))  # noqa: S603
            # Every minute: remind, escalate and break due promises; send due surveys and check-ins.
            processes.append(subprocess.Popen([*amends, "sweep", "--every", "60"], env=env))  # noqa: S603
            url = f"http://127.0.0.1:{port}"
            self._wait_until_up(url + "/health/")
            self.stdout.write(self.style.SUCCESS(f"\nAmends is running at {url}/"))
            self.stdout.write(f"  Complaint form: {url}/complain/")
            self.stdout.write(f"  Agent desk:     {url}/desk/")
            self.stdout.write(f"  API docs:       {url}/api/v1/docs")
            self.stdout.write("  Demo logins (username / password):")
            for username, password, role in DEMO_LOGINS:
                self.stdout.write(f"    {username:<10} {password:<14} {role}")
            self.stdout.write(f"  Emails Amends sends are written to {settings.DATA_DIR / 'outbox'}")
            self.stdout.write("Press Ctrl+C to stop.")
            self.stdout.flush()
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=40)

    def _wait_until_up(self, url: str) -> None:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - our own loopback server
                    return
            except OSError:
                time.sleep(0.2)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)

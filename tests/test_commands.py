"""The `amends` command and settings, run as an operator would: in a fresh process."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "amends.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run("check", env={"AMENDS_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "AMENDS_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    code = "from django.conf import settings; import django; django.setup(); print(settings.DEBUG)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    env.update(
        {
            "AMENDS_SECRET_KEY": "k" * 50,
            "AMENDS_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "amends.settings",
        }
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("cache_url", "engine"),
    [
        ("", "django.contrib.sessions.backends.db"),
        ("redis://127.0.0.1:6379/15", "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_are_cached_only_in_a_cache_every_process_shares(tmp_path, cache_url, engine):
    code = "from django.conf import settings; import django; django.setup(); print(settings.SESSION_ENGINE)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    env.update(
        {
            "AMENDS_SECRET_KEY": "k" * 50,
            "AMENDS_DATA_DIR": str(tmp_path),
            "AMENDS_CACHE_URL": cache_url,
            "DJANGO_SETTINGS_MODULE": "amends.settings",
        }
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == engine


def test_help_lists_the_commands():
    result = run("--help", env={})
    for command in ("demo", "serve", "worker", "migrate", "createsuperuser", "apikey"):
        assert command in result.stdout


def test_migrate_then_demo_without_serving_loads_a_living_desk(tmp_path):
    result = run("demo", "--no-serve", "--data-dir", str(tmp_path), "--complaints", "30", env={})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "amends.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
    count = run(
        "shell",
        "-c",
        "from amends.complaints.models import Complaint; print(Complaint.objects.count())",
        env={"AMENDS_DATA_DIR": str(tmp_path), "AMENDS_SECRET_KEY": (tmp_path / "secret_key").read_text()},
    )
    assert count.stdout.strip().splitlines()[-1] == "30", count.stderr


@pytest.mark.parametrize("value", ["yes", "lots"])
def test_a_malformed_number_setting_is_named(tmp_path, value):
    result = run(
        "check",
        env={
            "AMENDS_SECRET_KEY": "k" * 50,
            "AMENDS_DATA_DIR": str(tmp_path),
            "AMENDS_FIRST_RESPONSE_HOURS": value,
        },
    )
    assert result.returncode != 0
    assert "AMENDS_FIRST_RESPONSE_HOURS must be a whole number" in result.stderr


@pytest.mark.parametrize(("level", "logged"), [("INFO", True), ("WARNING", False)])
def test_serve_answers_health_on_its_port_and_stops_on_sigterm(tmp_path, level, logged):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "amends.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env={
            **clean,
            "AMENDS_SECRET_KEY": "k" * 50,
            "AMENDS_DATA_DIR": str(tmp_path),
            "AMENDS_LOG_LEVEL": level,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stdout or ()), daemon=True)
    reader.start()
    access_line = '"GET /health/ HTTP/1.1" 200'
    try:
        status, deadline = 0, time.monotonic() + 90
        while status != 200 and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as reply:
                    status = reply.status
            except OSError:
                time.sleep(0.2)
        assert status == 200
        # The worker writes the line after it has answered: give it time to (up to 10 s).
        deadline = time.monotonic() + (10 if logged else 1)
        while time.monotonic() < deadline and not any(access_line in line for line in list(lines)):
            time.sleep(0.05)
    finally:
        server.send_signal(signal.SIGTERM)
        returncode = server.wait(timeout=40)
        reader.join(timeout=10)
    assert returncode == 0
    # The access log (a line per request, at INFO) only where the level shows it.
    assert any(access_line in line for line in lines) is logged


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, read from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process tree from /proc")
def test_demo_stopped_by_sigterm_stops_its_web_server_worker_and_sweep(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    demo = subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "amends.cli",
            "demo",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path),
            "--complaints",
            "20",
        ],
        env=clean,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # so that the test can clean up whatever is left, whatever happens
    )
    try:
        for line in demo.stdout or ():
            if line.startswith("Press Ctrl+C"):
                break
        started = _children(demo.pid)
        assert len(started) == 3  # the web server, the worker and the sweep
        demo.send_signal(signal.SIGTERM)  # to it alone, as kill or a service manager sends it
        assert demo.wait(timeout=60) == 0
        left = [pid for pid in started if _alive(pid)]
        assert left == []
        with pytest.raises(urllib.error.URLError, match="Connection refused"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2)
    finally:
        with contextlib.suppress(ProcessLookupError):  # nothing left, as it should be
            os.killpg(demo.pid, signal.SIGKILL)

"""Intake over real HTTP, one request at a time, against `amends serve` (gunicorn) on loopback."""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager

from amends.accounts.models import User
from amends.accounts.services import apikey_create

FORM = {
    "story": "My washing machine arrived with a dented door and the driver would not wait while I looked.",
    "outcome_sought": "A replacement door fitted this week.",
    "name": "Bench Customer",
    "preferred_contact_method": "email",
    "preferred_contact_time": "",
    "website": "",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def server(workers: int) -> Iterator[int]:
    port = free_port()
    env = {**os.environ, "AMENDS_INTAKE_RATE": "100000000/m", "AMENDS_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "amends.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_until_healthy(port)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _wait_until_healthy(port: int, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server on port {port} did not answer /health/ within {seconds:.0f} s")


def _rate(name: str, count: int, elapsed: float, statuses: set[int]) -> None:
    print(f"intake_{name}_rate: {count / elapsed:.0f} complaints/s")
    print(f"intake_{name}_mean: {elapsed / count * 1000:.2f} ms")
    if statuses - {201, 302}:
        raise SystemExit(f"intake_{name}: unexpected statuses {statuses}")


def form(port: int, count: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/complain/")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the form"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Referer": f"http://127.0.0.1:{port}/",
    }
    statuses: set[int] = set()
    started = time.perf_counter()
    for i in range(count):
        body = urllib.parse.urlencode(
            {**FORM, "email": f"form{i}@bench.example.net", "csrfmiddlewaretoken": token.group(1)}
        )
        conn.request("POST", "/complain/", body=body, headers=headers)
        reply = conn.getresponse()
        reply.read()
        statuses.add(reply.status)
    _rate("form", count, time.perf_counter() - started, statuses)


def api(port: int, count: int) -> None:
    user = User.objects.get(username="bench-admin")
    _, key = apikey_create(user=user, name="bench")
    conn = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
    statuses: set[int] = set()
    started = time.perf_counter()
    for i in range(count):
        body = json.dumps(
            {
                "name": "Bench",
                "email": f"api{i}@bench.example.net",
                "story": FORM["story"],
                "outcome_sought": FORM["outcome_sought"],
            }
        )
        conn.request(
            "POST",
            "/api/v1/complaints",
            body=body,
            headers={**headers, "Idempotency-Key": f"bench-{i}-{time.time()}"},
        )
        reply = conn.getresponse()
        reply.read()
        statuses.add(reply.status)
    _rate("api", count, time.perf_counter() - started, statuses)


def run(count: int, workers: int) -> None:
    with server(workers) as port:
        form(port, 50)  # warm up every worker
        form(port, count)
        api(port, count)

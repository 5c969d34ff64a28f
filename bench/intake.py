"""Intake over real HTTP, one request at a time, against `amends serve` (granian) on loopback.

The web form and the API store what they are sent and answer; a worker (`amends worker
--queue-name intake`, running throughout as deployed) files the complaints. Besides the rate
at which complaints are taken in, each run prints how long after its first request the last
complaint was filed, and the rate that makes.

As a desk's customers do, each form complaint comes from an address of its own, and every other
one (form and API) names a category.

The client is a load generator in the manner of wrk: each request is written out as bytes and
sent on a kept-alive socket, and the answer is read by its Content-Length. Python's
``http.client`` parses every answer's headers with the email package, which cost the client
0.3 to 0.5 ms of CPU a request on this machine, on the same two cores as the server it measures.
"""

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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from amends.accounts.models import User
from amends.accounts.services import apikey_create
from amends.complaints.models import Category

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
def server(
    workers: int,
    *,
    python: str = sys.executable,
    settings: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Iterator[int]:
    """``amends serve`` and a filing worker, run by ``python`` in ``cwd`` (another checkout's, to
    compare: ``python -m`` imports the package from the directory it runs in first, so the
    directory names the code as much as the python does)."""
    port = free_port()
    if cwd is not None:
        _check_runs_from(python, cwd)
    # Each form complaint comes from an address of its own, as a desk's customers do, named in
    # the header a proxy in front would set: the throttle counts as it would for them (its
    # rate is the default), rather than being turned off or counting one address's thousands.
    env = {
        **os.environ,
        "AMENDS_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        "AMENDS_LOG_LEVEL": "WARNING",
        **(settings or {}),
    }
    filer = subprocess.Popen(  # noqa: S603 - our own command, by our own or a compared checkout's python
        [python, "-m", "amends.cli", "worker", "--queue-name", "intake", "--interval", "0.2"],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    process = subprocess.Popen(  # noqa: S603 - our own command
        [
            python,
            "-m",
            "amends.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_until_healthy(port)
        yield port
    finally:
        for started in (process, filer):
            os.killpg(started.pid, signal.SIGTERM)
            started.wait(timeout=30)


def _check_runs_from(python: str, cwd: Path) -> None:
    """Stop unless ``python`` run in ``cwd`` imports the ``amends`` under ``cwd``."""
    found = subprocess.run(  # noqa: S603 - our own command
        [python, "-c", "import amends; print(amends.__file__)"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not found or not Path(found).resolve().is_relative_to(cwd.resolve()):
        raise SystemExit(f"{python} in {cwd} imports amends from {found or 'nowhere'}, not from {cwd}")


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


def _rate(name: str, count: int, elapsed: float) -> None:
    print(f"intake_{name}_rate: {count / elapsed:.0f} complaints/s")
    print(f"intake_{name}_mean: {elapsed / count * 1000:.2f} ms")


class Client:
    """One kept-alive HTTP/1.1 connection that sends prepared requests and reads each answer."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.port = port
        self.pending = b""

    def send(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        """Send one request and return the answer's status and headers (the body is read and dropped)."""
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        while b"\r\n\r\n" not in self.pending:
            self.pending += self._recv()
        head, _, rest = self.pending.partition(b"\r\n\r\n")
        length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
        if length is None:  # every answer Amends gives here has a length (CommonMiddleware)
            raise SystemExit(f"an answer without Content-Length: {head[:200]!r}")
        size = int(length.group(1))
        while len(rest) < size:
            rest += self._recv()
        self.pending = rest[size:]
        return int(head[9:12]), head

    def _recv(self) -> bytes:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise SystemExit("the server closed the connection")
        return chunk

    def close(self) -> None:
        self.sock.close()


Send = Callable[[Client, int], int]


def _drive(name: str, port: int, count: int, clients: int, send: Send, *, report: bool = True) -> float:
    """``count`` complaints, one per request, from ``clients`` connections each waiting for its answer.

    One client measures the time a single complaint takes; several measure what the server takes
    in when many customers submit at once, which is how a desk is used.
    """
    statuses: set[int] = set()
    took: list[float] = []  # each request's time, ms

    def client(first: int) -> None:
        conn = Client(port)
        for i in range(first, count, clients):
            sent = time.perf_counter()
            statuses.add(send(conn, i))
            took.append((time.perf_counter() - sent) * 1000)
        conn.close()

    started, stolen = time.perf_counter(), _cpu_ticks()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    label = name if clients == 1 else f"{name}_{clients}_clients"
    elapsed = time.perf_counter() - started
    if statuses - {202, 302}:
        raise SystemExit(f"intake_{label}: unexpected statuses {statuses}")
    if not report:  # a comparison's burst: the rate alone, filing left to the caller
        return count / elapsed
    _rate(label, count, elapsed)
    took.sort()
    # The spread says whether a slow run was slow throughout (the machine) or in bursts (filing).
    for share in (50, 95, 99):
        print(f"intake_{label}_p{share}: {took[min(len(took) - 1, len(took) * share // 100)]:.2f} ms")
    if stolen is not None and (now := _cpu_ticks()) is not None:
        # On a virtual machine, the share of CPU time the host gave to others while this ran:
        # runs of the same code differ with it.
        steal, total = now[0] - stolen[0], now[1] - stolen[1]
        print(f"intake_{label}_cpu_steal: {100 * steal / max(total, 1):.1f} %")
    _filed(label, count, started)
    return count / elapsed


def _cpu_ticks() -> tuple[int, int] | None:
    """The machine's CPU time stolen by the hypervisor and in all, in ticks (Linux), or None."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    return fields[7], sum(fields)


def wait_until_filed(name: str, seconds: float = 600) -> None:
    """Wait until the worker has filed every submission."""
    from amends.complaints.models import Submission

    deadline = time.monotonic() + seconds
    while Submission.objects.filter(filed_at__isnull=True, problem="").exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"intake_{name}: submissions still waiting after {seconds:.0f} s")
        time.sleep(0.05)


def _filed(name: str, count: int, started: float) -> None:
    """Wait until the worker has filed every submission, and say when that was."""
    wait_until_filed(name)
    elapsed = time.perf_counter() - started
    print(f"intake_{name}_all_filed_after: {elapsed:.2f} s")
    print(f"intake_{name}_filed_rate: {count / elapsed:.0f} complaints/s")


def _category() -> Category:
    category = Category.objects.filter(is_active=True).order_by("pk").first()
    if category is None:
        raise SystemExit("the benchmark database has no active category")
    return category


def form(port: int, count: int, clients: int = 1, name: str = "form", *, report: bool = True) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/complain/")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the form"
    conn.close()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Referer": f"http://127.0.0.1:{port}/",
    }
    run_id = time.time_ns()
    # Every field but the email is the same each time: encode them once.
    fixed = urllib.parse.urlencode({**FORM, "csrfmiddlewaretoken": token.group(1)})
    chosen = f"&category={_category().pk}"

    def send(conn: Client, i: int) -> int:
        email = urllib.parse.quote(f"form{run_id}-{i}@bench.example.net")
        sender = {**headers, "X-Forwarded-For": f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"}
        # Every other customer says what it is about; the rest leave it as "Not sure".
        about = chosen if i % 2 else ""
        status, head = conn.send("POST", "/complain/", sender, f"{fixed}&email={email}{about}".encode())
        if status == 302 and b"/complain/received/" not in head:
            raise SystemExit(f"the form redirected elsewhere: {head[:300]!r}")
        return status

    return _drive(name, port, count, clients, send, report=report)


def api(port: int, count: int, clients: int = 1, name: str = "api", *, report: bool = True) -> float:
    slug = _category().slug
    user = User.objects.get(username="bench-admin")
    _, key = apikey_create(user=user, name="bench")
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
    run_id = time.time_ns()

    def send(conn: Client, i: int) -> int:
        body = json.dumps(
            {
                "name": "Bench",
                "email": f"api{run_id}-{i}@bench.example.net",
                "story": FORM["story"],
                "outcome_sought": FORM["outcome_sought"],
                **({"category": slug} if i % 2 else {}),
            }
        )
        status, _ = conn.send(
            "POST", "/api/v1/complaints", {**headers, "Idempotency-Key": f"bench-{run_id}-{i}"}, body.encode()
        )
        return status

    return _drive(name, port, count, clients, send, report=report)


def vacuum_if_nobody_does() -> None:
    """Vacuum the tables a run writes when the server's autovacuum is off (this machine's CI
    configuration turns it off). Filing leaves a dead row for every submission and finished
    task, and removing a run (``remove_run``) one for each of its complaints, customers,
    events, messages and promises; a deployment's autovacuum clears them. Left, they slowed
    more than intake: after a day of runs, 468,300 dead complaint rows at the newest end of the
    indexes made PostgreSQL read 3,083 buffers to plan one complaint-page query (5.6 ms), and
    the complaint page's p95 went from 27 to 100 ms."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from amends.complaints.models import (
        Complaint,
        ContactPoint,
        Customer,
        Event,
        Message,
        ReferenceCounter,
        Submission,
    )
    from amends.promises.models import Promise

    if connection.vendor != "postgresql":
        return
    written = (
        Submission,
        DBTaskResult,
        ReferenceCounter,
        Complaint,
        Customer,
        ContactPoint,
        Event,
        Message,
        Promise,
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] == "on":
            return
        # The tables a run writes and removes from, named rather than read from the statistics
        # (those of the removal just made may not have reached them yet). The indexes are
        # cleaned even when few pages hold dead rows, which VACUUM otherwise skips: a run's are
        # all at the newest end, where the planner looks.
        for model in written:
            cursor.execute(
                f"VACUUM (ANALYZE, INDEX_CLEANUP ON) {connection.ops.quote_name(model._meta.db_table)}"
            )


def _machine_speed(when: str) -> None:
    """The time a fixed loop of pure Python takes, the best of five: on a virtual machine the same
    code ran up to twice as fast in one minute as in another, and one-client intake with it."""
    best = min(_timed_loop() for _ in range(5))
    print(f"intake_machine_loop_{when}: {best * 1000:.1f} ms")


def _timed_loop() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i % 7
    return time.perf_counter() - started


def run(count: int, workers: int, clients: int = 8) -> None:
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from amends.complaints.services import submissions_file_waiting

    submissions_file_waiting()  # what an interrupted run left waiting, so each run waits for its own
    vacuum_if_nobody_does()
    started = timezone.now()
    _machine_speed("before")
    with server(workers) as port:
        form(port, 50, name="warm_up_form")  # every worker, on both paths measured
        api(port, 50, name="warm_up_api")
        form(port, count)
        api(port, count)
        form(port, count, clients)
        api(port, count, clients)
    # No worker for the default queue runs here: the acknowledgements, triage and incident
    # matching the run's complaints queued would pile up run after run, as they would not where
    # workers run. Remove them, so each run meets the task table as a deployment keeps it.
    DBTaskResult.objects.filter(status="READY", queue_name="default", enqueued_at__gte=started).delete()
    _machine_speed("after")
    removed = remove_run(started)
    vacuum_if_nobody_does()  # the next pages measured should not meet this run's dead rows
    print(f"intake_removed_after_run: {removed} complaints")


def remove_run(started: datetime) -> int:
    """Delete what a run took in since ``started`` (submissions, complaints, their customers).

    Each run adds 8,000 complaints with one story at the newest end; left in, runs after runs
    made the newest pages and the common-word searches unlike a real desk's (about 200 ms after
    23 runs). The benchmark's customers are recognised by their address, so nothing generated
    or added by hand is touched.
    """
    from django.db import transaction

    from amends.complaints.models import Complaint, Customer, Submission

    with transaction.atomic():
        taken = Submission.objects.filter(received_at__gte=started).exclude(complaint=None)
        ours = Customer.objects.filter(contact_points__value__endswith="@bench.example.net")
        complaints = Complaint.objects.filter(pk__in=taken.values("complaint_id"), customer__in=ours)
        pks = list(complaints.values_list("pk", flat=True))
        customers = set(complaints.values_list("customer_id", flat=True))
        Submission.objects.filter(complaint__in=pks).delete()
        Complaint.objects.filter(pk__in=pks).delete()
        # Only customers left with no complaint: one who also complained otherwise stays.
        Customer.objects.filter(pk__in=customers, complaints=None).delete()
    return len(pks)

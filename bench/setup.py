"""Point Amends at a benchmark database and start Django: the opening of every benchmark."""

import os
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


BENCH_CACHE_URL = "redis://127.0.0.1:6379/14"


def redis_answers(url: str) -> bool:
    """Whether a Redis server answers PING at ``url`` (the benchmarks use one if it is there)."""
    import socket

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_database(url: str, *, fresh: bool) -> None:
    """Create the PostgreSQL database named in ``url`` if missing; drop it first with ``fresh``."""
    if not url.startswith("postgres"):
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def start_django(
    database_url: str, *, fresh: bool = False, data_dir: str | None = None, **amends: str
) -> None:
    """Set the environment for a benchmark run, make sure its database exists, and set Django up.

    ``amends`` are extra settings without their prefix, e.g. ``TASKS_BACKEND="dummy"``.
    """
    os.environ["AMENDS_DATABASE_URL"] = database_url
    os.environ.setdefault("AMENDS_SECRET_KEY", "bench-only-secret-key-" + "x" * 30)
    if data_dir:
        os.environ["AMENDS_DATA_DIR"] = data_dir
    os.environ.setdefault("AMENDS_DATA_DIR", str(ROOT / "var" / "bench"))
    os.environ["AMENDS_LOG_LEVEL"] = "WARNING"
    for name, value in amends.items():
        os.environ[f"AMENDS_{name}"] = value
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
    if "AMENDS_CACHE_URL" not in os.environ and redis_answers(BENCH_CACHE_URL):
        # As deployed with several web processes: throttles and sessions in a shared Redis.
        os.environ["AMENDS_CACHE_URL"] = BENCH_CACHE_URL
    ensure_database(database_url, fresh=fresh)

    import django

    django.setup()

"""Point Amends at a benchmark database and start Django: the opening of every benchmark."""

import os
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


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
    ensure_database(database_url, fresh=fresh)

    import django

    django.setup()

"""The ``amends`` command.

``amends demo``, ``amends serve`` and ``amends worker`` start processes; every other word is a
Django management command (``amends migrate``, ``amends createsuperuser``, ``amends apikey create``).
"""

import os
import secrets
import sys
from pathlib import Path

USAGE = """usage: amends COMMAND [options]

  demo [--port P] [--data-dir D]   migrate, load demo data, run web + worker on SQLite
  serve [--bind ADDR] [--workers N] run the production web server (granian)
  worker [db_worker options]       run the background task worker
  sweep [--every N]                remind, escalate and settle promises that fall due
  insights rebuild|fold|digest     the insight pages' summary tables; the owners' weekly digest
  migrate                          create or update the database tables
  createsuperuser                  create an administrator
  apikey create --user NAME        create an API key and print it once
  ...                              any Django management command
"""


def _option(argv: list[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
    return None


def prepare_demo_environment(argv: list[str]) -> None:
    """Give the demo a data directory, a persistent secret key and a readable outbox.

    Only the demo does this: production must set AMENDS_SECRET_KEY itself.
    """
    data_dir = Path(_option(argv, "--data-dir") or os.environ.get("AMENDS_DATA_DIR", "var")).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["AMENDS_DATA_DIR"] = str(data_dir)
    key_file = data_dir / "secret_key"
    if not os.environ.get("AMENDS_SECRET_KEY"):
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        os.environ["AMENDS_SECRET_KEY"] = key_file.read_text().strip()
    os.environ.setdefault("AMENDS_EMAIL_BACKEND", "file")
    # Links in the demo's emails must point at the port it serves on, including those written
    # while loading the data, before the server starts.
    os.environ.setdefault("AMENDS_SITE_URL", f"http://127.0.0.1:{_option(argv, '--port') or 8000}")


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
    command = argv[1] if len(argv) > 1 else ""
    if command in ("", "-h", "--help", "help"):
        print(USAGE)
        return
    if command == "demo":
        prepare_demo_environment(argv[2:])
    elif command == "worker":
        argv[1] = "db_worker"
        if not any(arg.startswith("--queue-name") for arg in argv):
            argv.append("--queue-name=*")  # every queue unless told otherwise
    elif command == "serve":
        argv[1] = "serve"

    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()

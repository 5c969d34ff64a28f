"""Fixtures for the mail tests: .eml files, a real SMTP receiver and a real Dovecot IMAP server."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def load_eml(name: str, **values: str) -> bytes:
    """A fixture message, with ``{{NAME}}`` placeholders filled from ``values``."""
    raw = (FIXTURES / name).read_bytes()
    for key, value in values.items():
        raw = raw.replace(f"{{{{{key}}}}}".encode(), value.encode())
    return raw


@pytest.fixture
def eml():
    return load_eml


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited early:\n{log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"dovecot did not listen on {port}:\n{log.read_text() if log.exists() else ''}")


@pytest.fixture
def smtp_receiver(transactional_db):
    """The SMTP receiver on a free loopback port, for the test's length."""
    from amends.mail.smtp import smtp_controller, smtp_controller_stop

    port = free_port()
    controller = smtp_controller(host="127.0.0.1", port=port)
    controller.start()
    yield ("127.0.0.1", port)
    smtp_controller_stop(controller)


@dataclass(frozen=True)
class Relay:
    """An SMTP server standing in for the outgoing relay; ``received`` holds what it was sent."""

    host: str
    port: int
    received: list[tuple[list[str], bytes]]


class _Keeper:
    """aiosmtpd hooks that keep each message's recipients and bytes."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - the name aiosmtpd calls
        self.received.append((list(envelope.rcpt_tos), bytes(envelope.original_content or b"")))
        return "250 OK"


@pytest.fixture
def relay():
    """A real SMTP server on a free loopback port that keeps the mail Amends sends it."""
    from aiosmtpd.controller import Controller

    keeper = _Keeper()
    port = free_port()
    controller = Controller(keeper, hostname="127.0.0.1", port=port)
    controller.start()
    yield Relay("127.0.0.1", port, keeper.received)
    controller.stop()


@dataclass(frozen=True)
class Dovecot:
    host: str
    port: int
    tls_port: int
    user: str
    password: str
    ca_file: str


DOVECOT_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = amends-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


def _self_signed(root: Path) -> None:
    subprocess.run(  # noqa: S603 - a fixed command line, no outside input
        [  # noqa: S607 - openssl from PATH, as a developer or CI installs it
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(root / "key.pem"),
            "-out",
            str(root / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )


def _users() -> dict[str, str]:
    if os.geteuid() == 0:
        # Dovecot will not run mail processes as root; its own package users serve.
        return {"internal": "dovecot", "login": "dovenull", "mail_user": "dovecot", "mail_group": "dovecot"}
    import grp
    import pwd

    me = pwd.getpwuid(os.geteuid()).pw_name
    group = grp.getgrgid(os.getegid()).gr_name
    return {"internal": me, "login": me, "mail_user": me, "mail_group": group}


@pytest.fixture(scope="session")
def dovecot():
    """A real Dovecot IMAP server on loopback ports, with one user and a maildir.

    Skipped only when Dovecot is not installed outside CI; in CI its absence is a failure.
    """
    binary = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("dovecot is not installed: `make mail-servers` installs dovecot-imapd")
        pytest.skip("dovecot is not installed (`make mail-servers` installs it)")
    root = Path(tempfile.mkdtemp(prefix="amends-dovecot-"))
    root.chmod(0o755)  # the mail processes run as Dovecot's own user
    port, tls_port = free_port(), free_port()
    users = _users()
    _self_signed(root)
    (root / "passwd").write_text("care:{PLAIN}imap-test-password\n")
    for sub in ("mail", "home"):
        (root / sub).mkdir()
        shutil.chown(root / sub, users["mail_user"], users["mail_group"])
    conf = root / "dovecot.conf"
    conf.write_text(DOVECOT_CONF.format(root=root, port=port, tls_port=tls_port, **users))
    process = subprocess.Popen([binary, "-F", "-c", str(conf)])  # noqa: S603 - our own config
    try:
        _wait_for_port(port, process, root / "dovecot.log")
        _wait_for_port(tls_port, process, root / "dovecot.log")
        yield Dovecot("127.0.0.1", port, tls_port, "care", "imap-test-password", str(root / "cert.pem"))
    finally:
        process.terminate()
        process.wait(timeout=15)
        shutil.rmtree(root, ignore_errors=True)

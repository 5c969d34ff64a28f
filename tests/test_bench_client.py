"""The intake benchmark's HTTP client: requests on one kept-alive connection, answers read by length."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.intake import Client


class _Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps the connection open between requests
    connections: set[int] = set()

    def do_POST(self) -> None:
        _Echo.connections.add(self.client_address[1])
        body = self.rfile.read(int(self.headers["Content-Length"]))
        answer = b"got " + body + b" for " + self.path.encode()
        if self.path == "/no-length":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(answer)
            return
        self.send_response(201 if self.path == "/made" else 302)
        self.send_header("Content-Length", str(len(answer)))
        self.send_header("Location", "/complain/received/x/")
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Echo.connections.clear()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_answers_are_read_in_turn_on_one_connection(port):
    client = Client(port)
    statuses = []
    for i in range(3):
        status, head = client.send("POST", "/made", {"X-Run": str(i)}, f"complaint {i}".encode())
        statuses.append(status)
        assert b"HTTP/1.1 201" in head
    status, head = client.send("POST", "/complain/", {}, b"form")
    client.close()
    assert statuses == [201, 201, 201]
    assert status == 302
    assert b"/complain/received/" in head
    assert len(_Echo.connections) == 1  # kept alive: one connection for four requests


def test_an_answer_without_a_length_stops_the_run(port):
    client = Client(port)
    with pytest.raises(SystemExit, match="without Content-Length"):
        client.send("POST", "/no-length", {}, b"x")
    client.close()


def test_a_comparisons_burst_returns_its_rate_and_prints_nothing(port, capsys):
    from bench.intake import _drive

    rate = _drive(
        "form", port, 20, 2, lambda conn, i: conn.send("POST", "/complain/", {}, b"x")[0], report=False
    )
    assert rate > 0
    assert capsys.readouterr().out == ""
    with pytest.raises(SystemExit, match="unexpected statuses"):
        _drive("api", port, 3, 1, lambda conn, i: conn.send("POST", "/made", {}, b"x")[0], report=False)

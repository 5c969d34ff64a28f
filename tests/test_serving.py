"""The WSGI wrapper `amends serve` runs: a trusted proxy's scheme, no process environment in META."""

from typing import Any

from amends.core.serving import behind_proxy


def seen_by_app(environ: dict[str, Any], *, trusted: str = "127.0.0.1", process_env=None) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(environ)
        return []

    behind_proxy(app, trusted=trusted, process_env=process_env or {})(environ, lambda *a: None)
    return seen


def request(**extra: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        **extra,
    }


def test_a_trusted_proxy_saying_https_makes_the_request_secure():
    assert seen_by_app(request(HTTP_X_FORWARDED_PROTO="https"))["wsgi.url_scheme"] == "https"


def test_an_untrusted_client_saying_https_is_ignored():
    environ = request(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert seen_by_app(environ)["wsgi.url_scheme"] == "http"


def test_every_address_is_trusted_with_a_star():
    environ = request(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert seen_by_app(environ, trusted="*")["wsgi.url_scheme"] == "https"


def test_the_process_environment_is_taken_out_of_the_request():
    process_env = {
        "AMENDS_SECRET_KEY": "s3cret",
        "AMENDS_DATABASE_URL": "postgres://u:p@db/x",
        "HTTP_PROXY": "p",
    }
    # granian starts each environ from a copy of the process environment.
    environ = {**process_env, **request()}
    seen = seen_by_app(environ, process_env=process_env)
    assert not set(process_env) & set(seen)
    assert seen["PATH_INFO"] == "/"


def test_a_request_value_sharing_a_name_with_the_environment_stays():
    seen = seen_by_app(request(HTTP_PROXY="from-the-request"), process_env={"HTTP_PROXY": "from-the-shell"})
    assert seen["HTTP_PROXY"] == "from-the-request"

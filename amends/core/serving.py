"""The WSGI application ``amends serve`` runs under granian, with what gunicorn used to do for it.

Two things the server did that granian does not, done here per request in a few microseconds:

- Behind a TLS-terminating proxy at an address in ``AMENDS_FORWARDED_ALLOW_IPS`` [127.0.0.1]
  (comma-separated, or ``*``), ``X-Forwarded-Proto: https`` makes the request secure, as
  gunicorn's ``--forwarded-allow-ips`` did; from any other address the header is ignored.
- granian starts every request's environ from a copy of the process environment, which holds
  ``AMENDS_SECRET_KEY`` and the database address. Those names are taken out again, so that
  ``request.META`` holds only the request, as under gunicorn.
"""

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_REQUEST_NAMES = frozenset(
    {
        "CONTENT_LENGTH",
        "CONTENT_TYPE",
        "PATH_INFO",
        "QUERY_STRING",
        "REMOTE_ADDR",
        "REQUEST_METHOD",
        "SCRIPT_NAME",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
    }
)


def behind_proxy(app: WSGIApp, *, trusted: str, process_env: dict[str, str]) -> WSGIApp:
    """Wrap ``app`` to honour a trusted proxy's scheme and drop the process environment."""
    trust_all = trusted.strip() == "*"
    trusted_addrs = frozenset(addr.strip() for addr in trusted.split(",") if addr.strip())
    # A name the request sets itself (a CGI name, or a header that happens to share a name with
    # a variable, such as HTTP_PROXY) replaced the copy; only an unchanged copy is taken out.
    leaked = tuple((name, value) for name, value in process_env.items() if name not in _REQUEST_NAMES)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        for name, value in leaked:
            if environ.get(name) == value:
                del environ[name]
        if environ.get("HTTP_X_FORWARDED_PROTO") == "https" and (
            trust_all or environ.get("REMOTE_ADDR") in trusted_addrs
        ):
            environ["wsgi.url_scheme"] = "https"
        return app(environ, start_response)

    return application


application = behind_proxy(
    get_wsgi_application(),
    trusted=os.environ.get("AMENDS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
    process_env=dict(os.environ),
)

"""Read what is left of a request's body once Parley has answered, before gunicorn closes the socket.

Django answers some requests without reading their body: a POST refused by the CSRF check (no
cookie), an upload whose session has expired (a redirect to the login page), a form past
``DATA_UPLOAD_MAX_MEMORY_SIZE``. gunicorn 27 drains at most 64 KB of an unread body
(``gunicorn.http.parser._DRAIN_MAX_BYTES``), then closes the connection; the kernel answers the
bytes still arriving with a reset, and nginx, still sending the body it buffered, reports
``502 Bad Gateway`` instead of Parley's answer (tests/test_deploy.py, a 3 MB POST: 403 or 502 by
timing). So the rest of the body is read and thrown away here, within bounds: at most
``MAX_DRAIN_BYTES`` (past nginx's ``client_max_body_size`` of 200 MB, deploy/nginx/parley.conf) and
``DRAIN_SECONDS``, so a client that trickles its body cannot hold a thread.
"""

import time

MAX_DRAIN_BYTES = 256 * 1024 * 1024
DRAIN_SECONDS = 10.0
CHUNK = 64 * 1024


class DrainUnreadBody:
    """WSGI middleware: after the response, read and discard the request body the application left."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        response = self.application(environ, start_response)
        if _body_length(environ) <= 0:
            # No body to drain: the response goes back as it is, so that gunicorn still sends a
            # static file's wsgi.file_wrapper with sendfile().
            return response
        return _DrainingResponse(response, environ)


class _DrainingResponse:
    """The application's response iterable; its ``close()`` also drains the request's body."""

    def __init__(self, response, environ):
        self.response = response
        self.environ = environ

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            close = getattr(self.response, "close", None)
            if close is not None:
                close()
        finally:
            drain(self.environ)


def drain(environ) -> int:
    """Read and discard what is left of ``environ``'s body; return the number of bytes read."""
    expected = _body_length(environ)
    body = environ.get("wsgi.input")
    if expected <= 0 or body is None:
        return 0
    deadline = time.monotonic() + DRAIN_SECONDS
    read = 0
    while read < min(expected, MAX_DRAIN_BYTES) and time.monotonic() < deadline:
        try:
            chunk = body.read(CHUNK)
        except (OSError, ValueError):  # the client went away, or the server closed the stream
            break
        if not chunk:
            break
        read += len(chunk)
    return read


def _body_length(environ) -> int:
    """The request's Content-Length, 0 when absent or not a number (a chunked body is left to gunicorn)."""
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0

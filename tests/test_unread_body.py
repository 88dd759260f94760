"""config/unread_body.py: what is left of a request's body is read within its bounds, never longer."""

import io
import time

from config import unread_body


class Trickle(io.RawIOBase):
    """A client that sends one byte every 20 ms, for ever."""

    def read(self, size=-1):
        time.sleep(0.02)
        return b"x"


def test_the_rest_of_a_body_is_read_to_its_end():
    body = io.BytesIO(b"a" * 1000)
    body.read(100)  # what the application read
    assert unread_body.drain({"CONTENT_LENGTH": "1000", "wsgi.input": body}) == 900
    assert body.read() == b""


def test_a_trickling_body_is_given_up_at_the_deadline(monkeypatch):
    monkeypatch.setattr(unread_body, "DRAIN_SECONDS", 0.2)
    started = time.monotonic()
    read = unread_body.drain({"CONTENT_LENGTH": str(10**9), "wsgi.input": Trickle()})
    assert time.monotonic() - started < 1.0 and 0 < read < 50


def test_no_more_than_the_cap_is_read(monkeypatch):
    monkeypatch.setattr(unread_body, "MAX_DRAIN_BYTES", 128 * 1024)
    body = io.BytesIO(b"a" * (1024 * 1024))
    assert unread_body.drain({"CONTENT_LENGTH": str(1024 * 1024), "wsgi.input": body}) == 128 * 1024


def test_a_request_without_a_body_gets_the_applications_own_response():
    """A static file's wsgi.file_wrapper must reach gunicorn as it is, so that it is sent with sendfile()."""
    response = object()
    app = unread_body.DrainUnreadBody(lambda environ, start_response: response)
    assert app({"REQUEST_METHOD": "GET"}, None) is response
    assert app({"CONTENT_LENGTH": "abc"}, None) is response


def test_closing_the_response_closes_the_applications_and_drains():
    closed = []

    class Response(list):
        def close(self):
            closed.append(True)

    body = io.BytesIO(b"a" * 5000)
    app = unread_body.DrainUnreadBody(lambda environ, start_response: Response([b"ok"]))
    response = app({"CONTENT_LENGTH": "5000", "wsgi.input": body}, None)
    assert list(response) == [b"ok"]
    response.close()
    assert closed == [True] and body.tell() == 5000

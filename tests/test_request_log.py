"""One log line per request with timing, no query string; errors logged with their context."""

import logging
import re

import pytest
from django.urls import path

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "parley.requests"]


def test_one_line_per_request_with_status_and_duration_and_no_query_string(client, indexed_seeds, caplog):
    caplog.set_level(logging.INFO, logger="parley.requests")
    client.get("/search/?q=Bagheri&token=s3cret-value")
    client.get("/articles/no-such-article/")
    lines = [r.getMessage() for r in request_lines(caplog)]
    assert len(lines) == 2
    assert re.fullmatch(r"GET /search/ 200 \d+\.\dms user=-", lines[0])
    assert re.fullmatch(r"GET /articles/no-such-article/ 404 \d+\.\dms user=-", lines[1])
    assert "s3cret" not in caplog.text and "Bagheri" not in " ".join(lines)


def boom(request):
    raise ZeroDivisionError("broken on purpose")


urlpatterns = [path("boom/", boom)]


def test_a_server_error_is_logged_with_its_context(client, settings, caplog):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)
    response = client.get("/boom/?x=1")
    assert response.status_code == 500
    fault = [r for r in caplog.records if r.name == "parley.faults"]
    assert fault and "ZeroDivisionError on GET /boom/" in fault[0].getMessage() and fault[0].exc_info
    assert any(r.getMessage().startswith("GET /boom/ 500") for r in request_lines(caplog))

"""One log line per request with timing, no query string; errors logged with their context."""

import io
import logging
import re

import pytest
from django.urls import path

from config.log_filters import LEFT_OUT

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


KEYWORD = "Zebrawordsecret"
SEARCHES = [f"/search/?q={KEYWORD}", f"/api/search?q={KEYWORD}", f"/search/export.csv?q={KEYWORD}"]


@pytest.fixture
def console_output():
    """What Parley's console handler (LOGGING in settings) writes meanwhile, every logger at DEBUG that
    has no level of its own (PARLEY_LOG_LEVEL=DEBUG): returns a function that reads it."""
    console = next(handler for handler in logging.getLogger().handlers if handler.name == "console")
    stream, root = io.StringIO(), logging.getLogger()
    previous, level = console.setStream(stream), root.level
    root.setLevel(logging.DEBUG)
    yield stream.getvalue
    root.setLevel(level)
    console.setStream(previous)


@pytest.mark.parametrize("fault", ["none", "down", "refusing"])
def test_searches_on_a_cluster_engine_leave_no_keywords_in_the_log(client, cluster, seeds, console_output, fault):
    """pysolr logged the URL it could not reach, the reader's keywords in its query string, and so did
    the error Parley logs for the failed search (parley.faults); urllib3 logs every request line at DEBUG,
    and opensearch-py's trace logger every request body. Elasticsearch's client names only paths."""
    if fault == "down":
        cluster.stop()
    elif fault == "refusing":
        cluster.refuse(503)
    for url in SEARCHES:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == (200 if fault == "none" else 503), url
    written = console_output()
    assert f"GET /search/export.csv {200 if fault == 'none' else 503}" in written  # the handler was written to
    if fault != "none":
        assert "search engine failed on GET /search/export.csv" in written  # the faults were logged ...
    if fault != "none" and cluster.dialect == "solr":
        assert "Failed to connect to server at" in written or "(HTTP 503)" in written
        assert LEFT_OUT in written  # ... with Solr's URLs, their query strings cut
    assert KEYWORD.lower() not in written.lower()

"""Search budgets and request limits under a real gunicorn, on a synthetic archive of 2,000 articles.

One worker with four threads, one second per search, small limits: the expensive
queries of the abuse report answer within the budget with a message where cut;
one client past its rate gets 429 and the site past its total 503, both with
``Retry-After``; exports are limited per client and in total; and readers that stop
reading hold a thread each, never the worker: searches keep answering. Clients
are told apart by their source address (127.0.0.x), as the limits do.
"""

import http.client
import json
import os
import socket
import time
import urllib.parse

import pytest

from harness.live_server import manage
from harness.served import ROOT, Gunicorn

pytestmark = pytest.mark.server

SEARCH_SECONDS = 1.0
# The queries of the abuse report (at 20,000 articles they took 9 to 44 seconds each).
CORE_WORDS = json.loads((ROOT / "archive/reference/synthetic_words.json").read_text())["core_words"][:400]
PAIRS = [a + b for a in "bcdfgklmnprstv" for b in "aeiou"]
EXPENSIVE = {
    "four prefixes": "co* OR de* OR mi* OR se*",
    "32 two-letter fuzzy words": " OR ".join(p + "~" for p in PAIRS[:32]),
    "32 prefixes": " OR ".join(p + "*" for p in PAIRS[:32]),
    "50 fuzzy words": " ".join(f"{p}ra~" for p in PAIRS[:50]),
    "200 words": " ".join(f"{p}{q}" for p in PAIRS[:20] for q in PAIRS[:10]),
    "3 KB of words": " ".join(CORE_WORDS * 10)[:3000],
}


@pytest.fixture(scope="module")
def limited_parley(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("limits-live")
    env = {**os.environ, "PARLEY_DATA_DIR": str(data_dir), "PARLEY_LOG_LEVEL": "WARNING"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage(env, "migrate", "--noinput")
    manage(env, "generate_corpus", "--articles", "2000", "--seed", "3")
    manage(env, "build_index")
    manage(env, "collectstatic", "--noinput")
    limits = {
        "PARLEY_THREADS": "4",  # exports may take 2 of them
        "PARLEY_SEARCH_SECONDS": str(SEARCH_SECONDS),
        "PARLEY_API_RATE": "2",  # a burst of 6
        "PARLEY_API_TOTAL_RATE": "1000",
        "PARLEY_FEED_RATE": "1000",
        "PARLEY_FEED_TOTAL_RATE": "1",  # a burst of 2, for every client together
        "PARLEY_EXPORT_RATE": "1000",
        "PARLEY_EXPORT_TOTAL_RATE": "1000",
        "PARLEY_EXPORT_CONCURRENCY": "1",
        "PARLEY_EXPORT_TOTAL_CONCURRENCY": "2",
    }
    server = Gunicorn({**env, **limits}, workers=1, limits=True).start(probe="/search/", timeout=60)
    yield server
    server.stop()


def get(server, path, source="127.0.0.1", timeout=30):
    """GET ``path`` from the source address ``source``; return ``(status, headers, body text, seconds)``."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout, source_address=(source, 0))
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, dict(response.getheaders()), body, time.perf_counter() - started


def stalled_export(server, source: str) -> tuple[socket.socket, int]:
    """Start ``/search/export.csv`` from ``source`` and stop reading after the status line
    (a tiny receive buffer, so the server's writes soon block); return the socket and the status."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", server.port))
    sock.sendall(b"GET /search/export.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    sock.settimeout(30)
    status = int(sock.recv(64).split(b" ", 2)[1])
    return sock, status


def q(text: str) -> str:
    return urllib.parse.quote(text)


@pytest.mark.parametrize("name", list(EXPENSIVE))
def test_expensive_queries_answer_within_the_budget(limited_parley, name):
    status, _, html, seconds = get(limited_parley, "/search/?q=" + q(EXPENSIVE[name]), source="127.0.0.10")
    assert status == 200
    assert seconds < SEARCH_SECONDS + 1.5, f"{name}: {seconds:.1f} s"
    assert ">0 articles<" not in html or 'class="messages"' in html  # refused: the page says why


def test_a_cut_search_is_named_in_the_apis_notices_and_refused_by_exports(limited_parley):
    status, _, body, _ = get(limited_parley, "/api/search?q=" + q(EXPENSIVE["32 prefixes"]), source="127.0.0.11")
    assert status in (200, 422)
    data = json.loads(body)
    if status == 200:
        assert any("were searched" in n or "left out" in n for n in data["notices"])
    else:
        assert data["errors"][0]["parameter"] == "q" and "narrow" in data["message"].lower()
    status, _, text, _ = get(limited_parley, "/search/export.csv?q=" + q(EXPENSIVE["32 prefixes"]), "127.0.0.11")
    assert status == 422 and "narrow" in text.lower()


def test_one_client_past_its_rate_gets_429_with_retry_after(limited_parley):
    answers = [get(limited_parley, "/api/search?q=delegation", source="127.0.0.20") for _ in range(12)]
    statuses = [a[0] for a in answers]
    assert statuses[0] == 200 and 429 in statuses
    refused = next(a for a in answers if a[0] == 429)
    assert int(refused[1]["Retry-After"]) >= 1 and json.loads(refused[2])["message"]
    # Another client is not affected.
    assert get(limited_parley, "/api/search?q=delegation", source="127.0.0.21")[0] == 200


def test_the_site_past_its_total_rate_answers_503_with_retry_after(limited_parley):
    statuses = [get(limited_parley, "/search/feed.atom", source=f"127.0.0.{30 + n}") for n in range(5)]
    assert [s[0] for s in statuses][:2] == [200, 200]
    refused = [s for s in statuses if s[0] == 503]
    assert refused and int(refused[0][1]["Retry-After"]) >= 1


def test_exports_are_limited_per_client_and_in_total(limited_parley):
    first, status = stalled_export(limited_parley, "127.0.0.40")
    try:
        assert status == 200
        again = get(limited_parley, "/search/export.csv", source="127.0.0.40")
        assert again[0] == 429 and int(again[1]["Retry-After"]) >= 1
        second, status = stalled_export(limited_parley, "127.0.0.41")
        try:
            assert status == 200
            third = get(limited_parley, "/search/export.csv", source="127.0.0.42")
            assert third[0] == 503 and int(third[1]["Retry-After"]) >= 1
        finally:
            second.close()
    finally:
        first.close()
    # An abandoned export gives its slots back.
    deadline = time.monotonic() + 20
    while (status := get(limited_parley, "/search/export.csv?q=zzqqxx", source="127.0.0.40")[0]) != 200:
        assert time.monotonic() < deadline, f"slots never released ({status})"
        time.sleep(0.5)


def test_readers_that_stop_reading_do_not_hold_the_worker(limited_parley):
    stalled = [stalled_export(limited_parley, f"127.0.0.{50 + n}") for n in range(2)]
    try:
        assert [status for _, status in stalled] == [200, 200]
        time.sleep(0.5)  # the exports are now blocked in their writes
        for word in ("delegation", "security", "ministers"):
            status, _, html, seconds = get(limited_parley, f"/search/?q={word}", source="127.0.0.59", timeout=10)
            assert status == 200 and seconds < 3, seconds
    finally:
        for sock, _ in stalled:
            sock.close()

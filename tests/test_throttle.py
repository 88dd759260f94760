"""Limits of the machine interfaces (throttle/): counters, slots, clients, priority, and the views' answers."""

import subprocess
import sys
import threading
import time

import pytest
from django.test import RequestFactory

from throttle import priority
from throttle.clients import client_key
from throttle.rates import Rate, RateCounter
from throttle.slots import SlotPool, client_pool


def test_a_rate_allows_its_burst_then_says_how_long_to_wait(tmp_path):
    counter = RateCounter(tmp_path / "rates.sqlite3")
    rate = Rate("api:client:x", per_second=2, burst=3)
    now = 1000.0
    assert [counter.take([rate], now).allowed for _ in range(3)] == [True, True, True]
    refused = counter.take([rate], now)
    assert not refused.allowed and refused.refused_by == rate and refused.retry_after == pytest.approx(0.5)
    assert counter.take([rate], now + 0.5).allowed  # one interval later, one more


def test_a_request_refused_by_one_rate_counts_against_none(tmp_path):
    counter = RateCounter(tmp_path / "rates.sqlite3")
    client, total = Rate("c", 1, 5), Rate("t", 1, 1)
    now = 50.0
    assert counter.take([client, total], now).allowed
    assert counter.take([client, total], now).refused_by == total
    # The client's own bucket was not charged for the refused request: 4 more fit.
    assert all(counter.take([client], now).allowed for _ in range(4))
    assert not counter.take([client], now).allowed


def test_a_share_of_time_is_charged_after_the_fact(tmp_path):
    counter = RateCounter(tmp_path / "rates.sqlite3")
    share = Rate("search-time:x", per_second=0.25, burst=6)
    now = 10.0
    assert counter.take([Rate(share.key, 0.25, 6, cost=0)], now).allowed
    # One search of 8 s costs 32 s of the bucket, which holds 20 (5 intervals of 4 s): 12 s overdrawn.
    counter.charge(Rate(share.key, 0.25, 6, cost=8.0), now)
    refused = counter.take([Rate(share.key, 0.25, 6, cost=0)], now)
    assert not refused.allowed and refused.retry_after == pytest.approx(12.0)


def test_counters_are_shared_between_processes(tmp_path):
    path = tmp_path / "rates.sqlite3"
    code = (
        "import sys; from throttle.rates import Rate, RateCounter; "
        f"print(RateCounter({str(path)!r}).take([Rate('k', 0.001, 2)]).allowed)"
    )
    answers = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()]
    answers += [RateCounter(path).take([Rate("k", 0.001, 2)]).allowed for _ in range(2)]
    assert answers == ["True", True, False]


def test_slots_are_held_until_released(tmp_path):
    pool = SlotPool(tmp_path, "total", 2)
    first, second = pool.acquire(), pool.acquire()
    assert first and second and pool.acquire() is None and pool.in_use() == 2
    first.release()
    first.release()  # twice is harmless
    assert pool.in_use() == 1 and pool.acquire() is not None


def test_a_slot_held_by_a_process_that_dies_is_free_again(tmp_path):
    code = (
        "import sys, time; from throttle.slots import SlotPool; "
        f"slot = SlotPool({str(tmp_path)!r}, 'total', 1).acquire(); print(slot is not None, flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        assert SlotPool(tmp_path, "total", 1).acquire() is None
    finally:
        holder.kill()
        holder.wait()
    assert SlotPool(tmp_path, "total", 1).acquire() is not None


def test_clients_have_pools_of_their_own(tmp_path):
    a, b = client_pool(tmp_path, "export", "127.0.0.40", 1), client_pool(tmp_path, "export", "127.0.0.41", 1)
    assert a.acquire() is not None and b.acquire() is not None and a.acquire() is None


@pytest.mark.parametrize(
    ("meta", "behind_proxy", "key"),
    [
        ({"REMOTE_ADDR": "203.0.113.7"}, False, "203.0.113.7"),
        ({"REMOTE_ADDR": "2001:db8::1"}, False, "2001:db8::/64"),
        ({"REMOTE_ADDR": "2001:db8::ffff:1"}, False, "2001:db8::/64"),
        ({"REMOTE_ADDR": "::ffff:198.51.100.2"}, False, "198.51.100.2"),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.9"}, True, "198.51.100.9"),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, False, "127.0.0.1"),
        ({"REMOTE_ADDR": "nonsense"}, False, "unknown"),
    ],
)
def test_the_client_key(settings, meta, behind_proxy, key):
    settings.BEHIND_PROXY = behind_proxy
    request = RequestFactory().get("/api/search", **meta)
    request.META.update(meta)
    assert client_key(request) == key


def test_exports_wait_while_a_search_runs_and_not_otherwise(settings, tmp_path):
    settings.PARLEY_LIMITS_DIR = tmp_path
    assert priority.yield_to_searches(max_pause=1.0) < 0.05
    started, release = threading.Event(), threading.Event()

    def search():
        with priority.searching():
            started.set()
            release.wait(5)

    thread = threading.Thread(target=search)
    thread.start()
    started.wait(5)
    threading.Timer(0.3, release.set).start()
    waited = priority.yield_to_searches(max_pause=2.0)
    thread.join()
    assert 0.25 < waited < 1.5
    with priority.searching():
        assert priority.yield_to_searches(max_pause=1.0) < 0.05  # a search never waits for itself


@pytest.fixture
def tight(settings, tmp_path, indexed_seeds):
    settings.PARLEY_LIMITS_DIR = tmp_path / "limits"
    limits = dict(settings.PARLEY_LIMITS)
    limits["api"] = {**limits["api"], "client_rate": 1, "client_burst": 2, "total_rate": 1000, "total_burst": 1000}
    limits["feed"] = {**limits["feed"], "client_rate": 1000, "client_burst": 1000, "total_rate": 1, "total_burst": 1}
    settings.PARLEY_LIMITS = limits
    return settings


def test_the_api_answers_429_past_a_clients_rate_with_retry_after(client, tight):
    statuses = [client.get("/api/search", {"q": "Baku"}).status_code for _ in range(2)]
    refused = client.get("/api/search", {"q": "Baku"})
    assert statuses == [200, 200] and refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1 and "Too many requests" in refused.json()["message"]
    assert client.get("/api/search", {"q": "Baku"}, REMOTE_ADDR="198.51.100.1").status_code == 200


def test_feeds_answer_503_past_the_sites_total(client, tight):
    assert client.get("/search/feed.atom", REMOTE_ADDR="198.51.100.2").status_code == 200
    refused = client.get("/search/feed.atom", REMOTE_ADDR="198.51.100.3")
    assert refused.status_code == 503 and int(refused["Retry-After"]) >= 1
    assert refused["Content-Type"].startswith("text/plain")


def test_a_clients_search_time_is_charged_and_held_to_its_share(client, tight):
    tight.PARLEY_SEARCH_SHARE = {"per_second": 0.001, "burst": 1.0}
    assert client.get("/search/", {"q": "Baku"}).status_code == 200  # charged what it took
    time.sleep(0.01)
    refused = client.get("/search/", {"q": "Baku"})
    assert refused.status_code == 429 and "share of Parley's search time" in refused.content.decode()
    assert client.get("/search/", {"q": "Baku"}, REMOTE_ADDR="198.51.100.4").status_code == 200

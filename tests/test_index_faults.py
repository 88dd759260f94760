"""The index never drifts for good: a worker killed mid-batch catches up, and a full
rebuild keeps search answering (and loses no change made meanwhile)."""

import subprocess
import sys
import threading
import time

import pytest

from harness.live_desk import RESULT_COUNT, LiveDesk, wait_for_line
from harness.live_server import ROOT
from harness.served import child_pids
from index.worker import FAULT_PAUSE_ENV

pytestmark = pytest.mark.server


def test_worker_killed_mid_batch_catches_up_on_restart(tmp_path):
    desk = LiveDesk(tmp_path / "data").prepare()
    desk.shell("from bench.synthetic import generate; generate(400, words=60)")
    desk.manage("build_index")
    desk.manage("index_worker", "--once")  # what loading the seeds queued
    desk.shell(
        "from archive.models import Article\n"
        "for n, article in enumerate(Article.objects.filter(slug__startswith='synthetic-').order_by('pk')):\n"
        "    if n % 3 == 0:\n"
        "        article.status = 'withdrawn'\n"
        "    else:\n"
        "        article.title = f'Killed worker headline {n} wombat'\n"
        "    article.save()\n"
        "    if n == 299: break"
    )
    assert desk.queue_length() == 300
    # One large batch that sleeps after its upserts are committed, before its deletions and settling.
    desk.start_worker("--batch-size", "1000", env={FAULT_PAUSE_ENV: "60"})
    wait_for_line(desk.worker_log, "fault-test pause")
    desk.kill_worker()
    assert desk.worker.returncode == -9
    assert desk.queue_length() == 300  # nothing was settled: the rows wait for the next worker
    drift = desk.check_index()
    assert drift.returncode == 1 and "unexpected" in drift.stdout  # withdrawn articles still indexed
    desk.start_worker()
    desk.wait_for_empty_queue(timeout=60)
    desk.stop_worker()
    check = desk.check_index()
    assert check.returncode == 0, check.stdout[-2000:]


def test_search_answers_throughout_a_rebuild_and_keeps_changes_made_meanwhile(tmp_path):
    # The figure is 20,000 articles: bench/rebuild_under_search.py checks it; 2,000 keeps CI fast.
    desk = LiveDesk(tmp_path / "data").prepare()
    desk.shell("from bench.synthetic import generate; generate(2000, words=120)")
    desk.manage("build_index")
    desk.start()
    desk.start_worker()
    try:
        statuses, counts, done = [], [], threading.Event()

        def search():
            queries = ["q=talks", "country=AZ", "q=Baku+protocol", ""]
            n = 0
            while not done.is_set():
                query = queries[n % len(queries)]
                status, html = desk.search(query)
                statuses.append(status)
                if status == 200:
                    counts.append(int(RESULT_COUNT.search(html).group(1)))
                n += 1

        searchers = [threading.Thread(target=search) for _ in range(2)]
        for thread in searchers:
            thread.start()
        rebuild = subprocess.Popen(
            [sys.executable, "manage.py", "build_index"], cwd=ROOT, env=desk.env, stdout=subprocess.PIPE, text=True
        )
        # A curator's edit lands while the new index is being written.
        desk.shell(
            "from archive.models import Article\n"
            "a = Article.objects.filter(slug__startswith='synthetic-').order_by('pk').first()\n"
            "a.title = 'Edited during the rebuild platypus'\n"
            "a.save()"
        )
        output, _ = rebuild.communicate(timeout=600)
        done.set()
        for thread in searchers:
            thread.join(timeout=60)
        # 2,002 articles, the seeds' two meetings and their agreement.
        assert rebuild.returncode == 0 and "Indexed 2005 documents" in output
        assert statuses and set(statuses) == {200}
        assert counts and min(counts) > 0, "a search during the rebuild came back empty"
        desk.wait_until_search_shows("q=platypus", lambda html: "platypus" in html, "the edit", within=30)
        desk.wait_for_empty_queue(timeout=60)
        check = desk.check_index()
        assert check.returncode == 0, check.stdout[-2000:]
    finally:
        desk.stop()


def test_a_build_stopped_by_sigterm_cleans_up_and_the_live_index_keeps_serving(tmp_path):
    """``make run`` rebuilds a stale index in the background and stops it with SIGTERM on exit:
    the build must unwind (both processes), remove its half-built generation and its record."""
    import signal
    from pathlib import Path

    desk = LiveDesk(tmp_path / "data").prepare()
    desk.shell("from bench.synthetic import generate; generate(4000, words=120)")
    desk.manage("build_index")
    data = Path(desk.env["PARLEY_DATA_DIR"])
    live = (data / "whoosh").resolve()
    generations = {p.name for p in data.glob("whoosh-*")}
    build = subprocess.Popen(
        [sys.executable, "manage.py", "build_index"],
        cwd=ROOT,
        env=desk.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not {p.name for p in data.glob("whoosh-*")} - generations:
        assert build.poll() is None and time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.05)
    time.sleep(1.0)  # both processes are indexing
    assert build.poll() is None, "the build ended before it could be stopped: make the corpus larger"
    indexers = child_pids(build.pid)
    assert len(indexers) == 2
    build.send_signal(signal.SIGTERM)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode != 0 and "stopped by signal" in stderr, stderr[-2000:]
    assert {p.name for p in data.glob("whoosh-*")} == generations  # the half-built one is gone
    assert (data / "whoosh").resolve() == live
    assert desk.shell("from index.models import IndexBuild; print(IndexBuild.objects.count())").strip() == "0"
    assert desk.check_index().returncode == 0
    assert not [pid for pid in indexers if Path(f"/proc/{pid}").exists()]  # no indexing process left

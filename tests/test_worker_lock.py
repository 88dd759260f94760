"""One index worker per deployment: the lock of the database the settings name (a PostgreSQL advisory
lock, or a lock file beside SQLite's), refused to a second worker, kept through a lost session."""

import socket
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from harness.live_desk import LiveDesk, wait_for_line
from index import worker_lock
from index.worker_lock import AdvisoryLock, FileLock, holder_name, lock_file_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_lock(settings, tmp_path, monkeypatch):
    """Make locks as the worker does (checked at every call here); release them all at the end."""
    settings.DATA_DIR = tmp_path  # SQLite's test database is in memory: its lock file goes in the data folder
    monkeypatch.setattr(worker_lock, "CHECK_SECONDS", 0)
    made = []

    def make():
        made.append(worker_lock.worker_lock())
        return made[-1]

    yield make
    for lock in made:
        lock.release()


def lose(lock):
    """Take the lock from under its holder, as a restart of PostgreSQL or a removed lock file would."""
    if isinstance(lock, AdvisoryLock):
        with connection.cursor() as cursor:  # waits (5 s at most) until the session is gone
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [lock.connection.connection.info.backend_pid])
            assert cursor.fetchone()[0]
    else:
        lock.path.unlink()


def test_the_lock_is_the_databases_own():
    lock = worker_lock.worker_lock()
    assert isinstance(lock, AdvisoryLock if connection.vendor == "postgresql" else FileLock)


def test_a_second_worker_is_refused_and_told_who_holds_the_lock(new_lock):
    first, second = new_lock(), new_lock()
    assert first.acquire()
    assert not second.acquire()
    assert holder_name() in second.holder() and second.describe() in second.holder()
    first.release()
    assert second.acquire()


def test_a_lost_lock_nobody_took_is_taken_again(new_lock):
    first = new_lock()
    assert first.acquire()
    lose(first)
    assert first.keep()
    assert not new_lock().acquire()  # held again: still one worker


def test_a_lost_lock_another_worker_took_stops_the_first(new_lock):
    first, second = new_lock(), new_lock()
    assert first.acquire()
    lose(first)
    assert second.acquire()
    assert not first.keep()
    assert second.keep()


def test_sqlite_locks_beside_the_database_file_whatever_the_data_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "elsewhere"
    beside = Path("/srv/parley/parley.sqlite3.index_worker.lock")
    assert lock_file_path({"NAME": "/srv/parley/parley.sqlite3"}) == beside
    assert lock_file_path({"NAME": ":memory:"}) == tmp_path / "elsewhere" / "index_worker.lock"


@pytest.mark.server
@pytest.mark.postgres
def test_a_worker_on_another_machine_is_refused_until_the_first_stops(tmp_path):
    """Another machine: its own data folder, the same database and search index. Before, each data folder
    had its own lock file, so the second worker started and both applied the one queue."""
    desk = LiveDesk(tmp_path / "a").prepare()
    database = desk.env.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'a' / 'parley.sqlite3'}"
    other_machine = {
        "PARLEY_DATA_DIR": str(tmp_path / "b"),
        "DATABASE_URL": database,
        "SEARCH_URL": f"whoosh://{tmp_path / 'a' / 'whoosh'}",
    }
    desk.env["DATABASE_URL"] = database
    try:
        desk.start_worker()
        wait_for_line(desk.worker_log, "Index worker running")
        try:
            refused = desk.manage("index_worker", check=False, env=other_machine, timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("a second index worker of the same database started")
        assert refused.returncode == 1
        assert "Another index worker is running for this database" in refused.stderr
        assert f"{socket.gethostname()}:{desk.worker.pid}" in refused.stderr  # who holds it
        desk.stop_worker()
        assert desk.worker.returncode == 0

        desk.worker_log = tmp_path / "b-worker.log"
        desk.start_worker(env=other_machine)
        wait_for_line(desk.worker_log, "Index worker running")
        desk.shell("from archive.models import Article\nArticle.objects.filter(status='published').first().save()")
        desk.wait_for_empty_queue(timeout=30)  # the worker of the other machine applies the queue now
    finally:
        desk.stop_worker()

"""One long-running index worker per deployment: the lock its whole life is held under.

A second worker would apply the same queue rows to the index at the same time and, during a
rebuild, mark applied or delete rows the other still counts on. The lock must therefore be as
wide as the queue: on PostgreSQL the queue is shared by every machine of the deployment, so the
lock is a session-level advisory lock of that database, held on a connection of its own (the
worker's own connection is closed and reopened by Django whenever it likes, and a session lock
goes with its session). On SQLite the database is a file on one machine, so an exclusive
``flock`` on a file beside it suffices.

Either lock can be lost while the worker runs (PostgreSQL restarted or the network cut, the lock
file removed): :meth:`keep` notices, takes the lock again if nobody else has, and otherwise tells
the worker to stop.
"""

import fcntl
import logging
import os
import socket
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connections

log = logging.getLogger("parley.index_worker")

# The advisory lock's two keys: "Parl" in ASCII, so it is recognisable in pg_locks, and the job.
LOCK_NAMESPACE = int.from_bytes(b"Parl", "big")
INDEX_WORKER_JOB = 1
# How often a running worker makes sure its lock is still held (a query on the lock's connection).
CHECK_SECONDS = 5.0
# Both ends of the lock's connection probe it: a worker's machine that vanishes (powered off, cut off)
# releases the lock within about a minute instead of after the kernel's default of two hours, and the
# worker learns as soon that the server is gone.
KEEPALIVE = {"keepalives_idle": 20, "keepalives_interval": 10, "keepalives_count": 3}


def worker_lock(using: str = "default", job: int = INDEX_WORKER_JOB) -> "AdvisoryLock | FileLock":
    """Return the lock that keeps one index worker per database ``using`` names (not yet taken)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        return AdvisoryLock(connection.settings_dict, using, job)
    return FileLock(lock_file_path(connection.settings_dict))


def lock_file_path(settings_dict: dict) -> Path:
    """Return the lock file of an SQLite database: beside its file, so two data folders that name the same
    database through ``DATABASE_URL`` share it; in the data folder for a database that is not a file."""
    name = str(settings_dict.get("NAME") or "")
    if name and name != ":memory:" and not name.startswith("file:"):
        return Path(f"{name}.index_worker.lock")
    return Path(settings.DATA_DIR) / "index_worker.lock"


def brief(error) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def holder_name() -> str:
    """Return how this process names itself to whoever finds the lock taken: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


class _Lock:
    """What both locks share: a held lock is checked at most every :data:`CHECK_SECONDS`."""

    checked_at = 0.0  # when the lock was taken or last checked (time.monotonic)

    def _check_due(self) -> bool:
        """Whether the next check is due; if so, it counts as done now."""
        now = time.monotonic()
        if now - self.checked_at < CHECK_SECONDS:
            return False
        self.checked_at = now
        return True


class AdvisoryLock(_Lock):
    """``pg_try_advisory_lock`` on a connection of its own, for as long as this process lives."""

    def __init__(self, settings_dict: dict, using: str, job: int):
        # Never from a pool: the lock lives and dies with this one session.
        options = {key: value for key, value in settings_dict.get("OPTIONS", {}).items() if key != "pool"}
        options.update(KEEPALIVE, keepalives=1, application_name=f"parley index worker {holder_name()}")
        self.settings_dict = {**settings_dict, "OPTIONS": options}
        self.using, self.job = using, job
        self.connection = None

    def _session(self):
        """Return a new connection of the lock's own (Django closes its own whenever it likes)."""
        return connections[self.using].__class__(self.settings_dict, self.using)

    def describe(self) -> str:
        return f"PostgreSQL advisory lock ({LOCK_NAMESPACE}, {self.job}) of database {self.settings_dict['NAME']}"

    def acquire(self) -> bool:
        """Take the lock if no other session of this database holds it; return whether it is held."""
        self.release()
        connection = self._session()
        with connection.cursor() as cursor:
            for name, seconds in KEEPALIVE.items():  # the server's side: settable by any role, in any session
                cursor.execute(f"SET tcp_{name} = {int(seconds)}")
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, self.job])
            taken = cursor.fetchone()[0]
        if not taken:
            connection.close()
            return False
        self.connection, self.checked_at = connection, time.monotonic()
        return True

    def holder(self) -> str:
        """Return who holds the lock (application name, address, since when), as PostgreSQL reports it."""
        connection = self._session()
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT activity.application_name, host(activity.client_addr), activity.backend_start, locks.pid"
                    " FROM pg_locks locks LEFT JOIN pg_stat_activity activity ON activity.pid = locks.pid"
                    " WHERE locks.locktype = 'advisory' AND locks.granted"
                    " AND locks.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    " AND locks.classid::bigint = %s AND locks.objid::bigint = %s AND locks.objsubid = 2",
                    [LOCK_NAMESPACE, self.job],
                )
                row = cursor.fetchone()
        finally:
            connection.close()
        if row is None:
            return f"{self.describe()}, released meanwhile"
        name, address, since, pid = row
        where = f" from {address}" if address else ""
        started = f", connected since {since:%Y-%m-%d %H:%M:%S %Z}" if since else ""
        return f"{name or 'a session'}{where} (server process {pid}{started}) holds the {self.describe()}"

    def keep(self) -> bool:
        """Make sure the lock is still held, at most every :data:`CHECK_SECONDS`, and take it again if its
        session was lost; return ``False`` only when another process holds it now.

        While the database cannot be reached the lock is tried again at every call (the worker's batches
        fail on the same database meanwhile), so no batch runs once it is back before the lock is held.
        """
        if self.connection is not None:
            if not self._check_due():
                return True
            try:
                with self.connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                return True
            except (DatabaseError, InterfaceError) as error:
                log.warning("the index worker's lock session was lost (%s); taking the lock again", brief(error))
                self.release()
        try:
            return self.acquire()
        except (DatabaseError, InterfaceError) as error:
            log.warning("the database cannot be reached to take the index worker's lock again (%s)", brief(error))
            return True

    def release(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()  # the session ends, and its advisory locks with it
            except (DatabaseError, InterfaceError):
                pass
            self.connection = None


class FileLock(_Lock):
    """An exclusive ``flock`` on a file, for as long as this process lives (SQLite: one machine)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.handle = None

    def describe(self) -> str:
        return f"lock file {self.path}"

    def acquire(self) -> bool:
        self.release()
        handle = self.path.open("a+")  # noqa: SIM115 - held for the process lifetime
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(holder_name())
        handle.flush()
        self.handle, self.checked_at = handle, time.monotonic()
        return True

    def holder(self) -> str:
        try:
            name = self.path.read_text().strip()
        except OSError:
            name = ""
        return f"{name or 'another process'} holds the {self.describe()}"

    def keep(self) -> bool:
        """Make sure the file locked is still the one at the path (it may have been removed or replaced),
        at most every :data:`CHECK_SECONDS`; lock the new one if nobody else has."""
        if not self._check_due():
            return True
        held = os.fstat(self.handle.fileno())
        try:
            current = os.stat(self.path)
        except FileNotFoundError:
            current = None
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            return True
        log.warning("the index worker's %s was removed or replaced; taking it again", self.describe())
        return self.acquire()

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

"""Request rates shared by every worker process: GCRA counters in a small SQLite file.

The generic cell rate algorithm keeps one number per key, the *theoretical
arrival time* (TAT): the moment the key's bucket would be empty again. A request
at ``now`` is allowed when ``max(TAT, now) - now`` leaves room for it within the
burst, and moves the TAT one interval (``1 / rate``) on; a refused one learns
exactly how long to wait. All keys of one request are checked and moved in one
``BEGIN IMMEDIATE`` transaction, so concurrent workers never both spend the last
place. Losing the file loses nothing but the counts, so it is written without
``fsync``. If the file cannot be read in time the request is allowed (and
logged): a broken counter must not take the API down.
"""

import logging
import random
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA = "CREATE TABLE IF NOT EXISTS rates (key TEXT PRIMARY KEY, tat REAL NOT NULL) WITHOUT ROWID"
BUSY_TIMEOUT_MS = 2000
# Forget keys whose bucket is full again, about once every this many requests.
CLEANUP_EVERY = 500


@dataclass(frozen=True)
class Rate:
    """``per_second`` requests (or units) a second on average, ``burst`` at once, counted under ``key``."""

    key: str
    per_second: float
    burst: float
    # What one request costs, in the rate's unit (1 request; or, for a share of search
    # time, the seconds it took). 0 only checks that the key is not overdrawn.
    cost: float = 1.0

    @property
    def interval(self) -> float:
        return 1.0 / self.per_second

    @property
    def tolerance(self) -> float:
        return self.interval * (self.burst - 1)


@dataclass(frozen=True)
class Verdict:
    """Whether a request may go on; when not, which rate refused it and after how many seconds to retry."""

    allowed: bool
    refused_by: Rate | None = None
    retry_after: float = 0.0


class RateCounter:
    """The counters in the SQLite file ``path``: one connection per thread."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(SCHEMA)
            self._local.connection = connection
        return connection

    def take(self, rates: list[Rate], now: float | None = None) -> Verdict:
        """Count one request against every rate of ``rates``, or against none if one refuses it."""
        now = time.time() if now is None else now
        try:
            return self._take(rates, now)
        except sqlite3.Error:
            log.warning("rate counters unavailable in %s; request allowed", self.path, exc_info=True)
            return Verdict(True)

    def charge(self, rate: Rate, now: float | None = None) -> None:
        """Count ``rate.cost`` against ``rate`` after the fact, whether or not it is overdrawn."""
        now = time.time() if now is None else now
        try:
            connection = self._connection()
            connection.execute(
                "INSERT INTO rates (key, tat) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET tat = max(tat, ?) + ?",
                (rate.key, now + rate.interval * rate.cost, now, rate.interval * rate.cost),
            )
        except sqlite3.Error:
            log.warning("rate counters unavailable in %s; charge dropped", self.path, exc_info=True)

    def _take(self, rates: list[Rate], now: float) -> Verdict:
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            moved = []
            for rate in rates:
                row = connection.execute("SELECT tat FROM rates WHERE key = ?", (rate.key,)).fetchone()
                tat = max(row[0] if row else now, now)
                if tat - now > rate.tolerance:
                    connection.execute("ROLLBACK")
                    return Verdict(False, rate, tat - now - rate.tolerance)
                moved.append((rate.key, tat + rate.interval * rate.cost))
            connection.executemany(
                "INSERT INTO rates (key, tat) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET tat = excluded.tat",
                moved,
            )
            if random.random() < 1 / CLEANUP_EVERY:  # noqa: S311 - spreading a chore, not security
                connection.execute("DELETE FROM rates WHERE tat < ?", (now,))
            connection.execute("COMMIT")
            return Verdict(True)
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

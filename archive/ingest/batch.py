"""Step 7's transactions: many articles per commit, each article still all-or-nothing.

A commit costs about as much as saving a whole article, so the import commits
once per batch of :data:`BATCH_SIZE` articles. Each article is saved in its own
savepoint inside the batch's transaction: a failure rolls back that savepoint
alone (the article's rows and its index-queue row), and the batch goes on.

What the run reports about a saved article is held back (``pending``) until its
batch commits. Should the commit itself fail, nothing of the batch is kept, and
the caller reports each of its articles as not saved.
"""

import time

from django.db import DatabaseError, connection, transaction

# 100 articles hold SQLite's write lock for about a third of a second: short enough
# for a web request or the index worker waiting on it, long enough to make the
# commit's cost vanish per article.
BATCH_SIZE = 100
# The transaction (and so SQLite's write lock) stays open while the next articles are
# read, linked and deduplicated. On a busy machine 100 of them can take seconds, and
# curators' saves wait for the lock: a batch is also committed once it has been open
# this long.
BATCH_SECONDS = 0.5


class Batch:
    """The open batch transaction, its savepoints, and what waits for its commit."""

    def __init__(self, size: int | None = None, seconds: float = BATCH_SECONDS):
        self.size = size or BATCH_SIZE
        self.seconds = seconds
        self.pending: list = []  # one entry per article saved in the open batch
        self._atomic = None
        self._opened_at = 0.0

    def open(self) -> None:
        """Make sure a batch transaction is open.

        Inside it, ``transaction.atomic()`` (as ``create_article`` and
        ``update_article`` use) makes a savepoint: one article, all of it or nothing.
        """
        if self._atomic is None:
            atomic = transaction.atomic()
            atomic.__enter__()
            self._atomic = atomic
            self._opened_at = time.monotonic()

    @property
    def full(self) -> bool:
        """Whether the open batch holds ``size`` articles or has been open ``seconds``: commit it."""
        if not self.pending:
            return False
        return len(self.pending) >= self.size or time.monotonic() - self._opened_at >= self.seconds

    @property
    def broken(self) -> bool:
        """Whether the open batch can only be rolled back (a savepoint could not be, or the connection dropped)."""
        return self._atomic is not None and (connection.needs_rollback or connection.closed_in_transaction)

    def commit(self) -> tuple[list, DatabaseError | None]:
        """Commit the open batch; return its pending entries and the error if the commit failed.

        After a failed commit nothing of the batch is in the database.
        """
        atomic, pending = self._atomic, self.pending
        self._atomic, self.pending = None, []
        if atomic is None:
            return pending, None
        if connection.needs_rollback or connection.closed_in_transaction:
            # Atomic would roll back quietly here; say so instead of reporting a commit.
            error = DatabaseError("the batch's transaction was broken and rolled back")
            atomic.__exit__(DatabaseError, error, None)
            return pending, error
        try:
            atomic.__exit__(None, None, None)
        except DatabaseError as error:
            return pending, error
        return pending, None

    def abandon(self, error: BaseException) -> None:
        """Roll the open batch back (the run stopped on ``error``); nothing of it is kept."""
        atomic, self._atomic, self.pending = self._atomic, None, []
        if atomic is not None:
            atomic.__exit__(type(error), error, error.__traceback__)

"""Concurrency limits shared by every worker process: a slot is a lock on a small file.

A pool of ``size`` slots is ``size`` files in one folder; taking a slot is a
non-blocking ``flock`` on one of them, held until the request is done. The kernel
releases a slot when its holder closes it or dies, so a killed worker never
leaks one, and no process has to keep a count. ``flock`` locks belong to an open
file, so two threads of one process exclude each other as two processes do.
"""

import fcntl
import hashlib
import os
from pathlib import Path

# Clients are spread over this many groups of slot files (a hash of the client
# key): the folder stays bounded whatever the number of clients; two clients that
# share a group share its slots, which only ever makes a limit stricter.
CLIENT_GROUPS = 4096


class Slot:
    """One held slot; :meth:`release` (or closing the process) frees it. Safe to release twice."""

    def __init__(self, fd: int):
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the file drops its lock


class SlotPool:
    """``size`` slots named ``name`` in ``folder``."""

    def __init__(self, folder: Path, name: str, size: int):
        self.folder = Path(folder)
        self.name = name
        self.size = size

    def acquire(self) -> Slot | None:
        """Return a free slot, held, or ``None`` when all ``size`` are taken."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for number in range(self.size):
            slot = self._take(number)
            if slot is not None:
                return slot
        return None

    def _take(self, number: int) -> Slot | None:
        fd = os.open(self.folder / f"{self.name}-{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        return Slot(fd)

    def in_use(self) -> int:
        """Return how many slots are held now (for tests and health figures)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        held = 0
        for number in range(self.size):
            slot = self._take(number)
            if slot is None:
                held += 1
            else:
                slot.release()
        return held


def client_pool(folder: Path, kind: str, client: str, size: int) -> SlotPool:
    """Return the pool of ``size`` slots of one client for one kind of request."""
    group = int.from_bytes(hashlib.blake2b(client.encode(), digest_size=8).digest(), "big") % CLIENT_GROUPS
    return SlotPool(Path(folder) / kind, f"client-{group:04d}", size)

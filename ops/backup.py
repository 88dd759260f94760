"""Consistent backups of the database, and restoring them.

SQLite: the online backup API copies a consistent snapshot while Parley keeps
serving and writing (readers and the writer are not stopped). PostgreSQL:
``pg_dump`` in its custom format, restored with ``pg_restore`` in one
transaction. The search index is not backed up: it is rebuilt from the restored
database (``restore`` does it).

Every function raises :class:`BackupError` with a message saying what is wrong.
"""

import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

log = logging.getLogger("parley.backup")

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
REQUIRED_TABLES = {"django_migrations", "archive_article"}


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


@dataclass
class BackupReport:
    path: str
    engine: str
    bytes: int
    seconds: float


def engine_kind(using: str = "default") -> str:
    """Return ``"sqlite"`` or ``"postgresql"`` for the database ``using``; others are refused."""
    vendor = connections[using].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def backup(path: Path, using: str = "default") -> BackupReport:
    """Write a consistent copy of the database to ``path`` (replaced atomically) and return a report."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} is a folder; give the backup file's name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    kind = engine_kind(using)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)
    try:
        if kind == "sqlite":
            _backup_sqlite(Path(partial), using)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", partial], using)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    report = BackupReport(str(path), kind, path.stat().st_size, time.monotonic() - started)
    log.info("backup of the %s database written to %s (%d bytes, %.1f s)", kind, path, report.bytes, report.seconds)
    return report


def restore(path: Path, using: str = "default") -> str:
    """Replace the database ``using`` with the backup at ``path``; return the engine kind.

    The file is checked first (type, and for SQLite its integrity and tables):
    a wrong or damaged file leaves the database untouched.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file.")
    kind = engine_kind(using)
    head = path.read_bytes()[:16]
    if kind == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{path} is not a SQLite backup (this Parley runs on SQLite).")
        _check_sqlite_backup(path)
        _restore_sqlite(path, using)
    else:
        if not head.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{path} is not a pg_dump custom-format backup (this Parley runs on PostgreSQL).")
        connections[using].close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                str(path),
            ],
            using,
        )
    log.info("database restored from %s", path)
    return kind


# --- SQLite -------------------------------------------------------------------------


def _backup_sqlite(target: Path, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        # One step: the copy is a snapshot of a single moment, even while others write.
        connection.connection.backup(destination)
    finally:
        destination.close()


def _check_sqlite_backup(path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = source.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} cannot be read as a SQLite database: {error}") from error
    if integrity != "ok":
        raise BackupError(f"{path} is damaged (SQLite integrity check: {integrity}).")
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BackupError(f"{path} is not a Parley backup: it has no {', '.join(sorted(missing))} table.")


def _restore_sqlite(path: Path, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # The backup API writes the whole database under one write lock: other
        # connections see either the old database or the restored one.
        source.backup(connection.connection)
    finally:
        source.close()


# --- PostgreSQL ----------------------------------------------------------------------


def _run(command: list[str], using: str) -> None:
    """Run a PostgreSQL client program against the database ``using``."""
    settings = connections[using].settings_dict
    program = command[0]
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client).")
    env = {**os.environ, "PGPASSWORD": str(settings.get("PASSWORD") or "")}
    args = [
        *command[:1],
        *(["--host", settings["HOST"]] if settings.get("HOST") else []),
        *(["--port", str(settings["PORT"])] if settings.get("PORT") else []),
        *(["--username", settings["USER"]] if settings.get("USER") else []),
        "--dbname",
        settings["NAME"],
        *command[1:],
    ]
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()[:2000]}")

"""bench/import_bench.py --reuse: the archive is built once, kept, and later runs start from a copy of it.

Tiny sizes (no timing is asserted). Each run is its own process, as the bench sets up Django itself.
"""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.sqlite_only


def bench(tmp_path: Path, *arguments: str) -> tuple[str, dict]:
    """Run the bench; return its output and its last line's figures."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # its work folders, left for a person to read, go here
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "bench/import_bench.py", "--articles", "30", "--processes", "1", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout, json.loads(completed.stdout.strip().splitlines()[-1])


def articles_in(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:  # closed: no -wal or -shm file left beside it
        return connection.execute("SELECT COUNT(*) FROM archive_article").fetchone()[0]


def test_a_kept_archive_is_copied_and_never_written_to(tmp_path):
    kept = tmp_path / "kept"
    first_output, first = bench(tmp_path, "--archive", "40", "--reuse", str(kept))
    assert "archive of 40 articles: built and kept as" in first_output
    (archive,) = kept.glob("archive-40-*.sqlite3")
    assert articles_in(archive) == 40  # what the run started from, not what it imported

    second_output, second = bench(tmp_path, "--archive", "40", "--reuse", str(kept))
    assert f"archive of 40 articles: copied from {archive}" in second_output
    assert articles_in(archive) == 40
    assert list(kept.iterdir()) == [archive]
    figures = ("articles", "archive_before", "meetings")
    assert {k: second[k] for k in figures} == {k: first[k] for k in figures}
    assert second["articles"] == 30 and second["meetings"] > 0


def test_an_archive_of_another_size_is_built_beside_it(tmp_path):
    kept = tmp_path / "kept"
    bench(tmp_path, "--archive", "10", "--reuse", str(kept))
    output, figures = bench(tmp_path, "--archive", "20", "--reuse", str(kept))
    assert "archive of 20 articles: built and kept as" in output
    assert sorted(path.name.split("-")[1] for path in kept.iterdir()) == ["10", "20"]
    assert figures["archive_before"] == 20


def test_without_reuse_nothing_is_kept(tmp_path):
    output, figures = bench(tmp_path, "--archive", "10")
    assert "archive of 10 articles: built\n" in output
    assert figures["articles"] == 30

"""SQLite under concurrent writers: processes writing through Django all succeed.

Always on SQLite (whatever DATABASE_URL the suite runs with): this is about
SQLite's single write lock, WAL mode, the busy timeout and IMMEDIATE transactions.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WRITERS, WRITES_EACH = 6, 40
pytestmark = pytest.mark.sqlite_only


def sqlite_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return {**env, "PARLEY_DATA_DIR": str(data_dir), "PARLEY_LOG_LEVEL": "WARNING"}


def test_concurrent_writer_processes_never_fail_with_database_locked(tmp_path):
    env = sqlite_env(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from archive.models import Source; Source.objects.create(name='Shared counter', slug='shared-counter')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.sqlite_writer", f"writer{n}", str(WRITES_EACH)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    outcomes = [(w.wait(timeout=300), w.stderr.read()) for w in writers]
    assert [code for code, _ in outcomes] == [0] * WRITERS, [err[-800:] for _, err in outcomes if err]
    assert not any("locked" in err for _, err in outcomes)

    count = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from archive.models import Article; print(Article.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert count.stdout.strip().splitlines()[-1] == str(WRITERS * WRITES_EACH)

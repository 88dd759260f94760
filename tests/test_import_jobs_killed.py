"""A runner killed in the middle of a job (SIGKILL: no chance to clean up): the next runner takes
the job up again and finishes it, and no article is stored twice.

Always on SQLite in a data folder of its own, with real processes, as ``make run`` runs them.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORDS = 1500
pytestmark = pytest.mark.sqlite_only


def sqlite_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return {**env, "PARLEY_DATA_DIR": str(data_dir), "PARLEY_LOG_LEVEL": "WARNING"}


def manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def query(database: Path, sql: str):
    with sqlite3.connect(database, timeout=20) as connection:
        return connection.execute(sql).fetchone()


def test_a_killed_runner_s_job_is_finished_by_the_next_runner_without_duplicates(tmp_path):
    env = sqlite_env(tmp_path)
    database = tmp_path / "parley.sqlite3"
    manage(env, "migrate", "--noinput")
    upload = tmp_path / "records.jsonl"
    upload.write_text(
        "\n".join(
            json.dumps(
                {
                    "title": f"Consultations in Tbilisi, round {n}",
                    "body": f"Delegations of Georgia and Azerbaijan met in Tbilisi for round {n} of consultations.",
                    "date": "2020-05-01",
                    "url": f"https://killed.example.org/{n}",
                }
            )
            for n in range(RECORDS)
        )
    )
    manage(
        env,
        "shell",
        "-c",
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from archive.import_jobs import queue_job\n"
        f"queue_job([SimpleUploadedFile('records.jsonl', open({str(upload)!r}, 'rb').read())])",
    )
    runner = subprocess.Popen(
        [sys.executable, "manage.py", "run_import_jobs", "--poll", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while query(database, "SELECT count(*) FROM archive_article")[0] < 200:
            assert runner.poll() is None and time.monotonic() < deadline, "the runner never got going"
            time.sleep(0.1)
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=20)
    finally:
        if runner.poll() is None:
            runner.kill()
    saved_before = query(database, "SELECT count(*) FROM archive_article")[0]
    assert 200 <= saved_before < RECORDS, "the job should have been interrupted half-way"
    assert query(database, "SELECT state FROM archive_importjob")[0] == "running"  # as the kill left it

    assert "Ran 1 import job(s)." in manage(env, "run_import_jobs", "--once")

    total, distinct_urls = query(database, "SELECT count(*), count(DISTINCT url_key) FROM archive_article")
    assert total == distinct_urls == RECORDS
    state, attempts, report = query(database, "SELECT state, attempts, report FROM archive_importjob")
    report = json.loads(report)
    assert (state, attempts) == ("done", 2)
    assert len(report["duplicates"]) == saved_before and len(report["created"]) == RECORDS - saved_before

"""The search budget's calibration runs on a small archive and prices words and phrases (figures at scale:
README, "Search cost budget")."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_calibration_measures_words_and_phrases_of_a_small_archive(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env |= {"PARLEY_DATA_DIR": str(tmp_path / "data"), "PARLEY_LOG_LEVEL": "WARNING"}
    for command in (["migrate", "--noinput"], ["generate_corpus", "--articles", "400"], ["build_index"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-2000:]
    command = [sys.executable, "bench/budget_calibration.py", "--data-dir", str(tmp_path / "data")]
    done = subprocess.run(
        [*command, "--words", "3", "--phrases", "2"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    assert len([line for line in lines if line.startswith("word ")]) == 3
    assert len([line for line in lines if line.startswith("phrase ")]) == 2
    assert "refused True" not in done.stdout  # the budget is lifted: everything runs
    assert figures["word_us_per_posting"] > 0 and figures["phrase_us_per_posting"] > 0
    ratio = figures["phrase_us_per_posting"] / figures["word_us_per_posting"]
    assert abs(figures["phrase_factor"] - ratio) < 0.2

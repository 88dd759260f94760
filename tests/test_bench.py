"""The benchmark runs end to end on a tiny corpus (no timing is asserted: that is `make bench`'s job)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_on_a_tiny_corpus(tmp_path):
    env = {
        **os.environ,
        "BENCH_ARTICLES": "300",
        "BENCH_REPEAT": "1",
        "BENCH_REPS": "2",
        "BENCH_DURATION": "2",
        "BENCH_WORKERS": "2",
        "BENCH_DATA_DIR": str(tmp_path / "data"),
        "BENCH_RESULTS": str(tmp_path / "results"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "bench/run.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "### Index build" in completed.stdout and "ratio Parley / raw" in completed.stdout
    (written,) = (tmp_path / "results").glob("*-300.json")
    results = json.loads(written.read_text())
    assert results["build_parley"]["documents"] == results["build_raw_whoosh"]["documents"] == 300
    classes = set(results["summary"]["in_process"])
    assert classes == {
        "one_word",
        "two_words",
        "phrase",
        "word_country_official_dates",
        "browse_newest_all_facets",
        "official_page",
        "country_page",
    }
    assert set(results["summary"]["http"]) == classes
    assert results["summary"]["http_errors"] == 0
    assert results["throughput"][0]["requests"] > 0 and results["throughput"][0]["errors"] == 0
    assert results["reopen"][0]["hits"] == 300
    assert (tmp_path / "results" / written.name.replace(".json", ".md")).read_text().startswith("## Parley benchmark")

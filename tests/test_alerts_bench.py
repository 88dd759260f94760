"""The alerts benchmark runs end to end on a small archive (its figures at scale: README)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_alerts_bench_sends_the_digests_of_a_small_archive(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    command = [sys.executable, "bench/alerts_bench.py", "--articles", "300", "--searches", "24", "--import", "30"]
    done = subprocess.run(
        [*command, "--data-dir", str(tmp_path / "data")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # Every imported article names Azerbaijan, Iran and both officials: the country and official
    # searches (and some of the keyword ones) each get one digest.
    assert result["smtp"] == "loopback aiosmtpd" and result["messages_received"] >= 8
    assert f"{result['messages_received']} digests sent" in result["report"]
    assert result["send_alerts_seconds"] < 60 and result["send_alerts_peak_rss_mb"] > 0

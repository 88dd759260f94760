"""Soak test: mixed load on a real Parley for a bounded time (``make soak``; not part of ``make test``).

gunicorn with 4 workers, 4 clients searching, 2 curators editing in the admin and
an import of 5,000 articles, all at once, for ``--duration`` seconds (10 minutes by
default, hard-capped at 10). Passes when:

* no request got a server error (5xx) or a connection failure;
* ``check_index`` reports no drift between the database and the index once the
  load stops and the index worker has caught up;
* gunicorn's memory is flat: the workers' total RSS over the last third of the run
  is at most ``--memory-growth`` (default 25%) above the first third (after warm-up).

Parts that need other work are used when present and reported when not: the
``index_worker`` command (started beside gunicorn), ``check_index`` (drift), and
``import_articles`` (the import). Without ``import_articles`` the 5,000 articles
are written by a plain ORM writer process instead, and the report says so.

Usage: ``.venv/bin/python bench/soak.py [--duration SECONDS] [--articles N]``
"""

import argparse
import datetime
import http.cookiejar
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from harness.forms import read_form, replace  # noqa: E402
from harness.served import Gunicorn  # noqa: E402

PYTHON = sys.executable
MAX_SECONDS = 600
ADMIN_USER, ADMIN_PASSWORD = "soak-admin", "soak-admin-password-1"
WORDS = ["Hasanov", "Bagheri", "ministry", "defense", "Baku", "Tehran", "delegation", "cooperation", "military*"]
COUNTRIES = ["AZ", "IR", "TR", "RU", "GE", "AM"]


class Soak:
    def __init__(self, args):
        self.args = args
        self.data = Path(tempfile.mkdtemp(prefix="parley-soak-"))
        env = {
            **os.environ,
            "PARLEY_DATA_DIR": str(self.data),
            "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
            "PARLEY_LOG_LEVEL": "WARNING",
            # The curators log in hundreds of times; throttling is tested elsewhere.
            "PARLEY_LOGIN_FAILURE_LIMIT": "1000",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.server = Gunicorn(env, workers=4)
        self.port, self.url, self.env = self.server.port, self.server.url, self.server.env
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.requests = {"search": 0, "admin": 0}
        self.edits = {"saved": 0, "rejected": 0}
        self.failures: list[str] = []
        self.memory: list[tuple[float, int]] = []
        self.processes: dict[str, subprocess.Popen] = {}
        self.notes: list[str] = []

    # --- set-up -------------------------------------------------------------------

    def manage(self, *args, check=True, capture=True):
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=check, capture_output=capture, text=True
        )

    def commands(self) -> set[str]:
        listing = self.manage("help", "--commands").stdout
        return {line.strip() for line in listing.splitlines() if line.strip()}

    def prepare(self):
        for step in (
            ["migrate", "--noinput"],
            ["bootstrap"],
            ["build_index"],
            ["collectstatic", "--noinput"],
            ["createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "soak@example.org"],
        ):
            self.manage(*step)
        self.available = self.commands()

    def start_server(self):
        self.server.stderr = open(self.data / "gunicorn.log", "w")  # noqa: SIM115
        try:
            self.processes["gunicorn"] = self.server.start(probe="/healthz", timeout=60).process
        except RuntimeError as error:
            raise SystemExit(str(error)) from None
        if "index_worker" in self.available:
            self.processes["index_worker"] = subprocess.Popen(
                [PYTHON, "manage.py", "index_worker"],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=open(self.data / "index_worker.log", "w"),  # noqa: SIM115
            )
        else:
            self.notes.append(
                "index_worker command not found: admin edits reach the index only at the end (drift expected)"
            )

    # --- load ---------------------------------------------------------------------

    def record(self, kind, status, detail):
        with self.lock:
            self.requests[kind] += 1
            if status >= 500 or status == 0:
                self.failures.append(f"{kind}: {status} {detail}")

    def fetch(self, opener, url, data=None, kind="search"):
        try:
            with opener.open(url, data=data, timeout=60) as response:
                body = response.read().decode("utf-8", "replace")
                self.record(kind, response.status, url)
                return response.status, body
        except urllib.error.HTTPError as error:
            self.record(kind, error.code, url)
            return error.code, error.read().decode("utf-8", "replace")
        except OSError as error:
            self.record(kind, 0, f"{url}: {error}")
            return 0, ""

    def searcher(self, seed):
        rng = random.Random(seed)
        opener = urllib.request.build_opener()
        while not self.stop.is_set():
            params = {"q": " ".join(rng.sample(WORDS, rng.randint(0, 2)))}
            if rng.random() < 0.4:
                params["country"] = rng.choice(COUNTRIES)
            if rng.random() < 0.3:
                params["sort"] = rng.choice(["newest", "oldest", "relevance"])
            if rng.random() < 0.2:
                params["page"] = str(rng.randint(1, 5))
            status, html = self.fetch(opener, f"{self.url}/search/?{urllib.parse.urlencode(params)}")
            links = re.findall(r'href="(/articles/[^"]+/)"', html)
            if links:
                self.fetch(opener, self.url + rng.choice(links))

    def curator(self, seed):
        rng = random.Random(seed)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.admin_login(opener, jar)
        while not self.stop.is_set():
            status, listing = self.fetch(
                opener, f"{self.url}/admin/archive/article/?p={rng.randint(1, 3)}", kind="admin"
            )
            ids = re.findall(r'href="/admin/archive/article/(\d+)/change/', listing)
            if not ids:
                time.sleep(0.5)
                continue
            change_url = f"{self.url}/admin/archive/article/{rng.choice(ids)}/change/"
            status, form_html = self.fetch(opener, change_url, kind="admin")
            fields = read_form(form_html, "article_form")
            if not fields:
                continue
            title = dict(fields).get("title", "Article")[:200].split(" · soak")[0]
            fields = replace(fields, title=f"{title} · soak {rng.randint(1, 10**6)}", _save="Save")
            status, after = self.fetch(opener, change_url, data=urllib.parse.urlencode(fields).encode(), kind="admin")
            with self.lock:
                self.edits["saved" if "was changed successfully" in after else "rejected"] += 1

    def admin_login(self, opener, jar):
        self.fetch(opener, self.url + "/admin/login/", kind="admin")
        token = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode(
            {"username": ADMIN_USER, "password": ADMIN_PASSWORD, "csrfmiddlewaretoken": token, "next": "/admin/"}
        ).encode()
        self.fetch(opener, self.url + "/admin/login/?next=/admin/", data=data, kind="admin")

    def start_import(self):
        count = self.args.articles
        if "import_articles" in self.available:
            path = self.data / "soak-import.jsonl"
            with path.open("w") as handle:
                for record in synthetic_articles(count):
                    handle.write(json.dumps(record) + "\n")
            command = [PYTHON, "manage.py", "import_articles", str(path)]
            self.notes.append(f"import: manage.py import_articles with {count} JSON-lines records")
        else:
            command = [PYTHON, str(Path(__file__).with_name("soak_writer.py")), str(count)]
            self.notes.append(f"import_articles command not found: {count} articles written by bench/soak_writer.py")
        self.processes["import"] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.data / "import.log", "w"),  # noqa: SIM115
        )

    def sample_memory(self):
        master = self.processes["gunicorn"].pid
        while not self.stop.wait(5):
            self.memory.append((time.monotonic(), tree_rss_kb(master)))

    # --- run ----------------------------------------------------------------------

    def run(self) -> int:
        duration = min(self.args.duration, MAX_SECONDS)
        print(f"Soak: preparing {self.data}")
        self.prepare()
        self.start_server()
        started = time.monotonic()
        threads = [threading.Thread(target=self.searcher, args=(n,), daemon=True) for n in range(4)]
        threads += [threading.Thread(target=self.curator, args=(100 + n,), daemon=True) for n in range(2)]
        threads.append(threading.Thread(target=self.sample_memory, daemon=True))
        for thread in threads:
            thread.start()
        self.start_import()
        print(f"Soak: load running for {duration} s on {self.url}")
        while time.monotonic() - started < duration:
            time.sleep(1)
        self.stop.set()
        for thread in threads:
            thread.join(timeout=90)
        import_process = self.processes["import"]
        import_code = import_process.poll()
        if import_code is None:
            self.notes.append("the import was still running at the end and was stopped")
            import_process.terminate()
            import_process.wait(timeout=30)
        elif import_code != 0:
            self.failures.append(f"import exited with {import_code} (see {self.data / 'import.log'})")
        drift = self.check_drift()
        self.shutdown()
        return self.report(duration, drift)

    def check_drift(self) -> str:
        if "check_index" not in self.available:
            self.notes.append("check_index command not found: drift not measured")
            return "not measured"
        deadline = time.monotonic() + 120
        while True:  # give the index worker time to apply the last changes
            result = self.manage("check_index", check=False)
            if result.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(5)
        if result.returncode != 0:
            self.failures.append("check_index reports drift: " + result.stdout[-1500:])
            return "drift"
        return "none"

    def shutdown(self):
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()

    def report(self, duration, drift) -> int:
        growth = memory_growth(self.memory)
        if growth is not None and growth > self.args.memory_growth:
            self.failures.append(f"memory grew {growth:.0%} (limit {self.args.memory_growth:.0%})")
        print(f"Soak finished after {duration} s")
        print(f"  requests: {self.requests['search']} public, {self.requests['admin']} admin")
        print(f"  admin edits: {self.edits['saved']} saved, {self.edits['rejected']} rejected by the form")
        first, last = (self.memory[0][1], self.memory[-1][1]) if self.memory else (0, 0)
        shown = "not enough samples" if growth is None else f"{growth:+.1%}"
        print(f"  gunicorn RSS: {first / 1024:.0f} MB at start, {last / 1024:.0f} MB at end; median growth {shown}")
        print(f"  drift: {drift}")
        for note in self.notes:
            print(f"  note: {note}")
        for failure in self.failures[:30]:
            print(f"  FAIL {failure}")
        print(f"  data folder (logs): {self.data}")
        print("Soak: PASS" if not self.failures else f"Soak: FAIL ({len(self.failures)} problems)")
        return 0 if not self.failures else 1


def synthetic_articles(count):
    """Yield ``count`` synthetic article records (title, date, source, url, body)."""
    rng = random.Random(2024)
    for n in range(count):
        day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 3000))
        a, b = rng.sample(["Hasanov", "Bagheri", "Shoigu", "Akar", "Burchuladze", "Tonoyan"], 2)
        body = " ".join(
            f"Minister {a} met {b} in {rng.choice(['Baku', 'Tehran', 'Ankara', 'Tbilisi'])} to discuss "
            f"{rng.choice(['military', 'border', 'training', 'defense industry'])} cooperation, item {n}-{k}."
            for k in range(rng.randint(8, 20))
        )
        yield {
            "title": f"{a} meets {b} (soak {n})",
            "date": day.isoformat(),
            "source": rng.choice(["News.Az", "AzerNews", "Trend"]),
            "url": f"https://soak.example.org/{n}",
            "body": body,
        }


def tree_rss_kb(pid) -> int:
    """Return the resident memory (kB) of ``pid`` and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, AttributeError):
            continue
        stack.extend(int(child) for child in children)
    return total


def memory_growth(samples) -> float | None:
    """Return the relative growth of the median RSS from the first to the last third (after warm-up)."""
    values = [rss for _, rss in samples[2:]]  # the first ~10 s are warm-up
    if len(values) < 6:
        return None
    third = len(values) // 3
    first, last = statistics.median(values[:third]), statistics.median(values[-third:])
    return (last - first) / first if first else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=MAX_SECONDS, help="Seconds of load (at most 600).")
    parser.add_argument("--articles", type=int, default=5000, help="Articles imported during the run.")
    parser.add_argument("--memory-growth", type=float, default=0.25, help="Allowed RSS growth (0.25 = 25%%).")
    return Soak(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())

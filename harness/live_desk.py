"""Parley as ``make run`` serves it for curators: gunicorn and the index worker, plus helpers
to drive the admin over HTTP and to watch the public search."""

import http.cookiejar
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from harness.live_server import ROOT, LiveParley

CURATOR, CURATOR_PASSWORD = "cora-curator", "a-long-test-password-2"
RESULT_COUNT = re.compile(r'id="result-count">(\d+) article')
# The promise of the issue: a committed change shows in search within this many seconds.
VISIBLE_WITHIN = 2.0


class LiveDesk(LiveParley):
    """A LiveParley with a curator account and an index worker beside gunicorn."""

    def __init__(self, data_dir: Path, workers: int = 2, extra_env=None):
        super().__init__(data_dir, workers=workers, extra_env=extra_env)
        self.data_dir = Path(data_dir)
        self.worker = None
        self.worker_log = self.data_dir / "index_worker.log"

    def prepare(self):
        super().prepare()
        self.shell(
            "from django.contrib.auth.models import Group, User\n"
            f"u = User.objects.create_user({CURATOR!r}, password={CURATOR_PASSWORD!r}, is_staff=True)\n"
            "u.groups.add(Group.objects.get(name='Curators'))"
        )
        return self

    def manage(self, *args, check=True, env=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            check=check,
            capture_output=True,
            text=True,
        )

    def shell(self, code: str) -> str:
        """Run ``code`` in ``manage.py shell`` against this data folder; return its output."""
        return self.manage("shell", "--no-imports", "-c", code).stdout

    def start_worker(self, *args, env=None):
        log = self.worker_log.open("a")
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "index_worker", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self.worker

    def kill_worker(self):
        if self.worker and self.worker.poll() is None:
            self.worker.send_signal(signal.SIGKILL)
            self.worker.wait(timeout=10)

    def stop_worker(self):
        if self.worker and self.worker.poll() is None:
            self.worker.terminate()
            self.worker.wait(timeout=30)

    def stop(self):
        self.stop_worker()
        super().stop()

    def queue_length(self) -> int:
        return int(self.shell("from index.queue import queue_length; print(queue_length())").strip())

    def wait_for_empty_queue(self, timeout=120.0):
        deadline = time.monotonic() + timeout
        while self.queue_length():
            if time.monotonic() > deadline:
                raise AssertionError(f"the index queue did not drain within {timeout} s")
            time.sleep(0.5)

    def check_index(self) -> subprocess.CompletedProcess:
        return self.manage("check_index", check=False)

    def search(self, query: str) -> tuple[int, str]:
        """Return the status and HTML of ``/search/?query``."""
        try:
            with urllib.request.urlopen(f"{self.url}/search/?{query}", timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def result_count(self, query: str) -> int:
        status, html = self.search(query)
        assert status == 200, f"/search/?{query} answered {status}"
        return int(RESULT_COUNT.search(html).group(1))

    def wait_until_search_shows(self, query: str, predicate, what: str, within=VISIBLE_WITHIN):
        """Poll ``/search/?query`` until ``predicate(html)``; fail after ``within`` seconds."""
        deadline = time.monotonic() + within
        while True:
            status, html = self.search(query)
            if status == 200 and predicate(html):
                return html
            if time.monotonic() > deadline:
                raise AssertionError(f"search /search/?{query} did not show {what} within {within} s")
            time.sleep(0.05)


class AdminClient:
    """A logged-in admin session over plain HTTP (cookies and CSRF as a browser sends them)."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.no_redirects = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), KeepRedirects)
        status, _ = self.get("/admin/login/")
        self.post("/admin/login/?next=/admin/", {"username": username, "password": password, "next": "/admin/"})
        if "sessionid" not in {c.name for c in self.cookies}:
            raise AssertionError(f"{username} could not log in")

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def request(self, path, data=None, follow=True) -> tuple[int, str]:
        body = None
        headers = {"Referer": self.base_url + path}
        if data is not None:
            pairs = list(data.items()) if isinstance(data, dict) else list(data)
            flat = [(k, v) for k, value in pairs for v in (value if isinstance(value, list) else [value])]
            flat = [(k, v) for k, v in flat if k != "csrfmiddlewaretoken"] + [("csrfmiddlewaretoken", self.csrf())]
            body = urllib.parse.urlencode(flat).encode()
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers)
        try:
            with (self.opener if follow else self.no_redirects).open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def get(self, path):
        return self.request(path)

    def post(self, path, data, follow=True):
        """POST ``data``; with ``follow=False`` a redirect (the admin's success answer) is returned as is."""
        return self.request(path, data, follow=follow)


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 302 itself is the answer

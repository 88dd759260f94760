"""Parley as ``make run`` serves it for curators: gunicorn and the index worker, plus helpers
to drive the admin over HTTP and to watch the public search."""

import dataclasses
import http.cookiejar
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from harness.live_server import ROOT, LiveParley
from harness.served import status_kb

CURATOR, CURATOR_PASSWORD = "cora-curator", "a-long-test-password-2"
RESULT_COUNT = re.compile(r'id="result-count">(\d+) article')
# The promise of the issue: a committed change shows in search within this many seconds.
VISIBLE_WITHIN = 2.0


def wait_for_line(path: Path, text: str, timeout: float = 60.0) -> None:
    """Return once ``text`` is in the file at ``path`` (a process's log); raise ``AssertionError``,
    with what the file says, if it is not there within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text():
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared in {path}: {path.read_text() if path.exists() else ''}")


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

    def manage(self, *args, check=True, env=None, timeout=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            check=check,
            capture_output=True,
            text=True,
            timeout=timeout,
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


# The admin's import page, uploaded to as a browser does: one streamed multipart request -----------------

IMPORT_PAGE = "/admin/archive/article/import/"
UPLOAD_BODY = "Azerbaijani Defense Minister Zakir Hasanov met the Iranian chief of staff in Baku. " * 35


def write_upload(path: Path, megabytes: int, title: str = "Upload") -> int:
    """Write a JSON Lines file of about ``megabytes`` MB; return its number of records."""
    count = 0
    with path.open("w") as handle:
        while handle.tell() < megabytes * 1024 * 1024:
            handle.write(json.dumps({"title": f"{title} {count}", "body": UPLOAD_BODY, "date": "2019-01-16"}) + "\n")
            count += 1
    return count


def multipart(path: Path, fields: dict, boundary: str):
    """Yield a multipart/form-data body: ``fields``, then the file at ``path`` read in 64 KB chunks."""
    for name, value in fields.items():
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    yield (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{path.name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    with path.open("rb") as handle:
        while chunk := handle.read(64 * 1024):
            yield chunk
    yield f"\r\n--{boundary}--\r\n".encode()


@dataclasses.dataclass
class Upload:
    """What posting a file to the import page did: the answer, its seconds, the web workers' memory."""

    status: int
    location: str | None
    seconds: float
    rss_before_kb: dict[int, int]
    rss_peak_kb: dict[int, int]

    @property
    def peak_mb(self) -> float:
        return max(self.rss_peak_kb.values(), default=0) / 1024

    @property
    def growth_mb(self) -> float:
        return max((self.rss_peak_kb[pid] - self.rss_before_kb[pid] for pid in self.rss_peak_kb), default=0) / 1024


def post_upload(admin: "AdminClient", server, path: Path, timeout: float = 60) -> Upload:
    """Post ``path`` to the import page as ``admin``, streamed, sampling the RSS of ``server``'s
    workers every 20 ms while the page takes it; a connection that fails counts as status 0."""
    admin.get(IMPORT_PAGE)
    boundary = uuid.uuid4().hex
    fields = {"csrfmiddlewaretoken": admin.csrf()}
    length = sum(len(part) for part in multipart(path, fields, boundary))
    request = urllib.request.Request(
        admin.base_url + IMPORT_PAGE,
        data=multipart(path, fields, boundary),
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(length),
            "Referer": admin.base_url + IMPORT_PAGE,
        },
    )
    workers = server.worker_pids()
    before = {pid: status_kb(pid) or 0 for pid in workers}
    peaks = dict(before)
    sampling = threading.Event()

    def sample():
        while not sampling.is_set():
            for pid in workers:
                peaks[pid] = max(peaks[pid], status_kb(pid) or 0)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    try:
        with admin.no_redirects.open(request, timeout=timeout) as response:
            status, location = response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        status, location = error.code, error.headers.get("Location")
    except OSError:
        status, location = 0, None
    finally:
        seconds = time.monotonic() - started
        sampling.set()
        sampler.join()
    return Upload(status, location, seconds, before, peaks)

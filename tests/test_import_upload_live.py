"""A 19 MB upload on the admin's import page under a real gunicorn: it reaches disk a chunk at a
time, the page answers at once with the queued job, and the worker's memory barely moves.

Before, the import ran inside the request: a bare 500 at 60.8 s (gunicorn's timeout), 605 of
6,491 records imported, no report, and the worker at 518 MB.
"""

import json
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from harness.live_desk import AdminClient
from harness.live_server import ADMIN_PASSWORD, ADMIN_USER
from harness.served import status_kb

pytestmark = pytest.mark.server
MEGABYTES = 19


def write_upload(path) -> int:
    """Write a ~19 MB JSON Lines file; return its number of records."""
    body = "Azerbaijani Defense Minister Zakir Hasanov met the Iranian chief of staff in Baku. " * 35
    count = 0
    with path.open("w") as handle:
        while handle.tell() < MEGABYTES * 1024 * 1024:
            handle.write(json.dumps({"title": f"Upload {count}", "body": body, "date": "2019-01-16"}) + "\n")
            count += 1
    return count


def multipart(path, fields: dict, boundary: str):
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


def test_a_19_mb_upload_is_queued_at_once_without_growing_the_worker(live_parley, tmp_path):
    upload = tmp_path / "big.jsonl"
    write_upload(upload)
    admin = AdminClient(live_parley.url, ADMIN_USER, ADMIN_PASSWORD)
    admin.get("/admin/archive/article/import/")
    boundary = uuid.uuid4().hex
    fields = {"csrfmiddlewaretoken": admin.csrf()}
    length = sum(len(part) for part in multipart(upload, fields, boundary))
    request = urllib.request.Request(
        live_parley.url + "/admin/archive/article/import/",
        data=multipart(upload, fields, boundary),
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(length),
            "Referer": live_parley.url + "/admin/archive/article/import/",
        },
    )
    workers = live_parley.server.worker_pids()
    baseline = {pid: status_kb(pid) or 0 for pid in workers}
    peaks = dict(baseline)
    sampling = True

    def sample():
        while sampling:
            for pid in workers:
                peaks[pid] = max(peaks[pid], status_kb(pid) or 0)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    try:
        with admin.no_redirects.open(request, timeout=60) as response:
            status, location = response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        status, location = error.code, error.headers.get("Location")
    finally:
        seconds = time.monotonic() - started
        sampling = False
        sampler.join()
    assert status == 302 and "/admin/archive/article/import/" in location
    assert seconds < 10, f"the upload took {seconds:.1f} s to answer"
    growth_mb = max(peaks[pid] - baseline[pid] for pid in workers) / 1024
    assert growth_mb < 40, f"a worker grew by {growth_mb:.0f} MB"
    status, html = admin.get(location)
    assert status == 200 and "big.jsonl" in html and "Waiting for the import runner" in html
    # No runner here: cancel it, so the shared server's archive stays as the other tests expect.
    assert "was cancelled" in admin.post(location + "cancel/", {})[1]
    print(f"19 MB upload: answered in {seconds:.2f} s, worker growth {growth_mb:.1f} MB")

"""A 19 MB upload on the admin's import page under a real gunicorn: it reaches disk a chunk at a
time, the page answers at once with the queued job, and the worker's memory barely moves.

Before, the import ran inside the request: a bare 500 at 60.8 s (gunicorn's timeout), 605 of
6,491 records imported, no report, and the worker at 518 MB.
"""

import pytest

from harness.live_desk import AdminClient, post_upload, write_upload
from harness.live_server import ADMIN_PASSWORD, ADMIN_USER

pytestmark = pytest.mark.server
MEGABYTES = 19


def test_a_19_mb_upload_is_queued_at_once_without_growing_the_worker(live_parley, tmp_path):
    upload = tmp_path / "big.jsonl"
    write_upload(upload, MEGABYTES)
    admin = AdminClient(live_parley.url, ADMIN_USER, ADMIN_PASSWORD)
    outcome = post_upload(admin, live_parley.server, upload, timeout=60)
    status, location, seconds = outcome.status, outcome.location, outcome.seconds
    assert status == 302 and "/admin/archive/article/import/" in location
    assert seconds < 10, f"the upload took {seconds:.1f} s to answer"
    growth_mb = outcome.growth_mb
    assert growth_mb < 40, f"a worker grew by {growth_mb:.0f} MB"
    status, html = admin.get(location)
    assert status == 200 and "big.jsonl" in html and "Waiting for the import runner" in html
    # No runner here: cancel it, so the shared server's archive stays as the other tests expect.
    assert "was cancelled" in admin.post(location + "cancel/", {})[1]
    print(f"19 MB upload: answered in {seconds:.2f} s, worker growth {growth_mb:.1f} MB")

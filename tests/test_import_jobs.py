"""Admin imports as background jobs: queued by the upload, run by ``run_import_jobs``, cancelled, resumed."""

import io
import json
import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from archive import import_jobs, uploads
from archive.ingest import read
from archive.models import Article, ImportJob

pytestmark = pytest.mark.django_db


def jsonl(count: int, start: int = 0) -> bytes:
    records = [
        {
            "title": f"Consultations in Tbilisi, round {n}",
            "body": f"Delegations of Georgia and Azerbaijan met in Tbilisi for round {n} of their consultations.",
            "date": "2020-05-01",
            "url": f"https://jobs.example.org/{n}",
        }
        for n in range(start, start + count)
    ]
    return "\n".join(json.dumps(r) for r in records).encode()


def queued(import_dirs, data: bytes, name="records.jsonl", **options) -> ImportJob:
    return import_jobs.queue_job([SimpleUploadedFile(name, data)], **options)


def test_a_queued_job_runs_to_done_with_its_report_and_its_files_removed(seeds, import_dirs):
    job = queued(import_dirs, jsonl(3))
    folder = import_jobs.job_folder(job)
    assert job.state == ImportJob.State.QUEUED and [p.name for p in folder.iterdir()] == ["001-records.jsonl"]
    call_command("run_import_jobs", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.attempts == 1 and job.finished_at
    assert job.report["created"][0]["title"] == "Consultations in Tbilisi, round 0" and len(job.report["created"]) == 3
    assert job.progress["records"] == 3 and job.progress["created"] == 3
    assert Article.objects.filter(url_key__startswith="jobs.example.org/").count() == 3
    assert not folder.exists()


def test_a_queued_job_is_cancelled_at_once_and_never_runs(seeds, import_dirs):
    job = import_jobs.cancel(queued(import_dirs, jsonl(3)))
    assert job.state == ImportJob.State.CANCELLED and not import_jobs.job_folder(job).exists()
    assert import_jobs.run_queued() == 0 and not Article.objects.filter(url_key__startswith="jobs.").exists()


def test_a_running_job_cancelled_stops_after_the_record_under_way_and_keeps_what_it_saved(seeds, import_dirs):
    job = queued(import_dirs, jsonl(50))
    claimed = import_jobs.claim_next()
    ImportJob.objects.filter(pk=job.pk).update(cancel_requested=True)  # the curator's button, meanwhile
    finished = import_jobs.run_job(claimed)
    assert finished.state == ImportJob.State.CANCELLED and finished.report["stopped"]
    saved = Article.objects.filter(url_key__startswith="jobs.example.org/").count()
    assert saved == len(finished.report["created"]) == 1  # the first record, then the first look at the job


def test_a_runner_stopping_queues_its_job_again_and_the_next_run_finishes_it_without_duplicating(seeds, import_dirs):
    job = queued(import_dirs, jsonl(30))
    calls = []

    def stop_after_ten():
        calls.append(1)
        return len(calls) >= 10  # asked after each record: stop after the tenth

    first = import_jobs.run_job(import_jobs.claim_next(), stopping=stop_after_ten)
    assert first.state == ImportJob.State.QUEUED and first.progress["records"] == 10
    assert Article.objects.filter(url_key__startswith="jobs.example.org/").count() == 10
    assert import_jobs.run_queued() == 1
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.attempts == 2
    assert len(job.report["created"]) == 20 and len(job.report["duplicates"]) == 10
    assert Article.objects.filter(url_key__startswith="jobs.example.org/").count() == 30


def test_a_job_whose_runner_died_is_queued_again(seeds, import_dirs):
    job = queued(import_dirs, jsonl(2))
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.RUNNING, runner=f"{socket.gethostname()}:999999999", attempts=1
    )
    alive = queued(import_dirs, jsonl(2, start=10))
    ImportJob.objects.filter(pk=alive.pk).update(
        state=ImportJob.State.RUNNING, runner=import_jobs.runner_name(), heartbeat_at=timezone.now()
    )
    import_jobs.requeue_abandoned()
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.State.QUEUED
    assert ImportJob.objects.get(pk=alive.pk).state == ImportJob.State.RUNNING  # its runner (we) still lives


def test_uploads_go_to_disk_and_a_file_over_the_limit_is_stored_only_up_to_it(
    seeds, import_dirs, admin_client, settings, monkeypatch
):
    """A 3 MB upload against a 1 MB limit: 1 MB + 1 byte on disk, refused as too large by the job."""
    assert settings.FILE_UPLOAD_HANDLERS == ["archive.uploads.BoundedTemporaryFileUploadHandler"]
    monkeypatch.setattr(uploads, "MAX_BYTES", 1024 * 1024)
    monkeypatch.setattr(read, "MAX_BYTES", 1024 * 1024)
    big = jsonl(30_000)[: 3 * 1024 * 1024]
    small = jsonl(1)
    response = admin_client.post(
        "/admin/archive/article/import/",
        {"files": [SimpleUploadedFile("big.jsonl", big), SimpleUploadedFile("small.jsonl", small)]},
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    stored = {entry["name"]: entry for entry in job.files}
    assert stored["big.jsonl"]["size"] == len(big)
    assert import_jobs.job_folder(job).joinpath("001-big.jsonl").stat().st_size == 1024 * 1024 + 1
    call_command("run_import_jobs", "--once", stdout=io.StringIO())
    job.refresh_from_db()
    assert [r["file"] for r in job.report["rejected"]] == ["big.jsonl"]
    assert "file is too large (3.0 MB" in job.report["rejected"][0]["reason"]
    assert len(job.report["created"]) == 1


def test_the_job_page_follows_the_job_and_cancels_it(seeds, import_dirs, admin_client):
    job = queued(import_dirs, jsonl(2))
    page = admin_client.get(f"/admin/archive/article/import/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page and "Cancel this import" in page and "Queued" in page
    listing = admin_client.get("/admin/archive/article/import/").content.decode()
    assert f"/admin/archive/article/import/{job.pk}/" in listing
    assert admin_client.get(f"/admin/archive/article/import/{job.pk}/cancel/").status_code == 405
    response = admin_client.post(f"/admin/archive/article/import/{job.pk}/cancel/")
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "was cancelled" in page and 'http-equiv="refresh"' not in page and "Cancel this import" not in page


def test_job_pages_need_the_permission_to_import(seeds, import_dirs, client, django_user_model):
    job = queued(import_dirs, jsonl(1))
    viewer = django_user_model.objects.create_user("viewer", password="pw-123456", is_staff=True)
    client.force_login(viewer)
    assert client.get(f"/admin/archive/article/import/{job.pk}/").status_code == 403
    assert client.post(f"/admin/archive/article/import/{job.pk}/cancel/").status_code == 403

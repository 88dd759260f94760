"""Import jobs: queued by the admin's import page, run by ``manage.py run_import_jobs``.

A web request only moves the uploaded files (already on disk) into the job's
folder and writes a *queued* :class:`~archive.models.ImportJob`; it answers at once.
A runner claims the oldest queued job, imports its files with the same pipeline
as ``manage.py import_articles``, and writes progress (and its heartbeat) every
couple of seconds, reading at the same time whether a curator cancelled it.

A runner killed mid-job leaves the job *running*; the next runner sees that its
process is gone (or, from another machine, that its heartbeat is old) and queues it
again. Running it again is idempotent: what the first run committed comes back as
duplicates (same text) and the rest is imported.
"""

import logging
import os
import re
import shutil
import socket
import time
import traceback
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.move import file_move_safe
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from archive.ingest.pipeline import Importer, ImportOptions
from archive.ingest.read import InputFile
from archive.models import ImportJob

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2.0  # progress and heartbeat written at most this often
# A job whose runner is on another machine (or cannot be checked) is taken up again
# after this long without a heartbeat. Long enough for one slow record (an 18 MB page).
STALE_AFTER = timedelta(minutes=10)
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


def runner_name() -> str:
    """Return ``host:pid`` of this process, as recorded on the jobs it claims."""
    return f"{socket.gethostname()}:{os.getpid()}"


def job_folder(job: ImportJob) -> Path:
    """Return the folder of the job's uploaded files."""
    return Path(settings.PARLEY_IMPORT_DIR) / f"job-{job.pk}"


def queue_job(uploads: Iterable, user=None, **options) -> ImportJob:
    """Move the uploaded files into a new job's folder and queue it; return the job.

    ``options`` are the job's fields: ``publish``, ``dry_run``, ``source``, ``format``.
    Temporary uploads are moved (a rename on the same disk), others are copied a
    chunk at a time. The job becomes visible to runners only with its files in place.
    """
    with transaction.atomic():
        job = ImportJob.objects.create(created_by=user, **options)
        folder = job_folder(job)
        folder.mkdir(parents=True, exist_ok=True)
        entries = []
        for number, upload in enumerate(uploads, start=1):
            target = folder / f"{number:03d}-{_UNSAFE_NAME.sub('_', Path(upload.name).name)[:100]}"
            if hasattr(upload, "temporary_file_path"):
                file_move_safe(upload.temporary_file_path(), str(target), allow_overwrite=True)
            else:
                with target.open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
            entries.append({"name": upload.name, "path": str(target), "size": upload.size})
        job.files = entries
        job.progress = {"files_total": len(entries)}
        job.save(update_fields=["files", "progress"])
    return job


def cancel(job: ImportJob) -> ImportJob:
    """Cancel ``job``: at once if it is still queued, else ask its runner to stop after the record under way."""
    now = timezone.now()
    if ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.CANCELLED, finished_at=now, cancel_requested=True
    ):
        shutil.rmtree(job_folder(job), ignore_errors=True)
    else:
        ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.RUNNING).update(cancel_requested=True)
    job.refresh_from_db()
    return job


def requeue_abandoned(now=None) -> list[int]:
    """Queue again the running jobs whose runner is gone; return their ids.

    Gone: a process of this machine that no longer exists, or no heartbeat for
    :data:`STALE_AFTER`.
    """
    now = now or timezone.now()
    host = socket.gethostname()
    abandoned = []
    for job in ImportJob.objects.filter(state=ImportJob.State.RUNNING).only("pk", "runner", "heartbeat_at"):
        runner_host, _, pid = job.runner.rpartition(":")
        dead_here = runner_host == host and pid.isdigit() and not _alive(int(pid))
        silent = job.heartbeat_at is None or now - job.heartbeat_at > STALE_AFTER
        if (dead_here or silent) and ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.RUNNING).update(
            state=ImportJob.State.QUEUED, runner=""
        ):
            log.warning("import job %s lost its runner (%s); queued again", job.pk, job.runner or "unknown")
            abandoned.append(job.pk)
    return abandoned


def claim_next() -> ImportJob | None:
    """Mark the oldest queued job as running under this process and return it, or ``None``."""
    for pk in (
        ImportJob.objects.filter(state=ImportJob.State.QUEUED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:5]
    ):
        now = timezone.now()
        claimed = ImportJob.objects.filter(pk=pk, state=ImportJob.State.QUEUED).update(
            state=ImportJob.State.RUNNING,
            runner=runner_name(),
            started_at=now,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
        )
        if claimed:  # else another runner was quicker
            return ImportJob.objects.get(pk=pk)
    return None


def run_job(job: ImportJob, stopping: Callable[[], bool] = lambda: False) -> ImportJob:
    """Import the files of a claimed ``job``; return it finished (done, failed or cancelled).

    ``stopping()`` true (the runner is shutting down) stops the run after the record
    under way and queues the job again, to be finished by the next runner.
    """
    options = ImportOptions(publish=job.publish, dry_run=job.dry_run, source=job.source, format=job.format or None)
    beat = {"at": 0.0, "cancelled": False}

    def watch(importer: Importer) -> bool:
        if stopping():
            return True
        if time.monotonic() - beat["at"] >= HEARTBEAT_SECONDS:
            beat["at"] = time.monotonic()
            ImportJob.objects.filter(pk=job.pk).update(progress=_progress(job, importer), heartbeat_at=timezone.now())
            beat["cancelled"] = ImportJob.objects.filter(pk=job.pk, cancel_requested=True).exists()
        return beat["cancelled"]

    importer = Importer(options, watch=watch, job_id=job.pk)
    try:
        importer.import_files(_input_files(job))
    except Exception:
        log.exception("import job %s failed", job.pk)
        return _finish(job, importer, ImportJob.State.FAILED, error=traceback.format_exc(limit=5))
    if importer.report.stopped and not beat["cancelled"]:
        # Shutting down, not cancelled: the next runner finishes the job (duplicates skipped).
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.QUEUED, runner="", progress=_progress(job, importer)
        )
        job.refresh_from_db()
        return job
    state = ImportJob.State.CANCELLED if importer.report.stopped else ImportJob.State.DONE
    return _finish(job, importer, state)


def run_queued(stopping: Callable[[], bool] = lambda: False) -> int:
    """Run queued jobs (and abandoned ones) until none is left or ``stopping()``; return how many ran."""
    ran = 0
    requeue_abandoned()
    while not stopping():
        job = claim_next()
        if job is None:
            return ran
        run_job(job, stopping)
        ran += 1
    return ran


def _input_files(job: ImportJob) -> list[InputFile]:
    files = []
    for entry in job.files:
        path = Path(entry["path"])

        def opener(path=path):
            return path.open("rb")

        # The size sent, not the size stored: a file over the limit was stored only up to it.
        files.append(InputFile(entry["name"], entry["size"], opener))
    return files


def _progress(job: ImportJob, importer: Importer) -> dict:
    return {"files_total": len(job.files), **importer.progress(), "attempt": job.attempts}


def _finish(job: ImportJob, importer: Importer, state: str, error: str = "") -> ImportJob:
    report = importer.report
    job.state = state
    job.error = error
    job.progress = _progress(job, importer)
    job.report = report.as_json()
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "progress", "report", "finished_at"])
    if state != ImportJob.State.FAILED:
        shutil.rmtree(job_folder(job), ignore_errors=True)  # a failed job keeps its files, to be looked at
    return job


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

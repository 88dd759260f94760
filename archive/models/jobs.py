"""Imports started from the admin, run in the background by ``manage.py run_import_jobs``."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from archive.models.core import Source


class ImportJob(models.Model):
    """One upload of files to import: its options, where it stands, and its report.

    The admin creates it (state *queued*) with the uploaded files on disk; a runner
    claims it (*running*), records progress as it goes and ends it *done*, *failed*
    or *cancelled*, with the report of what was saved. A runner that dies leaves it
    *running* with a stale heartbeat: the next runner takes it up again, and the
    import skips what the first run saved (same text, same URL).
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    FINISHED = (State.DONE, State.FAILED, State.CANCELLED)

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="Last sign of life of the runner.")
    runner = models.CharField(max_length=100, blank=True, help_text="host:pid of the runner that has it.")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Runs started (more than one after a restart).")
    publish = models.BooleanField(default=False)
    dry_run = models.BooleanField("dry run", default=False)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    format = models.CharField(max_length=10, blank=True)
    files = models.JSONField(default=list, help_text="[{name, path, size}] of the uploaded files, in order.")
    progress = models.JSONField(default=dict, help_text="Counts so far: files, records, created, updated...")
    report = models.JSONField(null=True, blank=True, help_text="The import report (archive/ingest/report.py).")
    error = models.TextField(blank=True)
    cancel_requested = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "done", "failed", "cancelled"]),
                name="import_job_state_valid",
            ),
        ]

    def __str__(self):
        return f"Import {self.pk} ({self.get_state_display().lower()})"

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def file_names(self) -> list[str]:
        return [entry["name"] for entry in self.files]

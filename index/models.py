"""The index queue: durable notes that a record (an article, a meeting) must be reindexed.

A web request never writes to the search index. It writes one
:class:`IndexChange` row per affected record in its own database transaction (a
rollback drops the row with the change), and the index worker
(``manage.py index_worker``) applies the rows in batches, then deletes them.
"""

import datetime

from django.db import models
from django.utils import timezone


class IndexChangeQuerySet(models.QuerySet):
    def pending(self):
        """Changes the worker has not applied yet, oldest first."""
        return self.filter(applied=False).order_by("pk")

    def due(self, now=None):
        """Pending changes the worker may apply now: never failed, or past their retry time."""
        now = now or timezone.now()
        return self.pending().filter(models.Q(retry_at__isnull=True) | models.Q(retry_at__lte=now))

    def applied(self):
        """Changes applied to the index but kept for a rebuild to replay."""
        return self.filter(applied=True)


class IndexChange(models.Model):
    """Record ``object_id`` of ``kind`` changed (or was deleted) and must be reindexed.

    ``object_id`` is a plain number, not a foreign key: the row must outlive a
    deleted record so that the worker removes it from the index. The primary key
    orders the queue; a rebuild remembers it as its start position.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", "article"
        MEETING = "meeting", "meeting"
        AGREEMENT = "agreement", "agreement"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    object_id = models.BigIntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied = models.BooleanField(
        default=False, help_text="Applied while a rebuild ran: kept until the rebuild replays it on the new index."
    )

    # A database default: the queue is written with plain SQL inserts (index/queue.py).
    attempts = models.PositiveIntegerField(
        db_default=0, help_text="How many times the index refused this record; the next retry waits longer."
    )
    retry_at = models.DateTimeField(
        null=True, blank=True, help_text="After a refusal: the worker leaves the change alone until then."
    )

    objects = IndexChangeQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["applied", "id"], name="index_change_pending")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({'applied' if self.applied else 'pending'})"


class IndexBuildQuerySet(models.QuerySet):
    def running(self):
        """Builds that started recently enough to still be running (a killed build ages out)."""
        return self.filter(started_at__gte=timezone.now() - IndexBuild.STALE_AFTER)


class IndexBuild(models.Model):
    """A full rebuild in progress: changes queued after ``position`` are replayed after its swap."""

    STALE_AFTER = datetime.timedelta(hours=6)

    position = models.BigIntegerField(help_text="The last queue position the new index is sure to contain.")
    started_at = models.DateTimeField(auto_now_add=True)

    objects = IndexBuildQuerySet.as_manager()

    def __str__(self):
        return f"rebuild from queue position {self.position}, started {self.started_at:%Y-%m-%d %H:%M}"

"""New versions of curated articles that an import found, kept until a curator decides."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from archive.models.core import Article, Source
from archive.text import content_fingerprint


class ArticleRevision(models.Model):
    """The text an import brought for an article that is already published (or withdrawn).

    The article stays as it is: the revision waits until a curator accepts it (its
    headline, text, date, outlet and byline replace the article's) or rejects it.
    The same text for the same article is kept once, whatever its fate, so that
    importing a file again asks nothing new.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, related_name="revisions", on_delete=models.CASCADE)
    title = models.CharField("headline", max_length=300)
    title_is_derived = models.BooleanField("derived headline", default=False)
    body = models.TextField()
    published_on = models.DateField("publication date")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    byline = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=12, default="en")
    url = models.URLField("URL", max_length=500, blank=True, help_text="The URL as the imported record gave it.")
    raw_text = models.TextField("raw text", blank=True)
    origin = models.CharField(max_length=500, blank=True, help_text="The file and record it was imported from.")
    import_job = models.ForeignKey(
        "archive.ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    fingerprint = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="unique_revision_text_per_article"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "rejected"]), name="revision_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        self.fingerprint = content_fingerprint(self.body)
        super().save(*args, **kwargs)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

"""Saved searches, their email digests and the delivery log that sends each item once.

A :class:`SavedSearch` is the query string of ``/search/`` or ``/meetings/`` as the
analyst saved it, read strictly (query/params.py) whenever it runs. The
:class:`Delivery` log holds one row per (saved search, item, change, version): its
unique constraint is what makes two runs at once, or a run after a crash, send
an item once (alerts/delivery.py says how). A :class:`Digest` is one email.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


def new_feed_token() -> str:
    """Return an unguessable token for a private feed URL (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As soon as there is something new"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"
    NEVER = "never", "No email (feed only)"


class SearchKind(models.TextChoices):
    ARTICLES = "articles", "Articles"
    MEETINGS = "meetings", "Meetings"


class SavedSearchQuerySet(models.QuerySet):
    def emailed(self):
        """Searches that send email: not paused, an email frequency, an active owner with an address."""
        return (
            self.filter(paused=False, owner__is_active=True).exclude(frequency=Frequency.NEVER).exclude(owner__email="")
        )


class SavedSearch(models.Model):
    """A search an analyst follows: its parameters, how often it is emailed, its private feed."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=SearchKind.choices, default=SearchKind.ARTICLES)
    query = models.TextField(blank=True, help_text="The search's parameters, as in its URL (validated when saved).")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    paused = models.BooleanField(default=False, help_text="A paused search sends no email.")
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Changes to the archive up to this moment have been considered for the digest.
    checked_until = models.DateTimeField(default=timezone.now)
    # The analyst last opened the search's results at this moment ("new since last seen").
    seen_at = models.DateTimeField(default=timezone.now)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # Why the last run could not search (e.g. the keywords no longer fit a search's budget), or "".
    problem = models.CharField(max_length=500, blank=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[k.value for k in SearchKind]), name="saved_search_kind"),
            models.CheckConstraint(
                condition=Q(frequency__in=[f.value for f in Frequency]), name="saved_search_frequency"
            ),
        ]
        indexes = [models.Index(fields=["paused", "frequency"], name="saved_search_due")]

    def __str__(self):
        return self.name

    @property
    def search_url(self) -> str:
        """Return the search page of this saved search."""
        page = "search:meetings" if self.kind == SearchKind.MEETINGS else "search:search"
        return reverse(page) + (f"?{self.query}" if self.query else "")

    @property
    def feed_path(self) -> str:
        return reverse("alerts:feed", args=[self.feed_token])

    def rotate_feed_token(self) -> None:
        """Give the feed a new URL; the old one answers 404 from now on."""
        self.feed_token = new_feed_token()
        self.save(update_fields=["feed_token"])


class Digest(models.Model):
    """One email of a saved search: claimed (its items recorded), then sent.

    A digest still ``claimed`` after its run ended was interrupted between the
    claim and the mail server's answer: it may or may not have been delivered, and
    it is never sent again (see alerts/delivery.py); it is shown as unconfirmed.
    """

    class State(models.TextChoices):
        CLAIMED = "claimed", "Claimed, being sent"
        SENT = "sent", "Sent"
        UNCONFIRMED = "unconfirmed", "Interrupted: delivery unconfirmed"

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="digests")
    state = models.CharField(max_length=12, choices=State.choices, default=State.CLAIMED)
    recipient = models.EmailField()
    items = models.PositiveIntegerField(default=0)
    message_id = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["claimed", "sent", "unconfirmed"]), name="digest_state")
        ]

    def __str__(self):
        return f"{self.saved_search} → {self.recipient} ({self.get_state_display().lower()})"


class Delivery(models.Model):
    """One item told to one saved search: new to it, or updated since it was told.

    ``version`` is "" for ``new`` and a digest of what the item said for ``updated``,
    so each change of an item already sent is sent once, and nothing else twice.
    """

    class Change(models.TextChoices):
        NEW = "new", "New"
        UPDATED = "updated", "Updated since the last digest"

    class ItemKind(models.TextChoices):
        ARTICLE = "article", "article"
        MEETING = "meeting", "meeting"

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    digest = models.ForeignKey(Digest, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries")
    item_kind = models.CharField(max_length=10, choices=ItemKind.choices)
    item_id = models.BigIntegerField()
    change = models.CharField(max_length=10, choices=Change.choices)
    version = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "item_kind", "item_id", "change", "version"], name="delivery_once"
            ),
            models.CheckConstraint(condition=Q(change__in=["new", "updated"]), name="delivery_change"),
        ]

    def __str__(self):
        return f"{self.item_kind} {self.item_id} ({self.change}) → {self.saved_search_id}"


class Invitation(models.Model):
    """An analyst invited by a curator: an account in the Analysts group and an email to set a password."""

    email = models.EmailField(unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

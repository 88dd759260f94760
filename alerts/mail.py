"""A digest as an email: plain-text and HTML parts, one-click unsubscribe (RFC 8058), a stable Message-ID."""

from dataclasses import dataclass
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from alerts.links import absolute, manage_url, unsubscribe_url
from alerts.models import Digest, SavedSearch
from alerts.why import Reason

SUBJECT_NAME_CHARS = 80


@dataclass
class Entry:
    """One item of a digest and why it is there."""

    item: object  # an Article or a Meeting, loaded for display
    reason: Reason

    @property
    def title(self) -> str:
        if hasattr(self.item, "title"):
            return self.item.title
        names = ", ".join(p.display_name for p in self.item.participants.all()) or "Meeting"
        return f"{self.item.start:%Y-%m-%d}: {names}"

    @property
    def url(self) -> str:
        return absolute(self.item.get_absolute_url())

    @property
    def when(self) -> str:
        day = getattr(self.item, "published_on", None) or self.item.start
        return f"{day:%d %B %Y}"

    @property
    def source(self) -> str:
        source = getattr(self.item, "source", None)
        if source is not None:
            return source.name
        return (
            ""
            if hasattr(self.item, "title")
            else ("reviewed" if self.item.is_reviewed else "proposed, not yet reviewed")
        )


def subject(saved: SavedSearch, counts) -> str:
    """Return the subject line: how many items (``counts``: by change), and the search's name on one line."""
    name = " ".join(saved.name.split())[:SUBJECT_NAME_CHARS]
    new, updated = counts.get("new", 0), counts.get("updated", 0)
    counts = ", ".join(part for part in (f"{new} new" if new else "", f"{updated} updated" if updated else "") if part)
    return f"Parley: {counts} for “{name}”"


def digest_message(
    saved: SavedSearch, digest: Digest, entries: list[Entry], conditions: list[str], counts
) -> EmailMultiAlternatives:
    """Return the email of ``digest``: text and HTML parts, ``List-Unsubscribe`` with one-click POST."""
    unsubscribe = unsubscribe_url(saved)
    context = {
        "saved": saved,
        "entries": entries,
        "more": sum(counts.values()) - len(entries),
        "conditions": conditions,
        "search_url": absolute(saved.search_url),
        "feed_url": absolute(saved.feed_path),
        "manage_url": manage_url(),
        "unsubscribe_url": unsubscribe,
    }
    domain = settings.PARLEY_SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0] or "localhost"
    message = EmailMultiAlternatives(
        subject=subject(saved, counts),
        body=render_to_string("alerts/email/digest.txt", context),
        to=[digest.recipient],
        headers={
            "Message-ID": digest.message_id or make_msgid(f"digest-{digest.pk}", domain=domain),
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Parley saved search {saved.pk} <search-{saved.pk}.alerts.{domain}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("alerts/email/digest.html", context), "text/html")
    return message

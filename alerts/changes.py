"""What changed in the archive between two moments, as far as the search index already shows it.

An alert runs a saved search over the items changed since it last looked. The
index lags behind the database by the index queue (index/queue.py): a change
still queued is not searchable yet, so the moment up to which a run may look
(its *horizon*) stops short of the oldest change still waiting. What lies past
the horizon is looked at again by the next run; the delivery log sends nothing twice.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Min, Q
from django.utils import timezone

from alerts.models import Delivery, SearchKind
from archive.models import Article
from index.models import IndexChange
from meetings.models import Meeting

# The index worker commits, then deletes its queue rows; a search opened meanwhile may
# not show that commit yet: the horizon keeps this much distance from "now" as well.
INDEX_SETTLE = datetime.timedelta(seconds=2)


@dataclass(frozen=True)
class Window:
    """Changes after ``since`` up to and including ``until``."""

    since: datetime.datetime
    until: datetime.datetime


def horizon(now: datetime.datetime | None = None, settle: datetime.timedelta = INDEX_SETTLE) -> datetime.datetime:
    """Return the latest moment whose changes are all in the search index (``settle`` short of it)."""
    now = now or timezone.now()
    oldest_waiting = IndexChange.objects.pending().aggregate(oldest=Min("created_at"))["oldest"]
    latest = now - settle
    if oldest_waiting is not None:
        latest = min(latest, oldest_waiting - settle)
    return latest


def item_kind(kind: str) -> str:
    """Return the delivery log's item kind of a saved search's kind."""
    return Delivery.ItemKind.MEETING if kind == SearchKind.MEETINGS else Delivery.ItemKind.ARTICLE


def changed_items(kind: str, window: Window) -> dict[int, datetime.datetime]:
    """Return ``{id: when it last changed}`` for the public items of ``kind`` changed within ``window``.

    Articles: created or edited (a curator's change, an accepted revision). Meetings: edited,
    or reported by an article created or edited in the window (the later of the two).
    """
    if window.until <= window.since:
        return {}
    if kind == SearchKind.MEETINGS:
        inside = Q(updated_at__gt=window.since, updated_at__lte=window.until) | Q(
            reports__article__updated_at__gt=window.since, reports__article__updated_at__lte=window.until
        )
        changed: dict[int, datetime.datetime] = {}
        rows = Meeting.objects.public().filter(inside).values_list("pk", "updated_at", "reports__article__updated_at")
        for pk, updated, reported in rows.iterator(chunk_size=2000):
            moments = [t for t in (updated, reported) if t is not None and window.since < t <= window.until]
            changed[pk] = max([changed.get(pk, window.since), *moments])
        return changed
    rows = (
        Article.objects.published()
        .filter(updated_at__gt=window.since, updated_at__lte=window.until)
        .order_by()
        .values_list("pk", "updated_at")
    )
    return dict(rows.iterator(chunk_size=2000))

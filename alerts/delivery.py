"""One run of the alerts: every due saved search, its new and updated matches, one email each, once.

How an item is sent once (per saved search and version of the item):

1. *Search* (no transaction): the items changed since the search last looked (alerts/changes.py)
   that it matches (alerts/matching.py).
2. *Claim* (one short transaction): lock the saved search (``SELECT ... FOR UPDATE SKIP LOCKED``
   on PostgreSQL: a second run at the same moment skips it; SQLite's transactions take the
   write lock at their start, so there the second run waits and then sees the first one's
   rows), leave out what the delivery log already holds, write a :class:`Digest` and one
   :class:`Delivery` row per item. The log's unique key (saved search, item, version) is the
   last guard: a run that loses a race gets an ``IntegrityError`` and sends nothing.
3. *Send*; then mark the digest sent. A send that fails with an error releases the claim
   (the rows are deleted), and the next run tries again.

Trade-off: a process killed between the mail server's acceptance and step 3 leaves a
digest *claimed*. Nobody can tell whether the mail went out, and Parley chooses never to
send it again (at most once): a later run marks it *unconfirmed* (shown in the admin), and its
items stay in the saved search's feed, which does not depend on email. Sending it again
instead could only ever duplicate a mail that, in the common case, was delivered.
"""

import datetime
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts import changes
from alerts.mail import Entry, digest_message
from alerts.matching import Match, Matcher
from alerts.models import Delivery, Digest, Frequency, SavedSearch, SearchKind
from alerts.saved import conditions, search_of
from alerts.why import explain
from archive.models import Article
from index.budget import SearchTooCostly
from meetings.models import Meeting
from query.params import ParameterError

log = logging.getLogger(__name__)

PERIODS = {
    Frequency.IMMEDIATE: datetime.timedelta(0),
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(days=7),
}
# A daily run started by a timer at the same hour each day finds its searches due even if
# yesterday's run reached them a few minutes later.
DUE_SLACK = datetime.timedelta(minutes=30)
# A digest still claimed this long after its claim was interrupted (its run is gone).
CLAIM_LEASE = datetime.timedelta(minutes=15)
MAX_ITEMS = 1000  # recorded per email; the rest goes in the next run's digest
MAX_SHOWN = 50  # of them told in full; the email counts the others and links to the search
# How far back a run looks at most: a search that has not looked for longer (the command did not run
# for weeks) starts from here rather than reading every change since.
MAX_LOOKBACK = datetime.timedelta(days=15)


@dataclass
class RunReport:
    """What one run did."""

    searches: int = 0
    digests: int = 0
    items: int = 0
    skipped: int = 0  # taken by another run at the same moment
    problems: list[str] = field(default_factory=list)
    failed: int = 0
    interrupted: int = 0  # digests of earlier runs marked unconfirmed


def is_due(saved: SavedSearch, now: datetime.datetime) -> bool:
    """Whether ``saved`` should be looked at now: its period has passed since it last looked."""
    period = PERIODS.get(Frequency(saved.frequency))
    if period is None:
        return False
    return not period or now - saved.checked_until >= period - DUE_SLACK


def mark_interrupted(now: datetime.datetime) -> int:
    """Mark digests claimed by a run that is gone as unconfirmed; return how many."""
    stale = Digest.objects.filter(state=Digest.State.CLAIMED, claimed_at__lt=now - CLAIM_LEASE)
    return stale.update(state=Digest.State.UNCONFIRMED)


# Items loaded once per run and shared by every search that matches them, up to this many.
ITEM_CACHE = 5000


def _load(kind: str, ids: list[int]) -> dict[int, object]:
    """Return the items of ``kind`` with these ids that the public may still see, ready to display."""
    if kind == SearchKind.MEETINGS:
        return Meeting.objects.public().for_display().in_bulk(ids)
    return Article.objects.published().for_display().by_pk(ids)


class LoadedItems:
    """The changed items of one kind, loaded for display when a search first matches them (bounded)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.items: dict[int, object] = {}
        self.missing: set[int] = set()  # no longer public

    def get(self, ids: list[int]) -> dict[int, object]:
        wanted = [pk for pk in ids if pk not in self.items and pk not in self.missing]
        if len(self.items) + len(wanted) > ITEM_CACHE:
            self.items.clear()
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            found = _load(self.kind, part)
            self.items.update(found)
            self.missing.update(pk for pk in part if pk not in found)
        return {pk: self.items[pk] for pk in ids if pk in self.items}


class AlertRun:
    """One pass over the due saved searches (``send_alerts``)."""

    def __init__(self, now: datetime.datetime | None = None, connection=None, settle=changes.INDEX_SETTLE):
        self.now = now or timezone.now()
        self.until = changes.horizon(self.now, settle)
        self.connection = connection
        self.report = RunReport()

    def run(self, searches=None) -> RunReport:
        """Deliver every due search of ``searches`` (default: every emailed one); return the report."""
        self.report.interrupted = mark_interrupted(self.now)
        candidates = SavedSearch.objects.emailed() if searches is None else searches
        due = [s for s in candidates.select_related("owner").order_by("pk") if is_due(s, self.now)]
        for kind in SearchKind:
            of_kind = [s for s in due if s.kind == kind]
            if not of_kind:
                continue
            since = max(min(s.checked_until for s in of_kind), self.now - MAX_LOOKBACK)
            changed = changes.changed_items(kind, changes.Window(since, self.until))
            matcher = Matcher(Meeting if kind == SearchKind.MEETINGS else Article, list(changed))
            loaded = LoadedItems(kind)
            for saved in of_kind:
                try:
                    self.deliver(saved, matcher, changed, loaded)
                except Exception:  # one search's fault must not stop everyone else's digest
                    log.exception("Saved search %s failed; its changes are looked at again next run", saved.pk)
                    self.report.failed += 1
        if self.connection is not None:
            self.connection.close()
        return self.report

    def deliver(self, saved: SavedSearch, matcher: Matcher, changed: dict, loaded: LoadedItems) -> None:
        self.report.searches += 1
        try:
            search = search_of(saved)
            ids = [pk for pk, at in changed.items() if at > saved.checked_until]
            matches = matcher.matches(search, ids) if ids else []
        except (ParameterError, SearchTooCostly) as problem:
            message = getattr(problem, "message", str(problem))[:500]
            self.report.problems.append(f"{saved.pk}: {message}")
            SavedSearch.objects.filter(pk=saved.pk).update(problem=message, checked_until=self.until)
            return
        items = loaded.get([m.item_id for m in matches])
        matches = [m for m in matches if m.item_id in items]
        claimed = self.claim(saved, matches) if matches else self._advance(saved)
        if not claimed:
            return
        digest, changes_of = claimed
        try:
            terms, asked = search.form.parsed_query.terms, conditions(search)
            shown = changes_of[:MAX_SHOWN]
            entries = [Entry(items[pk], explain(items[pk], terms, asked, change)) for pk, change in shown]
            counts = Counter(change for _, change in changes_of)
            message = digest_message(saved, digest, entries, [c.text for c in asked], counts)
        except Exception:
            self.release(saved, digest)  # nothing went out: the next run tries again
            raise
        self.send(saved, digest, message, len(changes_of))

    def _advance(self, saved: SavedSearch) -> None:
        SavedSearch.objects.filter(pk=saved.pk, checked_until__lt=self.until).update(
            checked_until=self.until, problem=""
        )

    def claim(self, saved: SavedSearch, matches: list[Match]):
        """Record the items of ``saved``'s next digest; return ``(digest, [(id, change), ...])`` or ``None``
        (nothing new to it, or another run has it)."""
        item_kind = changes.item_kind(saved.kind)
        try:
            with transaction.atomic():
                locked = SavedSearch.objects.select_for_update(skip_locked=True).filter(pk=saved.pk, paused=False)
                if not locked.exists():
                    self.report.skipped += 1
                    return None
                sent = defaultdict(set)
                rows = Delivery.objects.filter(
                    saved_search=saved, item_kind=item_kind, item_id__in=[m.item_id for m in matches]
                ).values_list("item_id", "version")
                for item_id, version in rows:
                    sent[item_id].add(version)
                fresh = [
                    (m, Delivery.Change.UPDATED if sent[m.item_id] else Delivery.Change.NEW)
                    for m in matches
                    if m.version not in sent[m.item_id]
                ]
                # Past MAX_ITEMS the cursor stays: the next run finds the rest (the log leaves out what was sent).
                if len(fresh) <= MAX_ITEMS:
                    self._advance(saved)
                fresh = fresh[:MAX_ITEMS]
                if not fresh:
                    return None
                digest = Digest.objects.create(saved_search=saved, recipient=saved.owner.email, items=len(fresh))
                Delivery.objects.bulk_create(
                    Delivery(
                        saved_search=saved,
                        digest=digest,
                        item_kind=item_kind,
                        item_id=m.item_id,
                        change=change,
                        version=m.version,
                    )
                    for m, change in fresh
                )
                SavedSearch.objects.filter(pk=saved.pk).update(last_digest_at=self.now)
        except IntegrityError:
            self.report.skipped += 1  # another run recorded the same items first: it sends them
            return None
        return digest, [(m.item_id, change) for m, change in fresh]

    def _drop_connection(self) -> None:
        try:
            self.connection.close()
        except Exception:  # noqa: S110 - it is being discarded either way
            pass
        self.connection = None

    def release(self, saved: SavedSearch, digest: Digest) -> None:
        """Undo the claim of ``digest`` (it was not sent): its items and changes are looked at again next run."""
        with transaction.atomic():
            Delivery.objects.filter(digest=digest).delete()
            digest.delete()
            # ``saved`` holds where the search stood before this run.
            back = SavedSearch.objects.filter(pk=saved.pk, checked_until__gt=saved.checked_until)
            back.update(checked_until=saved.checked_until)

    def send(self, saved: SavedSearch, digest: Digest, message, items: int) -> None:
        """Send ``message`` (the email of ``digest``), then mark it sent; a send that fails with an error
        releases the claim for the next run."""
        self.connection = self.connection or get_connection()
        message.connection = self.connection
        try:
            message.send()
        except Exception:
            self._drop_connection()  # a broken connection would fail every later send of this run
            log.exception(
                "Digest %s of saved search %s could not be sent; the next run tries again", digest.pk, saved.pk
            )
            self.release(saved, digest)
            self.report.failed += 1
            return
        Digest.objects.filter(pk=digest.pk).update(
            state=Digest.State.SENT, sent_at=timezone.now(), message_id=message.extra_headers["Message-ID"]
        )
        self.report.digests += 1
        self.report.items += items

"""Signals the archive sends for changes that bypass model saves.

``articles_changed`` is sent by curation steps that change many articles at once
(a merge, a bulk action, entity linking) so that listeners such as the search
index queue need not know how the change was made.

``queue_bypassed`` is sent after writes that sent no per-row signal (``bulk_create``,
bulk deletes of the synthetic corpus): whoever derives data from the archive, such
as the search index, must take it as out of date until rebuilt.

``person_merging`` is sent inside a merge, before the merged person is deleted, so
that records of other apps (tenures, meeting participants) move to the person kept
instead of going with the deleted one.
"""

from django.dispatch import Signal

# Sent with ``article_ids``: an iterable of primary keys of articles whose
# searchable content may have changed (or that were deleted).
articles_changed = Signal()

# Sent with ``other`` (about to be deleted) and ``keep`` (the person it is merged into).
person_merging = Signal()

# Sent with ``reason``: a short text saying what was written behind the signals' back.
queue_bypassed = Signal()

"""Signals the archive sends for changes that bypass model saves.

``articles_changed`` is sent by curation steps that change many articles at once
(a merge, a bulk action, entity linking) so that listeners such as the search
index queue need not know how the change was made.
"""

from django.dispatch import Signal

# Sent with ``article_ids``: an iterable of primary keys of articles whose
# searchable content may have changed (or that were deleted).
articles_changed = Signal()

"""How the index worker's commits merge Whoosh segments: small ones in tiers, never the build's.

Whoosh merges segments at every commit by a policy. whoosh-reloaded's default
(``MERGE_SMALL``) sorts the segments by size and merges every one up to the first
"merge point", the first position past the fourth where the running total is below a
Fibonacci number of that position. A build leaves one segment per 12,500 documents
(index/build.py), so at 100,000 articles the index has 14 large segments and no merge
point; each worker commit adds one small segment, and once there are about 22 the
merge point is found and the whole index (160,000 documents) is rewritten inside one
commit: measured at more than 15 minutes on this machine, during which the worker
holds the write lock and no import becomes searchable.

Parley's policy bounds the cost of any commit instead (Lucene's log merge policy with
a ceiling): segments are grouped in tiers by size (powers of ``FACTOR``); when a tier
below the ceiling holds ``FACTOR`` segments, they are merged into one of the next
tier. Segments of ``FROZEN_DOCS`` documents or more, which include every segment of
a build, are never rewritten by a commit: a full ``build_index`` (which swaps in a new
index without downtime) is what compacts them. A segment whose documents are all
deleted is dropped without reading it. The worst merge a commit does is ``FACTOR``
segments below the ceiling, under ``FACTOR * FROZEN_DOCS`` documents.
"""

import math

from whoosh.reading import SegmentReader

FACTOR = 10
FROZEN_DOCS = 1_000


class TieredMerge:
    """A Whoosh merge policy (``writer.commit(mergetype=...)``) with a ceiling on what it rewrites."""

    def __init__(self, factor: int = FACTOR, frozen_docs: int = FROZEN_DOCS):
        if factor < 2 or frozen_docs < 1:
            raise ValueError("a merge factor of at least 2 and a positive ceiling are needed")
        self.factor = factor
        self.frozen_docs = frozen_docs

    def tier(self, segment) -> int:
        return int(math.log(max(segment.doc_count_all(), 1), self.factor))

    def __call__(self, writer, segments):
        """Return the segments this commit keeps as they are; merge the rest into ``writer``'s new segment."""
        live = [segment for segment in segments if segment.doc_count() > 0]
        small = [segment for segment in live if segment.doc_count_all() < self.frozen_docs]
        merged = set()
        tiers: dict[int, list] = {}
        for segment in small:
            tiers.setdefault(self.tier(segment), []).append(segment)
        for members in tiers.values():
            if len(members) >= self.factor:
                for segment in members:
                    reader = SegmentReader(writer.storage, writer.schema, segment)
                    try:
                        writer.add_reader(reader)  # copies the live documents only: deletions are dropped
                    finally:
                        reader.close()
                    merged.add(segment.segment_id())
        return [segment for segment in live if segment.segment_id() not in merged]


worker_merge = TieredMerge()

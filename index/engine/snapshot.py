"""One open generation of the Whoosh index, with what is costly to compute cached on it.

Whoosh's own faceting walks every posting of a facet field on every query and
scores every hit (see ../shared/notes/haystack-whoosh.md). Parley instead keeps,
per index generation, compact numpy arrays:

* for each keyword field (facet keys, year, month...): the (document, value) pairs,
  so a facet count over any set of hits is one ``bincount``;
* for each sortable field (the date): the rank of every document, so "newest
  first" is an ``argpartition`` over the hits, not a sort of stored values;
* the hit sets (boolean masks) of recent text queries and filters, so the extra
  count-only queries of a page (disjunctive facets, past-the-end pages) reuse them.

Segments are immutable in Whoosh, so the per-field arrays are computed per
segment (keyed by segment id) and survive a commit that only adds a segment; a
new generation (a commit, a deletion, a swap of the index folder) gets a new
:class:`Snapshot`, never stale data.
"""

import os
import threading
import time
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC
from whoosh.filedb.filestore import FileStorage

from index.engine.columns import (
    KeywordColumn,
    column_bound,
    column_presence,
    column_values,
    field_lengths,
    keyword_pairs,
    read_postings,
)
from index.engine.files import file_identities, memory_file_identities
from index.engine.phrases import has_pairs, phrase_mask
from index.engine.ranking import bm25_scores
from index.engine.textmask import boolean_mask

HIT_CACHE_SIZE = 48
# Postings of recent terms kept as arrays, up to this many bytes per generation.
POSTINGS_CACHE_BYTES = 32 * 1024 * 1024


class Snapshot:
    """An open searcher over one generation of the index in one folder.

    ``storage`` is given for an index that lives in memory (Haystack's ``STORAGE="ram"``);
    ``folder`` is then only a name for it.
    """

    def __init__(self, folder: str, previous: "Snapshot | None" = None, storage=None):
        self.folder = folder
        self.storage = storage
        # Remember the files opened, so that one changed under the snapshot (a bad copy, a
        # restore) is noticed (is_current) and the index opened again rather than misread.
        self.files = self._file_identities(folder)
        # No mmap: see reading().
        self.index = (storage or FileStorage(folder, supports_mmap=False)).open_index()
        self.searcher = self.index.searcher()
        self.reader = self.searcher.reader()
        self.generation = self.reader.generation()
        self.schema = self.index.schema
        self.size = self.reader.doc_count_all()
        self.leaves = [(leaf, offset) for leaf, offset in self._leaves()]
        self.live = np.ones(self.size, dtype=bool)
        for leaf, offset in self.leaves:
            if leaf.has_deletions():
                deleted = np.fromiter(leaf.segment().deleted_docs(), dtype=np.int64)
                self.live[offset + deleted] = False
        # Per-segment arrays of the previous generation in this folder are still valid.
        inherited = previous.segment_cache if previous is not None and previous.folder == folder else {}
        current = {self._segment_id(leaf) for leaf, _ in self.leaves}
        self.segment_cache = {key: value for key, value in inherited.items() if key[0] in current}
        self._columns: dict[str, KeywordColumn] = {}
        self._ranks: dict[str, np.ndarray] = {}
        self._values: dict[str, np.ndarray] = {}
        self._present: dict[str, np.ndarray] = {}
        self._hits: OrderedDict = OrderedDict()
        self._postings: OrderedDict = OrderedDict()
        self._postings_bytes = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._spelling: OrderedDict = OrderedDict()
        self._has_pairs: dict[str, bool] = {}
        self._lock = threading.RLock()

    def reading(self):
        """Return the lock every read of this generation's files holds.

        The segment files are read through one shared file handle each (seek, then
        read), not memory-mapped: whoosh-reloaded copies a mapped file whole into a
        ``BytesIO``, which cost every web worker twice the index size in memory
        (~240 MB at 20,000 articles instead of ~85 MB). Shared handles are not safe
        for concurrent readers, hence the lock (re-entrant). Under gunicorn's gthread
        workers a worker's threads take turns on it: searches are CPU-bound under the
        GIL anyway, so the lock costs little concurrency (the throughput rows of
        ``make bench`` measure it).
        """
        return self._lock

    def _leaves(self):
        if self.size == 0:
            return []
        if hasattr(self.reader, "leaf_readers"):
            return self.reader.leaf_readers()
        return [(self.reader, 0)]

    @staticmethod
    def _segment_id(leaf) -> str:
        return leaf.segment().segment_id()

    def is_current(self, folder: str) -> bool:
        """Whether this snapshot still shows the newest generation of ``folder``, with
        every file it opened unchanged (same inode, same size)."""
        return (
            folder == self.folder
            and self.index.latest_generation() == self.generation
            and self._file_identities(folder, only=self.files) == self.files
        )

    def _file_identities(self, folder: str, only=None) -> dict[str, tuple[int, int]]:
        if self.storage is not None:
            return memory_file_identities(self.storage, only)
        return file_identities(folder, only)

    def has_pairs(self, fieldname) -> bool:
        """Whether every segment indexes the word pairs of the text field ``fieldname`` (phrases.py)."""
        with self._lock:
            if fieldname not in self._has_pairs:
                self._has_pairs[fieldname] = has_pairs(self, fieldname)
            return self._has_pairs[fieldname]

    # Columns ------------------------------------------------------------------

    def is_keyword(self, fieldname) -> bool:
        return fieldname in self.schema and isinstance(self.schema[fieldname], (KEYWORD, ID))

    def is_sortable(self, fieldname) -> bool:
        field = self.schema[fieldname] if fieldname in self.schema.names() else None
        return isinstance(field, (NUMERIC, DATETIME)) and field.column_type is not None

    def column(self, fieldname) -> KeywordColumn:
        """Return the :class:`KeywordColumn` of a keyword field (computed once per generation)."""
        with self._lock:
            if fieldname not in self._columns:
                self._columns[fieldname] = self._build_column(fieldname)
            return self._columns[fieldname]

    def _segment_pairs(self, leaf, fieldname):
        key = (self._segment_id(leaf), "pairs", fieldname)
        if key not in self.segment_cache:
            self.segment_cache[key] = keyword_pairs(leaf, fieldname, self.schema[fieldname])
        return self.segment_cache[key]

    def _build_column(self, fieldname) -> KeywordColumn:
        parts = [(self._segment_pairs(leaf, fieldname), offset) for leaf, offset in self.leaves]
        return KeywordColumn.merge(parts, self.size)

    def values(self, fieldname) -> np.ndarray:
        """Return the raw column values (uint64, the sortable form) of a sortable field, one per document."""
        with self._lock:
            if fieldname not in self._values:
                self._values[fieldname] = self._per_segment("values", fieldname, column_values, np.uint64)
            return self._values[fieldname]

    def present(self, fieldname) -> np.ndarray:
        """Return which documents have a value in a sortable field (see columns.column_presence)."""
        field = self.schema[fieldname]

        def read(leaf, name):
            key = (self._segment_id(leaf), "values", name)
            if key not in self.segment_cache:
                self.segment_cache[key] = column_values(leaf, name)
            return column_presence(leaf, name, field, self.segment_cache[key])

        with self._lock:
            if fieldname not in self._present:
                self._present[fieldname] = self._per_segment("present", fieldname, read, bool)
            return self._present[fieldname]

    def _per_segment(self, kind, fieldname, read, dtype) -> np.ndarray:
        """Return ``read(leaf, fieldname)`` of every segment end to end, each computed once per segment."""
        parts = []
        for leaf, _ in self.leaves:
            key = (self._segment_id(leaf), kind, fieldname)
            if key not in self.segment_cache:
                self.segment_cache[key] = read(leaf, fieldname)
            parts.append(self.segment_cache[key])
        return np.concatenate(parts) if parts else np.zeros(0, dtype)

    def ranks(self, fieldname) -> np.ndarray:
        """Return each document's rank by ``(value, document number)``, ascending."""
        with self._lock:
            if fieldname not in self._ranks:
                values = self.values(fieldname)
                order = np.lexsort((np.arange(self.size), values))
                ranks = np.empty(self.size, dtype=np.int64)
                ranks[order] = np.arange(self.size)
                self._ranks[fieldname] = ranks
            return self._ranks[fieldname]

    def sorted_window(self, mask, fieldname, reverse, start, end) -> np.ndarray:
        """Return the document numbers ``start:end`` of ``mask`` ordered by ``fieldname``."""
        docs = np.flatnonzero(mask)
        keys = self.ranks(fieldname)[docs]
        if reverse:
            keys = -keys
        if end is not None and end < len(docs):
            top = np.argpartition(keys, end - 1)[:end]
            docs, keys = docs[top], keys[top]
        return docs[np.argsort(keys, kind="stable")][start:end]

    # Hit sets -----------------------------------------------------------------

    def mask(self, q) -> np.ndarray:
        """Return the boolean mask of live documents matching the Whoosh query ``q`` (read-only)."""
        key = repr(q)
        with self._lock:
            cached = self._hits.get(key)
            if cached is not None:
                self._hits.move_to_end(key)
                return cached
        mask = self._evaluate(q) & self.live
        mask.setflags(write=False)
        with self._lock:
            self._hits[key] = mask
            while len(self._hits) > HIT_CACHE_SIZE:
                self._hits.popitem(last=False)
        return mask

    def _column_only(self, q) -> bool:
        """Whether every leaf of ``q`` can be answered from the cached columns."""
        if isinstance(q, wq.Every) or q is wq.NullQuery:
            return True
        if isinstance(q, wq.Term):
            return self.is_keyword(q.fieldname)
        if isinstance(q, wq.NumericRange):
            return self.is_sortable(q.fieldname)
        if isinstance(q, (wq.And, wq.Or)) and not getattr(q, "minmatch", 0):
            return all(self._column_only(sub) for sub in q.subqueries)
        if isinstance(q, wq.Not):
            return self._column_only(q.query)
        if isinstance(q, wq.AndNot):
            return self._column_only(q.a) and self._column_only(q.b)
        return False

    def _evaluate(self, q) -> np.ndarray:
        if isinstance(q, wq.Every):
            return self.live.copy()
        if q is wq.NullQuery:
            return np.zeros(self.size, dtype=bool)
        if isinstance(q, wq.Term) and self.is_keyword(q.fieldname):
            return self.column(q.fieldname).mask_for([q.text])
        if type(q) is wq.Term and q.fieldname in self.schema.names():
            mask = np.zeros(self.size, dtype=bool)
            mask[self.postings(q.fieldname, self.schema[q.fieldname].to_bytes(q.text))[0]] = True
            return mask
        if isinstance(q, wq.NumericRange) and self.is_sortable(q.fieldname):
            return self._range_mask(q)
        mixed = isinstance(q, (wq.And, wq.Or, wq.Not, wq.AndNot)) and not getattr(q, "minmatch", 0)
        if mixed and any(self._column_only(sub) for sub in q.children()):
            if isinstance(q, wq.And):
                return np.logical_and.reduce([self.mask(sub) for sub in q.subqueries])
            if isinstance(q, wq.Or):
                return np.logical_or.reduce([self.mask(sub) for sub in q.subqueries])
            if isinstance(q, wq.Not):
                return ~self.mask(q.query)
            return self.mask(q.a) & ~self.mask(q.b)
        # Terms and boolean operators over text: numpy over postings (index/engine/textmask.py).
        combined = boolean_mask(self, q)
        if combined is not None:
            return combined
        # Phrases: from the word pairs where the index has them (index/engine/phrases.py).
        pairs = phrase_mask(self, q)
        if pairs is not None:
            return pairs
        # Other text queries: Whoosh's matchers, collecting document numbers without scoring.
        mask = np.zeros(self.size, dtype=bool)
        docnums = np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64)
        mask[docnums] = True
        return mask

    def _range_mask(self, q: wq.NumericRange) -> np.ndarray:
        """Return the documents whose value of a sortable field is within ``q``'s bounds."""
        field = self.schema[q.fieldname]
        values = self.values(q.fieldname)
        mask = self.present(q.fieldname).copy()
        if q.start is not None:
            start = column_bound(field, q.start)
            mask &= values > start if q.startexcl else values >= start
        if q.end is not None:
            end = column_bound(field, q.end)
            mask &= values < end if q.endexcl else values <= end
        return mask

    # Relevance ----------------------------------------------------------------

    def postings(self, fieldname, btext) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(document numbers, weights)`` of a term, sorted by document number."""
        key = (fieldname, btext)
        with self._lock:
            cached = self._postings.get(key)
            if cached is not None:
                self._postings.move_to_end(key)
                return cached
        docs, weights = [], []
        for leaf, offset in self.leaves:
            if (fieldname, btext) not in leaf:
                continue
            ids, ws = read_postings(leaf.postings(fieldname, btext))
            docs.append(ids + offset)
            weights.append(ws)
        found = (
            np.concatenate(docs) if docs else np.zeros(0, np.int32),
            np.concatenate(weights) if weights else np.zeros(0, np.float32),
        )
        with self._lock:
            self._postings[key] = found
            self._postings_bytes += found[0].nbytes + found[1].nbytes
            while self._postings_bytes > POSTINGS_CACHE_BYTES and len(self._postings) > 1:
                _, (d, w) = self._postings.popitem(last=False)
                self._postings_bytes -= d.nbytes + w.nbytes
        return found

    def lengths(self, fieldname) -> np.ndarray:
        """Return every document's length in ``fieldname`` (as Whoosh stores it: one byte, lossy)."""
        with self._lock:
            if fieldname not in self._lengths:
                self._lengths[fieldname] = self._per_segment("lengths", fieldname, field_lengths, np.float32)
            return self._lengths[fieldname]

    def ranked_window(self, q, mask, start, end) -> list[tuple[int, float]]:
        """Return ``[(docnum, score)]`` for hits ``start:end`` of ``mask`` by BM25F score.

        Scores every hit at once with numpy from the postings of the query's positive
        terms (prefixes and fuzzy terms expanded); ties go to the lower document number.
        """
        docs = np.flatnonzero(mask)
        scores = bm25_scores(self, q, docs)
        order = np.lexsort((docs, -scores))[start:end]
        return [(int(docs[i]), float(scores[i])) for i in order]

    # Spelling -----------------------------------------------------------------

    def cached_spelling(self, key, compute):
        with self._lock:
            if key in self._spelling:
                return self._spelling[key]
        value = compute()
        with self._lock:
            self._spelling[key] = value
            while len(self._spelling) > HIT_CACHE_SIZE:
                self._spelling.popitem(last=False)
        return value


# Seconds a search keeps trying to open the newest generation while commits replace it (_open_snapshot).
OPEN_PATIENCE = 2.0

_snapshots: dict[str, Snapshot] = {}
_snapshots_lock = threading.Lock()


def snapshot_for(path: str | None, storage=None) -> Snapshot:
    """Return the :class:`Snapshot` of the newest generation of the index at ``path``
    (or, for an index in memory, in ``storage``).

    ``path`` may be a symbolic link that a rebuild swaps to a new folder: the link
    is resolved on every call, so a swap is seen at the next search.
    """
    key = path if storage is None else f"memory:{id(storage)}"
    folder = os.path.realpath(path) if storage is None else key
    with _snapshots_lock:
        current = _snapshots.get(key)
        if current is not None and current.is_current(folder):
            return current
        fresh = _open_snapshot(folder, current, storage)
        _snapshots[key] = fresh
        return fresh


def _open_snapshot(folder: str, previous: "Snapshot | None", storage=None, patience: float | None = None) -> "Snapshot":
    """Open the newest generation of ``folder``, again if a commit replaced it meanwhile.

    Between reading which table of contents is the newest and opening its segments, the
    index worker's next commit can delete them (FileNotFoundError): the newer one is there.
    Tries go on for ``patience`` seconds (``OPEN_PATIENCE``), not a number of times: on a loaded machine one
    open can take longer than the worker's commits are apart (eight curators at load 8 to
    13: five tries in 0.15 s were not always enough, and the search answered 503).
    """
    deadline = time.monotonic() + (OPEN_PATIENCE if patience is None else patience)
    attempt = 0
    while True:
        try:
            return Snapshot(folder, previous=previous, storage=storage)
        except FileNotFoundError:
            attempt += 1
            if time.monotonic() >= deadline:
                raise
            time.sleep(min(0.01 * attempt, 0.1))

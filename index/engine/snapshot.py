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
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC
from whoosh.filedb.filestore import FileStorage
from whoosh.idsets import DocIdSet
from whoosh.util.numeric import byte_to_length

from index.engine.textmask import boolean_mask

HIT_CACHE_SIZE = 48
# Postings of recent terms kept as arrays, up to this many bytes per generation.
POSTINGS_CACHE_BYTES = 32 * 1024 * 1024
# Whoosh's BM25F defaults, so relevance means what it means in Whoosh.
BM25_B, BM25_K1 = 0.75, 1.2


class MaskSet(DocIdSet):
    """A boolean mask seen by Whoosh's collectors as a set of allowed document numbers."""

    def __init__(self, mask):
        self.mask = mask

    def __contains__(self, docnum):
        return bool(self.mask[docnum])

    def __len__(self):
        return int(np.count_nonzero(self.mask))

    def __bool__(self):
        return True

    def __iter__(self):
        return iter(np.flatnonzero(self.mask).tolist())


class KeywordColumn:
    """The values of one keyword field for every document of a generation."""

    def __init__(self, terms, doc_ids, term_ids, size):
        self.terms = terms  # value of each term id
        self.ids = {term: i for i, term in enumerate(terms)}
        self.doc_ids = doc_ids  # int32 document numbers, one per (document, value) pair
        self.term_ids = term_ids  # int32 term ids, same length
        self.size = size

    def counts(self, mask) -> list[tuple[str, int]]:
        """Return ``(value, count)`` of the documents in ``mask``, by count then value, zeros left out."""
        if not len(self.terms):
            return []
        counts = np.bincount(self.term_ids[mask[self.doc_ids]], minlength=len(self.terms))
        nonzero = np.flatnonzero(counts)
        pairs = [(self.terms[i], int(counts[i])) for i in nonzero]
        pairs.sort(key=lambda item: (-item[1], item[0]))
        return pairs

    def mask_for(self, values) -> np.ndarray:
        """Return the mask of documents having any of ``values``."""
        wanted = [self.ids[v] for v in values if v in self.ids]
        mask = np.zeros(self.size, dtype=bool)
        if wanted:
            selected = np.isin(self.term_ids, np.array(wanted, dtype=np.int32)) if len(wanted) > 1 else None
            if selected is None:
                selected = self.term_ids == wanted[0]
            mask[self.doc_ids[selected]] = True
        return mask


class Snapshot:
    """An open searcher over one generation of the index in one folder."""

    def __init__(self, folder: str, previous: "Snapshot | None" = None):
        self.folder = folder
        # Remember the files opened, so that one changed under the snapshot (a bad copy, a
        # restore) is noticed (is_current) and the index opened again rather than misread.
        self.files = self._file_identities(folder)
        # No mmap: see reading().
        self.index = FileStorage(folder, supports_mmap=False).open_index()
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
        self._hits: OrderedDict = OrderedDict()
        self._postings: OrderedDict = OrderedDict()
        self._postings_bytes = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._spelling: OrderedDict = OrderedDict()
        self._lock = threading.RLock()

    def reading(self):
        """Return the lock every read of this generation's files holds.

        The segment files are read through one shared file handle each (seek, then
        read), not memory-mapped: whoosh-reloaded copies a mapped file whole into a
        ``BytesIO``, which cost every web worker twice the index size in memory
        (~240 MB at 20,000 articles instead of ~85 MB). Shared handles are not safe
        for concurrent readers, hence the lock (re-entrant; uncontended under
        gunicorn's sync workers).
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

    @staticmethod
    def _file_identities(folder: str, only=None) -> dict[str, tuple[int, int]]:
        """Return ``{file name: (inode, size)}`` for the files of ``folder`` (or the names in ``only``)."""
        identities = {}
        names = only if only is not None else [entry.name for entry in os.scandir(folder) if entry.is_file()]
        for name in names:
            try:
                status = os.stat(os.path.join(folder, name))
            except OSError:
                continue  # a vanished file differs from what was recorded
            identities[name] = (status.st_ino, status.st_size)
        return identities

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
            field = self.schema[fieldname]
            terms, docs, tids = [], [], []
            if fieldname in leaf.indexed_field_names():
                for term_id, btext in enumerate(leaf.lexicon(fieldname)):
                    ids = _read_ids(leaf.postings(fieldname, btext))
                    terms.append(field.from_bytes(btext))
                    docs.append(ids)
                    tids.append(np.full(len(ids), term_id, dtype=np.int32))
            self.segment_cache[key] = (
                terms,
                np.concatenate(docs) if docs else np.zeros(0, np.int32),
                np.concatenate(tids) if tids else np.zeros(0, np.int32),
            )
        return self.segment_cache[key]

    def _build_column(self, fieldname) -> KeywordColumn:
        parts = [(self._segment_pairs(leaf, fieldname), offset) for leaf, offset in self.leaves]
        terms = sorted({t for (seg_terms, _, _), _ in parts for t in seg_terms})
        ids = {t: i for i, t in enumerate(terms)}
        doc_ids, term_ids = [], []
        for (seg_terms, seg_docs, seg_tids), offset in parts:
            remap = np.array([ids[t] for t in seg_terms], dtype=np.int32)
            doc_ids.append(seg_docs + np.int32(offset))
            term_ids.append(remap[seg_tids] if len(seg_tids) else seg_tids)
        return KeywordColumn(
            terms,
            np.concatenate(doc_ids) if doc_ids else np.zeros(0, np.int32),
            np.concatenate(term_ids) if term_ids else np.zeros(0, np.int32),
            self.size,
        )

    def values(self, fieldname) -> np.ndarray:
        """Return the raw column values (int64) of a sortable field, one per document."""
        with self._lock:
            if fieldname not in self._values:
                self._values[fieldname] = self._per_segment("values", fieldname, _column_values, np.int64)
            return self._values[fieldname]

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
            values = self.values(q.fieldname)
            mask = np.ones(self.size, dtype=bool)
            if q.start is not None:
                mask &= values > q.start if q.startexcl else values >= q.start
            if q.end is not None:
                mask &= values < q.end if q.endexcl else values <= q.end
            return mask
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
        # Other text queries (phrases): Whoosh's matchers, collecting document numbers without scoring.
        mask = np.zeros(self.size, dtype=bool)
        docnums = np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64)
        mask[docnums] = True
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
            ids, ws = _read_postings(leaf.postings(fieldname, btext))
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
                self._lengths[fieldname] = self._per_segment("lengths", fieldname, _field_lengths, np.float32)
            return self._lengths[fieldname]

    def ranked_window(self, q, mask, start, end) -> list[tuple[int, float]]:
        """Return ``[(docnum, score)]`` for hits ``start:end`` of ``mask`` by BM25F score.

        Scores every hit at once with numpy from the postings of the query's positive
        terms (prefixes and fuzzy terms expanded); ties go to the lower document number.
        """
        docs = np.flatnonzero(mask)
        scores = np.zeros(len(docs), dtype=np.float64)
        terms = positive_terms(q, self.reader)
        by_field = {}
        for fieldname, btext in terms:
            if fieldname not in by_field:
                lengths = self.lengths(fieldname)[docs]
                average = self.reader.field_length(fieldname) / max(self.reader.doc_count(), 1)
                by_field[fieldname] = (1 - BM25_B) + BM25_B * lengths / (average or 1.0)
            norm = by_field[fieldname]
            ids, weights = self.postings(fieldname, btext)
            if not len(ids):
                continue
            where = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
            tf = np.where(ids[where] == docs, weights[where], 0.0)
            idf = self.searcher.idf(fieldname, btext)
            scores += idf * (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm)
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


def positive_terms(q, reader) -> list[tuple[str, bytes]]:
    """Return the index terms that the non-negated parts of ``q`` look for."""
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.AndNot):
        return positive_terms(q.a, reader)
    if q.is_leaf():
        return sorted(q.existing_terms(reader, phrases=True, expand=True))
    found = []
    for sub in q.children():
        found.extend(t for t in positive_terms(sub, reader) if t not in found)
    return found


def _read_postings(matcher, weights=True) -> tuple[np.ndarray, np.ndarray | None]:
    """Return the ids (and weights) of a term's postings as arrays, a block at a time when possible."""
    ids, found_weights = [], []
    blockwise = all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_next_block"))
    while matcher.is_active():
        if blockwise:
            matcher._read_ids()
            ids.extend(matcher._ids)
            if weights:
                matcher._read_weights()
                found_weights.extend(matcher._weights)
            matcher._next_block()
        else:
            ids.append(matcher.id())
            if weights:
                found_weights.append(matcher.weight())
            matcher.next()
    return np.array(ids, dtype=np.int32), np.array(found_weights, dtype=np.float32) if weights else None


def _read_ids(matcher) -> np.ndarray:
    return _read_postings(matcher, weights=False)[0]


def _numeric_column(reader, count: int) -> np.ndarray | None:
    """Return a fixed-width integer column of one segment in one read, or ``None`` when
    ``reader`` is not one (the caller then reads value by value).

    Whoosh reads a column value by value (a seek, a read and an unpack each: a second
    per 100,000 documents at the first search after a restart); the bytes are contiguous.
    """
    if not isinstance(reader, NumericColumn.Reader) or reader._typecode not in "bBhHiIqQ":
        return None
    dtype = np.dtype(">" + reader._typecode)
    if dtype.itemsize != reader._fixedlen:
        return None
    stored = min(reader._count, count)
    data = reader._dbfile.get(reader._basepos, stored * dtype.itemsize) if stored else b""
    values = np.frombuffer(data, dtype=dtype).astype(np.int64)
    if stored < count:  # documents after the last one written take the column's default
        values = np.concatenate([values, np.full(count - stored, reader._default, dtype=np.int64)])
    return values


def _column_values(leaf, fieldname) -> np.ndarray:
    """Return one segment's values (int64) of a sortable field; a missing value is 0."""
    reader = leaf.column_reader(fieldname, translate=False)
    count = leaf.doc_count_all()
    values = _numeric_column(reader, count)
    if values is None:  # not a fixed-width column: value by value
        values = np.fromiter((v if v is not None else 0 for v in reader), dtype=np.int64, count=count)
    return values


# A length as Whoosh stores it: one byte, decoded through this table (a zero byte: no length).
_BYTE_LENGTHS = np.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=np.float32)


def _field_lengths(leaf, fieldname) -> np.ndarray:
    """Return every document's length in ``fieldname`` for one segment (float32)."""
    count = leaf.doc_count_all()
    perdoc = getattr(leaf, "_perdoc", None)
    lenfield = _lenfield(fieldname)
    if perdoc is not None and perdoc.has_column(lenfield):
        raw = _numeric_column(perdoc.column_reader(lenfield, LENGTHS_COLUMN), count)
        if raw is not None:
            return _BYTE_LENGTHS[raw]
    return np.fromiter((leaf.doc_field_length(i, fieldname) or 0 for i in range(count)), np.float32, count)


_snapshots: dict[str, Snapshot] = {}
_snapshots_lock = threading.Lock()


def snapshot_for(path: str) -> Snapshot:
    """Return the :class:`Snapshot` of the newest generation of the index at ``path``.

    ``path`` may be a symbolic link that a rebuild swaps to a new folder: the link
    is resolved on every call, so a swap is seen at the next search.
    """
    folder = os.path.realpath(path)
    with _snapshots_lock:
        current = _snapshots.get(path)
        if current is not None and current.is_current(folder):
            return current
        fresh = _open_snapshot(folder, current)
        _snapshots[path] = fresh
        return fresh


def _open_snapshot(folder: str, previous: "Snapshot | None", attempts: int = 5) -> "Snapshot":
    """Open the newest generation of ``folder``, again if a commit replaced it meanwhile.

    Between reading which table of contents is the newest and opening it, the index
    worker's next commit can delete it (FileNotFoundError): the newer one is there.
    """
    for attempt in range(attempts):
        try:
            return Snapshot(folder, previous=previous)
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def forget(path: str | None = None) -> None:
    """Drop cached snapshots (all, or those of ``path``); the next search reopens the index."""
    with _snapshots_lock:
        if path is None:
            _snapshots.clear()
        else:
            _snapshots.pop(path, None)

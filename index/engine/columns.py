"""Reading a segment's postings and columns as numpy arrays, for the snapshot (snapshot.py).

Whoosh reads postings one at a time and columns value by value (a seek, a read
and an unpack each); the bytes are contiguous, so these helpers read them in
bulk. They also translate between Whoosh's numeric representations: a numeric
column holds each value in its *sortable* form (a signed integer shifted to be
non-negative, a float mapped onto an unsigned integer), while a range query
holds its bounds as plain numbers.
"""

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn
from whoosh.fields import DATETIME, NUMERIC
from whoosh.idsets import DocIdSet
from whoosh.util.numeric import byte_to_length, to_sortable


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

    @classmethod
    def merge(cls, parts, size: int) -> "KeywordColumn":
        """Return the column of a generation from ``[(keyword_pairs of a segment, its offset), ...]``."""
        terms = sorted({t for (seg_terms, _, _), _ in parts for t in seg_terms})
        ids = {t: i for i, t in enumerate(terms)}
        doc_ids, term_ids = [], []
        for (seg_terms, seg_docs, seg_tids), offset in parts:
            remap = np.array([ids[t] for t in seg_terms], dtype=np.int32)
            doc_ids.append(seg_docs + np.int32(offset))
            term_ids.append(remap[seg_tids] if len(seg_tids) else seg_tids)
        return cls(
            terms,
            np.concatenate(doc_ids) if doc_ids else np.zeros(0, np.int32),
            np.concatenate(term_ids) if term_ids else np.zeros(0, np.int32),
            size,
        )

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


def keyword_pairs(leaf, fieldname, field) -> tuple[list, np.ndarray, np.ndarray]:
    """Return ``(values, document numbers, value ids)`` of a keyword field in one segment:
    one (document, value id) pair per value a document has (deleted documents left out).

    The field's terms and their term infos are read in one pass over the term index, and
    each term's postings opened from its term info: ``leaf.postings(field, term)`` looked
    every term up again (a hash probe and an unpickling each), a quarter of the time the
    first search after a restart spends building these columns.
    """
    terms, docs, tids = [], [], []
    if fieldname in leaf.indexed_field_names() and not hasattr(leaf, "_terms"):  # not a segment's reader
        return _keyword_pairs_by_term(leaf, fieldname, field)
    if fieldname in leaf.indexed_field_names():
        reader, format_ = leaf._terms, leaf.schema[fieldname].format
        deleted = np.fromiter(leaf.deleted_docs_set, dtype=np.int32) if leaf.has_deletions() else None
        for term_id, ((name, btext), terminfo) in enumerate(reader.items_from(fieldname, b"")):
            if name != fieldname:
                break
            matcher = reader._codec.postings_reader(reader._postfile, terminfo, format_, term=(name, btext))
            ids = read_ids(matcher)
            if deleted is not None and len(deleted):
                ids = ids[~np.isin(ids, deleted)]
            terms.append(field.from_bytes(btext))
            docs.append(ids)
            tids.append(np.full(len(ids), term_id, dtype=np.int32))
    return _pairs(terms, docs, tids)


def _keyword_pairs_by_term(leaf, fieldname, field) -> tuple[list, np.ndarray, np.ndarray]:
    """:func:`keyword_pairs` through the reader's public calls, one term at a time."""
    terms, docs, tids = [], [], []
    for term_id, btext in enumerate(leaf.lexicon(fieldname)):
        ids = read_ids(leaf.postings(fieldname, btext))
        terms.append(field.from_bytes(btext))
        docs.append(ids)
        tids.append(np.full(len(ids), term_id, dtype=np.int32))
    return _pairs(terms, docs, tids)


def _pairs(terms, docs, tids) -> tuple[list, np.ndarray, np.ndarray]:
    return (
        terms,
        np.concatenate(docs) if docs else np.zeros(0, np.int32),
        np.concatenate(tids) if tids else np.zeros(0, np.int32),
    )


def read_postings(matcher, weights=True) -> tuple[np.ndarray, np.ndarray | None]:
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


def read_ids(matcher) -> np.ndarray:
    """Return the document numbers of a term's postings (int32)."""
    return read_postings(matcher, weights=False)[0]


def numeric_column(reader, count: int) -> np.ndarray | None:
    """Return a fixed-width integer column of one segment in one read, or ``None`` when
    ``reader`` is not one (the caller then reads value by value).

    Unsigned columns (every sortable numeric column) come back as uint64, so that
    64-bit values keep their order; signed ones as int64.
    """
    if not isinstance(reader, NumericColumn.Reader) or reader._typecode not in "bBhHiIqQ":
        return None
    dtype = np.dtype(">" + reader._typecode)
    if dtype.itemsize != reader._fixedlen:
        return None
    wide = np.uint64 if reader._typecode.isupper() else np.int64
    stored = min(reader._count, count)
    data = reader._dbfile.get(reader._basepos, stored * dtype.itemsize) if stored else b""
    values = np.frombuffer(data, dtype=dtype).astype(wide)
    if stored < count:  # documents after the last one written take the column's default
        values = np.concatenate([values, np.full(count - stored, reader._default, dtype=wide)])
    return values


def column_values(leaf, fieldname) -> np.ndarray:
    """Return one segment's raw column values of a sortable numeric field (uint64)."""
    reader = leaf.column_reader(fieldname, translate=False)
    count = leaf.doc_count_all()
    values = numeric_column(reader, count)
    if values is None:  # not a fixed-width column: value by value
        values = np.fromiter((v if v is not None else 0 for v in reader), dtype=np.uint64, count=count)
    return values


def column_bound(field, bound: int | float) -> int:
    """Return a ``NumericRange`` bound (a plain number) as ``field``'s column stores it."""
    if isinstance(field, DATETIME):
        return bound  # a date's column value is the number itself
    return to_sortable(field.numtype, field.bits, field.signed, bound)


def column_presence(leaf, fieldname, field: NUMERIC, values: np.ndarray) -> np.ndarray:
    """Return which documents of one segment have a value in a sortable numeric field.

    A document without one holds the column's default, which sorts last, and
    would match every lower bound. Only when some document holds the default
    (usually none: every article has a date) are the field's postings read to
    tell a real value from a missing one.
    """
    present = np.ones(len(values), dtype=bool)
    if not np.any(values == np.uint64(field.default)):
        return present
    present[:] = False
    if fieldname in leaf.indexed_field_names():
        for btext in field.sortable_terms(leaf, fieldname):  # full-precision terms only
            present[read_ids(leaf.postings(fieldname, btext))] = True
    return present


# A length as Whoosh stores it: one byte, decoded through this table (a zero byte: no length).
_BYTE_LENGTHS = np.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=np.float32)


def field_lengths(leaf, fieldname) -> np.ndarray:
    """Return every document's length in ``fieldname`` for one segment (float32)."""
    count = leaf.doc_count_all()
    perdoc = getattr(leaf, "_perdoc", None)
    lenfield = _lenfield(fieldname)
    if perdoc is not None and perdoc.has_column(lenfield):
        raw = numeric_column(perdoc.column_reader(lenfield, LENGTHS_COLUMN), count)
        if raw is not None:
            return _BYTE_LENGTHS[raw]
    return np.fromiter((leaf.doc_field_length(i, fieldname) or 0 for i in range(count)), np.float32, count)

"""Writing one new Whoosh segment of many documents quickly, for full builds.

Whoosh's ``SegmentWriter`` keeps every posting as a 5-tuple in a sorting pool
that spills sorted runs to disk (pickled, one posting at a time) past a memory
limit, merges them back with ``heapq`` at the end, and then looks up each
posting's document length through a file read. At 100,000 articles those three
steps took more time than analysing the text.

:class:`BulkSegmentWriter` is a ``SegmentWriter`` for builds that write bounded
segments (index/build.py writes one per ``SEGMENT_DOCS`` articles):

* :class:`TermPool` groups postings by term as they arrive. Documents are added
  in increasing order, so each term's postings are already sorted: only the
  terms are sorted at the end, nothing is spilled or merged.
* :class:`DecodedLengths` decodes the segment's length column once per field
  instead of once per posting.

The segment files are the ones Whoosh writes (its own field and posting
writers); tests/test_segment_writer.py checks they match a stock writer's.
"""

from array import array

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter


class TermPool:
    """The postings of one segment being written, grouped by ``(field, term)``."""

    def __init__(self):
        self.terms: dict[tuple[str, bytes], tuple[array, array, list]] = {}
        self.fieldnames: set[str] = set()
        self._last_docnum = -1
        self._in_order = True  # whether every term's postings arrived by increasing document

    def add(self, item):
        fieldname, btext, docnum, weight, vbytes = item
        postings = self.terms.get((fieldname, btext))
        if postings is None:
            self.fieldnames.add(fieldname)
            postings = self.terms[(fieldname, btext)] = (array("q"), array("d"), [])
        docs, weights, values = postings
        docs.append(docnum)
        weights.append(weight)
        values.append(vbytes)
        if docnum < self._last_docnum:
            self._in_order = False
        self._last_docnum = docnum

    def iter_postings(self):
        """Yield ``(field, term, docnum, weight, value)`` sorted as Whoosh's pool sorts them."""
        for key in sorted(self.terms):
            fieldname, btext = key
            docs, weights, values = self.terms[key]
            rows = zip(docs, weights, values, strict=True)
            if not self._in_order:
                rows = sorted(rows, key=lambda row: row[0])
            for docnum, weight, vbytes in rows:
                yield fieldname, btext, docnum, weight, vbytes

    def cleanup(self):
        self.terms.clear()


class DecodedLengths:
    """A segment's per-document field lengths, decoded once per field, for ``add_postings``."""

    def __init__(self, reader, doc_count: int):
        self.reader = reader
        self.doc_count = doc_count
        self.fields: dict[str, list] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self.fields.get(fieldname)
        if lengths is None:
            lengths = self.fields[fieldname] = self._decode(fieldname, default)
        return lengths[docnum]

    def _decode(self, fieldname, default):
        column = self.reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return [default] * self.doc_count
        # As the reader's own doc_field_length: a zero byte means no length (None).
        return [byte_to_length(byte) if byte else None for byte in (column[i] for i in range(self.doc_count))]


class BulkSegmentWriter(SegmentWriter):
    """A lock-free writer of one new segment, for a build that owns its index folder.

    ``finish()`` returns the segment without committing it: the build commits all
    its segments in one table of contents.
    """

    def __init__(self, index, **kwargs):
        super().__init__(index, _lk=False, **kwargs)
        self.pool = TermPool()

    def _flush_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        try:
            decoded = DecodedLengths(lengths, self.docnum) if lengths is not None else None
            self.fieldwriter.add_postings(self.schema, decoded, self.pool.iter_postings())
            self.fieldwriter.close()
        finally:
            if lengths is not None:
                lengths.close()

    def finish(self):
        """Write the segment's files and return the segment (not yet in any table of contents)."""
        return self._finalize_segment()

"""Parley's Whoosh backend for Haystack: Haystack's contract, answered from cached arrays.

The stock backend (haystack/backends/whoosh_backend.py, 3.4.0) is slow and, for
Parley, wrong in ways measured in ../shared/notes/haystack-whoosh.md; this
module replaces how it searches and writes, and keeps Haystack's interface, so
the rest of Parley (and anyone extending it through Haystack) can rely on it,
or switch to Elasticsearch or Solr by configuration. django-haystack's own
Whoosh tests run against it (``make test-haystack``); the README lists where it
differs on purpose ("Haystack's contract: deliberate differences").

* Schema (schema.py): whole-value facet fields, folded unstemmed text.
* Search: one searcher per index generation with numpy arrays (snapshot.py);
  the narrow queries applied as one filter instead of one full search each;
  match-all as ``Every()``; any offset window (the stock ``calculate_page``
  returns the wrong hits for unaligned slices). Facets (facets.py), results
  converted by their fields and highlights (results.py), spelling (spelling.py),
  more like this (related.py).
* Writes: a writer that waits for the lock with a timeout and raises on failure;
  deletes are never silently lost; each commit merges only small segments, so no
  commit rewrites the index (merging.py).
"""

import logging

import numpy as np
from django.conf import settings
from django.utils.encoding import force_str
from haystack.backends import BaseEngine, log_query
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.utils import get_identifier
from whoosh import query as wq
from whoosh import sorting
from whoosh.qparser import FuzzyTermPlugin, QueryParser

from index.engine import facets, phrases, related, schema, spelling
from index.engine.columns import MaskSet
from index.engine.lexicon import WhooshLexicon
from index.engine.merging import worker_merge
from index.engine.results import Highlighter, LazyWindow, StoredValues, make_result
from index.engine.snapshot import Snapshot, snapshot_for

log = logging.getLogger(__name__)

# How long a writer waits for Whoosh's write lock before giving up (seconds).
WRITE_LOCK_TIMEOUT = 30.0
MATCH_ALL = "*"
NO_RESULTS = {"results": [], "hits": 0}


class ParleyWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        # A failed write must surface, not vanish into a log line.
        self.silently_fail = connection_options.get("SILENTLY_FAIL", False)
        self.include_spelling = connection_options.get("INCLUDE_SPELLING", True)

    def setup(self):
        super().setup()
        self.parser = self._parser(self.content_field_name)
        self._field_parsers = {}

    def _parser(self, default_field):
        parser = QueryParser(default_field, schema=self.schema)
        parser.add_plugins([FuzzyTermPlugin()])
        return parser

    def build_schema(self, fields):
        """Return ``(content_field_name, Schema)`` (see schema.py)."""
        return schema.build_schema(fields)

    # Writing -------------------------------------------------------------------

    def _writer(self):
        return self.index.writer(timeout=WRITE_LOCK_TIMEOUT)

    def prepare_document(self, index, obj):
        """Return the Whoosh fields of ``obj`` or ``None`` when the index skips it."""
        if not self.setup_complete:
            self.setup()
        try:
            doc = index.full_prepare(obj)
        except SkipDocument:
            return None
        doc.pop("boost", None)  # document boosts do not exist in Whoosh 2.5+
        for key, value in doc.items():
            if isinstance(value, (list, tuple)) and any("," in force_str(v) for v in value):
                # Lists are stored comma-separated: a comma inside a value would split it in two.
                raise SearchBackendError(f"{get_identifier(obj)}: a value of {key!r} contains a comma: {value!r}")
            doc[key] = self._from_python(value)
        pairs = phrases.pair_field_name(self.content_field_name)
        if pairs in self.schema and self.content_field_name in doc:
            doc[pairs] = doc[self.content_field_name]  # the same text, analysed into word pairs
        return doc

    def update(self, index, iterable, commit=True):
        """Add or replace the documents of ``iterable`` in one commit."""
        if not self.setup_complete:
            self.setup()
        records = list(iterable)
        batch_loader = getattr(index, "prepare_batch", None)  # Parley's indexes load a batch's offices at once
        if batch_loader:
            records = batch_loader(records)
        documents = [doc for doc in (self.prepare_document(index, obj) for obj in records) if doc is not None]
        if not documents:
            return
        self.index = self.index.refresh()
        writer = self._writer()
        try:
            for doc in documents:
                writer.update_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=worker_merge)

    def remove(self, obj_or_string, commit=True):
        """Delete one document; waits for the write lock and raises if it cannot."""
        self.remove_many([get_identifier(obj_or_string)])

    def remove_many(self, identifiers) -> list[str]:
        """Delete the documents with these Haystack identifiers (``app.model.pk``) in one commit.

        Return ``[]``: the commit removes all of them or raises (the cluster backends' ``remove_many``
        may report single documents it could not remove).
        """
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        writer = self._writer()
        try:
            for identifier in identifiers:
                writer.delete_by_term(ID, identifier)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=worker_merge)
        return []

    # Searching -----------------------------------------------------------------

    def parse(self, query_string):
        """Return the Whoosh query for a Haystack query string (``*`` matches everything)."""
        query_string = force_str(query_string).strip()
        if query_string in ("", MATCH_ALL, f"({MATCH_ALL})"):
            return wq.Every()
        return self.parser.parse(query_string)

    def parse_in_field(self, fieldname, query_string):
        """Return the Whoosh query for ``query_string`` with ``fieldname`` as its default field."""
        if fieldname not in self._field_parsers:
            self._field_parsers[fieldname] = self._parser(fieldname)
        return self._field_parsers[fieldname].parse(force_str(query_string))

    def _filter_query(self, narrow_queries, models, limit_to_registered_models):
        """Return one Whoosh query combining every narrow query and the models filter, or ``None``."""
        parts = [self.parse(nq) for nq in narrow_queries or ()]
        if limit_to_registered_models is None:
            limit_to_registered_models = getattr(settings, "HAYSTACK_LIMIT_TO_REGISTERED_MODELS", True)
        registered = self.build_models_list()
        if models:
            wanted = sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in models)
        elif limit_to_registered_models and len(registered) > 1:
            wanted = registered
        else:
            wanted = []  # one model in the index: every document is of it
        if wanted:
            parts.append(wq.Or([wq.Term(DJANGO_CT, ct) for ct in wanted]))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def _sort_facet(self, sort_by):
        """Return ``(sortedby, reverse)`` for Haystack's ``order_by`` list."""
        if not sort_by:
            return None, False
        directions = {field.startswith("-") for field in sort_by}
        if len(directions) > 1:
            raise SearchBackendError("Whoosh requires all order_by fields to use the same sort direction")
        names = [field.lstrip("-") for field in sort_by]
        return [sorting.FieldFacet(name) for name in names], directions == {True}

    def snapshot(self) -> Snapshot:
        """Return the open, cached view of the newest index generation (see snapshot.py)."""
        if not self.setup_complete:
            self.setup()
        if not self.use_file_storage:
            return snapshot_for(None, storage=self.storage)
        return snapshot_for(self.path)

    def lexicon(self) -> WhooshLexicon:
        """Return the term dictionary of the document field, for the query planner (query/planner.py)."""
        return WhooshLexicon(self.snapshot(), self.content_field_name)

    @log_query
    def search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        fields="",
        highlight=False,
        facets=None,
        date_facets=None,
        query_facets=None,
        narrow_queries=None,
        spelling_query=None,
        within=None,
        dwithin=None,
        distance_point=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        """Return Haystack's result dictionary: one window of hits, the total, facets, a suggestion.

        Hit sets, field facet counts and date order come from numpy arrays cached per
        index generation (snapshot.py); only a relevance-sorted window is scored, over
        the hits already known. ``results`` is a lazy sequence, so a count-only query
        (``end_offset=None``) never loads documents. As in the stock backend, an empty
        query string, or one character other than ``*``, finds nothing.
        """
        query_string = force_str(query_string)
        if len(query_string) == 0 or (len(query_string) == 1 and query_string != MATCH_ALL):
            return dict(NO_RESULTS)
        self._sort_facet(sort_by)  # refuse mixed directions now, not when the window is read
        start_offset = max(int(start_offset or 0), 0)
        snap = self.snapshot()
        with snap.reading():
            parsed = self.parse(query_string)
            highlighter = Highlighter(self, snap, parsed) if highlight else None
            filter_query = self._filter_query(narrow_queries, models, limit_to_registered_models)
            matches = snap.mask(parsed)
            mask = matches & snap.mask(filter_query) if filter_query is not None else matches
            hits = int(np.count_nonzero(mask))
            facet_counts = self._facet_counts(snap, mask, facets, date_facets, query_facets)
            length = max(0, (hits if end_offset is None else min(end_offset, hits)) - start_offset)
            window = LazyWindow(
                self,
                snap,
                length,
                lambda: self.window_docnums(snap, parsed, mask, hits, sort_by, start_offset, end_offset),
                result_class,
                highlighter,
            )
            suggestion = self._suggestion(snap, query_string, parsed, spelling_query)
        return {"results": window, "hits": hits, "facets": facet_counts, "spelling_suggestion": suggestion}

    def _facet_counts(self, snap, mask, field_facets, date_facets, query_facets) -> dict:
        """Return Haystack's ``{"fields": ..., "dates": ..., "queries": ...}`` over the hits in ``mask``."""
        return {
            "fields": {name: facets.field_facet(snap, name, mask) for name in field_facets or ()},
            "dates": {name: facets.date_facet(snap, name, spec, mask) for name, spec in (date_facets or {}).items()},
            "queries": facets.query_facets(snap, self.parse_in_field, query_facets or (), mask),
        }

    def _suggestion(self, snap, query_string, parsed, spelling_query):
        """Return the spelling suggestion of a search (see spelling.py), cached per generation."""
        if not self.include_spelling or query_string == MATCH_ALL and not spelling_query:
            return None
        if spelling_query:
            text = force_str(spelling_query)
            return snap.cached_spelling(("typed", text), lambda: self.create_spelling_suggestion(text, snap.reader))
        return snap.cached_spelling(
            ("built", query_string),
            lambda: spelling.correct_built(parsed, snap.reader, self.content_field_name),
        )

    def window_docnums(self, snap, parsed, mask, hits, sort_by, start, end):
        """Return ``[(docnum, score), ...]`` of the hits ``start:end`` in the requested order."""
        if not hits or (end is not None and start >= end):
            return []
        sortedby, reverse = self._sort_facet(sort_by)
        if sortedby:
            names = [facet.fieldname for facet in sortedby]
            if len(names) == 1 and snap.is_sortable(names[0]):
                return [(int(d), 0.0) for d in snap.sorted_window(mask, names[0], reverse, start, end)]
            results = snap.searcher.search(parsed, filter=MaskSet(mask), limit=end, sortedby=sortedby, reverse=reverse)
            return [(hit.docnum, hit.score or 0.0) for hit in results[start:end]]
        if isinstance(parsed, wq.Every):
            return [(int(d), 0.0) for d in np.flatnonzero(mask)[start:end]]
        return snap.ranked_window(parsed, mask, start, end)

    def make_result(self, snap, docnum, score, result_class=None, highlighter=None, values=None):
        """Return the ``SearchResult`` of one document (results.py)."""
        stored = snap.searcher.stored_fields(docnum)
        return make_result(values or StoredValues(self), stored, score, result_class, highlighter)

    def create_spelling_suggestion(self, query_string, reader=None):
        """Return the words as typed with each one the index does not know replaced by the
        nearest one it does, or ``None`` when every word is known or nothing is near."""
        if not self.setup_complete:
            self.setup()
        reader = reader or self.index.reader()
        analyzer = self.schema[self.content_field_name].analyzer
        return spelling.correct_typed(query_string, reader, self.content_field_name, analyzer)

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0, end_offset=None, **kwargs):
        """Return the documents most like ``model_instance`` (related.py)."""
        if not self.setup_complete:
            self.setup()
        options = {name: kwargs.get(name) for name in ("models", "limit_to_registered_models", "result_class")}
        return related.more_like_this(
            self, model_instance, additional_query_string, start_offset, end_offset, **options
        )

    def _unified_index(self):
        from haystack import connections

        return connections[self.connection_alias].get_unified_index()


class ParleyWhooshSearchQuery(WhooshSearchQuery):
    def matching_all_fragment(self):
        return MATCH_ALL

    def run_mlt(self, **kwargs):
        """Run "more like this" for the query's window only (Haystack's own asks for every hit)."""
        kwargs.setdefault("start_offset", self.start_offset)
        if self.end_offset is not None:
            kwargs.setdefault("end_offset", self.end_offset)
        super().run_mlt(**kwargs)


class ParleyWhooshEngine(BaseEngine):
    backend = ParleyWhooshSearchBackend
    query = ParleyWhooshSearchQuery

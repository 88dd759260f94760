"""Parley's adjustments to Haystack's Whoosh backend.

The stock backend (haystack/backends/whoosh_backend.py, 3.4.0) is wrong for
Parley in ways measured in ../shared/notes/haystack-whoosh.md; this module
overrides exactly those parts and keeps Haystack's interface, so the rest of
Parley can switch to Elasticsearch or Solr by configuration:

* Schema: facet fields (``Facet*Field``) become whole, unanalysed values (``ID``
  or ``KEYWORD``) instead of stemmed ``TEXT``; the document field is folded and
  unstemmed, neither stored nor sortable (no column copy of every text).
* Search: one searcher, the narrow queries applied as one filter instead of one
  full search each, match-all as ``Every()``, any offset window (the stock
  ``calculate_page`` returns the wrong hits for unaligned slices).
* Spelling: a suggestion for words the index does not know, also when nothing
  matched (exactly when one is needed).
* Writes: a writer that waits for the lock with a timeout and raises on failure;
  deletes are never silently lost.
"""

import logging
from collections.abc import Sequence

import numpy as np
from django.utils.encoding import force_str
from haystack.backends import BaseEngine, log_query
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.fields import FacetField
from haystack.models import SearchResult
from haystack.utils import get_identifier
from whoosh import query as wq
from whoosh import sorting
from whoosh.fields import DATETIME, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.qparser import FuzzyTermPlugin, QueryParser

from index.engine.analysis import document_field, parley_analyzer
from index.engine.lexicon import WhooshLexicon
from index.engine.snapshot import MaskSet, Snapshot, snapshot_for

log = logging.getLogger(__name__)

# How long a writer waits for Whoosh's write lock before giving up (seconds).
WRITE_LOCK_TIMEOUT = 30.0
MATCH_ALL = "*"


class ParleyWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        # A failed write must surface, not vanish into a log line.
        self.silently_fail = connection_options.get("SILENTLY_FAIL", False)
        self.include_spelling = connection_options.get("INCLUDE_SPELLING", True)

    def setup(self):
        super().setup()
        self.parser = QueryParser(self.content_field_name, schema=self.schema)
        self.parser.add_plugins([FuzzyTermPlugin()])

    def build_schema(self, fields):
        """Return ``(content_field_name, Schema)`` with field types that suit Parley."""
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        for field in fields.values():
            name = field.index_fieldname
            if field.document:
                content_field_name = name
                schema_fields[name] = document_field()
            elif isinstance(field, FacetField) and field.is_multivalued:
                # Whole keys (ISO codes, slugs) separated by commas; keys never contain one.
                schema_fields[name] = KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)
            elif isinstance(field, FacetField) or field.indexed is False and field.field_type == "string":
                schema_fields[name] = WHOOSH_ID(stored=True) if field.indexed else STORED()
            elif field.field_type in ("date", "datetime"):
                schema_fields[name] = DATETIME(stored=True, sortable=True)
            elif field.field_type in ("integer", "float"):
                numtype = int if field.field_type == "integer" else float
                schema_fields[name] = NUMERIC(stored=True, numtype=numtype, sortable=True)
            elif field.field_type == "boolean":
                schema_fields[name] = WHOOSH_ID(stored=True)
            else:
                schema_fields[name] = TEXT(analyzer=parley_analyzer(), stored=field.stored)
        if not content_field_name:
            raise SearchBackendError("No document field: mark one field of the search index document=True.")
        return content_field_name, Schema(**schema_fields)

    # Writing -------------------------------------------------------------------

    def _writer(self):
        return self.index.writer(timeout=WRITE_LOCK_TIMEOUT)

    def prepare_document(self, index, obj):
        """Return the Whoosh fields of ``obj`` or ``None`` when the index skips it."""
        try:
            doc = index.full_prepare(obj)
        except SkipDocument:
            return None
        doc.pop("boost", None)
        for key, value in doc.items():
            if isinstance(value, (list, tuple)) and any("," in force_str(v) for v in value):
                raise SearchBackendError(f"{get_identifier(obj)}: facet key in {key!r} contains a comma: {value!r}")
            doc[key] = self._from_python(value)
        return doc

    def update(self, index, iterable, commit=True):
        """Add or replace the documents of ``iterable`` in one commit."""
        if not self.setup_complete:
            self.setup()
        documents = [doc for doc in (self.prepare_document(index, obj) for obj in iterable) if doc is not None]
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
        writer.commit()

    def remove(self, obj_or_string, commit=True):
        """Delete one document; waits for the write lock and raises if it cannot."""
        self.remove_many([get_identifier(obj_or_string)])

    def remove_many(self, identifiers):
        """Delete the documents with these Haystack identifiers (``app.model.pk``) in one commit."""
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
        writer.commit()

    # Searching -----------------------------------------------------------------

    def parse(self, query_string):
        """Return the Whoosh query for a Haystack query string (``*`` matches everything)."""
        query_string = force_str(query_string).strip()
        if query_string in ("", MATCH_ALL, f"({MATCH_ALL})"):
            return wq.Every()
        return self.parser.parse(query_string)

    def _filter_query(self, narrow_queries, models, limit_to_registered_models):
        """Return one Whoosh query combining every narrow query, or ``None``."""
        parts = [self.parse(nq) for nq in narrow_queries or ()]
        registered = self.build_models_list()
        if models:
            wanted = sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in models)
        elif limit_to_registered_models is not False and len(registered) > 1:
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
        # The stable tie-break keeps pages from overlapping when dates are equal.
        return [sorting.FieldFacet(name) for name in names], directions == {True}

    def snapshot(self) -> Snapshot:
        """Return the open, cached view of the newest index generation (see snapshot.py)."""
        if not self.setup_complete:
            self.setup()
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

        Hit sets, facet counts and date order come from numpy arrays cached per
        index generation (snapshot.py); only a relevance-sorted window is scored,
        by Whoosh, over the hits already known. ``results`` is a lazy sequence, so a
        count-only query (``end_offset=None``) never loads documents.
        """
        if date_facets or query_facets:
            raise SearchBackendError("Parley indexes year and month as field facets; date and query facets are unused")
        start_offset = max(int(start_offset or 0), 0)
        snap = self.snapshot()
        with snap.reading():
            parsed = self.parse(query_string)
            filter_query = self._filter_query(narrow_queries, models, limit_to_registered_models)
            matches = snap.mask(parsed)
            mask = matches & snap.mask(filter_query) if filter_query is not None else matches
            hits = int(np.count_nonzero(mask))
            facet_counts = {"fields": {}, "dates": {}, "queries": {}}
            for name in facets or ():
                facet_counts["fields"][name] = self._facet(snap, name, mask, parsed)
            window = LazyWindow(self, snap, parsed, mask, hits, sort_by, start_offset, end_offset, result_class)
            suggestion = None
            if self.include_spelling and (spelling_query or query_string) != MATCH_ALL:
                text = force_str(spelling_query or query_string)
                suggestion = snap.cached_spelling(text, lambda: self.create_spelling_suggestion(text, snap.reader))
        return {"results": window, "hits": hits, "facets": facet_counts, "spelling_suggestion": suggestion}

    def _facet(self, snap, name, mask, parsed):
        """Return ``[(value, count), ...]`` for the hits in ``mask``, by count then value."""
        if snap.is_keyword(name):
            return snap.column(name).counts(mask)
        # Other field types: Whoosh's own grouping, restricted to the hits.
        facet = sorting.FieldFacet(name, allow_overlap=False, maptype=sorting.Count)
        results = snap.searcher.search(wq.Every(), filter=MaskSet(mask), limit=1, groupedby={name: facet})
        return sorted(
            ((v, c) for v, c in results.groups(name).items() if v is not None), key=lambda item: (-item[1], item[0])
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

    def make_result(self, snap, docnum, score, result_class=None):
        stored = snap.searcher.stored_fields(docnum)
        result_class = result_class or SearchResult
        app_label, model_name = stored[DJANGO_CT].split(".")
        return result_class(app_label, model_name, stored[DJANGO_ID], score, **self._stored_fields(stored))

    def _is_multivalued(self, fieldname):
        return isinstance(self.schema[fieldname], KEYWORD)

    def _stored_fields(self, stored):
        """Return the stored values of a document, multi-valued ones as lists."""
        fields = {}
        for key, value in stored.items():
            if key in (DJANGO_CT, DJANGO_ID, ID):
                continue
            if self._is_multivalued(key):
                fields[key] = [v for v in value.split(",") if v] if value else []
            else:
                fields[key] = self._to_python(value)
        return fields

    def create_spelling_suggestion(self, query_string, reader=None):
        """Return the query with each word the index does not know replaced by the
        nearest one it does, or ``None`` when every word is known or nothing is near."""
        if not self.setup_complete:
            self.setup()
        reader = reader or self.index.reader()
        analyzer = self.schema[self.content_field_name].analyzer
        corrector = reader.corrector(self.content_field_name)
        changed, words = False, []
        for word in force_str(query_string).split():
            tokens = [t.text for t in analyzer(word)]
            if word in self.RESERVED_WORDS or len(tokens) != 1 or not word.isalnum():
                # Operators, phrases, prefixes, fuzzy and excluded words stay as typed.
                words.append(word)
                continue
            token = tokens[0]
            if reader.doc_frequency(self.content_field_name, token) > 0:
                words.append(word)
                continue
            suggestions = corrector.suggest(token, limit=1, maxdist=2)
            if suggestions:
                changed = True
                suggestion = suggestions[0]
                words.append(suggestion.capitalize() if word[:1].isupper() else suggestion)
            else:
                words.append(word)
        return " ".join(words) if changed else None

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0, end_offset=None, **kwargs):
        """Return documents sharing the most distinctive words of ``model_instance``'s text."""
        if not self.setup_complete:
            self.setup()
        identifier = get_identifier(model_instance)
        snap = self.snapshot()
        with snap.reading():
            searcher = snap.searcher
            docnum = searcher.document_number(**{ID: identifier})
            if docnum is None:
                return {"results": [], "hits": 0}
            # The content field keeps no vectors: rebuild its terms from the document.
            index = self._unified_index().get_index(type(model_instance))
            text = index.full_prepare(model_instance)[self.content_field_name]
            keywords = searcher.key_terms_from_text(self.content_field_name, text, numterms=12)
            if not keywords:
                return {"results": [], "hits": 0}
            query = wq.Or([wq.Term(self.content_field_name, word) for word, _ in keywords])
            allowed = snap.live.copy()
            allowed[docnum] = False
            results = searcher.search(query, limit=end_offset or 10, filter=MaskSet(allowed))
            documents = [self.make_result(snap, hit.docnum, hit.score or 0) for hit in results[start_offset:end_offset]]
            total = int(np.count_nonzero(snap.mask(query) & allowed))
            return {"results": documents, "hits": total}

    def _unified_index(self):
        from haystack import connections

        return connections[self.connection_alias].get_unified_index()


class ParleyWhooshSearchQuery(WhooshSearchQuery):
    def matching_all_fragment(self):
        return MATCH_ALL


class ParleyWhooshEngine(BaseEngine):
    backend = ParleyWhooshSearchBackend
    query = ParleyWhooshSearchQuery


class LazyWindow(Sequence):
    """The search results of one window, built only when read.

    Haystack asks for every hit (``end_offset=None``) when it only wants a count
    or facet counts; this sequence knows its length without touching a document.
    """

    def __init__(self, backend, snap, parsed, mask, hits, sort_by, start, end, result_class):
        self._args = (snap, parsed, mask, hits, sort_by, start, end)
        self._backend, self._snap, self._result_class = backend, snap, result_class
        self._length = max(0, (hits if end is None else min(end, hits)) - start)
        self._results = None

    def _load(self):
        if self._results is None:
            with self._snap.reading():
                docnums = self._backend.window_docnums(*self._args)
                self._results = [
                    self._backend.make_result(self._snap, docnum, score, self._result_class)
                    for docnum, score in docnums
                ]
        return self._results

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        return self._load()[index]

    def __iter__(self):
        return iter(self._load())

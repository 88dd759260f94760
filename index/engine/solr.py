"""Haystack's Solr backend, asking for what Parley's pages show.

* Keywords match all words: Solr's standard parser ORs them unless ``q.op=AND`` is sent
  (Haystack sends none), which would lose "every word must match".
* Every field facet asks for every value with a hit, by count: Solr answers with 100
  values and includes values counted zero unless ``facet.limit`` and ``facet.mincount``
  are sent (and sorts by value, not count, once the limit is -1).
* ``remove_many``: the index worker's withdrawals and deletions in one request.
* TLS verification as ``SEARCH_URL`` says (:class:`TLSSession`).
* The stemmed companion field sent as Parley's own terms (cluster_analysis.pre_analysed).
* Parley's folded, unstemmed analysis: each text field typed with one of the field types of
  Parley's schema (solr_config.py; ``manage.py build_solr_schema``), not Haystack's stemmed
  ``text_en``; and "Did you mean" from the spellcheck component's per-word suggestions
  (cluster_spelling.py), in the words as typed.
"""

import requests
from haystack.backends.solr_backend import SolrEngine, SolrSearchBackend, SolrSearchQuery

from index.engine.cluster_analysis import analyzer_of, document_field, known_as_names, pre_analysed
from index.engine.cluster_spelling import Correction, respelled
from index.engine.stemming import NAME_MARK

# Haystack's Solr field type for text, replaced by Parley's (named as the analyzers: cluster_analysis.py).
HAYSTACK_TEXT_TYPE = "text_en"


class TLSSession(requests.Session):
    """A requests session that checks certificates as it is told, whatever the environment says.

    requests lets ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` replace a session's own ``verify``
    (set in many containers), which would silently drop ``SEARCH_URL``'s ``ca`` or ``verify=false``.
    """

    def merge_environment_settings(self, url, proxies, stream, verify, cert):
        merged = super().merge_environment_settings(url, proxies, stream, verify, cert)
        merged["verify"] = self.verify
        return merged


class ParleySolrSearchBackend(SolrSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        options = connection_options.get("KWARGS", {})
        if "verify" in options:
            session = TLSSession()
            session.verify, session.auth = options["verify"], options.get("auth")
            self.conn.session = session

    sends_stemmed_terms = True  # the query planner names stems in the stemmed field (query/planner.py)

    def update(self, index, iterable, commit=True):
        """Index ``iterable`` as Haystack does, the stemmed companion field as Parley's own terms."""
        return super().update(PreAnalysingIndex(index), iterable, commit)

    def names_among(self, words: list[str], stemmed_field: str) -> set[str]:
        """Return the ``words`` (folded) this archive knows mostly as names, counted in one request: a
        ``facet.query`` of each word's ``=word`` in the stemmed field and of the word in the document field."""
        queries = {}
        for word in words:
            queries[("name", word)] = f"{{!term f={stemmed_field}}}{NAME_MARK}{word}"
            queries[("word", word)] = f"{{!term f={document_field(self)}}}{word}"
        found = self.conn.search("*:*", rows=0, facet="true", **{"facet.query": list(queries.values())})
        counted = found.facets.get("facet_queries", {})
        return known_as_names(words, {key: counted.get(query, 0) for key, query in queries.items()})

    def build_search_kwargs(self, *args, **kwargs) -> dict:
        """Return Haystack's request parameters with AND between words and whole facets with hits."""
        params = super().build_search_kwargs(*args, **kwargs)
        params.setdefault("q.op", "AND")
        for field in params.get("facet.field", ()):
            params.setdefault(f"f.{field}.facet.limit", -1)
            params.setdefault(f"f.{field}.facet.mincount", 1)
            params.setdefault(f"f.{field}.facet.sort", "count")
        return params

    def build_schema(self, fields):
        """Return Haystack's ``(content field, field list)`` with Parley's field type for each analyzed text field."""
        content_field_name, schema_fields = super().build_schema(fields)
        by_name = {field.index_fieldname: field for field in fields.values()}
        for schema_field in schema_fields:
            if schema_field["type"] == HAYSTACK_TEXT_TYPE:
                schema_field["type"] = analyzer_of(by_name[schema_field["field_name"]])
        return content_field_name, schema_fields

    def search(self, query_string, **kwargs):
        # The text the spellcheck component is given (spellcheck.q, else q), for the suggestion;
        # a backend serves one thread (Haystack's connections are per thread).
        self._spelling_text = kwargs.get("spelling_query") or query_string
        return super().search(query_string, **kwargs)

    def extract_spelling_suggestions(self, raw_results) -> list[str]:
        """Return ``[the text as typed with its unknown words corrected]``, or ``[]`` when all are known."""
        suggestions = raw_results.spellcheck.get("suggestions") or []
        # Solr's default JSON writes a named list flat: word, details, word, details ...
        details = suggestions.values() if isinstance(suggestions, dict) else suggestions[1::2]
        corrections = [
            Correction(item["startOffset"], item["endOffset"], _word(item["suggestion"][0]))
            for item in details
            if item.get("suggestion")
        ]
        suggestion = respelled(getattr(self, "_spelling_text", ""), corrections)
        return [suggestion] if suggestion else []

    def remove_many(self, identifiers) -> list[str]:
        """Delete the documents ``identifiers`` (``app.model.pk``) in one request and commit.

        Solr applies a delete by id to the ids it has and ignores the others, so there are no
        single-document failures to report: return ``[]``, or raise when Solr fails the request.
        """
        identifiers = list(identifiers)
        if identifiers:
            self.conn.delete(id=identifiers, commit=True)
        return []


class PreAnalysingIndex:
    """A search index whose ``full_prepare`` gives the stemmed field as Parley's terms (Haystack's Solr
    backend prepares documents itself, with no hook of its own); everything else is the index's."""

    def __init__(self, index):
        self._index = index

    def __getattr__(self, name):
        return getattr(self._index, name)

    def full_prepare(self, obj) -> dict:
        return pre_analysed(self._index.full_prepare(obj), self._index.fields)


def _word(suggestion) -> str:
    """Return the word of one spellcheck suggestion (a string, or with extended results a dictionary)."""
    return suggestion["word"] if isinstance(suggestion, dict) else suggestion


class ParleySolrEngine(SolrEngine):
    backend = ParleySolrSearchBackend
    query = SolrSearchQuery

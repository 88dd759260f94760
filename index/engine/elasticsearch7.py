"""Haystack's Elasticsearch 7 backend, asking for what Parley's pages show, for Elasticsearch 7.17 and 8.

* Every field facet asks for every value with a hit: Elasticsearch answers a terms
  aggregation with its top 10 values unless a ``size`` is sent, which would cut the
  page's "All N values", the API's full lists and the hits-over-time chart.
* ``remove_many``: the index worker's withdrawals and deletions in one bulk request,
  reporting the documents that could not be removed instead of failing them all.
* Parley's folded, unstemmed analysis and the spelling suggestions (elasticsearch_common.py).
* Elasticsearch 8 through the same client (7.17) in its compatibility mode
  (:class:`CompatibleTransport`): Haystack has no backend for the 8.x client, and its
  Elasticsearch 7 backend refuses to import beside one.

Keywords already match all words: Haystack sends ``default_operator`` AND.
"""

from elasticsearch import NotFoundError, Transport
from elasticsearch.helpers import bulk
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
    Elasticsearch7SearchQuery,
)

from index.engine.cluster import facet_size
from index.engine.elasticsearch_common import ParleyAnalysisMixin, ParleySpellingMixin, with_parley_analysis

# What Elasticsearch's REST API compatibility calls a request and an answer in version 7's format.
COMPATIBLE_WITH_7 = "application/vnd.elasticsearch+json;compatible-with=7"
JSON_TYPES = ("application/json", "application/x-ndjson")


class CompatibleTransport(Transport):
    """The 7.17 client's transport, always in compatibility mode: every request and answer in
    Elasticsearch 7's format, so that Elasticsearch 8 accepts the bodies Haystack's Elasticsearch 7
    backend writes (a ``date_histogram``'s ``interval``, for one, is gone from 8's own format) and
    answers as that backend reads. Elasticsearch 7.17 takes the same media type as its own.

    The client's ``ELASTIC_CLIENT_APIVERSIONING`` does this for a whole process, read from the
    environment at every request; here it belongs to Parley's connection alone.
    """

    def perform_request(self, method, url, headers=None, params=None, body=None):
        headers = {
            name: COMPATIBLE_WITH_7 if name.lower() in ("accept", "content-type") and value in JSON_TYPES else value
            for name, value in (headers or {}).items()
        }
        return super().perform_request(method, url, headers=headers, params=params, body=body)


class ParleyElasticsearch7SearchBackend(ParleyAnalysisMixin, ParleySpellingMixin, Elasticsearch7SearchBackend):
    DEFAULT_SETTINGS = with_parley_analysis(Elasticsearch7SearchBackend.DEFAULT_SETTINGS)

    def __init__(self, connection_alias, **connection_options):
        kwargs = {"transport_class": CompatibleTransport, **connection_options.get("KWARGS", {})}
        super().__init__(connection_alias, **{**connection_options, "KWARGS": kwargs})

    def build_search_kwargs(self, *args, **kwargs) -> dict:
        """Return Haystack's request body with every terms aggregation asking for all values with hits."""
        body = super().build_search_kwargs(*args, **kwargs)
        for aggregation in body.get("aggs", {}).values():
            terms = aggregation.get("terms")
            if terms is not None:
                terms.setdefault("size", facet_size())
                terms.setdefault("min_doc_count", 1)
        return body

    # The client's bulk helper and "no such index" error (OpenSearch's backend has its own client's: opensearch.py).
    bulk_helper = staticmethod(bulk)
    not_found_error = NotFoundError

    def remove_many(self, identifiers) -> list[str]:
        """Delete the documents ``identifiers`` (``app.model.pk``) in one bulk request and refresh.

        Return the identifiers Elasticsearch refused (a document already absent is removed);
        raise when the engine cannot be reached or refuses the whole request.
        """
        identifiers = list(identifiers)
        if not identifiers:
            return []
        actions = ({"_op_type": "delete", "_id": identifier} for identifier in identifiers)
        _, errors = self.bulk_helper(self.conn, actions, index=self.index_name, raise_on_error=False, refresh=True)
        return [item["delete"]["_id"] for item in errors if item["delete"].get("status") != 404]


class ParleyElasticsearch7SearchEngine(Elasticsearch7SearchEngine):
    backend = ParleyElasticsearch7SearchBackend
    query = Elasticsearch7SearchQuery

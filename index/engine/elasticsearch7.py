"""Haystack's Elasticsearch 7 backend, asking for what Parley's pages show.

* Every field facet asks for every value with a hit: Elasticsearch answers a terms
  aggregation with its top 10 values unless a ``size`` is sent, which would cut the
  page's "All N values", the API's full lists and the hits-over-time chart.
* ``remove_many``: the index worker's withdrawals and deletions in one bulk request,
  reporting the documents that could not be removed instead of failing them all.
* Parley's folded, unstemmed analysis and the spelling suggestions (elasticsearch_common.py).

Keywords already match all words: Haystack sends ``default_operator`` AND.
"""

from elasticsearch import NotFoundError
from elasticsearch.helpers import bulk
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
    Elasticsearch7SearchQuery,
)

from index.engine.cluster import facet_size
from index.engine.elasticsearch_common import ParleyAnalysisMixin, ParleySpellingMixin, with_parley_analysis


class ParleyElasticsearch7SearchBackend(ParleyAnalysisMixin, ParleySpellingMixin, Elasticsearch7SearchBackend):
    DEFAULT_SETTINGS = with_parley_analysis(Elasticsearch7SearchBackend.DEFAULT_SETTINGS)

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

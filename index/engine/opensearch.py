"""Parley's OpenSearch 2 backend: Elasticsearch 7's request bodies through the official OpenSearch client.

OpenSearch 2 answers Elasticsearch 7.10's REST API for everything Parley sends (index settings and
mapping, bulk, search with terms aggregations and the term suggester), so the request building,
the analysis and the reading of results are those of Parley's Elasticsearch 7 backend
(elasticsearch7.py, elasticsearch_common.py), inherited, not repeated. What differs is the client:
the pinned Elasticsearch 7 client (7.14 and later) refuses any server that is not Elasticsearch,
so the connection is opensearch-py's, and so are the helpers and errors that Haystack's set-up
and indexing take from the Elasticsearch module (:meth:`setup`, :meth:`update`). Haystack's
Elasticsearch 7 backend module still needs the Elasticsearch 7 client installed (it imports it),
which requirements-opensearch.txt brings too.
"""

import haystack
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchQuery
from haystack.constants import ID
from haystack.exceptions import SkipDocument
from opensearchpy import NotFoundError, OpenSearch
from opensearchpy.helpers import bulk

from index.engine.elasticsearch7 import ParleyElasticsearch7SearchBackend, ParleyElasticsearch7SearchEngine


class ParleyOpenSearchBackend(ParleyElasticsearch7SearchBackend):
    bulk_helper = staticmethod(bulk)
    not_found_error = NotFoundError

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        # Haystack made an Elasticsearch 7 client, which connects only when used: replace it.
        self.conn = OpenSearch(connection_options["URL"], timeout=self.timeout, **connection_options.get("KWARGS", {}))

    def setup(self):
        """Create the index with Parley's settings if it is missing and put the mapping (as Haystack's set-up)."""
        try:
            self.existing_mapping = self.conn.indices.get_mapping(index=self.index_name)
        except NotFoundError:
            self.existing_mapping = {}
        unified_index = haystack.connections[self.connection_alias].get_unified_index()
        self.content_field_name, field_mapping = self.build_schema(unified_index.all_searchfields())
        current_mapping = self._get_current_mapping(field_mapping)
        if current_mapping != self.existing_mapping:
            # An index that exists already (400) keeps its settings; its mapping is then checked by the put.
            self.conn.indices.create(index=self.index_name, body=self.DEFAULT_SETTINGS, ignore=400)
            self.conn.indices.put_mapping(index=self.index_name, body=current_mapping)
            self.existing_mapping = current_mapping
        self.setup_complete = True

    def update(self, index, iterable, commit=True):
        """Index ``iterable``'s records in one bulk request (and refresh), as Haystack's update does."""
        if not self.setup_complete:
            self.setup()
        documents = []
        for record in iterable:
            try:
                prepared = self._prepare_object(index, record)
            except SkipDocument:
                continue
            document = {key: self._from_python(value) for key, value in prepared.items()}
            document["_id"] = document[ID]
            documents.append(document)
        self.bulk_helper(self.conn, documents, index=self.index_name)
        if commit:
            self.conn.indices.refresh(index=self.index_name)


class ParleyOpenSearchEngine(ParleyElasticsearch7SearchEngine):
    backend = ParleyOpenSearchBackend
    query = Elasticsearch7SearchQuery

"""Haystack's Solr backend, asking for what Parley's pages show.

* Keywords match all words: Solr's standard parser ORs them unless ``q.op=AND`` is sent
  (Haystack sends none), which would lose "every word must match".
* Every field facet asks for every value with a hit, by count: Solr answers with 100
  values and includes values counted zero unless ``facet.limit`` and ``facet.mincount``
  are sent (and sorts by value, not count, once the limit is -1).
* ``remove_many``: the index worker's withdrawals and deletions in one request.
* TLS verification as ``SEARCH_URL`` says (:class:`TLSSession`).
"""

import requests
from haystack.backends.solr_backend import SolrEngine, SolrSearchBackend, SolrSearchQuery


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

    def build_search_kwargs(self, *args, **kwargs) -> dict:
        """Return Haystack's request parameters with AND between words and whole facets with hits."""
        params = super().build_search_kwargs(*args, **kwargs)
        params.setdefault("q.op", "AND")
        for field in params.get("facet.field", ()):
            params.setdefault(f"f.{field}.facet.limit", -1)
            params.setdefault(f"f.{field}.facet.mincount", 1)
            params.setdefault(f"f.{field}.facet.sort", "count")
        return params

    def remove_many(self, identifiers) -> list[str]:
        """Delete the documents ``identifiers`` (``app.model.pk``) in one request and commit.

        Solr applies a delete by id to the ids it has and ignores the others, so there are no
        single-document failures to report: return ``[]``, or raise when Solr fails the request.
        """
        identifiers = list(identifiers)
        if identifiers:
            self.conn.delete(id=identifiers, commit=True)
        return []


class ParleySolrEngine(SolrEngine):
    backend = ParleySolrSearchBackend
    query = SolrSearchQuery

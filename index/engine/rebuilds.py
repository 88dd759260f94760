"""A cluster engine's index as generations: build beside the live one, switch at once, drop the old.

The name ``SEARCH_URL`` gives (``parley``) always answers searches; a full build fills a new
index under a name of its own, records in it what it was built with, and only then makes it
the live one in one atomic step, so searches never see a half-built or empty index:

* **Elasticsearch** (and OpenSearch, which kept Elasticsearch 7.10's index and alias API): ``parley``
  is an alias of one concrete index ``parley-<stamp>``. A build
  creates the next concrete index with Haystack's own settings and mapping, records its build
  in the mapping's ``_meta``, and moves the alias with one ``_aliases`` request (which also
  removes, the first time, a concrete index called ``parley`` that an in-place build left);
  then the old index is deleted.
* **Solr** (standalone, CoreAdmin): ``parley`` is a core. A build creates the core
  ``parley-<stamp>`` from the configset the live core uses (``PARLEY_SOLR_CONFIGSET``, default
  ``parley``: where ``build_solr_schema --configure-directory`` writes), records its build in a
  document of its own (``parley.build``, outside every model Parley searches), and exchanges the
  two cores' names with CoreAdmin ``SWAP``; then the old index, now under the new name, is
  unloaded and deleted. SWAP, not a Collections API alias: Parley's Solr is the core
  ``build_solr_schema`` configures, and aliases exist only in SolrCloud (where SWAP is refused).

Each engine class answers :meth:`live` (which index serves, what its build recorded, how many
documents of Parley's models it holds) and :meth:`create`, :meth:`record`, :meth:`switch`,
:meth:`drop` for index/cluster_build.py. Nothing here knows about the database.
"""

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from haystack import connections
from haystack.query import SearchQuerySet

log = logging.getLogger(__name__)

BUILD_RECORD_ID = "parley.build"  # Solr: the build record's document (its django_ct is no model's)


@dataclass(frozen=True)
class LiveIndex:
    """The index that serves now: its own name, what its build recorded, and its documents."""

    name: str
    record: dict | None  # None: not built by a full build (an in-place build, or another tool)
    documents: int


class ClusterGenerations:
    """What both engines share; a subclass per engine speaks its API through the backend's client."""

    def __init__(self, backend, using="default"):
        self.backend = backend
        self.using = using

    def new_name(self) -> str:
        """Return the name of the next index: the live name and the time to the microsecond (two builds
        in one second must not share an index: the second would drop the one it just switched to)."""
        return f"{self.live_name}-{datetime.datetime.now():%Y%m%d-%H%M%S-%f}"

    def documents(self) -> int:
        """Return how many documents of Parley's models the live index holds (Haystack's count)."""
        return SearchQuerySet(using=self.using).count()

    def backend_for(self, name: str):
        """Return a Haystack backend of the same engine and options that writes to the index ``name``."""
        options = {**connections.connections_info[self.using], **self.connection_options(name)}
        options.pop("ENGINE", None)
        return type(self.backend)(self.using, **options)

    def schema_signature(self) -> str:
        """Return a digest that changes whenever the fields Parley indexes (or their settings) change."""
        fields = connections[self.using].get_unified_index().all_searchfields()
        described = {"schema": self.backend.build_schema(fields), "settings": self.engine_settings()}
        return hashlib.sha256(json.dumps(described, sort_keys=True, default=str).encode()).hexdigest()


class ElasticsearchGenerations(ClusterGenerations):
    @property
    def live_name(self) -> str:
        return self.backend.index_name

    def connection_options(self, name: str) -> dict:
        return {"INDEX_NAME": name}

    def engine_settings(self):
        return self.backend.DEFAULT_SETTINGS

    def live(self) -> LiveIndex | None:
        try:
            mappings = self.backend.conn.indices.get_mapping(index=self.live_name)
        except self.backend.not_found_error:
            return None
        ((name, mapping),) = mappings.items()
        record = mapping.get("mappings", {}).get("_meta", {}).get("parley_build")
        return LiveIndex(name=name, record=record, documents=self.documents())

    def create(self, name: str):
        backend = self.backend_for(name)
        # Created here first, refused if it exists (Haystack's own set-up ignores that), then given
        # Haystack's mapping by its set-up.
        backend.conn.indices.create(index=name, body=backend.DEFAULT_SETTINGS)
        backend.setup()
        return backend

    def record(self, backend, record: dict) -> None:
        backend.conn.indices.put_mapping(index=backend.index_name, body={"_meta": {"parley_build": record}})
        backend.conn.indices.refresh(index=backend.index_name)

    def switch(self, backend) -> list[str]:
        """Point the live alias at ``backend``'s index in one request; return the indexes it leaves."""
        alias, new = self.live_name, backend.index_name
        try:
            old = [index for index in self.backend.conn.indices.get_alias(name=alias) if index != new]
            actions = [{"remove": {"index": index, "alias": alias}} for index in old]
            drop_now = []
        except self.backend.not_found_error:
            # No alias yet: a concrete index of that name (an in-place build) goes in the same request.
            old = []
            exists = self.backend.conn.indices.exists(index=alias)
            actions = [{"remove_index": {"index": alias}}] if exists else []
            drop_now = [alias] if exists else []
        actions.append({"add": {"index": new, "alias": alias}})
        self.backend.conn.indices.update_aliases(body={"actions": actions})
        log.info("search index alias %s now points at %s (was %s)", alias, new, ", ".join(old + drop_now) or "none")
        return old

    def drop(self, name: str) -> None:
        self.backend.conn.indices.delete(index=name, ignore=404)


class SolrGenerations(ClusterGenerations):
    @property
    def base_url(self) -> str:
        """The Solr base URL (``.../solr``) without the core."""
        return self.backend.conn.url.rstrip("/").rsplit("/", 1)[0]

    @property
    def live_name(self) -> str:
        return self.backend.conn.url.rstrip("/").rsplit("/", 1)[1]

    def connection_options(self, name: str) -> dict:
        return {"URL": f"{self.base_url}/{name}"}

    def engine_settings(self):
        return {"configset": self.config_set}

    @property
    def config_set(self) -> str:
        return settings.PARLEY_SOLR_CONFIGSET

    def request(self, path: str, **params) -> dict:
        """GET ``path`` under the Solr base URL with the live connection's session, credentials and TLS options."""
        from pysolr import SolrError

        conn = self.backend.conn
        response = conn.get_session().get(
            f"{self.base_url}/{path}",
            params={**params, "wt": "json"},
            auth=conn.auth,
            verify=conn.verify,
            timeout=conn.timeout,
        )
        if response.status_code != 200:
            action = params.get("action", "")
            raise SolrError(f"Solr refused {path} {action} (HTTP {response.status_code}): {response.text[:300]}")
        return response.json()

    def core_admin(self, action: str, **params) -> dict:
        return self.request("admin/cores", action=action, **params)

    def live(self) -> LiveIndex | None:
        status = self.core_admin("STATUS", core=self.live_name)["status"].get(self.live_name) or {}
        if not status:
            return None
        found = self.request(f"{self.live_name}/get", id=BUILD_RECORD_ID).get("doc")
        record = json.loads(found["parley_build_s"]) if found and found.get("parley_build_s") else None
        folder = str(status.get("instanceDir", self.live_name)).rstrip("/").rsplit("/", 1)[-1]
        return LiveIndex(name=folder, record=record, documents=self.documents())

    def create(self, name: str):
        self.core_admin("CREATE", name=name, instanceDir=name, configSet=self.config_set)
        return self.backend_for(name)

    def record(self, backend, record: dict) -> None:
        document = {"id": BUILD_RECORD_ID, "django_ct": BUILD_RECORD_ID, "django_id": "0"}
        backend.conn.add([{**document, "parley_build_s": json.dumps(record)}], commit=True)

    def switch(self, backend) -> list[str]:
        """Exchange the live core with ``backend``'s core; return the name the old index now has."""
        new = backend.conn.url.rstrip("/").rsplit("/", 1)[1]
        self.core_admin("SWAP", core=self.live_name, other=new)
        log.info("search core %s now serves the index built as %s", self.live_name, new)
        return [new]

    def drop(self, name: str) -> None:
        self.core_admin("UNLOAD", core=name, deleteIndex="true", deleteDataDir="true", deleteInstanceDir="true")


def generations_of(backend, using="default") -> ClusterGenerations | None:
    """Return the generations of a cluster ``backend`` (Haystack's Elasticsearch, Parley's OpenSearch, which
    is one, or Solr), or ``None``.

    Told by the backend's base classes' names: importing Haystack's cluster backends needs their
    client libraries, which a Whoosh deployment does not install.
    """
    bases = {cls.__name__ for cls in type(backend).__mro__}
    if "ElasticsearchSearchBackend" in bases:
        return ElasticsearchGenerations(backend, using)
    if "SolrSearchBackend" in bases:
        return SolrGenerations(backend, using)
    return None

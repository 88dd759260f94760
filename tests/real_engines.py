"""A real Elasticsearch, OpenSearch or Solr for the contract scenarios, as ``make test-cluster`` names it.

The contract scenarios (tests marked ``contract``) take the ``cluster`` fixture (tests/conftest.py):
in the default suite a stand-in of tests/cluster_engines.py, under ``make test-cluster`` a
:class:`RealEngine`, which offers what the scenarios use of a stand-in (``name``, ``search_url``,
``documents``, ``stop()``, ``refuse()``, ``lower_result_window()``), with ``stand_in = False`` so that
the checks of the request bodies (which only a stand-in records) are left to the default suite.

Each test gets an index of its own on the engine (Elasticsearch: the alias ``<index>-t<random>``;
Solr: a core created from the configset ``PARLEY_SOLR_CONFIGSET``) and removes it, and every index
its builds made, when it ends.
"""

import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from haystack import connections

from config.search_url import haystack_connections

CONTRACT_URL_ENV = "PARLEY_CONTRACT_SEARCH_URL"


def engine_name(search_url: str) -> str:
    """Return ``elasticsearch`` or ``solr`` for a contract run's ``SEARCH_URL``; refuse anything else."""
    scheme = urlsplit(search_url).scheme.partition("+")[0]
    if scheme not in ("elasticsearch", "opensearch", "solr"):
        raise ValueError(f"make test-cluster needs an elasticsearch://, opensearch:// or solr:// URL: {search_url!r}")
    return scheme


class RealEngine:
    stand_in = False

    @property
    def dialect(self) -> str:
        """``elasticsearch`` (Elasticsearch and OpenSearch: the same request bodies) or ``solr``."""
        return "solr" if self.name == "solr" else "elasticsearch"

    def __init__(self, search_url: str, data_dir, settings):
        self.name = engine_name(search_url)
        self.data_dir, self.settings = data_dir, settings
        self.suffix = f"t{uuid.uuid4().hex[:10]}"
        parts = urlsplit(search_url)
        base, _, own = parts.path.rstrip("/").rpartition("/")
        self.index = f"{own or 'parley'}-{self.suffix}"
        self.search_url = urlunsplit(parts._replace(path=f"{base}/{self.index}"))
        self.refusing = None

    # Set-up and clean-up ----------------------------------------------------------------

    def configure(self, search_url: str) -> None:
        config = haystack_connections(search_url, self.data_dir)
        connections.connections_info = self.settings.HAYSTACK_CONNECTIONS = config
        connections.reload("default")

    def start(self) -> "RealEngine":
        self.configure(self.search_url)
        # Reach the engine now: a run against nothing fails here, loudly.
        if self.dialect == "elasticsearch":
            connections["default"].get_backend().conn.info()
        else:
            self.generations().core_admin(
                "CREATE", name=self.index, instanceDir=self.index, configSet=settings.PARLEY_SOLR_CONFIGSET
            )
        return self

    def generations(self):
        from index.engine.rebuilds import generations_of

        return generations_of(connections["default"].get_backend())

    def remove(self) -> None:
        """Remove this test's index and every index its builds left (by the test's own name)."""
        if self.refusing is not None:
            self.refusing.shutdown()
        self.configure(self.search_url)
        if self.dialect == "elasticsearch":
            conn = connections["default"].get_backend().conn
            for name in conn.indices.get(index=f"{self.index}*"):
                conn.indices.delete(index=name)  # by name: Elasticsearch 8 refuses deleting by wildcard
            return
        engines = self.generations()
        status = engines.core_admin("STATUS")["status"]
        for core in status:
            if core == self.index or core.startswith(f"{self.index}-"):
                engines.drop(core)

    # What the scenarios use ---------------------------------------------------------------

    @property
    def documents(self) -> dict[str, dict]:
        """The stored fields of every document in this test's index, by identifier (read now)."""
        from index.engine.deep_paging import pages_of

        pages = pages_of(connections["default"].get_backend())
        return {doc["id"]: doc for doc in pages.documents(1000)}

    def stop(self) -> None:
        """Point Parley at a port where nothing listens: the engine is down, as far as Parley can tell."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.configure(self.with_address(f"127.0.0.1:{port}"))

    def refuse(self, status: int) -> None:
        """Point Parley at a server on loopback that answers every request with ``status``."""
        handler = type("Refusing", (_Refusing,), {"status": status})
        self.refusing = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.refusing.serve_forever, daemon=True).start()
        self.configure(self.with_address(f"127.0.0.1:{self.refusing.server_address[1]}"))

    def lower_result_window(self, size: int) -> None:
        """Set the live index's ``index.max_result_window`` (Elasticsearch; Solr has none)."""
        if self.dialect == "elasticsearch":
            conn = connections["default"].get_backend().conn
            conn.indices.put_settings(index=self.index, body={"index": {"max_result_window": size}})

    def with_address(self, address: str) -> str:
        parts = urlsplit(self.search_url)
        scheme = parts.scheme.replace("+https", "")  # the loopback stand-ins speak plain http
        return urlunsplit(parts._replace(scheme=scheme, netloc=address, query=""))


class _Refusing(BaseHTTPRequestHandler):
    status = 503

    def _answer(self):
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(b"{}")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

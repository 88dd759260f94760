"""Serve a stand-in engine (tests/cluster_engines.py) until stopped, to try ``make test-cluster`` without one.

    .venv/bin/python -m tests.serve_stand_in elasticsearch   # or opensearch, solr: prints a SEARCH_URL

A check of the contract run's own machinery (tests/real_engines.py), not of an engine: a real
Elasticsearch, OpenSearch or Solr is what ``make test-cluster`` is for.
"""

import signal
import sys

from tests.cluster_engines import start_cluster

if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "elasticsearch"
    if name not in ("elasticsearch", "opensearch", "solr"):
        sys.exit("usage: python -m tests.serve_stand_in elasticsearch|opensearch|solr")
    stops = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stops)  # before the server's threads start: they inherit it
    stand_in = start_cluster(name)
    print(stand_in.search_url, flush=True)
    signal.sigwait(stops)
    stand_in.stop()

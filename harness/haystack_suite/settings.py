"""Haystack's own test settings, with every Whoosh connection on the engine under test.

The engine is Parley's unless ``HAYSTACK_SUITE_ENGINE=stock`` (the baseline run:
Haystack's own backend). The Elasticsearch and Solr connections are left out:
no server runs here, and the Whoosh tests never use them (but load every
connection when they reset the query log).
"""

import os
import sys

from harness.haystack_suite.fetch import suite_folder

STOCK_ENGINE = "haystack.backends.whoosh_backend.WhooshEngine"
PARLEY_ENGINE = "index.engine.whoosh.ParleyWhooshEngine"
ENGINE_UNDER_TEST = STOCK_ENGINE if os.environ.get("HAYSTACK_SUITE_ENGINE") == "stock" else PARLEY_ENGINE

sys.path.insert(0, str(suite_folder()))

from test_haystack.settings import *  # noqa: E402, F403 - the suite's settings, adjusted below
from test_haystack.settings import HAYSTACK_CONNECTIONS as SUITE_CONNECTIONS  # noqa: E402

HAYSTACK_CONNECTIONS = {
    alias: {**connection, "ENGINE": ENGINE_UNDER_TEST} if connection["ENGINE"] == STOCK_ENGINE else connection
    for alias, connection in SUITE_CONNECTIONS.items()
    if alias not in ("elasticsearch", "solr")
}

"""pytest plugin that runs Haystack's Whoosh tests against Parley's engine.

* Haystack's ``WhooshTestCase`` empties and prepares the index folder of every
  connection whose engine is exactly the stock one; here it does the same for
  the engine under test (see settings.py).
* The tests of what Parley leaves out on purpose are marked as expected failures
  (strict: one that starts passing fails the run), each with its reason; the
  README lists the same ones.
"""

import shutil
from pathlib import Path

import pytest

# Test id (relative to whoosh_tests/) → why Parley's engine differs on purpose.
DELIBERATE_DIFFERENCES: dict[str, str] = {}


def prepare_index_folders():
    """Empty the index folder of every file-stored Whoosh connection and create its index again."""
    from django.conf import settings
    from haystack import connections

    from harness.haystack_suite.settings import ENGINE_UNDER_TEST

    for alias, connection in settings.HAYSTACK_CONNECTIONS.items():
        if connection["ENGINE"] != ENGINE_UNDER_TEST or connection.get("STORAGE", "file") != "file":
            continue
        if Path(connection["PATH"]).exists():
            shutil.rmtree(connection["PATH"])
        connections[alias].get_backend().setup()


def remove_index_folders():
    from django.conf import settings

    from harness.haystack_suite.settings import ENGINE_UNDER_TEST

    for connection in settings.HAYSTACK_CONNECTIONS.values():
        if connection["ENGINE"] == ENGINE_UNDER_TEST and connection.get("STORAGE", "file") == "file":
            shutil.rmtree(connection["PATH"], ignore_errors=True)


def bridge_whoosh_test_case():
    """Make Haystack's ``WhooshTestCase`` prepare the folders of the engine under test."""
    from test_haystack.whoosh_tests.testcases import WhooshTestCase

    parent = WhooshTestCase.__mro__[1]

    def set_up_class(cls):
        prepare_index_folders()
        super(WhooshTestCase, cls).setUpClass()

    def tear_down_class(cls):
        remove_index_folders()
        super(WhooshTestCase, cls).tearDownClass()

    assert parent.__name__ == "TestCase"
    WhooshTestCase.setUpClass = classmethod(set_up_class)
    WhooshTestCase.tearDownClass = classmethod(tear_down_class)


def pytest_configure(config):
    bridge_whoosh_test_case()


def test_id(item) -> str:
    """Return ``file.py::Class::test`` for a collected test of Haystack's suite."""
    return f"{item.path.name}::{item.nodeid.split('::', 1)[1]}"


def pytest_collection_modifyitems(config, items):
    collected = {test_id(item): item for item in items}
    files = {item.path.name for item in items}
    for name, reason in DELIBERATE_DIFFERENCES.items():
        item = collected.get(name)
        if item is not None:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))
        elif name.split("::", 1)[0] in files:
            raise pytest.UsageError(f"a deliberate difference names a test that does not exist: {name}")

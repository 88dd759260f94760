"""Shared test fixtures: real database, real Whoosh index in a temporary folder."""

import os

import pytest
from django.core.management import call_command
from haystack import connections

from config.search_url import WHOOSH_ENGINE

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


def pytest_collection_modifyitems(config, items):
    """With PARLEY_DATABASE_TESTS_ONLY=1 (the PostgreSQL run), keep only the tests that reach a database.

    pytest-django refuses database access to a test that asked for none, so a test without
    the ``django_db`` mark or a database fixture gives the same result on every database; a
    gunicorn test reaches its database from other processes, and is kept (its marks decide).
    """
    if os.environ.get("PARLEY_DATABASE_TESTS_ONLY") != "1":
        return
    kept, left_out = [], []
    for item in items:
        reaches = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames)
        (kept if reaches or item.get_closest_marker("server") else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture
def search_index(tmp_path, settings):
    """A fresh, empty Whoosh index in a temporary folder for this test only."""
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": WHOOSH_ENGINE, "PATH": str(tmp_path / "whoosh")}
    }
    connections.reload("default")
    yield connections["default"].get_backend()
    connections.reload("default")


@pytest.fixture
def seeds(db):
    """The reference countries and the two curated seed articles, with their offices and meetings."""
    call_command("loaddata", "countries", "seeds", "offices", "meetings", verbosity=0)


@pytest.fixture
def indexed_seeds(seeds, search_index):
    """The seeds, published and indexed."""
    from index.build import build_whoosh_index

    build_whoosh_index()
    return search_index


@pytest.fixture
def import_dirs(tmp_path, settings):
    """Import jobs' folders and upload temporary files in a temporary folder for this test."""
    settings.PARLEY_IMPORT_DIR = tmp_path / "imports"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "imports" / "incoming")
    (tmp_path / "imports" / "incoming").mkdir(parents=True)
    return settings.PARLEY_IMPORT_DIR


@pytest.fixture(autouse=True)
def fresh_aggregate_cache():
    """A test database rolled back reuses change numbers; cached page aggregates must not leak across tests."""
    from records import aggregate_cache

    aggregate_cache.clear()
    yield
    aggregate_cache.clear()


@pytest.fixture(autouse=True)
def generous_limits(settings, tmp_path):
    """In-process tests send requests faster than one client may: their own counters, out of the way.
    The limits themselves are tested with their own settings (tests/test_throttle.py, tests/test_limits_live.py)."""
    settings.PARLEY_LIMITS_DIR = tmp_path / "limits"
    settings.PARLEY_LIMITS = {
        kind: {**limits, "client_rate": 1e6, "client_burst": 1e6, "total_rate": 1e6, "total_burst": 1e6}
        for kind, limits in settings.PARLEY_LIMITS.items()
    }
    settings.PARLEY_SEARCH_SHARE = {"per_second": 0, "burst": 0}


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """In-process tests render templates without a collectstatic manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def live_parley(tmp_path_factory):
    """Parley under gunicorn with the seeds, as ``make run`` leaves it, plus 42 routine
    articles about Georgia and Türkiye (2015-2021) so that searches have pages and years."""
    from harness.live_server import LiveParley, write_extra_articles

    data_dir = tmp_path_factory.mktemp("live-data")
    extra = write_extra_articles(data_dir / "extra-articles.json", count=42)
    # Without request limits (harness/served.py): they have their own server (tests/test_limits_live.py).
    server = LiveParley(data_dir, extra_fixtures=[extra]).prepare().start()
    yield server
    server.stop()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django's ORM would refuse to run beside it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


STAND_INS = ["elasticsearch", "elasticsearch8", "opensearch", "solr"]


def cluster_engines(among=STAND_INS) -> list[str]:
    """The engines a ``cluster`` fixture runs with, of those ``among``: the real one ``make test-cluster``
    names (if it is among them), else their stand-ins."""
    from tests.real_engines import CONTRACT_URL_ENV, engine_name

    url = os.environ.get(CONTRACT_URL_ENV)
    return [name for name in ([engine_name(url)] if url else STAND_INS) if name in among]


def serve_cluster(name, settings, tmp_path):
    """Yield the engine ``name`` with Haystack configured for it as ``SEARCH_URL`` would: a stand-in on
    loopback (tests/cluster_engines.py), or under ``make test-cluster`` the real engine (tests/real_engines.py)."""
    from config.search_url import haystack_connections
    from tests.cluster_engines import start_cluster
    from tests.real_engines import CONTRACT_URL_ENV, RealEngine

    if os.environ.get(CONTRACT_URL_ENV):
        real = RealEngine(os.environ[CONTRACT_URL_ENV], tmp_path, settings).start()
        yield real
        real.remove()
        connections.reload("default")
        return
    stand_in = start_cluster(name)
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = haystack_connections(stand_in.search_url, tmp_path)
    connections.reload("default")
    yield stand_in
    stand_in.stop()
    connections.reload("default")


@pytest.fixture(params=cluster_engines())
def cluster(request, settings, tmp_path):
    """A cluster engine for the test, which runs once with each stand-in (Elasticsearch 7.17 and 8, OpenSearch 2,
    Solr 9), or with the real engine ``make test-cluster`` names (see :func:`serve_cluster`)."""
    yield from serve_cluster(request.param, settings, tmp_path)

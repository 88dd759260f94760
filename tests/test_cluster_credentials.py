"""A cluster engine behind a password and TLS: ``SEARCH_URL``'s credentials and TLS options reach the
client libraries, and the password is never shown or logged.

Against the stand-in engines of tests/cluster_engines.py served over https with a certificate made for
the test (``openssl``), requiring HTTP basic authentication as an engine with security on does.
"""

import logging
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from haystack import connections

from config.search_url import haystack_connections
from index.build import searchable_records
from index.models import IndexChange
from index.queue import enqueue
from index.worker import IndexWorker
from tests.cluster_engines import basic_authorization, start_cluster

pytestmark = pytest.mark.django_db

USER, PASSWORD = "parley", "p@ss:w/rd-7"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """Return ``(certificate, key)`` files of a self-signed certificate for 127.0.0.1."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "engine.pem", folder / "engine.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


@pytest.fixture(params=["elasticsearch", "opensearch", "solr"])
def secured(request, settings, tmp_path, certificate):
    """A stand-in engine over https with a password; ``use(options)`` configures Haystack for it."""
    stand_in = start_cluster(request.param, credentials=(USER, PASSWORD), tls=certificate)

    def use(options: str = f"?ca={certificate[0]}", password: str = PASSWORD):
        url = stand_in.search_url.replace(quote(PASSWORD, safe=""), quote(password, safe="")) + options
        connections.connections_info = settings.HAYSTACK_CONNECTIONS = haystack_connections(url, tmp_path)
        connections.reload("default")
        return url

    yield stand_in, use
    stand_in.stop()
    connections.reload("default")


def index_everything():
    for kind, pk in searchable_records():
        enqueue([pk], kind=kind, with_meetings=False)
    IndexWorker().drain()


def test_credentials_and_the_ca_file_reach_the_engine(client, seeds, secured):
    stand_in, use = secured
    use()
    index_everything()
    assert IndexChange.objects.count() == 0 and stand_in.engine.documents
    page = client.get("/search/?q=Hasanov")
    assert page.status_code == 200 and b"Hasanov" in page.content
    assert stand_in.engine.requests
    assert {request.headers.get("authorization") for request in stand_in.engine.requests} == {
        basic_authorization(USER, PASSWORD)
    }


def test_a_certificate_not_trusted_is_refused_unless_verification_is_off(client, seeds, secured):
    stand_in, use = secured
    use("")  # the client's default: verify against the system's authorities, which do not know this one
    assert client.get("/search/?q=Hasanov").status_code == 503
    assert not stand_in.engine.requests  # refused before any request reached the engine
    use("?verify=false")
    index_everything()
    assert client.get("/search/?q=Hasanov").status_code == 200 and stand_in.engine.requests


def test_a_wrong_password_is_an_engine_fault_and_never_shown_or_logged(client, seeds, secured, caplog):
    caplog.set_level(logging.DEBUG)
    stand_in, use = secured
    wrong = "wr0ng-secret"
    use(password=wrong)
    page = client.get("/search/?q=Hasanov")
    assert page.status_code == 503 and int(page["Retry-After"]) > 0
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["index"]["ok"] is False
    # The engine refuses every request: the whole batch stays queued, no record counted as refused.
    for kind, pk in searchable_records():
        enqueue([pk], kind=kind, with_meetings=False)
    before = sorted(IndexChange.objects.values_list("pk", "attempts"))
    with pytest.raises(Exception):  # noqa: B017, PT011 - the client's own 401 error, whichever engine
        IndexWorker().run_batch()
    assert sorted(IndexChange.objects.values_list("pk", "attempts")) == before
    assert stand_in.engine.requests and all(
        request.headers.get("authorization") == basic_authorization(USER, wrong) for request in stand_in.engine.requests
    )
    for shown in (page.content.decode(), health.content.decode(), caplog.text):
        assert wrong not in shown and quote(wrong) not in shown


def test_diffsettings_does_not_show_the_password(tmp_path, certificate):
    url = f"elasticsearch+https://{USER}:{quote(PASSWORD, safe='')}@search.internal:9200/parley?ca={certificate[0]}"
    env = {**os.environ, "SEARCH_URL": url, "PARLEY_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    shown = subprocess.run(
        [sys.executable, "manage.py", "diffsettings"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "HAYSTACK_CONNECTIONS" in shown and "BasicAuth('parley', '********')" in shown
    assert PASSWORD not in shown and quote(PASSWORD, safe="") not in shown

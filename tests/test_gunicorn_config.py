"""gunicorn as config/gunicorn.conf.py sets it up: whom it trusts, and what its error log writes."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from config.log_filters import without_query_strings
from harness.served import Gunicorn

pytestmark = pytest.mark.server
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data_env(tmp_path_factory):
    """A migrated SQLite data folder, and the environment that serves it (no DJANGO_/PARLEY_ settings)."""
    data_dir = tmp_path_factory.mktemp("gunicorn-data")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PARLEY_", "DATABASE_URL"))}
    env["PARLEY_DATA_DIR"] = str(data_dir)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    return env


def get(server: Gunicorn, path: str, headers: dict) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


@pytest.mark.parametrize(("behind_proxy", "redirected"), [("", True), ("1", False)])
def test_x_forwarded_proto_is_trusted_only_from_a_declared_proxy(data_env, behind_proxy, redirected):
    """gunicorn trusted the header from 127.0.0.1 by default: a plain-HTTP request claiming
    HTTPS skipped the HTTPS redirect without DJANGO_BEHIND_PROXY."""
    env = {**data_env, "DJANGO_SECURE_SSL": "1", "DJANGO_BEHIND_PROXY": behind_proxy}
    with Gunicorn(env, workers=1).start(probe="/healthz") as server:
        response = get(server, "/admin/login/", {"X-Forwarded-Proto": "https"})
    if redirected:
        assert response.status == 301 and response.getheader("Location").startswith("https://")
    else:
        assert response.status == 200


def test_a_worker_killed_at_its_timeout_leaves_no_query_string_in_the_error_log(data_env, tmp_path):
    """A request that outlives the worker's timeout (here a body that never comes): gunicorn logs
    "Error handling request <method> <uri>" (gunicorn 27; 23 left the method out), which named the
    query string. Parley's own workers are gthread, which never kill a request at its timeout; a sync
    worker does, through the same logger."""
    log_path = tmp_path / "gunicorn.log"
    with (
        log_path.open("wb") as log,
        Gunicorn(
            data_env, workers=1, args=["--timeout", "2", "--worker-class", "sync", "--threads", "1"], stderr=log
        ).start(probe="/healthz") as server,
        socket.create_connection(("127.0.0.1", server.port), timeout=30) as client,
    ):
        client.sendall(
            b"POST /admin/login/?next=/admin/&token=secret-query-value HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Cookie: csrftoken=" + b"a" * 32 + b"\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nusername=x"
        )
        deadline = time.monotonic() + 30
        while b"Error handling request" not in log_path.read_bytes():
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
    text = log_path.read_text()
    assert "secret-query-value" not in text and "next=" not in text
    assert "Error handling request POST /admin/login/?[query left out]" in text


def test_query_strings_are_cut_from_any_message():
    assert without_query_strings("Error handling request /search/?q=private+words&page=2") == (
        "Error handling request /search/?[query left out]"
    )
    assert without_query_strings("Invalid request line 'GET /a?b=c HTTP/1.1 x'") == (
        "Invalid request line 'GET /a?[query left out] HTTP/1.1 x'"
    )
    assert without_query_strings("Is it done? Yes.") == "Is it done? Yes."


def resolved_config(env: dict) -> dict:
    """Return gunicorn's own reading of config/gunicorn.conf.py under ``env`` (``--print-config``)."""
    completed = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "config/gunicorn.conf.py",
            "--print-config",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in completed.stdout.splitlines())
        if value
    }


@pytest.mark.parametrize(
    ("variables", "bind", "trusted"),
    [
        ({"PORT": "8123"}, "['127.0.0.1:8123']", "[]"),
        ({"PARLEY_BIND": "0.0.0.0:9000, unix:/run/parley.sock"}, "['0.0.0.0:9000', 'unix:/run/parley.sock']", "[]"),
        ({"DJANGO_BEHIND_PROXY": "1"}, "['127.0.0.1:8000']", "['127.0.0.1', '::1']"),
        ({"DJANGO_BEHIND_PROXY": "1", "PARLEY_PROXY_IPS": "10.0.0.5"}, "['127.0.0.1:8000']", "['10.0.0.5']"),
        ({"PARLEY_PROXY_IPS": "10.0.0.5"}, "['127.0.0.1:8000']", "[]"),
    ],
)
def test_bind_address_and_trusted_proxies_come_from_the_environment(data_env, variables, bind, trusted):
    """The bind address was fixed to 127.0.0.1, so a proxy on another host could not reach gunicorn;
    PARLEY_BIND sets it, and PARLEY_PROXY_IPS names that proxy (trusted only with DJANGO_BEHIND_PROXY)."""
    env = {k: v for k, v in data_env.items() if k != "PORT"} | variables
    config = resolved_config(env)
    assert (config["bind"], config["forwarded_allow_ips"]) == (bind, trusted)


def test_two_gunicorns_leave_no_control_socket_behind(data_env, tmp_path):
    """gunicorn 25.1+ opened a control socket at one path per user ($XDG_RUNTIME_DIR/gunicorn.ctl,
    else ~/.gunicorn/gunicorn.ctl): a second instance took it over and the first one's exit deleted it."""
    runtime, home = tmp_path / "run", tmp_path / "home"
    runtime.mkdir()
    home.mkdir()
    env = {**data_env, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(home)}
    with (
        Gunicorn(env, workers=1).start(probe="/healthz") as first,
        Gunicorn(env, workers=1).start(probe="/healthz") as second,
    ):
        assert get(first, "/admin/login/", {}).status == get(second, "/admin/login/", {}).status == 200
        assert sorted(path.name for path in [*runtime.rglob("*"), *home.rglob("*")]) == []
    assert resolved_config(env)["control_socket_disable"] == "True"

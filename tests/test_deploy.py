"""The deployment files as shipped: the systemd units pass ``systemd-analyze verify`` and start commands
that exist, and deploy/nginx/parley.conf, loaded by a real nginx (`make nginx` installs Debian's), serves
a real Parley under gunicorn: TLS, the HTTPS redirect, X-Forwarded-Proto trusted, static files, exports,
uploads past nginx's default 1 MB."""

import grp
import http.client
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.live_server import LiveParley
from harness.served import free_port

ROOT = Path(__file__).resolve().parent.parent
UNITS = sorted((ROOT / "deploy" / "systemd").iterdir())
SITE = ROOT / "deploy" / "nginx" / "parley.conf"
pytestmark = pytest.mark.server
HOST = "parley.example.org"


def command_exists(name: str) -> bool:
    return any(ROOT.glob(f"*/management/commands/{name}.py"))


def test_the_systemd_units_verify_and_start_parleys_own_commands(tmp_path):
    systemd_analyze = shutil.which("systemd-analyze")
    assert systemd_analyze, "systemd-analyze is missing (Debian's systemd package)"
    assert {unit.name for unit in UNITS} >= {
        "parley-web.service",
        "parley-index-worker.service",
        "parley-imports.service",
        "parley-alerts.service",
        "parley-alerts.timer",
    }
    (tmp_path / "parley.env").write_text("")
    # This checkout and the virtualenv running the tests (.venv, or make test-python's .venv-3.X) in place of
    # /srv/parley/app and its .venv: verify checks that ExecStart's programs exist.
    for unit in UNITS:
        text = unit.read_text().replace("/srv/parley/app/.venv", sys.prefix).replace("/srv/parley/app", str(ROOT))
        (tmp_path / unit.name).write_text(text.replace("/etc/parley/parley.env", str(tmp_path / "parley.env")))
        for command in re.findall(r"^ExecStart=\S+ manage\.py (\w+)", text, re.MULTILINE):
            assert command_exists(command), (unit.name, command)
    verified = subprocess.run(
        [systemd_analyze, "verify", "--man=no", *(unit.name for unit in UNITS)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    # Unknown keys and bad values are only warned about, with exit status 0: any output is a failure.
    assert (verified.returncode, verified.stdout + verified.stderr) == (0, "")


# nginx -----------------------------------------------------------------------------------------------


def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not found:
        pytest.fail("nginx is missing: `make nginx` installs Debian's (make test and .ci/run do)")
    return found


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "parley.crt", folder / "parley.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
         "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def site_for_test(folder: Path, ports: dict, cert: Path, key: Path) -> str:
    """Return deploy/nginx/parley.conf with its site-specific values (ports, upstream, certificate)
    replaced by this test's, each exactly where the shipped file has it."""
    text = SITE.read_text()
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{ports['http']};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{ports['https']} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "server 127.0.0.1:8000 ": f"server 127.0.0.1:{ports['gunicorn']} ",
        f"/etc/letsencrypt/live/{HOST}/fullchain.pem": str(cert),
        f"/etc/letsencrypt/live/{HOST}/privkey.pem": str(key),
        "root /var/www/letsencrypt;": f"root {folder / 'acme'};",
    }
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def nginx_config(folder: Path, site: str) -> Path:
    """Write a whole nginx.conf around the site, everything nginx writes kept in ``folder``."""
    (folder / "site.conf").write_text(site)
    user = f"{pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name}"
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = folder / "nginx.conf"
    config.write_text(
        f"user {user};\ndaemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} notice;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log {folder / 'access.log'};\n{temp}\n"
        f"    include {folder / 'site.conf'};\n}}\n"
    )
    return config


def wait_for_port(port: int, process: subprocess.Popen, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nginx did not listen on {port}")


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """Parley under gunicorn as deploy/parley.env.example sets it up behind nginx, and nginx with
    deploy/nginx/parley.conf in front of it on loopback; yields the ports and the certificate."""
    folder = tmp_path_factory.mktemp("nginx")
    parley = LiveParley(
        tmp_path_factory.mktemp("proxied-data"),
        workers=1,
        extra_env={
            "DJANGO_SECURE_SSL": "1",
            "DJANGO_HSTS_SECONDS": "600",
            "DJANGO_BEHIND_PROXY": "1",
            "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        },
    )
    parley.prepare()
    parley.server.start(probe="/healthz", timeout=60)  # exempt from the HTTPS redirect, which plain HTTP gets
    process = None
    try:  # gunicorn is stopped whatever fails next (nginx missing, its configuration refused)
        nginx = nginx_binary()
        cert, key = self_signed_certificate(folder)
        ports = {"http": free_port(), "https": free_port(), "gunicorn": parley.port}
        config = nginx_config(folder, site_for_test(folder, ports, cert, key))
        checked = subprocess.run(
            [nginx, "-t", "-c", str(config), "-e", str(folder / "error.log")], capture_output=True, text=True
        )
        assert checked.returncode == 0 and "syntax is ok" in checked.stderr, checked.stderr
        process = subprocess.Popen(
            [nginx, "-c", str(config), "-e", str(folder / "error.log")], stderr=subprocess.DEVNULL
        )
        wait_for_port(ports["https"], process)
        yield {"ports": ports, "cert": cert, "folder": folder}
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        parley.stop()


def request(proxied, path, method="GET", body=None, https=True, headers=None):
    """Send one request to nginx as a browser at https://parley.example.org/ would; return status, headers, body."""
    port = proxied["ports"]["https" if https else "http"]
    if https:
        context = ssl.create_default_context(cafile=str(proxied["cert"]))  # the certificate is verified
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=60, context=context)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    answer = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    connection.close()
    return answer


def test_plain_http_is_sent_to_https(proxied):
    status, headers, _ = request(proxied, "/search/?q=Hasanov", https=False)
    assert status == 301 and headers["location"] == f"https://{HOST}/search/?q=Hasanov"


def test_https_through_nginx_is_secure_to_parley(proxied):
    """With DJANGO_SECURE_SSL every plain request is redirected: a 200 (and HSTS, which Django sends only
    on secure requests) means gunicorn and Django trusted nginx's X-Forwarded-Proto."""
    status, headers, body = request(proxied, "/search/?q=Hasanov")
    assert status == 200, headers
    assert headers["strict-transport-security"].startswith("max-age=600")
    assert re.search(rb'id="result-count">[1-9]\d* article', body)


def test_static_files_come_through_with_whitenoises_caching(proxied):
    _, _, page = request(proxied, "/search/")
    stylesheet = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "no hashed stylesheet on the search page"
    status, headers, body = request(proxied, stylesheet[1].decode())
    assert status == 200 and body and headers["content-type"].startswith("text/css")
    assert "immutable" in headers["cache-control"] and "max-age=315360000" in headers["cache-control"]


def test_an_export_streams_through_the_export_location(proxied):
    status, headers, body = request(proxied, "/search/export.csv?q=Hasanov")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,date,headline") and len(lines) >= 2
    assert f"https://{HOST}/" in lines[1]  # the article's link: the scheme and host nginx passed on


def test_an_upload_past_nginxs_default_limit_reaches_parley(proxied):
    """nginx refuses bodies over 1 MB by default (413): the import page's 20 MB files would never arrive.
    Parley itself answers this one (no CSRF token: 403)."""
    status, _, _ = request(
        proxied, "/admin/login/", method="POST", body=b"x" * (3 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert status == 403

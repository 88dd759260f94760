"""A real Parley under gunicorn, on its own data folder and a free port."""

import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_USER, ADMIN_PASSWORD = "curator-admin", "a-long-test-password-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def own_postgres_database(url: str, suffix: str) -> str:
    """Create a fresh database beside the one ``url`` names and return its URL.

    Under ``make test-postgres`` every live server gets its own database, as each
    gets its own data folder with SQLite.
    """
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{suffix}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def write_extra_articles(path: Path, count: int) -> Path:
    """Write a fixture of ``count`` published articles (2015 to 2021, Georgia and Türkiye, one
    outlet, nobody from the seeds) so that searches have several pages and years; return ``path``."""
    from archive.text import content_fingerprint

    records = [
        {
            "model": "archive.source",
            "fields": {"name": "Caucasus Test Wire", "slug": "caucasus-test-wire", "homepage": "", "country": "GE"},
        }
    ]
    for n in range(count):
        day = datetime.date(2015, 2, 1) + datetime.timedelta(days=n * 55)
        body = f"Routine consultations in Tbilisi, round {n}. Delegations of Georgia and Turkey met on {day}."
        records.append(
            {
                "model": "archive.article",
                "fields": {
                    "title": f"Routine consultations in Tbilisi, round {n}",
                    "slug": f"{day:%Y-%m-%d}-routine-consultations-{n}",
                    "body": body,
                    "published_on": day.isoformat(),
                    "source": ["caucasus-test-wire"],
                    "status": "published",
                    "fingerprint": content_fingerprint(body),
                    "countries": ["GE", "TR"],
                    "created_at": "2026-01-01T00:00:00Z",
                    "updated_at": "2026-01-01T00:00:00Z",
                },
            }
        )
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


class LiveParley:
    """Prepare a data folder the way ``make run`` does, then serve it with gunicorn.

    ``extra_fixtures`` are loaded after the seeds and before the index is built.
    """

    def __init__(self, data_dir: Path, workers: int = 2, extra_env=None, extra_fixtures=()):
        self.extra_fixtures = [str(path) for path in extra_fixtures]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PARLEY_DATA_DIR": str(data_dir),
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
            **(extra_env or {}),
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        if self.env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            self.env["DATABASE_URL"] = own_postgres_database(self.env["DATABASE_URL"], f"live_{self.port}")
        self.process = None

    def prepare(self):
        manage(self.env, "migrate", "--noinput")
        manage(self.env, "bootstrap")
        for fixture in self.extra_fixtures:
            manage(self.env, "loaddata", fixture)
        manage(self.env, "build_index", "--if-stale")
        manage(self.env, "collectstatic", "--noinput")
        manage(self.env, "createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "a@example.org")
        return self

    def start(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/search/", timeout=2)
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited at start") from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

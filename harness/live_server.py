"""A real Parley under gunicorn, on its own data folder and a free port."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

from harness.served import Gunicorn

ROOT = Path(__file__).resolve().parent.parent
ADMIN_USER, ADMIN_PASSWORD = "curator-admin", "a-long-test-password-1"


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
        env = {
            **os.environ,
            "PARLEY_DATA_DIR": str(data_dir),
            "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
            **(extra_env or {}),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.server = Gunicorn(env, workers=workers)
        self.port, self.url, self.env = self.server.port, self.server.url, self.server.env
        if self.env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            self.env["DATABASE_URL"] = own_postgres_database(self.env["DATABASE_URL"], f"live_{self.port}")

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
        self.server.start(probe="/search/", timeout=30)
        return self

    @property
    def process(self):
        return self.server.process

    def stop(self):
        self.server.stop(timeout=20)

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


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def own_postgres_database(url: str, suffix: str, template: str | None = None) -> str:
    """Create a fresh database beside the one ``url`` names (a copy of the database at ``template``,
    a URL, if given) and return its URL.

    Under ``make test-postgres`` every live server gets its own database, as each
    gets its own data folder with SQLite.
    """
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{suffix}"
    copy_of = f' TEMPLATE "{urlsplit(template).path.lstrip("/")}"' if template else ""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"{copy_of}')
    return urlunsplit(parts._replace(path=f"/{name}"))


class PreparedArchive:
    """The archive ``make run`` leaves before serving (migrated, reference data and seeds, index,
    the test superuser), prepared once per test process and copied for each live server.

    Six ``manage.py`` runs per server (migrations alone take seconds) become a folder copy and, on
    PostgreSQL, ``CREATE DATABASE … TEMPLATE``. The static files are collected once as well: every
    server of a run reads the same ``STATIC_ROOT``.
    """

    _prepared: "PreparedArchive | None" = None

    def __init__(self, folder: Path, database_url: str | None):
        self.folder, self.database_url = folder, database_url

    @classmethod
    def get(cls, env: dict) -> "PreparedArchive":
        if cls._prepared is None:
            import atexit
            import shutil
            import tempfile

            folder = Path(tempfile.mkdtemp(prefix="parley-prepared-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            env = {**env, "PARLEY_DATA_DIR": str(folder)}
            database_url = None
            if is_postgres(env.get("DATABASE_URL", "")):
                database_url = env["DATABASE_URL"] = own_postgres_database(env["DATABASE_URL"], "prepared")
            manage(env, "migrate", "--noinput")
            manage(env, "bootstrap")
            manage(env, "build_index", "--if-stale")
            manage(env, "collectstatic", "--noinput")
            manage(env, "createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "a@example.org")
            cls._prepared = cls(folder, database_url)
        return cls._prepared

    def copy_to(self, data_dir: Path) -> None:
        """Copy the prepared data folder (SQLite database, index generations and their link, secret key) into
        ``data_dir``, which may already hold the caller's own files."""
        import shutil

        shutil.copytree(self.folder, data_dir, symlinks=True, dirs_exist_ok=True)


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
        self.data_dir = Path(data_dir)
        self.server = Gunicorn(env, workers=workers)
        self.port, self.url, self.env = self.server.port, self.server.url, self.server.env

    def prepare(self):
        """Make the data folder (and database) what ``make run`` leaves, from :class:`PreparedArchive`;
        then load the extra fixtures and bring the index up to date with them."""
        prepared = PreparedArchive.get(self.env)
        prepared.copy_to(self.data_dir)
        if is_postgres(self.env.get("DATABASE_URL", "")):
            self.env["DATABASE_URL"] = own_postgres_database(
                self.env["DATABASE_URL"], f"live_{self.port}", template=prepared.database_url
            )
        for fixture in self.extra_fixtures:
            manage(self.env, "loaddata", fixture)
        if self.extra_fixtures:
            manage(self.env, "build_index", "--if-stale")
        return self

    def start(self):
        self.server.start(probe="/search/", timeout=30)
        return self

    @property
    def process(self):
        return self.server.process

    def stop(self):
        self.server.stop(timeout=20)

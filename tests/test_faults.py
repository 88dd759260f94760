"""Faults of the search index: missing, empty, unreadable, disk full; and /healthz.

Each fault is made for real on a real Whoosh index in a temporary folder. Public
pages that need the index answer 503 with a plain message, the admin and the
database-only pages keep working, /healthz says what is wrong, and
``build_index --if-unusable`` (what ``make run`` runs before serving) and
``build_index --if-stale`` repair it.
"""

import errno
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from whoosh.writing import SegmentWriter

from index import build as indexing
from index import generations

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/"


def live_folder(backend) -> Path:
    """Return the generation folder the live index symlink points at."""
    return Path(backend.path).resolve()


def remove_index(backend):
    shutil.rmtree(live_folder(backend))
    Path(backend.path).unlink()


def empty_index(backend):
    """The index folder exists but holds nothing (a failed copy, a wiped volume)."""
    folder = live_folder(backend)
    shutil.rmtree(folder)
    folder.mkdir()


def corrupt_index(backend):
    """Every file of the index overwritten with garbage, as a bad disk or a bad copy would."""
    for path in live_folder(backend).iterdir():
        if path.name != generations.MARKER:
            path.write_bytes(b"\x00garbage\xff" * 7)


def truncate_segments(backend):
    """Segment files cut short; the table of contents still names them."""
    for path in live_folder(backend).iterdir():
        if path.suffix == ".seg":
            path.write_bytes(path.read_bytes()[:64])


FAULTS = {"missing": remove_index, "empty": empty_index, "corrupt": corrupt_index, "truncated": truncate_segments}


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "a-long-test-password-1")
    client.force_login(user)
    return client


@pytest.mark.parametrize("fault", FAULTS)
def test_broken_index_gives_503_with_a_message_and_the_admin_keeps_working(client, admin_client, indexed_seeds, fault):
    assert client.get("/search/?q=Bagheri").status_code == 200  # searched once: the backend holds the index open
    FAULTS[fault](indexed_seeds)

    response = client.get("/search/?q=Bagheri")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Search is unavailable" in html and "manage.py build_index" in html
    assert "Traceback" not in html and str(indexed_seeds.path) not in html
    assert response["Retry-After"]

    assert client.get(ARTICLE).status_code == 200  # pages read from the database keep answering
    assert admin_client.get("/admin/archive/article/").status_code == 200
    article_id = admin_client.get("/admin/archive/article/").context["cl"].result_list[0].pk
    assert admin_client.get(f"/admin/archive/article/{article_id}/change/").status_code == 200

    health = client.get("/healthz")
    assert health.status_code == 503
    report = health.json()
    assert report["database"]["ok"] is True and report["index"]["ok"] is False
    assert report["index"]["problem"]


@pytest.mark.parametrize("fault", FAULTS)
def test_build_index_if_stale_repairs_a_broken_index(client, indexed_seeds, fault):
    FAULTS[fault](indexed_seeds)
    assert generations.is_stale()
    call_command("build_index", "--if-stale", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.get("/search/?q=Bagheri")
    assert response.status_code == 200 and "Mohammad Bagheri in Baku" in response.content.decode()
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("fault", FAULTS)
def test_build_index_if_unusable_repairs_a_broken_index(client, indexed_seeds, fault):
    FAULTS[fault](indexed_seeds)
    assert not generations.is_usable()
    call_command("build_index", "--if-unusable", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert generations.is_usable() and not generations.is_stale()
    response = client.get("/search/?q=Bagheri")
    assert response.status_code == 200 and "Mohammad Bagheri in Baku" in response.content.decode()


def test_build_index_if_unusable_leaves_a_stale_index_serving(client, indexed_seeds):
    """``make run`` starts at once on a stale index and rebuilds it in the background."""
    from io import StringIO

    from archive.models import Article

    article = Article.objects.get(slug__contains="bagheri")
    article.title = "Hasanov and Bagheri: a new headline"
    article.save()  # queued for the index worker, which is not running
    live = live_folder(indexed_seeds)
    assert generations.is_stale() and generations.is_usable()
    out = StringIO()
    call_command("build_index", "--if-unusable", stdout=out)
    assert "can serve (stale" in out.getvalue()
    assert live_folder(indexed_seeds) == live  # not rebuilt
    assert client.get("/search/?q=Bagheri").status_code == 200


def test_build_index_if_unusable_rebuilds_an_index_of_another_schema(indexed_seeds):
    marker = live_folder(indexed_seeds) / generations.MARKER
    marker.write_text(json.dumps(json.loads(marker.read_text()) | {"schema": "an older schema"}))
    assert not generations.is_usable()
    call_command("build_index", "--if-unusable", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert generations.is_usable()


def test_an_index_haystack_created_but_nobody_built_is_not_served_as_empty_results(client, seeds, search_index):
    search_index.setup()  # Haystack creates an empty index on first use
    response = client.get("/search/?q=Bagheri")
    assert response.status_code == 503 and "not been built" in response.content.decode()


def test_healthz_reports_database_index_and_documents(client, indexed_seeds):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = json.loads(response.content)
    assert report["status"] == "ok"
    assert report["database"] == {"ok": True, "published": 2}
    # Two articles, their two meetings, the agreement signed at one.
    assert report["index"]["ok"] is True and report["index"]["documents"] == 5
    assert report["index"]["last_build"].endswith("Z")
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_reports_an_index_emptied_while_articles_are_published(client, seeds, search_index):
    from archive.models import Article

    Article.objects.update(status=Article.Status.DRAFT)
    indexing.build_whoosh_index()  # a complete, valid index of nothing
    Article.objects.update(status=Article.Status.PUBLISHED)
    report = client.get("/healthz").json()
    assert report["index"]["documents"] == 0 and report["index"]["ok"] is False
    assert "empty" in report["index"]["problem"]


def test_disk_full_while_indexing_keeps_the_old_index_serving_and_cleans_up(client, indexed_seeds, monkeypatch, caplog):
    live = Path(indexed_seeds.path)
    before = live.resolve()
    generations = sorted(p.name for p in live.parent.iterdir())

    def disk_full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "commit", disk_full)
    with pytest.raises(OSError, match="No space left"):
        indexing.build_whoosh_index()

    assert live.resolve() == before  # still the old generation
    assert sorted(p.name for p in live.parent.iterdir()) == generations  # the half-built one is gone
    assert any("index build failed" in r.getMessage() for r in caplog.records)
    response = client.get("/search/?q=Bagheri")
    assert response.status_code == 200 and "Mohammad Bagheri in Baku" in response.content.decode()


def test_build_index_retries_after_a_failed_build(indexed_seeds, monkeypatch):
    real_build = indexing.build_whoosh_index
    calls = []

    def fails_once(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_build(**kwargs)

    monkeypatch.setattr(indexing, "build_whoosh_index", fails_once)
    call_command("build_index", "--retry-delay", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(calls) == 2
    assert not generations.is_stale()


def test_build_index_gives_up_after_its_retries_with_an_error(indexed_seeds, monkeypatch):
    from django.core.management.base import CommandError

    def always_full(**kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(indexing, "build_whoosh_index", always_full)
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("build_index", "--retries", "2", "--retry-delay", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_an_index_filled_by_updates_without_a_full_build_is_served(client, seeds, search_index):
    from haystack import connections

    from archive.models import Article

    search_index.update(connections["default"].get_unified_index().get_index(Article), Article.objects.published())
    response = client.get("/search/?q=Bagheri")
    assert response.status_code == 200 and "Mohammad Bagheri in Baku" in response.content.decode()


# Every page, API, export and feed that reads the index: the same 503 when it is missing (the
# agreements' views among them, listed in PARLEY_INDEX_VIEWS like the others).
INDEX_URLS = [
    "/search/?q=Bagheri",
    "/api/search?q=Bagheri",
    "/search/export.csv",
    "/search/feed.atom",
    "/meetings/",
    "/api/meetings",
    "/meetings/export.jsonl",
    "/meetings/feed.atom",
    "/agreements/",
    "/api/agreements",
    "/agreements/export.csv",
    "/agreements/export.jsonl",
    "/agreements/feed.atom",
]


@pytest.mark.parametrize("url", INDEX_URLS)
def test_every_reader_of_a_missing_index_answers_503_with_retry_after(client, indexed_seeds, url):
    remove_index(indexed_seeds)
    response = client.get(url)
    assert response.status_code == 503, url
    assert response["Retry-After"]

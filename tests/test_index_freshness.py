"""Whether the index shows the archive (index/freshness.py): counts compared, stale marks, /healthz, the admin."""

import pytest
from django.core.management import call_command

from archive import synthetic
from archive.models import Article
from index import build as indexing
from index import generations
from index.freshness import article_freshness
from index.models import IndexChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_seeds(indexed_seeds):
    """The seeds indexed, with the queue their loading filled already applied (the build took them in)."""
    IndexChange.objects.all().delete()
    return indexed_seeds


def test_an_index_built_from_the_archive_is_fresh(indexed_seeds):
    freshness = article_freshness()
    assert (freshness.database, freshness.indexed, freshness.waiting) == (2, 2, 0)
    assert not freshness.stale and "up to date" in freshness.message


def test_bulk_writes_mark_the_index_stale_until_a_build_that_started_after_them(indexed_seeds):
    synthetic.generate(30, seed=2)
    assert IndexChange.objects.pending().count() == 0  # bulk_create queues nothing...
    freshness = article_freshness()
    assert freshness.stale and freshness.marked  # ...but leaves the mark
    assert (freshness.database, freshness.indexed) == (32, 2)
    assert "2 of 32 published articles" in freshness.message and "rebuilt" in freshness.message
    assert generations.is_stale()
    indexing.build_whoosh_index()
    assert generations.stale_mark() is None and not article_freshness().stale
    assert article_freshness().indexed == 32


def test_a_mark_made_during_a_build_survives_it(indexed_seeds):
    before = __import__("time").time() - 5
    generations.mark_stale("made while a build ran")
    generations.clear_stale_mark(before)
    assert generations.stale_mark()["reason"] == "made while a build ran"


def test_counts_that_differ_with_nothing_waiting_are_stale_even_without_a_mark(indexed_seeds):
    Article.objects.filter(slug__contains="baku").update(status=Article.Status.DRAFT)  # bypasses signals
    freshness = article_freshness()
    assert not freshness.marked and freshness.waiting == 0
    assert freshness.stale and (freshness.database, freshness.indexed) == (1, 2)


def test_changes_waiting_explain_a_difference(indexed_seeds):
    Article.objects.filter(slug__contains="baku").first().delete()
    freshness = article_freshness()
    assert freshness.waiting and not freshness.stale and "waiting for the index worker" in freshness.message


def test_healthz_says_stale_and_gives_both_counts(client, indexed_seeds):
    assert client.get("/healthz").json()["status"] == "ok"
    synthetic.generate(5, seed=3)
    response = client.get("/healthz")
    report = response.json()
    assert response.status_code == 200 and report["status"] == "stale"  # searches still work
    assert report["articles"]["database"] == 7 and report["articles"]["indexed"] == 2
    assert report["articles"]["stale"] is True


def test_the_admin_banner_compares_the_counts(admin_client, indexed_seeds):
    assert "up to date" in admin_client.get("/admin/").content.decode()
    synthetic.generate(5, seed=3)
    html = admin_client.get("/admin/").content.decode()
    assert "Search index out of date" in html and "2 of 7 published articles" in html
    assert "up to date" not in html


def test_build_index_if_stale_rebuilds_after_bulk_writes(indexed_seeds):
    synthetic.generate(5, seed=4)
    call_command("build_index", "--if-stale", verbosity=0)
    assert article_freshness().indexed == 7 and not article_freshness().stale


def test_synthetic_articles_are_marked_and_removable(indexed_seeds, settings):
    synthetic.generate(12, seed=5)
    made = set(synthetic.synthetic_articles().values_list("pk", flat=True))
    assert len(made) == 12
    assert set(synthetic.synthetic_articles().values_list("origin", flat=True)) == {synthetic.ORIGIN}
    call_command("generate_corpus", "--delete", "--data-dir", str(settings.DATA_DIR), verbosity=0)
    assert Article.objects.count() == 2 and not synthetic.synthetic_articles().exists()
    from archive.models import Person, Source

    assert not Person.objects.filter(slug__startswith="syn-").exists()
    assert not Source.objects.filter(slug__startswith="syn-").exists()
    assert Person.objects.filter(slug="zakir-hasanov").exists()  # the seeds stay
    queued = IndexChange.objects.pending().filter(kind="article").values_list("object_id", flat=True)
    assert set(queued) == made  # the worker takes them out of the index


def test_generate_corpus_writes_into_a_folder_of_its_own_by_default(monkeypatch, settings, tmp_path):
    from archive.management.commands.generate_corpus import default_data_dir

    monkeypatch.delenv("PARLEY_DATA_DIR", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings.BASE_DIR = tmp_path
    assert default_data_dir() == tmp_path / "var" / "synthetic"
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path / "mine"))
    assert default_data_dir() == settings.DATA_DIR

"""Normalised URLs: one key for every spelling of a page's address, looked up through an index."""

import datetime
import importlib

import pytest
from django.db import connection

from archive.ingest.dedupe import UPDATE, Deduplicator
from archive.models import Article
from archive.url_keys import url_key
from tests.factories import make_article

LATER = datetime.date(2024, 1, 1)  # far from the stored article: its URL is not among the dates loaded


@pytest.mark.parametrize(
    "spelling",
    [
        "https://news.az/articles/1",
        "http://news.az/articles/1",
        "https://www.News.AZ/articles/1/",
        "https://news.az:443/articles/1#comments",
        "  https://news.az/articles/1?utm_source=rss&utm_medium=feed ",
        "https://news.az./articles/1?fbclid=abc",
    ],
)
def test_every_spelling_of_one_address_has_one_key(spelling):
    assert url_key(spelling) == "news.az/articles/1"


def test_what_tells_pages_apart_stays_in_the_key():
    assert url_key("https://news.az/articles/1") != url_key("https://news.az/articles/2")
    assert url_key("https://news.az/Story") != url_key("https://news.az/story")  # paths keep their case
    assert (
        url_key("https://news.az/a?id=2&page=1") == url_key("https://news.az/a?page=1&id=2") == "news.az/a?id=2&page=1"
    )
    assert url_key("https://news.az:8080/a") == "news.az:8080/a"
    assert url_key("") == "" and url_key("not a url") == "not a url"


@pytest.mark.django_db
def test_every_write_derives_the_key():
    saved = make_article(url="https://www.news.az/articles/7/")
    assert Article.objects.get(pk=saved.pk).url_key == "news.az/articles/7"
    [bulk] = Article.objects.bulk_create(
        [
            Article(
                title="Bulk",
                slug="bulk",
                body="A body for bulk_create.",
                published_on=datetime.date(2020, 1, 1),
                url="http://news.az/articles/8",
                fingerprint="f" * 64,
            )
        ]
    )
    assert Article.objects.get(pk=bulk.pk).url_key == "news.az/articles/8"
    assert list(Article.objects.with_url("https://news.az/articles/8?utm_source=x")) == [bulk]
    assert not Article.objects.with_url("").exists()


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.django_db
def test_the_import_looks_a_url_up_through_the_index():
    """The duplicate check of a record with a URL outside the dates already loaded: one
    probe of the key's index. Comparing ``url = ?`` scanned the whole table (79 ms per
    record at 27,000 articles): the unique index on ``url`` is partial, and SQLite cannot
    use it for a parameter."""
    stored = make_article(url="https://news.az/articles/1", published_on=datetime.date(2001, 1, 1))
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        verdict = Deduplicator().check("A new text about the old story.", "http://www.news.az/articles/1/", LATER)
    assert verdict.kind == UPDATE and verdict.article_id == stored.pk and verdict.status == Article.Status.PUBLISHED
    [(sql, params)] = [(s, p) for s, p in statements if '"url' in s and "published_on" not in s]
    if connection.vendor != "sqlite":
        return  # the plan below is SQLite's; PostgreSQL plans by statistics
    plan = _plan(sql, params)
    assert "INDEX article_url_key" in plan and "SCAN" not in plan, plan


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_key_of_stored_articles():
    from django.db.migrations.executor import MigrationExecutor

    migration = importlib.import_module("archive.migrations.0004_article_url_key")
    make_article(url="https://www.news.az/articles/9/")
    make_article(url="")
    Article.objects.update(url_key="")  # as the rows were before the column existed
    apps = MigrationExecutor(connection).loader.project_state(("archive", "0004_article_url_key")).apps
    migration.fill_url_keys(apps, None)
    assert sorted(Article.objects.values_list("url_key", flat=True)) == ["", "news.az/articles/9"]


def _postgresql_plan(sql: str, params) -> str:
    """PostgreSQL's plan for ``sql`` with sequential scans priced out (a test table is small enough
    that a scan would be cheapest): the index it then picks is the one it would at scale."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return " ".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_a_published_article_by_url_is_one_probe_of_the_key_index():
    """``published().with_url(url)`` (the public lookup of an article by its URL): ``url_key = ? AND
    status = ?``. SQLite has no statistics, so it took the index matching more equalities, or the
    first one: it walked the status-and-date index over every published article (300 ms at 20,000
    articles, 560 ms at 100,000) until the key's index had the status too."""
    for n in range(3):
        make_article(url=f"https://news.az/articles/{n}", status=Article.Status.PUBLISHED)
    make_article(url="https://news.az/articles/draft", status=Article.Status.DRAFT)
    queryset = Article.objects.published().with_url("http://www.news.az/articles/1/?utm_source=rss")
    assert [a.url for a in queryset] == ["https://news.az/articles/1"]
    sql, params = queryset.order_by().query.sql_with_params()
    if connection.vendor == "postgresql":
        plan = _postgresql_plan(sql, params)
        assert "article_url_key_status" in plan and "article_status_date" not in plan, plan
        return
    plan = _plan(sql, params)
    assert "INDEX article_url_key_status (url_key=? AND status=?)" in plan and "SCAN" not in plan, plan

"""The curators' article list: a fixed number of queries per page, none of which reads every article."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from archive.admin_changelist import estimated_count
from archive.models import Article, Country, Suggestion
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db
LIST = "/admin/archive/article/"


@pytest.fixture
def staff(client, seeds):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "a-long-test-password-1")
    client.force_login(user)
    return client


def add_articles(count: int, start: int = 0) -> None:
    iran, georgia = Country.objects.get(code="IR"), Country.objects.get(code="GE")
    person = make_person(f"Official {start}", aliases=[f"Alias {start}"])
    for n in range(start, start + count):
        article = make_article(
            title=f"Round {n} of talks",
            body=f"Consultations number {n} on border crossings.",
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            countries=[iran, georgia],
            people=[person],
            url=f"https://list.example.org/{n}",
        )
        Suggestion.objects.create(article=article, name=f"Colonel Someone {n}")


def article_names(sql: str) -> set[str]:
    """Return the names the plan may give the articles table in ``sql``: its own, and aliases used for it alone."""
    aliases = {}
    for table, alias in re.findall(r'"(\w+)" ([UVWX]\d+)\b', sql):
        aliases.setdefault(alias, set()).add(table)
    return {"archive_article"} | {alias for alias, tables in aliases.items() if tables == {"archive_article"}}


def assert_postgresql_uses_indexes(statements) -> None:
    """PostgreSQL plans 30 rows by statistics (a scan is cheapest): with sequential scans priced out,
    a statement that still scans the articles table has no index to use. The headline search
    (``UPPER(title) LIKE '%…%'``) uses the trigram index of migration archive/0008; only a search of
    the text (``text:``, which the help says reads every article) may scan."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql, params in statements:
            if '"archive_article"' not in sql or "SAVEPOINT" in sql:
                continue
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            scans = [line for line in plan.splitlines() if "Seq Scan on archive_article" in line]
            text_search = 'UPPER("archive_article"."body"' in sql
            assert not scans or text_search, (sql, plan)


def statements_of(client, url) -> list[tuple[str, tuple]]:
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200
    return statements


def test_a_page_costs_the_same_queries_for_3_articles_as_for_60(staff, django_assert_max_num_queries):
    add_articles(3)
    few = len(statements_of(staff, LIST))
    add_articles(57, start=3)
    with django_assert_max_num_queries(few):
        html = staff.get(LIST).content.decode()
    assert "Round 59 of talks" in html and "1 to review" in html and "GE IR" in html
    assert re.search(r'<td class="field-participant_count">1</td>', html)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=Round+talks",
        "?q=Official",
        "?q=https://www.list.example.org/7/",
        "?countries__code__exact=IR",
        "?participations__person__id__exact=1",
        "?source__id__exact=1",
        "?suggestions=pending",
        "?status__exact=draft&p=2",
    ],
)
def test_no_query_of_the_list_reads_every_article(staff, query):
    """Every statement a page runs reaches articles through an index: before, the list joined every
    article to its people, suggestions and countries (9.3 s at 27,000 articles), and a search read
    every body."""
    add_articles(30)
    if connection.vendor == "postgresql":
        assert_postgresql_uses_indexes(statements_of(staff, LIST + query))
        return
    for sql, params in statements_of(staff, LIST + query):
        if '"archive_article"' not in sql or "SAVEPOINT" in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = [str(row[-1]) for row in cursor.fetchall()]
        full_scans = [step for step in plan if step.startswith("SCAN ") and step.split()[1] in article_names(sql)]
        full_scans = [step for step in full_scans if "INDEX" not in step]
        assert not full_scans and not any("DISTINCT" in step for step in plan), (sql, plan)
        assert "GROUP BY" not in sql or '"archive_article".' not in sql.split("GROUP BY")[1], sql


def test_search_finds_headlines_officials_aliases_urls_and_the_text_when_asked(staff):
    add_articles(3)
    make_article(title="Unrelated", body="A story about a quokka colony on the island.")

    def titles(query):
        html = staff.get(LIST, {"q": query}).content.decode()
        return set(re.findall(r'<a href="/admin/archive/article/\d+/change/[^"]*">([^<]+)</a>', html))

    assert titles("Round 1") == {"Round 1 of talks"}
    assert titles("Alias 0") == titles("official 0") == {"Round 0 of talks", "Round 1 of talks", "Round 2 of talks"}
    assert titles("http://list.example.org/2?utm_source=x") == {"Round 2 of talks"}
    assert titles("quokka") == set() and titles("text:quokka") == {"Unrelated"}
    assert b"text:" in staff.get(LIST).content  # the help says how


def test_a_filtered_list_is_counted_exactly_and_postgresql_estimates_only_the_whole_table():
    assert estimated_count(Article.objects.filter(status="draft")) is None
    if connection.vendor != "postgresql":
        assert estimated_count(Article.objects.all()) is None  # SQLite counts 100,000 rows in milliseconds
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_article")
    assert isinstance(estimated_count(Article.objects.all()), int)

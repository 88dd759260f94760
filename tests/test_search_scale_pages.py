"""What working at archive scale changed on the pages: long facets list their top values
with a link to the full list, and the official and country aggregates, rendered once
per archive version, follow every change of the archive."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.models import Country, Person
from index.build import build_whoosh_index
from meetings.models import Meeting
from query.snippets import match_spans
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def facet_values(html: str, name: str) -> list[str]:
    return re.findall(rf'data-facet="{name}" data-value="([^"]+)"', html)


def test_a_long_facet_lists_its_top_values_and_links_to_all_of_them(client, seeds, search_index):
    georgia = Country.objects.get(code="GE")
    people = [make_person(f"Official Number {n}", country=georgia) for n in range(14)]
    make_article(people=people, countries=["GE"])
    build_whoosh_index()
    html = client.get("/search/?q=&country=GE", follow=True).content.decode()  # the form's empty q: redirected
    assert len(facet_values(html, "official")) == 10
    link = re.search(r'<a href="([^"]+)#all-official">All 14 official values</a>', html)
    assert link and "facet=official" in link.group(1) and "country=GE" in link.group(1)
    full = client.get("/search/" + link.group(1).replace("&amp;", "&")).content.decode()
    assert sorted(facet_values(full, "official")) == sorted(p.slug for p in people)
    assert 'id="all-official"' in full
    # Every count is still exact and the same as the API's.
    # The API still lists every value with its count.
    official = next(f for f in client.get("/api/search?country=GE").json()["facets"] if f["name"] == "official")
    assert len(official["values"]) == 14 and all(v["count"] == 1 for v in official["values"])


def test_a_search_labels_only_the_facet_values_it_shows_and_a_rename_shows_at_once(client, seeds, search_index):
    """Labels are read for the top values (and the selected ones), not every value: labelling 300
    officials and 358 offices took a third of an article search at 20,000 articles. The others are
    labelled when asked for (the full list, the API), and nothing is kept between searches."""
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from query.search import run_search

    georgia = Country.objects.get(code="GE")
    people = [make_person(f"Official Number {n:02}", country=georgia) for n in range(14)]
    make_article(people=people, countries=["GE"])
    build_whoosh_index()
    chosen = people[13].slug
    with CaptureQueriesContext(connection) as queries:
        page = run_search(QueryDict(f"country=GE&official={chosen}"))
        official = next(facet for facet in page.facets if facet.name == "official")
        shown = [value.label for value in official.top_values]
    people_read = [q["sql"] for q in queries.captured_queries if 'FROM "archive_person"' in q["sql"]]
    assert max(sql.count("'official-number-") for sql in people_read) == 11, people_read  # 10 and the chosen one
    assert len(shown) == 11 and "Official Number 13" in shown
    with CaptureQueriesContext(connection) as queries:
        assert sorted(value.label for value in official.values) == sorted(p.name for p in people)
    assert len(queries.captured_queries) == 1  # the others, in one look-up
    people[0].name = "Renamed Official"
    people[0].save()
    html = client.get(f"/search/?country=GE&official={people[0].slug}").content.decode()
    assert "Renamed Official" in html and "Official Number 00" not in html


def test_an_unknown_facet_to_expand_is_ignored(client, indexed_seeds):
    response = client.get("/search/?facet=%3Cscript%3E&facet=nothing")
    assert response.status_code == 200 and "<script>" not in response.content.decode().split("</head>")[1]


def test_official_and_country_pages_follow_changes_after_being_cached(client, seeds):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    first = client.get("/officials/zakir-hasanov/").content.decode()
    assert "Newcomer Official" not in first
    assert client.get("/officials/zakir-hasanov/").content.decode() == first  # served again
    newcomer = make_person("Newcomer Official", country=Country.objects.get(code="IR"))
    article = make_article(people=[hasanov, newcomer], countries=["AZ", "KZ"])
    meeting = Meeting.objects.create(start=article.published_on)
    meeting.reports.create(article=article)
    for person in (hasanov, newcomer):
        meeting.participants.create(person=person, country=person.country)
    assert "Newcomer Official" in client.get("/officials/zakir-hasanov/").content.decode()
    # The country page lists the countries met (participants' countries), not those the article names.
    assert "Kazakhstan" not in client.get("/countries/AZ/").content.decode()
    kazakh = meeting.participants.create(name="Kazakh Envoy", country_id="KZ")
    assert "Kazakhstan" in client.get("/countries/AZ/").content.decode()
    kazakh.delete()
    assert "Kazakhstan" not in client.get("/countries/AZ/").content.decode()
    newcomer.name = "Renamed Official"
    newcomer.save()
    html = client.get("/officials/zakir-hasanov/").content.decode()
    assert "Renamed Official" in html and "Newcomer Official" not in html


def _spans_by_tokenizing(text: str, words: list[str]) -> list[tuple[int, int]]:
    """The reference: every token of the text, lower-cased, compared with the words."""
    from query.snippets import _WORDS

    return sorted({(m.start(), m.end()) for m in _WORDS.finditer(text) if m.group().lower() in words})


@given(
    text=st.text(alphabet=st.sampled_from(list("abAB_.1 ,.-\n")), max_size=80),
    words=st.lists(st.text(alphabet=st.sampled_from(list("ab1_.")), min_size=1, max_size=4), min_size=1, max_size=3),
)
@settings(max_examples=400, deadline=None)
def test_snippet_spans_found_with_find_equal_those_of_tokenizing(text, words):
    from query.syntax import Term

    terms = [Term(text=word) for word in words]
    assert match_spans(text, terms) == _spans_by_tokenizing(text, words)


def test_results_are_loaded_by_primary_key_not_by_scanning_the_date_index(seeds):
    """A page's 20 articles are read by key: with the default ordering, SQLite walked
    the status-and-date index over every published article (21 ms at 100,000)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive.models import Article

    ids = list(Article.objects.values_list("pk", flat=True))
    page = ids + list(range(max(ids) + 1, max(ids) + 19))  # a page of 20 (the plan depends on the count)
    with CaptureQueriesContext(connection) as queries:
        found = Article.objects.published().for_display().by_pk(page)
    assert found.keys() == set(ids)
    if connection.vendor != "sqlite":
        return  # the plan below is SQLite's; PostgreSQL plans by statistics
    articles_sql = queries.captured_queries[0]["sql"]
    assert 'FROM "archive_article"' in articles_sql
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + articles_sql)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "article_status_date" not in plan and "PRIMARY KEY" in plan, plan

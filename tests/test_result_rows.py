"""The page's rows (``ArticleQuerySet.for_results``): the same rows as Django's prefetch, one query per
table, and an edit shows on the next page (nothing is kept between requests)."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from archive.models import Article, Country, Participation
from index.build import build_whoosh_index
from query.search import run_search
from tests.factories import make_article, make_person, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(seeds):
    source = make_source("Caspian Wire")
    az, ir, ru = (Country.objects.get(code=code) for code in ("AZ", "IR", "RU"))
    hasanov = make_person("Zakir Hasanov", country=az)
    bagheri = make_person("Mohammad Bagheri", country=ir)
    made = [
        make_article(
            title="Defense ministers meet",
            body="Hasanov and Bagheri held talks on naval drills.",
            source=source,
            countries=[ir, az, ru],
            people=[(bagheri, Participation.Role.PARTICIPANT), (hasanov, Participation.Role.MENTIONED)],
        ),
        make_article(title="Naval drills announced", body="The naval drills begin.", people=[hasanov]),
        make_article(title="No one named", body="Naval drills without names.", countries=[ru]),
    ]
    return [a.pk for a in made]


def shown(article):
    return (
        article.title,
        article.source.name if article.source else None,
        [c.code for c in article.countries.all()],
        [(p.person.slug, p.role, p.title) for p in article.participations.all()],
        [p.person.name for p in article.participants()],
    )


def test_the_rows_are_those_of_the_prefetch_in_one_query_per_table(articles):
    expected = Article.objects.published().for_display().by_pk(articles)
    with CaptureQueriesContext(connection) as queries:
        loaded = Article.objects.published().for_results(articles)
    assert len(queries) == 3  # articles with their source, countries, participations with their people
    with CaptureQueriesContext(connection) as reads:
        got = {pk: shown(article) for pk, article in loaded.items()}
    assert len(reads) == 0
    assert got == {pk: shown(article) for pk, article in expected.items()}
    assert sorted(got[articles[0]][2]) == ["AZ", "IR", "RU"] and len(got[articles[0]][3]) == 2


def test_only_published_articles_are_loaded(articles):
    Article.objects.filter(pk=articles[1]).update(status=Article.Status.WITHDRAWN)
    assert set(Article.objects.published().for_results(articles)) == {articles[0], articles[2]}
    assert Article.objects.published().for_results([]) == {}


def test_an_edit_shows_on_the_next_page(articles, search_index):
    build_whoosh_index()
    first = run_search(QueryDict("q=naval"))
    assert {hit.article.title for hit in first.hits} >= {"Defense ministers meet"}
    article = Article.objects.get(pk=articles[0])
    article.title = "Defense ministers meet again"
    article.save()
    article.countries.remove(Country.objects.get(code="RU"))
    mentioned = article.participations.get(role=Participation.Role.MENTIONED)
    mentioned.title = "Minister of Defense"
    mentioned.save()
    participant = article.participations.get(role=Participation.Role.PARTICIPANT).person
    participant.name = "Mohammad Hossein Bagheri"
    participant.save()
    hit = next(h for h in run_search(QueryDict("q=naval")).hits if h.article.pk == article.pk)
    title, _source, countries, people, participants = shown(hit.article)
    assert title == "Defense ministers meet again"
    assert countries == ["AZ", "IR"]
    assert (mentioned.person.slug, "mentioned", "Minister of Defense") in people
    assert participants == ["Mohammad Hossein Bagheri"]

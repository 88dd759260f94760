"""Drafts and withdrawn articles are unreachable: by URL (a withdrawn one answers 410 without its text), by
search, on official and country pages.

The API, feed, export and sitemap get the same test when they exist (they are built
in other branches; see README "Security tests").
"""

import pytest

from archive.models import Article, Country
from index.build import build_whoosh_index
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

HIDDEN = [Article.Status.DRAFT, Article.Status.WITHDRAWN]


@pytest.fixture
def hidden_articles(seeds, search_index):
    """One published article and one each of draft and withdrawn, all about the same person."""
    iran = Country.objects.get(code="IR")
    person = make_person("Hossein Dehghan Hidden", country=iran)
    loner = make_person("Only Unpublished Person", country=iran)
    visible = make_article(title="Visible meeting", body="Zebrafinch visible story", countries=[iran], people=[person])
    hidden = {
        status: make_article(
            title=f"Secret {status} meeting",
            body=f"Zebrafinch {status} story with the word quokka{status}",
            status=status,
            countries=[iran],
            people=[person, loner],
        )
        for status in HIDDEN
    }
    build_whoosh_index()
    return visible, hidden, person, loner


@pytest.mark.parametrize(("status", "answer"), [(Article.Status.DRAFT, 404), (Article.Status.WITHDRAWN, 410)])
def test_unpublished_article_url_shows_no_text(client, hidden_articles, status, answer):
    """A draft was never public (404); a withdrawn article is gone (410), its citation kept, its text not."""
    _, hidden, _, _ = hidden_articles
    response = client.get(hidden[status].get_absolute_url())
    assert response.status_code == answer
    assert f"quokka{status}" not in response.content.decode()


@pytest.mark.parametrize("status", HIDDEN)
def test_unpublished_articles_are_not_found_by_search(client, hidden_articles, status):
    visible, hidden, person, _ = hidden_articles
    html = client.get("/search/?q=zebrafinch").content.decode()
    assert visible.title in html and hidden[status].title not in html and "1 article" in html
    assert "0 articles" in client.get(f"/search/?q=quokka{status}").content.decode()
    by_person = client.get(f"/search/?official={person.slug}").content.decode()
    assert hidden[status].title not in by_person and "1 article" in by_person


@pytest.mark.parametrize("status", HIDDEN)
def test_unpublished_articles_are_not_listed_on_official_and_country_pages(client, hidden_articles, status):
    visible, hidden, person, loner = hidden_articles
    official = client.get(person.get_absolute_url()).content.decode()
    assert visible.title in official and hidden[status].title not in official
    assert hidden[status].title not in client.get(loner.get_absolute_url()).content.decode()
    country = client.get("/countries/IR/").content.decode()
    assert visible.title in country and hidden[status].title not in country


def test_withdrawing_a_published_article_makes_it_unreachable(client, hidden_articles):
    visible, *_ = hidden_articles
    assert client.get(visible.get_absolute_url()).status_code == 200
    Article.objects.filter(pk=visible.pk).update(status=Article.Status.WITHDRAWN)
    gone = client.get(visible.get_absolute_url())
    assert gone.status_code == 410 and "Zebrafinch visible story" not in gone.content.decode()
    html = client.get("/search/?q=zebrafinch").content.decode()
    assert visible.title not in html  # the index still holds it until the next update; the page does not show it


@pytest.fixture
def accepted_from_a_draft(seeds, search_index):
    """A suggestion found in a draft, accepted by a curator: a new person with only that draft."""
    from archive import curation
    from archive.models import Suggestion

    iran = Country.objects.get(code="IR")
    draft = make_article(title="Draft visit", body="Zebrafinch draft story", status=Article.Status.DRAFT)
    suggestion = Suggestion.objects.create(article=draft, name="Reza Draftonly", title="Colonel", country=iran)
    person = curation.accept_as_new_person(suggestion)
    build_whoosh_index()
    return draft, person


def test_a_person_in_no_published_article_is_not_public(accepted_from_a_draft, hidden_articles):
    draft, person = accepted_from_a_draft
    visible, hidden, known, loner = hidden_articles
    from archive.models import Person

    public = set(Person.objects.public().values_list("slug", flat=True))
    assert known.slug in public and person.slug not in public and loner.slug not in public
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert Person.objects.public().filter(pk=person.pk).exists()


def test_accepting_a_suggestion_from_a_draft_lists_no_one_on_the_country_page(client, accepted_from_a_draft):
    _, person = accepted_from_a_draft
    country = client.get("/countries/IR/").content.decode()
    assert person.name not in country and person.get_absolute_url() not in country


def test_accepting_a_suggestion_from_a_draft_makes_no_public_official_page(client, accepted_from_a_draft):
    _, person = accepted_from_a_draft
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(f"{person.get_absolute_url()}feed.atom").status_code == 404

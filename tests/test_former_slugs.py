"""Former slugs lead on (records/former_slugs.py): a merged person's page, feed and searches, and an
article's former slug, answer a permanent redirect to where the record is now."""

import pytest

from archive import curation
from archive.models import Article, ArticleRedirect, Person, PersonRedirect
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db
BAKU = "2019-01-16-hasanov-meets-bagheri-in-baku"


@pytest.fixture
def merged(indexed_seeds):
    """A second record of Zakir Hasanov, in a published article, merged into the seed's."""
    kept = Person.objects.get(slug="zakir-hasanov")
    duplicate = make_person("Zakir Hasanov Ali oglu Gasanov")
    make_article(title="Gasanov in Tehran", people=[duplicate])
    old_slug = duplicate.slug
    curation.merge_people(kept, [duplicate])
    return kept, old_slug


def test_a_merge_keeps_the_merged_persons_slug_as_a_redirect(merged):
    kept, old_slug = merged
    assert list(PersonRedirect.objects.values_list("old_slug", "person__slug")) == [(old_slug, "zakir-hasanov")]


def test_merging_the_kept_person_again_moves_every_former_slug_along(merged):
    kept, old_slug = merged
    third = make_person("Z. Hasanov")
    make_article(title="Z. Hasanov in Ganja", people=[third])
    curation.merge_people(third, [kept])
    assert dict(PersonRedirect.objects.values_list("old_slug", "person__slug")) == {
        old_slug: third.slug,
        "zakir-hasanov": third.slug,
    }


def test_a_new_person_never_takes_a_former_slug(merged):
    _, old_slug = merged
    newcomer = Person.objects.create(name="Zakir Hasanov Ali oglu Gasanov")
    assert newcomer.slug == old_slug + "-2"


def test_the_old_official_page_redirects_permanently_to_the_person_kept(client, merged):
    _, old_slug = merged
    response = client.get(f"/officials/{old_slug}/")
    assert response.status_code == 301 and response["Location"] == "/officials/zakir-hasanov/"
    assert client.get(response["Location"]).status_code == 200


def test_the_old_feed_redirects_to_the_feed_of_the_person_kept(client, merged):
    _, old_slug = merged
    response = client.get(f"/officials/{old_slug}/feed.atom")
    assert response.status_code == 301 and response["Location"] == "/officials/zakir-hasanov/feed.atom"


@pytest.mark.parametrize("path", ["/search/", "/meetings/", "/api/search", "/api/meetings", "/search/export.csv"])
def test_a_search_for_the_old_slug_redirects_to_the_search_for_the_person_kept(client, merged, path):
    _, old_slug = merged
    response = client.get(path, {"official": [old_slug, "mohammad-bagheri"], "all": "official", "q": "Baku"})
    assert response.status_code == 301
    assert response["Location"] == f"{path}?official=zakir-hasanov&official=mohammad-bagheri&all=official&q=Baku"


def test_a_search_without_former_slugs_is_not_redirected(client, indexed_seeds):
    assert client.get("/api/search", {"official": "zakir-hasanov"}).status_code == 200
    assert client.get("/api/search", {"official": "nobody-at-all"}).status_code == 400  # unknown: strict, as before
    assert client.get("/search/", {"official": "<script>"}).status_code == 200


def test_a_persons_own_slug_wins_over_a_redirect_with_the_same_slug(client, merged):
    kept, old_slug = merged
    PersonRedirect.objects.create(old_slug="mohammad-bagheri", person=kept)  # e.g. typed in by hand
    assert client.get("/officials/mohammad-bagheri/").status_code == 200
    assert client.get("/api/search", {"official": "mohammad-bagheri"}).status_code == 200


def test_an_articles_former_slug_redirects_to_its_page(client, seeds):
    article = Article.objects.get(slug=BAKU)
    ArticleRedirect.objects.create(old_slug=BAKU + "-and-much-more-of-a-long-derived-headline", article=article)
    response = client.get(f"/articles/{BAKU}-and-much-more-of-a-long-derived-headline/")
    assert response.status_code == 301 and response["Location"] == f"/articles/{BAKU}/"


def test_a_former_slug_of_a_draft_stays_not_found(client, seeds):
    draft = make_article(title="Not yet", status=Article.Status.DRAFT)
    ArticleRedirect.objects.create(old_slug="an-old-slug-of-a-draft", article=draft)
    assert client.get("/articles/an-old-slug-of-a-draft/").status_code == 404


def test_admin_pages_are_left_alone(admin_client, merged):
    _, old_slug = merged
    response = admin_client.get("/admin/archive/person/", {"official": old_slug})
    assert response.status_code != 301

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/search/?page=abc",
        "/search/?date_from=2019-02-30",
        "/search/?country=ZZ",
        "/search/?official=%22x,y",
        "/search/?q=%22unbalanced",
        "/search/?q=" + "x" * 5000,
        "/search/?q=(((a OR",
        "/search/?q=title:foo^3 [a TO b] {x} \\ / : ~ * ? ! && ||",
        "/search/?sort=sideways&year=20x9&source=%00",
        "/search/?page=0",
    ],
)
def test_bad_parameters_answer_with_a_page(client, indexed_seeds, url):
    # A raw "&&" in the query string leaves empty parameters, which the page drops with a redirect.
    response = client.get(url, follow=True)
    assert response.status_code == 200 and len(response.redirect_chain) <= 1
    assert b"articles" in response.content or b"article" in response.content


def test_search_page_shows_results_facets_and_snippets(client, indexed_seeds):
    response = client.get("/search/?q=Bagheri")
    html = response.content.decode()
    assert "Chief of General Staff Mohammad Bagheri in Baku" in html
    assert "<mark>Bagheri</mark>" in html
    assert "News.Az" in html and "16 January 2019" in html


def test_article_page_shows_full_text(client, indexed_seeds):
    response = client.get("/articles/2019-01-16-hasanov-meets-bagheri-in-baku/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "In the end, the sides signed a protocol on the results of the meeting." in html
    assert "/officials/javad-jahangirzadeh/" not in html  # the other seed's people are not here


def test_unpublished_article_page_is_404(client, indexed_seeds):
    from archive.models import Article

    Article.objects.filter(slug="2019-01-16-hasanov-meets-bagheri-in-baku").update(status="draft")
    assert client.get("/articles/2019-01-16-hasanov-meets-bagheri-in-baku/").status_code == 404


def test_root_redirects_to_search(client, db):
    assert client.get("/").headers["Location"] == "/search/"

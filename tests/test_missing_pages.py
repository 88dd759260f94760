"""Pages that are not there: a styled 404 with a way on, and a withdrawn article's 410 that still
says what was cited."""

import pytest
from django.utils.html import escape

from archive.models import Article
from tests.factories import make_article, make_source
from tests.xss_payloads import PAYLOADS, MarkupAudit

pytestmark = pytest.mark.django_db
BAKU = "2019-01-16-hasanov-meets-bagheri-in-baku"


@pytest.mark.parametrize(
    "path", ["/no/such/page/", "/articles/no-such-article/", "/officials/nobody/", "/countries/ZZ/"]
)
def test_not_found_is_a_page_with_a_search_box_and_links(client, seeds, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert "No page at this address" in html
    assert '<form class="search" method="get" action="/search/"' in html and 'name="q"' in html
    assert 'href="/search/"' in html and 'href="/meetings/"' in html
    assert 'href="/officials/"' in html and 'href="/countries/"' in html
    assert "Not Found</h1>" not in html  # not Django's bare page


def test_a_withdrawn_article_answers_410_with_its_headline_date_outlet_and_citation(client, seeds):
    article = Article.objects.get(slug=BAKU)
    article.status = Article.Status.WITHDRAWN
    article.save()
    response = client.get(f"/articles/{BAKU}/")
    html = response.content.decode()
    assert response.status_code == 410
    assert "withdrawn from the archive" in html
    headline = escape(article.title)
    assert f"<h1>{headline}</h1>" in html and "16 January 2019" in html and "News.Az" in html
    assert f"News.Az, &#x27;{headline}&#x27;, 16 January 2019, " in html  # the citation, as before
    assert f"http://testserver/articles/{BAKU}/" in html
    assert "signed a protocol" not in html  # the text itself is gone


def test_a_withdrawn_articles_headline_and_outlet_stay_text(client, seeds):
    for n, payload in enumerate(PAYLOADS, 1):
        article = make_article(
            title=f"Gone {payload}", status=Article.Status.WITHDRAWN, source=make_source(f"Outlet {n} {payload}")
        )
        response = client.get(f"/articles/{article.slug}/")
        audit = MarkupAudit.of(response.content.decode())
        assert response.status_code == 410 and audit.dangers == [], (n, audit.dangers)
        assert f"Gone {payload}" in audit.page_text


def test_a_draft_is_not_found(client, seeds):
    draft = make_article(title="Not yet published", status=Article.Status.DRAFT)
    assert client.get(f"/articles/{draft.slug}/").status_code == 404

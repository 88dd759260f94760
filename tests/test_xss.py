"""XSS payloads in every text field never become markup on any page Parley serves.

Every page is parsed; a ``<script>`` that is not a same-origin file, an ``on*``
attribute, a ``javascript:`` URL or an unexpected active element fails the test,
and the payloads must be visible as text. The browser check of the same archive
is in tests/test_browser_security.py. Importer, API, feed and export pages are
checked by their own tests once they exist (see README "Security tests").
"""

from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model

from archive.models import Article, Person, Source
from index.build import build_whoosh_index
from query.snippets import snippet
from query.syntax import parse_query
from tests.xss_payloads import PAYLOADS, MarkupAudit, create_payload_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def payload_archive(seeds, search_index):
    articles = create_payload_archive()
    build_whoosh_index()
    return articles


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "a-long-test-password-1")
    client.force_login(user)
    return client


def audited(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    audit = MarkupAudit.of(response.content.decode())
    assert audit.dangers == [], f"{url}: {audit.dangers}"
    return audit


def test_search_result_pages_show_payloads_as_text(client, payload_archive):
    shown = ""
    for page in (1, 2):
        shown += audited(client, f"/search/?q=payloadword&sort=oldest&page={page}").page_text
    for number, payload in enumerate(PAYLOADS, 1):
        assert f"Headline {number} {payload}" in shown
        assert f"Official {number} {payload}" in shown
        assert f"By {payload}" in shown


@pytest.mark.parametrize("number", range(1, len(PAYLOADS) + 1))
def test_snippets_facets_and_echoed_queries_stay_text(client, payload_archive, number):
    payload = PAYLOADS[number - 1]
    person = Person.objects.get(name__startswith=f"Official {number} ")
    source = Source.objects.get(name__startswith=f"Outlet {number} ")
    text = audited(client, f"/search/?q={quote(payload)}").page_text
    assert payload in text  # echoed in the search box and title, as text
    facet_page = audited(client, f"/search/?official={person.slug}&source={source.slug}&q=payloadword").page_text
    assert person.name in facet_page and source.name in facet_page


def test_snippet_of_each_payload_is_escaped_with_marks_only(payload_archive):
    for payload in PAYLOADS:
        for word in ("alert", "onerror", "script", "payloadword"):
            html = str(snippet(f"Before {payload} after", parse_query(word).terms))
            audit = MarkupAudit.of(html)
            assert audit.dangers == [], (payload, html)
            assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_article_official_and_country_pages(client, payload_archive):
    for number, payload in enumerate(PAYLOADS, 1):
        article = Article.objects.get(title__startswith=f"Headline {number} ")
        text = audited(client, article.get_absolute_url()).page_text
        assert article.title in text and payload in text and f"By {payload}" in text
        assert f"Minister {payload}" in text
        person = Person.objects.get(name__startswith=f"Official {number} ")
        text = audited(client, person.get_absolute_url()).page_text
        assert person.name in text and f"Alias {number} {payload}" in text and article.title in text
    text = audited(client, "/countries/AZ/").page_text
    assert all(f"Official {n} {p}" in text for n, p in enumerate(PAYLOADS, 1))


def test_a_javascript_url_never_becomes_a_link(client, payload_archive):
    article = Article.objects.get(title__startswith="Headline 1 ")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "javascript:" not in html


def test_admin_lists_and_change_pages(staff_client, payload_archive):
    for model in ("article", "person", "source"):  # participations are edited inline on the article
        audited(staff_client, f"/admin/archive/{model}/")
        audited(staff_client, f"/admin/archive/{model}/?q=alert")
    for article in payload_archive:
        audited(staff_client, f"/admin/archive/article/{article.pk}/change/")
    for person in Person.objects.filter(name__startswith="Official "):
        audited(staff_client, f"/admin/archive/person/{person.pk}/change/")
    for source in Source.objects.filter(name__startswith="Outlet "):
        audited(staff_client, f"/admin/archive/source/{source.pk}/change/")

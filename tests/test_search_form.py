"""The search form and its URLs: no empty or default parameters, best match by default with keywords."""

import re
from urllib.parse import urlencode

import pytest

from harness.forms import read_form, replace

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(indexed_seeds):
    return indexed_seeds


def test_the_form_defaults_to_best_match_and_emits_no_default(client, archive):
    html = client.get("/search/").content.decode()
    select = re.search(r'<select id="id_sort" name="sort">(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'<option value="([^"]*)"( selected)?>([^<]+)', select) == [
        ("", " selected", "Best match"),
        ("newest", "", "Newest first"),
        ("oldest", "", "Oldest first"),
    ]
    assert 'value="newest" selected' not in html


def test_an_explicit_order_is_kept_in_the_form_and_links(client, archive):
    html = client.get("/search/?q=Hasanov&sort=oldest").content.decode()
    assert '<option value="oldest" selected>' in html
    assert 'href="?q=Hasanov"' in html  # best match: the default, without sort=
    assert "sort=relevance" not in html


def test_sort_links_leave_out_the_default_order(client, archive):
    html = client.get("/search/?q=Hasanov").content.decode()
    nav = re.search(r'<nav class="sorts".*?</nav>', html, re.S).group()
    assert re.findall(r'href="([^"]+)"', nav) == [
        "?q=Hasanov",
        "?q=Hasanov&amp;sort=newest",
        "?q=Hasanov&amp;sort=oldest",
    ]
    assert 'aria-current="true" class="selected">Best match' in nav
    browse = re.search(r'<nav class="sorts".*?</nav>', client.get("/search/").content.decode(), re.S).group()
    assert "Best match" not in browse and 'href="?"' in browse and "sort=oldest" in browse


def test_keywords_from_the_form_are_ranked_by_best_match(client, archive):
    response = client.get("/search/?q=Bagheri+sign+Baku")
    page = response.context["page"]
    assert page.sort.value == "relevance" and page.sort_choice == ""
    assert [str(hit.article.published_on) for hit in page.hits][:1] == ["2019-01-16"]


def test_empty_fields_redirect_to_the_clean_url(client, archive):
    response = client.get("/search/?q=Bagheri&date_from=&date_to=&sort=&country=")
    assert response.status_code == 302 and response["Location"] == "/search/?q=Bagheri"
    response = client.get("/search/?q=&date_from=&date_to=&sort=")
    assert response.status_code == 302 and response["Location"] == "/search/"
    response = client.get("/meetings/?q=+&sort=")
    assert response.status_code == 302 and response["Location"] == "/meetings/"
    assert client.get("/search/?q=Bagheri").status_code == 200


def test_what_the_form_sends_as_a_browser_would_is_clean_after_the_redirect(client, archive):
    html = client.get("/search/?country=IR").content.decode()
    sent = replace(read_form(html), q="Bagheri")
    assert ("sort", "") in sent and ("date_from", "") in sent  # what a browser without JavaScript sends
    response = client.get("/search/?" + urlencode(sent), follow=True)
    assert response.redirect_chain[-1][0] == "/search/?country=IR&q=Bagheri"


def test_missing_parameters_mean_their_defaults(client, archive):
    explicit = client.get("/search/?q=Hasanov&sort=relevance").context["page"]
    implicit = client.get("/search/?q=Hasanov").context["page"]
    assert [h.article for h in explicit.hits] == [h.article for h in implicit.hits]
    assert client.get("/search/?sort=newest").context["page"].sort_choice == ""

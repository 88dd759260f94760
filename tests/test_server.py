"""Parley under a real gunicorn."""

import re
import urllib.error
import urllib.request

import pytest

pytestmark = [pytest.mark.server, pytest.mark.postgres]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def test_search_for_bagheri_under_gunicorn(live_parley):
    status, html = fetch(live_parley.url + "/search/?q=Bagheri")
    assert status == 200
    assert "Mohammad Bagheri in Baku" in html and "1 article" in html


def test_acceptance_queries_under_gunicorn(live_parley):
    _, html = fetch(live_parley.url + "/search/?official=zakir-hasanov")
    assert "2 articles" in html
    _, html = fetch(live_parley.url + "/search/?country=IR&date_from=2019-07-01")
    assert "1 article" in html and "Javad Jahangirzadeh" in html and "Bagheri in Baku" not in html


@pytest.mark.parametrize(
    "query", ["page=abc", "date_from=2019-02-30", "country=ZZ", "official=%22x,y", "q=%22unbalanced"]
)
def test_bad_input_never_a_server_error_under_gunicorn(live_parley, query):
    status, html = fetch(live_parley.url + "/search/?" + query)
    assert status == 200 and 'class="messages"' in html


def test_admin_login_page_is_styled(live_parley):
    status, html = fetch(live_parley.url + "/admin/login/")
    assert status == 200
    stylesheet = re.search(r'href="(/static/admin/css/[^"]+\.css)"', html).group(1)
    css_status, css = fetch(live_parley.url + stylesheet)
    assert css_status == 200 and "body" in css
    own = re.search(r'href="(/static/css/parley\.[^"]*css)"', fetch(live_parley.url + "/search/")[1]).group(1)
    assert fetch(live_parley.url + own)[0] == 200


def test_unknown_article_is_a_404(live_parley):
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(live_parley.url + "/articles/no-such-article/")
    assert error.value.code == 404

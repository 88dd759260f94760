"""Atom feeds (parsed with feedparser), OpenSearch, sitemap, and the pages' links to them."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from archive.models import Article, Country, Person
from index.build import build_whoosh_index
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def xml_root(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - our own server's answer in a test


def parse(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def check_entries(feed, articles):
    """The entries are ``articles``, in order, with their titles, dates and links."""
    assert [e.link for e in feed.entries] == [f"http://testserver{a.get_absolute_url()}" for a in articles]
    assert [e.title for e in feed.entries] == [a.title for a in articles]
    assert [datetime.date(*e.published_parsed[:3]) for e in feed.entries] == [a.published_on for a in articles]
    assert all(e.updated_parsed for e in feed.entries)


def test_search_feed_is_newest_first_with_marked_snippets(client, indexed_seeds):
    response = client.get("/search/feed.atom", {"q": "Hasanov", "sort": "oldest"})
    feed = parse(response)
    check_entries(feed, list(Article.objects.published().order_by("-published_on")))
    # The summary is HTML (type="html"), so its markup is escaped once more in the XML.
    # (feedparser's sanitiser drops the HTML5 <mark> element itself, keeping its text.)
    assert b'<summary type="html">' in response.content and b"&lt;mark&gt;Hasanov&lt;/mark&gt;" in response.content
    assert "Zakir Hasanov" in feed.entries[0].summary
    assert feed.feed.title == "Parley: “Hasanov”"
    assert feed.feed.link.startswith("http://testserver/search/?q=Hasanov")
    assert "Zakir Hasanov" in [t.term for t in feed.entries[0].tags]


def test_titles_and_text_are_not_markup(client, seeds, search_index):
    make_article(title="Talks & <b>bold</b> claims", body="Text with <script>alert(1)</script> zanzibarian.")
    build_whoosh_index()
    [entry] = parse(client.get("/search/feed.atom", {"q": "zanzibarian"})).entries
    assert entry.title == "Talks & <b>bold</b> claims"
    assert "<script>" not in entry.summary and "&lt;script&gt;" in entry.summary


def test_official_and_country_feeds(client, indexed_seeds):
    person = Person.objects.get(slug="javad-jahangirzadeh")
    feed = parse(client.get(f"/officials/{person.slug}/feed.atom"))
    check_entries(feed, list(Article.objects.published().filter(people=person)))
    assert feed.feed.title == "Parley: Javad Jahangirzadeh"
    armenia = Country.objects.get(code="AM")
    feed = parse(client.get("/countries/am/feed.atom"))
    check_entries(feed, list(Article.objects.published().filter(countries=armenia)))
    assert client.get("/officials/nobody/feed.atom").status_code == 404
    assert client.get("/countries/ZZ/feed.atom").status_code == 404


def test_feed_rejects_bad_parameters(client, indexed_seeds):
    response = client.get("/search/feed.atom", {"official": "nobody-at-all"})
    assert response.status_code == 400 and response.content.decode().startswith("official: ")


def test_pages_advertise_their_feeds_and_opensearch(client, indexed_seeds):
    person = Person.objects.get(slug="zakir-hasanov")
    pages = {
        "/search/?q=Hasanov&country=ZZ": "/search/feed.atom?q=Hasanov&amp;sort=newest",
        f"/officials/{person.slug}/": f"/officials/{person.slug}/feed.atom",
        "/countries/AZ/": "/countries/AZ/feed.atom",
    }
    for url, feed_url in pages.items():
        html = client.get(url).content.decode()
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html)
        assert links and links[0].startswith(feed_url.split("&amp;")[0]), (url, links)
        assert (
            '<link rel="search" type="application/opensearchdescription+xml" title="Parley" href="/opensearch.xml">'
            in html
        )
        # Every advertised feed works (the page dropped the invalid country=ZZ from its links).
        assert client.get(links[0].replace("&amp;", "&")).status_code == 200


def test_search_page_links_to_exports_with_the_row_count(client, indexed_seeds):
    html = client.get("/search/?official=zakir-hasanov&country=ZZ&page=1").content.decode()
    assert "Download all 2 articles (2 rows)" in html
    links = re.findall(r'href="(/search/export\.(?:csv|jsonl)\?[^"]*)"', html)
    assert len(links) == 2 and all("country" not in link and "page" not in link for link in links)
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200 and len(b"".join(response.streaming_content).splitlines()) >= 2


def test_opensearch_description(client, db):
    response = client.get("/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = xml_root(response.content)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    assert root.find("os:ShortName", ns).text == "Parley"
    templates = {u.get("type"): u.get("template") for u in root.findall("os:Url", ns)}
    assert templates["text/html"] == "http://testserver/search/?q={searchTerms}"
    assert templates["application/atom+xml"] == "http://testserver/search/feed.atom?q={searchTerms}"


def test_sitemap_lists_published_articles_only(client, seeds):
    draft = make_article(title="Draft", status=Article.Status.DRAFT)
    withdrawn = make_article(title="Withdrawn", status=Article.Status.WITHDRAWN)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    [section] = [loc.text for loc in xml_root(index.content).findall("sm:sitemap/sm:loc", ns)]
    urls = [loc.text for loc in xml_root(client.get(section).content).findall("sm:url/sm:loc", ns)]
    published = Article.objects.published()
    assert sorted(urls) == sorted(f"http://testserver{a.get_absolute_url()}" for a in published)
    assert len(urls) == 2 and not any(a.slug in u for a in (draft, withdrawn) for u in urls)

"""The relations pages in process: the pair page, its addresses and feed, the index, the country page's
countries met; bad addresses and parameters answer with a message, payloads stay text."""

import re

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Country, Person
from meetings.models import Agreement
from relations.pages import INDEX_PAGE_SIZE
from tests.factories import make_person
from tests.relations_factories import make_meeting
from tests.xss_payloads import PAYLOADS, MarkupAudit

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_pair_page_shows_the_two_2019_meetings_with_the_protocol(client, seeds):
    response = client.get("/relations/AZ-IR/")
    assert response.status_code == 200
    html = response.content.decode()
    flat = text(html)
    assert "2 meetings on record, from 2019-01-16 to 2019-07-18 ; all reviewed by a curator" in flat
    latest = text(html.split('id="latest-heading"')[1])
    assert "2019-07-18 Zakir Hasanov · Javad Jahangirzadeh" in latest
    assert "2019-01-16 Zakir Hasanov · Mohammad Bagheri" in latest
    assert 'href="/meetings/1/"' in html and 'href="/meetings/2/"' in html
    agreements = text(html.split('id="agreements-heading"')[1].split('id="officials-heading"')[0])
    assert "2019-01-16 Protocol : “a protocol on the results of the meeting” (title as reported)" in agreements
    officials = text(html.split('id="officials-heading"')[1].split('id="latest-heading"')[0])
    assert "Zakir Hasanov 2 meetings Minister of Defense of Azerbaijan" in officials
    assert "Mohammad Bagheri 1 meeting Chief of the General Staff of the Armed Forces of Iran" in officials
    assert 'href="/meetings/?country=AZ&amp;country=IR&amp;all=country"' in html
    assert 'href="/meetings/?country=AZ&amp;country=IR&amp;all=country&amp;year=2019"' in html
    assert html.count('<svg class="bars"') == 2 and "Meetings per year by level as a table" in html
    assert 'type="application/atom+xml"' in html and 'href="/relations/AZ-IR/feed.atom"' in html
    assert "read from titles" not in flat  # every level here is read from offices on record
    assert 'href="/relations/"' in html.split("</header>")[0]  # the site's navigation


def test_levels_read_from_titles_are_labelled_as_such(client, seeds):
    make_meeting("2022-01-10", ("Masoud Pezeshkian", "IR", "President of Iran"), ("Envoy", "AZ", "Ambassador"))
    flat = text(client.get("/relations/AZ-IR/").content.decode())
    assert "Heads of state or government (read from titles)" in flat
    assert "for 1 meeting no office is on record and the level was read from titles" in flat
    assert "Heads of state or government: 1 of 1 read from titles" in flat


@pytest.mark.parametrize("asked", ["IR-AZ", "ir-az", "az-ir", "Az-Ir"])
def test_every_other_spelling_of_a_pair_redirects_permanently(client, seeds, asked):
    response = client.get(f"/relations/{asked}/")
    assert response.status_code == 301 and response["Location"] == "/relations/AZ-IR/"
    response = client.get(f"/relations/{asked}/feed.atom")
    assert response.status_code == 301 and response["Location"] == "/relations/AZ-IR/feed.atom"


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("AZ-AZ", "AZ twice is one country, not a pair"),
        ("az-ZZ", "No country in the archive has the code ZZ."),
        ("QQ-ZZ", "No country in the archive has the code QQ or ZZ."),
        ("AZE-IRN", "two ISO codes with a dash"),
        ("AZ-IR-TR", "two ISO codes with a dash"),
        ("%3Cscript%3Ealert(1)%3C", "two ISO codes with a dash"),
    ],
)
def test_a_bad_pair_is_a_styled_404_saying_why(client, seeds, asked, message):
    for path in (f"/relations/{asked}/", f"/relations/{asked}/feed.atom"):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 404, path
        assert message in html and "No pair of countries at this address" in html
        assert 'href="/relations/"' in html and "<script>alert" not in html


def test_a_long_address_is_not_echoed_whole(client, seeds):
    response = client.get("/relations/" + "A" * 500 + "/")
    assert response.status_code == 404
    assert "“" + "A" * 40 + "…”" in response.content.decode() and "A" * 41 not in response.content.decode()


def test_a_pair_that_never_met_says_so_and_offers_the_articles(client, seeds):
    flat = text(client.get("/relations/AM-AZ/").content.decode())
    assert "No public meeting between Armenia and Azerbaijan is on record yet" in flat
    assert "Search the articles that name both countries" in flat


def test_the_pair_feed_lists_its_meetings_newest_first(client, indexed_seeds):
    response = client.get("/relations/AZ-IR/feed.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.feed.title == "Parley: meetings between Azerbaijan and Iran"
    assert [e.link for e in feed.entries] == ["http://testserver/meetings/2/", "http://testserver/meetings/1/"]
    assert feed.feed.link == "http://testserver/relations/AZ-IR/"


def test_the_index_lists_every_pair_that_met_with_a_country_filter(client, seeds):
    guest = make_person("Georgian Guest")
    make_meeting("2020-03-03", ("Host", "AZ", ""), (guest, "GE", ""))
    make_meeting("2021-03-03", ("Host", "AZ", ""), (guest, "GE", ""))
    make_meeting("2021-04-04", ("Envoy", "IR", ""), (guest, "GE", ""), place="GE")
    flat = text(client.get("/relations/").content.decode())
    assert "3 pairs." in flat
    assert "Azerbaijan – Georgia 2 2 2020-03-03 2021-03-03" in flat
    assert "Azerbaijan – Iran 2 2 2019-01-16 2019-07-18" in flat
    assert flat.index("Azerbaijan – Georgia") < flat.index("Georgia – Iran")
    assert "Armenia" not in flat.split("Countries Meetings")[1]  # only named in an article
    filtered = text(client.get("/relations/?country=ir").content.decode())
    assert "2 pairs with Iran." in filtered and "Azerbaijan – Georgia" not in filtered


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=ZZ", "No country with meetings on record has the code “ZZ”: every pair is shown."),
        ("country=AM", "No country with meetings on record has the code “AM”"),
        ("page=abc", "“abc” is not a page number: the first page is shown."),
        ("page=-1", "“-1” is not a page number"),
        ("page=99999999999999999999", None),
        ("country=%3Cscript%3E", "“&lt;script&gt;”"),
    ],
)
def test_bad_index_parameters_are_messages(client, seeds, query, message):
    response = client.get(f"/relations/?{query}")
    html = response.content.decode()
    assert response.status_code == 200 and "Azerbaijan – Iran" in html
    assert message is None or message in html
    assert "<script>" not in html.split("</head>")[1]


def test_the_index_is_paginated(client, seeds):
    others = list(Country.objects.exclude(code__in=["AZ", "IR"]).order_by("code")[:INDEX_PAGE_SIZE])
    for country in others:
        make_meeting("2020-01-01", ("Host", "AZ", ""), ("Guest", country.code, ""))
    first = text(client.get("/relations/").content.decode())
    assert f"{INDEX_PAGE_SIZE + 1} pairs, page 1 of 2." in first
    second = client.get("/relations/?page=2").content.decode()
    assert "page 2 of 2" in text(second) and 'href="?page=1"' in second
    assert text(second).count(" – ") >= 1


def test_the_country_page_lists_the_countries_met_with_sparklines(client, seeds):
    guest = make_person("Georgian Guest")
    make_meeting("2000-03-03", ("Host", "AZ", ""), (guest, "GE", ""))
    with CaptureQueriesContext(connection) as few:
        client.get("/countries/AZ/")
    for year in range(2001, 2027):
        make_meeting(f"{year}-03-03", ("Host", "AZ", ""), (make_person(f"Guest {year}"), "GE", ""))
    from records import aggregate_cache

    aggregate_cache.clear()
    with CaptureQueriesContext(connection) as many:
        html = client.get("/countries/AZ/").content.decode()
    assert len(many) == len(few) <= 10
    met = html.split('id="counterparts-heading"')[1].split('id="latest-heading"')[0]
    flat = text(met)
    assert "Georgia : relations with Azerbaijan 27 ( 2026-03-03 )" in flat
    assert "Iran : relations with Azerbaijan 2 ( 2019-07-18 )" in flat
    assert "Armenia" not in flat and "Türkiye" not in flat
    assert 'href="/relations/AZ-GE/"' in met and 'href="/relations/AZ-IR/"' in met
    assert met.count('<svg class="sparkline"') == 2 and 'viewBox="0 0 108 20"' in met  # 2000-2026: 27 years
    assert 'aria-label="Meetings with Georgia per year, 2000–2026: most in 2000 (1)"' in met
    assert "Zakir Hasanov (2 articles)" in text(html)  # the officials stay
    assert 'href="/relations/?country=AZ"' in met


def test_payloads_in_names_titles_and_agreements_stay_text(client, seeds):
    for number, payload in enumerate(PAYLOADS, 1):
        person = Person.objects.create(name=f"Official {number} {payload}"[:200], country_id="IR")
        meeting = make_meeting(
            f"2020-01-{1 + number % 28:02d}",
            (person, "IR", f"Minister {payload}"[:300]),
            (f"Guest {number} {payload}"[:200], "AZ", f"Envoy {payload}"[:300]),
            venue=f"Venue {payload}"[:200],
        )
        Agreement.objects.create(meeting=meeting, kind="protocol", title=f"Protocol {payload}"[:400])
    for url in ("/relations/AZ-IR/", "/relations/", "/countries/AZ/", "/countries/IR/"):
        response = client.get(url)
        assert response.status_code == 200, url
        audit = MarkupAudit.of(response.content.decode())
        assert audit.dangers == [], (url, audit.dangers)
    page = MarkupAudit.of(client.get("/relations/AZ-IR/").content.decode()).page_text
    assert f"Protocol {PAYLOADS[0]}" in page and f"Official 2 {PAYLOADS[1]}" in page


def test_the_pages_cost_a_fixed_number_of_queries(client, seeds, django_assert_max_num_queries):
    from records import aggregate_cache

    for n in range(30):
        guest = make_person(f"Guest {n}")
        make_meeting(f"{2000 + n % 27}-05-0{1 + n % 9}", ("Host", "AZ", "Minister of Defense"),
                     (guest, ["IR", "GE", "TR"][n % 3], "Ambassador"), place=["IR", "RU"][n % 2])  # fmt: skip
    # The pair: its lookup, the archive version, the record's 10 queries (tests/test_relations_pairs.py)
    # and the network's 2 (tests/test_network_graph.py).
    for url, queries in (("/relations/AZ-IR/", 14), ("/relations/?country=AZ", 4), ("/countries/AZ/", 8)):
        aggregate_cache.clear()
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(2):  # kept while the archive does not change
            assert client.get(url).status_code == 200

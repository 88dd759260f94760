"""Article, official and country pages: what they show and how many queries they cost."""

import datetime
import re

import pytest

from archive.models import Country, Person
from index.build import build_whoosh_index
from meetings.models import Meeting, Review
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_official_page_lists_counterparts_titles_and_timeline(client, indexed_seeds):
    html = client.get("/officials/zakir-hasanov/").content.decode()
    flat = text(html)
    # Who they met comes from meetings, not from shared articles.
    assert "Javad Jahangirzadeh Iran 1 meeting of Zakir Hasanov and Javad Jahangirzadeh 2019-07-18 2019-07-18" in flat
    assert "Mohammad Bagheri Iran 1 meeting of Zakir Hasanov and Mohammad Bagheri 2019-01-16 2019-01-16" in flat
    assert "Heydar Aliyev" not in flat.split("Who they met")[1].split("Articles")[0]  # only mentioned
    assert "Defense Minister, Colonel General 2019-01-16 2019-07-18 2" in flat
    assert "Zakir Gasanov, Zakir Hasanov Ali oglu, Zakir Həsənov" in flat
    assert 'href="/meetings/?official=zakir-hasanov&amp;official=mohammad-bagheri&amp;all=official"' in html
    meetings = text(html.split('id="meetings-heading"')[1].split('id="timeline-heading"')[0])
    assert "2019-07-18 Zakir Hasanov · Javad Jahangirzadeh" in meetings
    assert "2019-01-16 Zakir Hasanov · Mohammad Bagheri Ministry of Defense of Azerbaijan, Baku" in meetings


def test_titles_change_over_time_and_queries_do_not_grow_with_articles(client, seeds, django_assert_max_num_queries):
    iran = Country.objects.get(code="IR")
    hasanov = Person.objects.get(slug="zakir-hasanov")
    for n in range(30):
        guest = make_person(f"Guest {n}", country=iran)
        article = make_article(published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n), people=[guest])
        article.participations.create(person=hasanov, title="Minister of Defense" if n < 15 else "Former minister")
        meeting = Meeting.objects.create(start=article.published_on, review=Review.REVIEWED)
        meeting.reports.create(article=article)
        for person in (hasanov, guest):
            meeting.participants.create(person=person, country=person.country)
    # A fixed number: 8 for the person, titles and articles, 3 for who they met and their meetings,
    # 1 for the country words the ranks are read with, 3 for the offices held (tenures, evidence, proposals),
    # 2 for the network drawn (the participants of their meetings, the people drawn).
    with django_assert_max_num_queries(17):
        html = client.get("/officials/zakir-hasanov/").content.decode()
    flat = text(html)
    assert "Defense Minister, Colonel General 2019-01-16 2019-07-18 2" in flat
    assert "Minister of Defense 2020-01-01 2020-01-15 15" in flat
    assert "Former minister 2020-01-16 2020-01-30 15" in flat
    titles = flat.split("Titles as written")[1]
    assert titles.index("Defense Minister, Colonel General") < titles.index("Minister of Defense")
    assert flat.count("Guest ") >= 30


def test_country_page_lists_the_countries_met_not_the_countries_named(client, seeds, django_assert_max_num_queries):
    make_article(published_on=datetime.date(2021, 5, 5), countries=["AZ", "IR"])
    make_article(published_on=datetime.date(2021, 6, 5), countries=["AZ", "TR"])
    with django_assert_max_num_queries(8):
        html = client.get("/countries/AZ/").content.decode()
    met = text(html.split('id="counterparts-heading"')[1].split('id="latest-heading"')[0])
    assert "Country Meetings (last) Per year Iran : relations with Azerbaijan 2 ( 2019-07-18 )" in met
    turkey = Country.objects.get(code="TR").name
    assert "Armenia" not in met and turkey not in met  # only named in articles, never met
    assert "Zakir Hasanov (2 articles)" in text(html)
    assert 'href="/relations/AZ-IR/"' in html


def test_article_page_cites_and_relates(client, indexed_seeds):
    html = client.get("/articles/2019-07-18-hasanov-meets-iranian-ambassador-jahangirzadeh/").content.decode()
    assert (
        "Abdul Kerimkhanov, &#x27;Azerbaijan&#x27;s Defense Minister Zakir Hasanov meets Iranian Ambassador "
        "Javad Jahangirzadeh&#x27;, 18 July 2019, http://testserver/articles/2019-07-18-hasanov-meets-iranian-"
        "ambassador-jahangirzadeh/</textarea>" in html
    )
    related = html.split("Related articles")[1]
    assert "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/" in related
    assert 'href="/officials/javad-jahangirzadeh/">Javad Jahangirzadeh</a>, <span class="title">Ambassador' in html
    assert "<script" not in html.split("</head>")[1]  # no inline script: the copy button is a static file


def test_archive_text_is_escaped_on_every_page(client, seeds, search_index):
    evil = "<script>alert(1)</script> <img src=x onerror=alert(2) <b unclosed"
    person = make_person("Evil <img src=x onerror=alert(3)>")
    article = make_article(title=evil, body=f"Bagheri {evil}\n\nsecond", people=[person])
    article.participations.update(title=evil)
    build_whoosh_index()
    pages = [
        "/search/?q=onerror",
        article.get_absolute_url(),
        person.get_absolute_url(),
        "/search/?official=" + person.slug,
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html and "<b unclosed" not in html, url
        assert "&lt;img src=x onerror=alert(2)" in html or "&lt;img src=x onerror=alert(3)" in html, url


def test_unknown_official_and_country_are_404(client, seeds):
    assert client.get("/countries/az/").status_code == 200
    assert client.get("/officials/nobody/").status_code == 404
    assert client.get("/countries/ZZ/").status_code == 404
    assert client.get("/countries/AZE/").status_code == 404

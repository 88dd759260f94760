"""Search through a real Whoosh index in a temporary folder."""

import datetime

import pytest
from django.http import QueryDict

from archive.models import Article, Country
from index.build import build_whoosh_index
from query.search import run_search
from tests.factories import make_article, make_person, make_source

pytestmark = pytest.mark.django_db


def search(query: str):
    return run_search(QueryDict(query))


def dates(page):
    return [str(hit.article.published_on) for hit in page.hits]


def facet(page, name):
    return {v.value: (v.label, v.count) for f in page.facets if f.name == name for v in f.values}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=Bagheri", ["2019-01-16"]),
        ("q=protocol", ["2019-01-16"]),
        ("q=%22Sea+Cup%22", ["2019-07-18"]),
        ("q=Jahangirzadeh", ["2019-07-18"]),
        ("date_from=2019-07-01", ["2019-07-18"]),
        ("date_to=2019-01-16", ["2019-01-16"]),
        ("date_from=2019-01-16&date_to=2019-01-16", ["2019-01-16"]),
        ("country=AM", ["2019-01-16"]),
        ("country=IR&date_from=2019-07-01", ["2019-07-18"]),
        ("official=zakir-hasanov", ["2019-07-18", "2019-01-16"]),
        ("official=javad-jahangirzadeh", ["2019-07-18"]),
        ("official=mohammad-bagheri&official=javad-jahangirzadeh", ["2019-07-18", "2019-01-16"]),
        ("source=news-az", ["2019-01-16"]),
        ("q=%22Sea+Cup%22+OR+protocol&sort=newest", ["2019-07-18", "2019-01-16"]),
        ("q=Azerbaijan&sort=oldest", ["2019-01-16", "2019-07-18"]),
        ("q=Azerbaijan+-Armenia", ["2019-07-18"]),
        ("q=Azerbaijan+NOT+protocol", ["2019-07-18"]),
        ("q=jahangir*", ["2019-07-18"]),
        ("q=Bagheir~", ["2019-01-16"]),
    ],
)
def test_seed_searches(indexed_seeds, query, expected):
    assert dates(search(query)) == expected


def test_match_all_lists_every_published_article_newest_first_with_facets(indexed_seeds):
    page = search("")
    assert page.count == 2 and dates(page) == ["2019-07-18", "2019-01-16"]
    assert facet(page, "country")["AZ"] == ("Azerbaijan", 2)
    assert facet(page, "country")["AM"] == ("Armenia", 1)
    assert facet(page, "official")["zakir-hasanov"] == ("Zakir Hasanov", 2)
    assert facet(page, "year") == {"2019": ("2019", 2)}


def test_source_facet_is_one_whole_value(indexed_seeds):
    assert facet(search(""), "source") == {"news-az": ("News.Az", 1)}


def test_facet_labels_with_commas_and_spaces_stay_whole(seeds, search_index):
    korea = Country.objects.get(code="KR")
    source = make_source("Korea, Republic of Press Agency")
    make_article(source=source, countries=[korea])
    build_whoosh_index()
    page = search("")
    assert facet(page, "source")[source.slug] == ("Korea, Republic of Press Agency", 1)
    assert facet(page, "country")["KR"] == ("South Korea", 1)
    assert dates(search(f"source={source.slug}")) == ["2020-05-01"]


def test_toggle_urls_add_and_remove_a_filter(indexed_seeds):
    page = search("q=Hasanov&country=AZ&page=1")
    values = {v.value: v for f in page.facets if f.name == "country" for v in f.values}
    assert values["AZ"].selected and values["AZ"].toggle_url == "?q=Hasanov"
    assert not values["IR"].selected and values["IR"].toggle_url == "?q=Hasanov&country=AZ&country=IR"


@pytest.mark.parametrize("spelling", ["hasanov", "Həsənov", "HASANOV", "Gasanov", "Zakir+H%C9%99s%C9%99nov"])
def test_names_match_whatever_the_case_accents_or_alias(indexed_seeds, spelling):
    assert dates(search(f"q={spelling}")) == ["2019-07-18", "2019-01-16"]


def test_proper_names_are_not_stemmed(seeds, search_index):
    make_article(title="Abbas Araghchi in Baku", body="Abbas Araghchi met the delegation.")
    build_whoosh_index()
    assert search("q=Abbas").count == 1
    assert search("q=abba").count == 0


def test_spelling_suggestion_when_nothing_matches(indexed_seeds):
    page = search("q=Bagheir")
    assert page.count == 0 and page.suggestion == "Bagheri"
    assert search("q=Jahangirzade").suggestion == "Jahangirzadeh"
    assert search("q=Bagheri").suggestion is None


def test_drafts_and_withdrawn_articles_are_not_indexed(seeds, search_index):
    make_article(title="Secret draft", body="Unpublished draft about Bagheri", status=Article.Status.DRAFT)
    make_article(title="Withdrawn", body="Withdrawn story about Bagheri", status=Article.Status.WITHDRAWN)
    build_whoosh_index()
    assert dates(search("q=Bagheri")) == ["2019-01-16"]
    assert search("q=draft").count == 0


def test_snippets_mark_matches_and_escape_everything_else(seeds, search_index):
    make_article(body='Bagheri <script>alert(1)</script> and <img src=x onerror=alert(2) met "officials" & more')
    build_whoosh_index()
    page = search("q=onerror")
    html = str(page.hits[0].snippet)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;img src=x <mark>onerror</mark>=alert(2)" in html
    assert "&amp; more" in html


def test_snippet_marks_only_keywords_not_filter_values(indexed_seeds):
    page = search("q=protocol&country=IR")
    html = str(page.hits[0].snippet)
    assert "<mark>protocol</mark>" in html and "<mark>Iran" not in html


def test_unaligned_offsets_return_the_right_window(seeds, search_index):
    for day in range(1, 46):
        make_article(
            title=f"Day {day}",
            body=f"Routine meeting number {day}",
            published_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=day),
        )
    build_whoosh_index()
    backend = search_index
    backend.setup()
    everything = backend.search("*", sort_by=["-date"], start_offset=0, end_offset=None)["results"]
    window = backend.search("*", sort_by=["-date"], start_offset=5, end_offset=15)["results"]
    assert [r.pk for r in window] == [r.pk for r in everything[5:15]]
    pages = [dates(search(f"q=routine&sort=oldest&page={n}")) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [20, 20, 5]
    assert sum(pages, []) == sorted(sum(pages, []))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=abc", "not a page number"),
        ("page=-4", "pages run from 1"),
        ("page=99999999999999999999", "pages run from 1"),
        ("date_from=2019-02-30", "Enter a valid date"),
        ("country=ZZ", "Unknown country code: ZZ"),
        ("official=%22x,y", "Not a valid official"),
        ("q=%22unbalanced", "unbalanced quotation mark"),
        ("date_from=2020-01-01&date_to=2019-01-01", "end date is before"),
        ("source=no-such-outlet", "Unknown source"),
    ],
)
def test_bad_input_gets_a_message_and_still_a_page(indexed_seeds, query, message):
    page = search(query)
    assert any(message in m for m in page.messages), page.messages
    assert page.count >= 0


def test_officials_facet_follows_participation_roles(seeds, search_index):
    person = make_person("Ali Akbar Ahmadian", country=Country.objects.get(code="IR"))
    make_article(people=[(person, "mentioned")])
    build_whoosh_index()
    assert facet(search(""), "official")[person.slug] == ("Ali Akbar Ahmadian", 1)

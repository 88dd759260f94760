"""Facets, roles, AND-combination, the hits-over-time chart and pagination, on a real Whoosh index."""

import datetime

import pytest
from django.http import QueryDict

from archive.models import Country
from index.build import build_whoosh_index
from query.pagination import page_numbers
from query.search import run_search
from tests.factories import make_article, make_person, make_source

pytestmark = pytest.mark.django_db


def search(query: str):
    return run_search(QueryDict(query))


def dates(page):
    return [str(hit.article.published_on) for hit in page.hits]


def counts(page, name):
    facets = [page.role_facet] if name == "role" else [f for f in page.facets if f.name == name]
    return {v.value: v.count for f in facets for v in f.values}


def test_counts_of_a_selected_facet_ignore_its_own_selection(indexed_seeds):
    page = search("country=AM")
    assert dates(page) == ["2019-01-16"]
    # Country is disjunctive: IR still counts both articles, so OR-ing it in is meaningful.
    assert counts(page, "country") == {"AZ": 2, "IR": 2, "AM": 1}
    # Other facets are counted within the selection.
    assert counts(page, "official") == {
        "zakir-hasanov": 1,
        "mohammad-bagheri": 1,
        "heydar-aliyev": 1,
        "ilham-aliyev": 1,
    }
    assert [f.name for f in page.facets if f.disjunctive] == ["country"]


def test_values_of_one_facet_or_different_facets_and(indexed_seeds):
    assert dates(search("country=AM&country=IR")) == ["2019-07-18", "2019-01-16"]
    assert dates(search("country=AM&official=javad-jahangirzadeh")) == []
    assert dates(search("country=IR&official=javad-jahangirzadeh")) == ["2019-07-18"]


def test_all_parameter_asks_for_every_value_of_a_facet(indexed_seeds):
    either = "official=zakir-hasanov&official=mohammad-bagheri"
    assert dates(search(either)) == ["2019-07-18", "2019-01-16"]
    page = search(either + "&all=official")
    assert dates(page) == ["2019-01-16"]
    official = next(f for f in page.facets if f.name == "official")
    assert official.combine == "all" and not official.disjunctive
    assert official.combine_toggle_url == "?official=zakir-hasanov&official=mohammad-bagheri"
    assert dates(search("country=AZ&country=AM&all=country")) == ["2019-01-16"]


def test_role_restricts_the_official_filter_and_facet(indexed_seeds):
    assert dates(search("official=heydar-aliyev")) == ["2019-01-16"]
    assert dates(search("official=heydar-aliyev&role=participant")) == []
    assert dates(search("official=heydar-aliyev&role=mentioned")) == ["2019-01-16"]
    assert counts(search("official=heydar-aliyev"), "role") == {"any": 1, "participant": 0, "mentioned": 1}
    assert set(counts(search("role=mentioned"), "official")) == {"heydar-aliyev", "ilham-aliyev"}
    assert counts(search("role=participant"), "official") == {
        "zakir-hasanov": 2,
        "mohammad-bagheri": 1,
        "javad-jahangirzadeh": 1,
    }
    # Without a selected official the role filters nothing: its counts are not meaningful.
    assert counts(search(""), "role") == {"any": None, "participant": None, "mentioned": None}


def test_together_link_of_the_official_page_finds_both(indexed_seeds):
    page = search("official=zakir-hasanov&official=javad-jahangirzadeh&all=official&role=participant")
    assert dates(page) == ["2019-07-18"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("role=both", "Role: Choose participant or mentioned."),
        ("all=year", "Unknown filter to match in full"),
        ("date_from=0001-01-01", "Dates run from 1800-01-01"),
        ("country=" + "&country=".join(["AZ"] * 3 + [f"A{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVW"]), "At most 20"),
    ],
)
def test_bad_new_parameters_get_a_message(indexed_seeds, query, message):
    page = search(query)
    assert any(message in m for m in page.messages), page.messages


def test_histogram_by_month_within_three_years(indexed_seeds):
    chart = search("").histogram
    assert chart.granularity == "month"
    assert [bar.label for bar in chart.bars][:2] == ["January 2019", "February 2019"]
    assert [bar.count for bar in chart.bars] == [1, 0, 0, 0, 0, 0, 1]
    assert chart.bars[0].url == "?date_from=2019-01-01&date_to=2019-01-31"
    assert chart.bars[1].url == ""  # no link to an empty month
    assert dates(search(chart.bars[-1].url[1:])) == ["2019-07-18"]


def test_histogram_by_year_over_longer_ranges_and_month_when_narrowed(seeds, search_index):
    for year in (2012, 2015, 2015, 2020):
        make_article(published_on=datetime.date(year, 3, 9))
    build_whoosh_index()
    chart = search("q=ministers&country=AZ").histogram  # country filter without hits: no chart
    assert chart is None
    chart = search("q=ministers").histogram
    assert chart.granularity == "year"
    assert [(b.label, b.count) for b in chart.bars] == [
        ("2012", 1),
        ("2013", 0),
        ("2014", 0),
        ("2015", 2),
        ("2016", 0),
        ("2017", 0),
        ("2018", 0),
        ("2019", 0),
        ("2020", 1),
    ]
    bar_2015 = chart.bars[3]
    assert bar_2015.url == "?q=ministers&date_from=2015-01-01&date_to=2015-12-31"
    narrowed = search(bar_2015.url[1:])
    assert narrowed.count == 2 and narrowed.histogram.granularity == "month"
    assert [b.label for b in narrowed.histogram.bars][0] == "January 2015"
    assert len(narrowed.histogram.bars) == 12
    # Only bars with hits are links, and they are in date order.
    starts = [b.start for b in chart.bars]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 20, [1, 2, 3, None, 20]),
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
        (500, 20, [1, None, 18, 19, 20]),
    ],
)
def test_page_numbers_with_ellipses(current, last, expected):
    assert page_numbers(current, last) == expected


def test_numbered_pages_have_stable_urls_and_huge_pages_are_bounded(seeds, search_index):
    for day in range(45):
        make_article(title=f"Day {day}", published_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=day))
    build_whoosh_index()
    page = search("q=ministers&sort=oldest&page=2")
    links = page.page_links
    assert [(link.number, link.url, link.current) for link in links] == [
        (1, "?q=ministers&sort=oldest", False),
        (2, "?q=ministers&sort=oldest&page=2", True),
        (3, "?q=ministers&sort=oldest&page=3", False),
    ]
    assert dates(search("q=ministers&sort=oldest&page=3"))[-1] == "2021-02-14"
    past = search("q=ministers&page=9999")
    assert past.number == 3 and any("past the last page" in m for m in past.messages)
    assert search("q=ministers&page=10001").number == 1


def test_sort_links_and_suggestion_keep_the_filters(indexed_seeds):
    page = search("q=Bagheir&country=IR")
    assert page.count == 0 and page.suggestion_url == "?country=IR&q=Bagheri"
    sorts = {link.sort.value: (link.url, link.current) for link in search("q=Hasanov&year=2019").sort_links}
    assert sorts == {
        "relevance": ("?q=Hasanov&year=2019&sort=relevance", True),
        "newest": ("?q=Hasanov&year=2019&sort=newest", False),
        "oldest": ("?q=Hasanov&year=2019&sort=oldest", False),
    }


def test_many_facet_values_are_listed_with_a_top(seeds, search_index):
    people = [make_person(f"Official Number {n}", country=Country.objects.get(code="GE")) for n in range(14)]
    source = make_source("Georgia Wire")
    make_article(source=source, people=people)
    build_whoosh_index()
    official = next(f for f in search("").facets if f.name == "official")
    assert official.truncated and len(official.top_values) == 10 and len(official.more_values) == 5 + 14 - 10
    assert all(v.toggle_url.startswith("?official=") for v in official.values)

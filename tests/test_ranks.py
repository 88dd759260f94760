"""Ranks read from the titles as reported (records/ranks.py)."""

import pytest

from offices.titles import TitleReader
from records.ranks import ranks_reported
from tests.offices_factories import day

pytestmark = pytest.mark.django_db


def row(title, first, last, articles):
    return {"title": title, "first": day(first), "last": day(last), "articles": articles}


def test_ranks_are_merged_across_titles_latest_first(seeds):
    titles = [
        row("Defense Minister, Colonel General", "2013-11-01", "2019-07-18", 40),
        row("Colonel General, Minister of Defense of Azerbaijan", "2014-01-01", "2014-02-01", 1),
        row("Minister of Defense, Lieutenant General", "2010-01-01", "2013-10-30", 5),
        row("Minister of Defense", "2020-01-01", "2020-03-01", 3),  # no rank: not counted
        row("Maj. Gen., Minister of Defense", "2008-01-01", "2009-01-01", 2),
    ]
    ranks = ranks_reported(titles, TitleReader.from_database())
    assert [(r.rank, r.first, r.last, r.articles) for r in ranks] == [
        ("Colonel General", day("2013-11-01"), day("2019-07-18"), 41),
        ("Lieutenant General", day("2010-01-01"), day("2013-10-30"), 5),
        ("Major General", day("2008-01-01"), day("2009-01-01"), 2),
    ]
    assert ranks[0].titles == [
        "Defense Minister, Colonel General",
        "Colonel General, Minister of Defense of Azerbaijan",
    ]


def test_no_titles_no_ranks_and_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert ranks_reported([]) == []

"""A facet's values and the histogram's bars are rendered in Python (renderers/templatetags/facets.py, histogram.py) for
speed: the markup must stay what the templates made, escaping and whitespace included. The references below
are those templates."""

import datetime
from pathlib import Path

import pytest
from django.template import engines
from django.utils.safestring import mark_safe

from query.facets import Facet, FacetValue
from query.histogram import Histogram, build_histogram
from renderers.templatetags.facets import facet_value_items

FRAGMENTS = Path(__file__).parent / "data" / "fragments"
# The include a facet's values were rendered with, one by one, until 2026-12-04.
REFERENCE = "{% for value in values %}" + (FRAGMENTS / "facet_value.html").read_text(encoding="utf-8") + "{% endfor %}"
XSS = '<script>alert("x")</script>&\'"'

VALUES = [
    FacetValue("AZ", "Azerbaijan", 12, False, "?country=AZ"),
    FacetValue("IR", "Iran", 1, True, "?q=a&amp;country=IR"),
    FacetValue("x", XSS, 0, False, f"?q={XSS}"),
    FacetValue(XSS, lambda value: f"label of {value}", None, True, lambda value: f"?o={value}"),
    FacetValue("safe", mark_safe("<b>already safe</b>"), 2, False, "?s=1"),
    FacetValue("big", "Big", 12345, False, "?b=1"),
]


@pytest.mark.parametrize("count_noun", ["", "meeting", XSS])
@pytest.mark.parametrize("name", ["country", XSS])
def test_facet_values_render_as_the_template_did(name, count_noun):
    facet = Facet(name=name, label="Countries", values=VALUES)
    reference = engines["django"].from_string(REFERENCE)
    expected = reference.render({"facet": facet, "values": VALUES, "count_noun": count_noun})
    assert facet_value_items(facet, VALUES, count_noun) == expected
    assert "<script>" not in expected


def test_a_page_renders_its_facet_values_through_the_tag(client, indexed_seeds):
    page = client.get("/search/", {"country": "AZ"}).content.decode()
    assert 'data-facet="country" data-value="AZ"><span class="label"><span class="visually-hidden">Selected' in page
    assert page.count('<li><a href="?') >= 4


# templates/includes/histogram.html until 2026-12-04, its loops in the template.
HISTOGRAM_REFERENCE = (FRAGMENTS / "histogram.html").read_text(encoding="utf-8")

HISTOGRAMS = {
    "years": ({"2015": 3, "2017": 1, "2021": 12}, {}, None, None),
    "months": ({"2019": 4}, {"2019-01": 1, "2019-03": 3}, None, None),
    "months narrowed": ({"2019": 4, "2020": 1}, {"2019-11": 1, "2020-02": 3}, datetime.date(2019, 10, 5), None),
    "many years": ({str(year): year % 7 for year in range(1980, 2026)}, {}, None, None),
}


@pytest.mark.parametrize("case", HISTOGRAMS)
def test_the_histogram_renders_as_the_template_did(case):
    years, months, date_from, date_to = HISTOGRAMS[case]
    chart = build_histogram(years, months, date_from, date_to, {"q": [XSS], "country": ["AZ"]})
    context = {"histogram": chart}
    expected = engines["django"].from_string(HISTOGRAM_REFERENCE).render(context)
    assert engines["django"].get_template("includes/histogram.html").render(context) == expected
    assert "<script>" not in expected and chart.bars


def test_a_histogram_of_odd_numbers_renders_as_the_template_did():
    """Floats the template engine localises (a tiny one in exponent form) and a noun to escape."""
    chart = build_histogram({"2019": 3, "2020": 1}, {}, None, None, {})
    bars = [bar.__class__(**{**bar.__dict__, "x": 1e-05, "y": 37.75}) for bar in chart.bars]
    odd = Histogram(chart.granularity, bars, noun=XSS)
    context = {"histogram": odd}
    expected = engines["django"].from_string(HISTOGRAM_REFERENCE).render(context)
    assert engines["django"].get_template("includes/histogram.html").render(context) == expected


RESULT_REFERENCE = (FRAGMENTS / "result.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("query", ["q=Hasanov", "q=Bagheri", "", "country=AZ"])
def test_article_rows_render_as_the_template_did(indexed_seeds, query):
    from django.http import QueryDict

    from query.search import run_search
    from renderers.templatetags.results import article_result

    hits = run_search(QueryDict(query)).hits
    rows = [article_result(hit) for hit in hits]
    for hit, row in zip(hits, rows, strict=True):
        assert row == engines["django"].from_string(RESULT_REFERENCE).render({"hit": hit})
    # The seeds' rows have every optional part: outlet, people, countries.
    assert rows and all('class="people"' in row and 'class="countries"' in row and " · " in row for row in rows)


def test_an_article_row_with_nothing_optional_and_markup_everywhere(db):
    """No outlet, byline, participant or country; a headline, byline and outlet that must stay text."""
    from query.search import Hit
    from renderers.templatetags.results import article_result
    from tests.factories import make_article

    plain = make_article(title="Plain", body="Nothing")
    hostile = make_article(title=XSS, body="Nothing either")
    hostile.byline = XSS
    for article in (plain, hostile):
        hit = Hit(article=article, score=1.0, snippet=mark_safe("<mark>x</mark>"))
        expected = engines["django"].from_string(RESULT_REFERENCE).render({"hit": hit})
        assert article_result(hit) == expected
        assert "<script>" not in expected


MEETING_REFERENCE = (FRAGMENTS / "meeting_result.html").read_text(encoding="utf-8")


def _meeting_row_as_the_template_wrote_it(hit) -> str:
    return engines["django"].from_string(MEETING_REFERENCE).render({"hit": hit, "meeting": hit.meeting})


def test_meeting_rows_render_as_the_template_did(indexed_seeds):
    """The seeds' two curated meetings, then the same as proposals of other precision, mode, status,
    place, outlets and agreements, with markup in every text."""
    from django.http import QueryDict

    from meetings.models import Agreement, Meeting, MeetingParticipant
    from query.search import Hit, MeetingSearch
    from renderers.templatetags.results import meeting_result

    hits = MeetingSearch(QueryDict("")).page().hits
    assert len(hits) >= 2
    for hit in hits:
        assert meeting_result(hit) == _meeting_row_as_the_template_wrote_it(hit)
    assert any('class="agreements"' in meeting_result(hit) for hit in hits)
    meeting = Meeting.objects.create(
        start=datetime.date(2019, 5, 1), start_precision="month", mode="remote", status="planned", city=XSS, venue=XSS
    )
    MeetingParticipant.objects.create(meeting=meeting, name=XSS, country_id="AZ")
    Agreement.objects.create(meeting=meeting, kind="memorandum", title="")
    Agreement.objects.create(meeting=meeting, kind="protocol", title=XSS)
    bare = Meeting.objects.create(start=datetime.date(2020, 1, 1), start_precision="year")
    for shown in Meeting.objects.for_display().filter(pk__in=[meeting.pk, bare.pk]):
        hit = Hit(article=None, meeting=shown, score=1.0, snippet=mark_safe(""))
        row = meeting_result(hit)
        assert row == _meeting_row_as_the_template_wrote_it(hit)
        assert "<script>" not in row and "proposed, not yet reviewed" in row

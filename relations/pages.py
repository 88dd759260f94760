"""What the relations pages show, ready for their templates: charts, tables, links, the index's filter.

The pair page's figures and the index's list are aggregates of every meeting of the pair
(or of the archive): they are kept per archive version like the official and country pages'
(records/aggregate_cache.py), so a page costs one small query while nothing changed.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from archive.models import Country
from network.graph import pair_network
from query.links import meetings_url, together_url
from records import aggregate_cache
from relations import charts
from relations.levels import RANK, Level
from relations.listing import PairSummary, counterparts, pair_summaries
from relations.pairs import MODE_KEYS, PairRecord, Series, pair_record

INDEX_PAGE_SIZE = 50
LEVEL_KEYS = [level.value for level in sorted(Level, key=lambda level: -RANK[level])]


@dataclass
class Chart:
    """One chart of the pair page with its legend and its table (a row per year)."""

    svg: SafeString
    legend: SafeString
    series: list[Series]
    rows: list[tuple[int, str, int, list[int]]]  # year, its meetings search, total, count per series


def year_span(years: list[int]) -> str:
    """Return ``2001–2026``, or the one year."""
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def chart(record: PairRecord, series: list[Series], keys: list[str], what: str, search: dict) -> Chart:
    """Return the stacked chart of ``series`` per year of ``record`` (``what`` names the split); each kind
    keeps its colour from its place in ``keys``, whichever kinds the pair has."""
    bands = [charts.Band(s.label, s.by_year, charts.color(keys.index(s.key))) for s in series]
    span = year_span(record.years)
    label = f"Meetings between {record.first.name} and {record.second.name} per year, {span}, by {what}"
    rows = [
        (
            year,
            meetings_url(**search, year=str(year)),
            sum(s.by_year.get(year, 0) for s in series),
            [s.by_year.get(year, 0) for s in series],
        )
        for year in record.years
    ]
    return Chart(charts.stacked_bars(record.years, bands, label), charts.legend(bands), series, rows)


def pair_context(record: PairRecord) -> dict:
    """Return the context of the pair page's aggregates for ``record``."""
    codes = [record.first.code, record.second.code]
    search = {"country": codes, "all": "country"}
    return {
        "record": record,
        "first": record.first,
        "second": record.second,
        "meetings_url": meetings_url(**search),
        "articles_url": together_url("country", codes),
        "network": pair_network(*codes),
        "level_chart": chart(record, record.levels, LEVEL_KEYS, "level", search) if record.total else None,
        "mode_chart": chart(record, record.modes, list(MODE_KEYS), "how they met", search) if record.total else None,
    }


def pair_aggregates(first: Country, second: Country) -> SafeString:
    """Return the rendered aggregates of the pair page of ``first`` and ``second`` (escaped by the template)."""
    return aggregate_cache.cached(
        ("relations-pair", first.code, second.code),
        lambda: render_to_string("relations/_pair_body.html", pair_context(pair_record(first, second))),
    )


# --- The index -----------------------------------------------------------------------------------


@dataclass
class IndexPage:
    """The relations index as asked: the pairs shown, the country filter, and what was wrong with the request."""

    page: Page
    country: Country | None
    countries: list[tuple[str, str]]  # every country in a pair, for the filter
    total: int
    messages: list[str] = field(default_factory=list)


def every_pair() -> list[PairSummary]:
    """Return :func:`relations.listing.pair_summaries`, kept per archive version."""
    return aggregate_cache.cached(("relations-index",), pair_summaries)


def index_page(query: QueryDict) -> IndexPage:
    """Return the index for ``query`` (``country``, ``page``); a bad value is a message, never an error."""
    pairs = every_pair()
    named = {}
    for pair in pairs:
        named[pair.first], named[pair.second] = pair.first_name, pair.second_name
    messages = []
    asked = query.get("country", "").strip()
    country = None
    if asked:
        code = asked.upper()
        if code in named:
            country = Country(code=code, name=named[code])
            pairs = [p for p in pairs if code in (p.first, p.second)]
        else:
            messages.append(f"No country with meetings on record has the code “{asked[:20]}”: every pair is shown.")
    number = query.get("page", "1")
    if not number.isdigit() or int(number) < 1:
        messages.append(f"“{number[:20]}” is not a page number: the first page is shown.")
        number = "1"
    page = Paginator(pairs, INDEX_PAGE_SIZE).get_page(number)
    countries = sorted(named.items(), key=lambda item: item[1])
    return IndexPage(page, country, countries, len(pairs), messages)


# --- The country page ----------------------------------------------------------------------------


def counterpart_rows(country: Country) -> list[dict]:
    """Return the counterparts of ``country`` from meetings, each with its sparkline over the same years."""
    years, found = counterparts(country)
    span = year_span(years)
    rows = []
    for counterpart in found:
        per_year = counterpart.per_year(years)
        peak_year, peak = max(per_year, key=lambda item: (item[1], -item[0]))
        label = f"Meetings with {counterpart.name} per year, {span}: most in {peak_year} ({peak})"
        rows.append(
            {"counterpart": counterpart, "pair": counterpart.pair, "sparkline": charts.sparkline(per_year, label)}
        )
    return rows

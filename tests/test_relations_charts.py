"""Charts drawn on the server: stacked bars readable over 27 years, sparklines, legends, labels kept as text."""

import re
import xml.etree.ElementTree as ET

from relations import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))  # noqa: S314


def test_twenty_seven_years_of_stacked_bars_fit_with_every_fifth_year_written():
    years = list(range(2000, 2027))
    bands = [
        charts.Band("Ministers", dict.fromkeys(years, 2), charts.color(0)),
        charts.Band("Envoys", {2019: 6}, charts.color(1)),
    ]
    svg = parse(charts.stacked_bars(years, bands, "Meetings per year"))
    assert svg.get("role") == "img" and svg.get("aria-label") == "Meetings per year"
    rects = svg.findall(f"{SVG}rect")
    assert len(rects) == 27 + 1
    labels = [t.text for t in svg.findall(f"{SVG}text") if t.get("class") == "year"]
    assert labels == ["2000", "2005", "2010", "2015", "2020", "2025"]
    right_edges = [float(r.get("x")) + float(r.get("width")) for r in rects]
    assert max(right_edges) <= charts.WIDTH and min(float(r.get("x")) for r in rects) >= charts.LEFT
    # The peak year (2019: 2 + 6) fills the plot's height; the others a quarter of it.
    plot = charts.HEIGHT - charts.TOP - charts.BOTTOM
    stack_2019 = sum(float(r.get("height")) for r in rects if r.find(f"{SVG}title").text.startswith("2019"))
    assert abs(stack_2019 - plot) < 0.2
    assert abs(float(rects[0].get("height")) - plot / 4) < 0.2
    assert [t.text for t in svg.findall(f"{SVG}text") if t.get("class") == "tick"] == ["8", "4"]


def test_year_labels_thin_out_with_the_span_and_few_years_keep_narrow_bars():
    assert [charts.year_step(n) for n in (1, 9, 10, 18, 19, 45, 46, 200)] == [1, 1, 2, 2, 5, 5, 10, 10]
    svg = parse(charts.stacked_bars([2019], [charts.Band("Ministers", {2019: 2}, charts.color(0))], "One year"))
    assert float(svg.find(f"{SVG}rect").get("width")) <= 40
    assert charts.stacked_bars([], [], "Nothing") == ""


def test_labels_stay_text_in_bars_legend_and_sparkline():
    evil = '<script>alert("x")</script>'
    bars = str(charts.stacked_bars([2020], [charts.Band(evil, {2020: 1}, charts.color(0))], evil))
    legend = str(charts.legend([charts.Band(evil, {}, charts.color(8))]))
    spark = str(charts.sparkline([(2020, 1)], evil))
    for html in (bars, legend, spark):
        assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'fill="#6b6b6b"' in legend  # the seventh kind and later are grey


def test_a_sparkline_draws_one_bar_per_year_with_meetings_scaled_to_its_peak():
    counts = [(year, 3 if year == 2010 else (1 if year % 3 == 0 else 0)) for year in range(2000, 2027)]
    svg = parse(charts.sparkline(counts, "Meetings with Iran per year"))
    rects = svg.findall(f"{SVG}rect")
    assert len(rects) == sum(1 for _, count in counts if count)
    assert max(float(r.get("height")) for r in rects) == 18.0
    assert re.fullmatch(r"0 0 108 20", svg.get("viewBox"))
    assert svg.get("aria-label") == "Meetings with Iran per year"
    assert charts.sparkline([], "none") == ""

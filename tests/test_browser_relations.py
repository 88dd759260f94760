"""The relations pages in a real Chromium at 390 and 1,280 px against gunicorn: with 27 years of meetings
and 40 countries met, no page scrolls sideways (the tables scroll inside their own box), the charts fit,
axe-core finds nothing serious. Screenshots go to the test's temporary folder (looked at, never compared)."""

import pytest
from playwright.sync_api import expect

from harness.live_desk import LiveDesk
from tests.browser_helpers import fits_the_screen, serious_violations, visiting

pytestmark = [pytest.mark.browser, pytest.mark.server]
WIDTHS = [390, 1280]
PAGES = {
    "pair": ("/relations/AZ-IR/", 200),
    "index": ("/relations/", 200),
    "index-filtered": ("/relations/?country=AZ&page=x", 200),
    "country": ("/countries/AZ/", 200),
    "pair-unknown": ("/relations/AZ-ZZ/", 404),
}
BUSY_ARCHIVE = """
import datetime
from archive.models import Country, Person
from meetings.vocabulary import Format, Mode
from tests.relations_factories import make_meeting
hasanov = Person.objects.get(slug='zakir-hasanov')
titles = ['President of the Islamic Republic of Iran', 'Minister of Foreign Affairs of Iran', 'Deputy Defense Minister',
          'Ambassador of Iran to Azerbaijan', 'Commander of the Navy', '']
places = ['AZ', 'IR', 'TR', None]
modes = [Mode.VISIT, Mode.VISIT, Mode.THIRD_PARTY, Mode.REMOTE]
for n in range(81):
    guest = Person.objects.create(name=f'Iranian Official With A Rather Long Name Number {n}', country_id='IR')
    meeting = make_meeting(datetime.date(2000 + n % 27, 1 + n % 12, 1 + n % 28), (hasanov, 'AZ', ''),
                           (guest, 'IR', titles[n % 6]), place=places[n % 4], mode=modes[n % 4],
                           format=Format.COMMISSION if n % 9 == 0 else '')
    if n % 5 == 0:
        meeting.agreements.create(kind='memorandum', title=f'Memorandum of understanding on cooperation in field {n}')
for country in Country.objects.exclude(code__in=['AZ', 'IR']).order_by('code')[:39]:
    envoy = (f'Envoy of {country.name}', country.code, 'Ambassador')
    make_meeting(datetime.date(2010, 5, 5), (hasanov, 'AZ', ''), envoy)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Parley with the seeds, 81 more meetings of Azerbaijan and Iran over 27 years, and Azerbaijan's
    meetings with 39 more countries (40 countries met)."""
    server = LiveDesk(tmp_path_factory.mktemp("relations"))
    server.prepare()
    server.shell(BUSY_ARCHIVE)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def visitor(site, browser):
    with visiting(browser) as page:
        yield page


@pytest.mark.parametrize("width", WIDTHS)
def test_relations_pages_fit_the_screen_and_axe_finds_nothing_serious(site, visitor, width, tmp_path):
    page = visitor
    page.set_viewport_size({"width": width, "height": 900})
    for name, (path, status) in PAGES.items():
        response = page.goto(site.url + path)
        assert response.status == status, name
        for details in page.locator("details.chart-table").all():
            details.locator("summary").click()  # the tables open too, and still the page does not scroll
        assert fits_the_screen(page), f"{name} scrolls sideways at {width} px"
        assert serious_violations(page) == [], name
        page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
        page.screenshot(path=str(tmp_path / f"{name}-{width}-first-screen.png"))
    assert page.dialogs == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_charts_fit_and_write_every_fifth_year(site, visitor, width):
    page = visitor
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url + "/relations/AZ-IR/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Azerbaijan and Iran")
    charts = page.locator("svg.bars")
    expect(charts).to_have_count(2)
    for chart in charts.all():
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 60
        years = chart.locator("text.year").all_text_contents()
        assert years == ["2000", "2005", "2010", "2015", "2020", "2025"]
    expect(
        page.get_by_role("img", name="Meetings between Azerbaijan and Iran per year, 2000–2026, by level")
    ).to_be_visible()
    assert "read from titles" in page.locator("#levels-heading + p").inner_text()
    table = page.locator("details.chart-table .scroll").first
    page.locator("details.chart-table > summary").first.click()
    expect(table.locator("tbody tr")).to_have_count(27)
    if width == 390:
        # Six columns are wider than the phone: the table scrolls in its own box, by keyboard too.
        assert table.evaluate("e => e.scrollWidth > e.clientWidth")
        table.focus()
        page.keyboard.press("ArrowRight")
        expect(table).to_be_focused()
        # The key scrolls smoothly: wait for the box to move (the assertion fails at the timeout).
        page.wait_for_function("e => e.scrollLeft > 0", arg=table.element_handle(), timeout=5000)
        assert fits_the_screen(page)


def test_the_country_page_lists_forty_countries_met_with_their_sparklines(site, visitor):
    page = visitor
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site.url + "/countries/AZ/")
    rows = page.locator("table.met-countries tbody tr")
    expect(rows).to_have_count(40)
    expect(rows.first.locator("th a")).to_have_attribute("href", "/relations/AZ-IR/")
    spark = rows.first.locator("svg.sparkline")
    box = spark.bounding_box()
    assert box["width"] >= 80 and box["x"] + box["width"] <= 390  # forty rows, each with its chart on screen
    assert page.locator("table.met-countries").evaluate(
        "e => e.parentElement.scrollWidth <= e.parentElement.clientWidth"
    )
    rows.first.locator("th a").click()
    page.wait_for_url("**/relations/AZ-IR/")
    assert fits_the_screen(page)

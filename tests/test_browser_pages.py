"""The public pages in a real Chromium at 390 and 1,280 px against gunicorn: no page scrolls
sideways, results come before the filters on a phone, tables scroll in their own box, axe-core
finds nothing serious; the 404 and 410 pages, old URLs redirecting; the curation desk's look.

Screenshots of the search, official and country pages at both widths go to /tmp/shots/
(looked at by a person, never compared)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.live_desk import CURATOR, CURATOR_PASSWORD, LiveDesk
from harness.live_server import write_extra_articles
from tests.browser_helpers import logged_in_page, serious_violations, visiting

pytestmark = [pytest.mark.browser, pytest.mark.server]
SHOTS = Path("/tmp/shots")
WIDTHS = [390, 1280]
BAKU = "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/"
LONG_HEADLINE = (
    "Azerbaijani Defense Minister Colonel General Zakir Hasanov receives the Chief of the General Staff "
    "of the Armed Forces of the Islamic Republic of Iran Major General Mohammad Bagheri in Baku"
)
PUBLIC_PAGES = {
    "search": "/search/",
    "search-filtered": "/search/?q=consultations&country=GE&country=TR&all=country&date_from=2016-01-01",
    "meetings": "/meetings/",
    "article": BAKU,
    "article-long-headline": "/articles/2021-03-01-azerbaijani-defense-minister-colonel-general/",
    "meeting": "/meetings/1/",
    "official": "/officials/zakir-hasanov/",
    "country": "/countries/AZ/",
    "country-wide-table": "/countries/GE/",
    "officials": "/officials/",
    "countries": "/countries/",
    "position": "/positions/minister-of-defense-of-azerbaijan/",
    "not-found": "/no/such/page/",
    "withdrawn": "/articles/2021-02-01-talks-in-ganja-that-were-withdrawn/",
}
STATUS = {"not-found": 404, "withdrawn": 410}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Parley with the seeds, 42 routine articles (years, pages, a wide country table), a long
    derived headline, a withdrawn article and a duplicate of Zakir Hasanov merged into him."""
    data = tmp_path_factory.mktemp("pages")
    server = LiveDesk(data)
    server.extra_fixtures = [str(write_extra_articles(data / "extra.json", count=42))]
    server.prepare()
    server.shell(
        "import datetime\n"
        "from archive import curation\n"
        "from archive.models import Article, Person\n"
        "from tests.factories import make_article, make_person\n"
        "hasanov = Person.objects.get(slug='zakir-hasanov')\n"
        f"make_article(title={LONG_HEADLINE!r}, published_on=datetime.date(2021, 3, 1), people=[hasanov],\n"
        "             countries=['AZ', 'IR'], title_is_derived=True)\n"
        "make_article(title='Talks in Ganja that were withdrawn', published_on=datetime.date(2021, 2, 1),\n"
        "             status=Article.Status.WITHDRAWN, countries=['AZ'])\n"
        "duplicate = make_person('Zakir Hasanov Duplicate')\n"
        "make_article(title='Duplicate record in Ganja', people=[duplicate])\n"
        "curation.merge_people(hasanov, [duplicate])\n"
    )
    server.manage("build_index")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def visitor(site, browser):
    with visiting(browser) as page:
        yield page


def scrolls_sideways(page) -> bool:
    return page.evaluate("() => document.scrollingElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_public_page_scrolls_sideways_and_axe_finds_nothing_serious(site, visitor, width):
    page = visitor
    page.set_viewport_size({"width": width, "height": 900})
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in PUBLIC_PAGES.items():
        response = page.goto(site.url + path)
        assert response.status == STATUS.get(name, 200), name
        assert not scrolls_sideways(page), f"{name} scrolls sideways at {width} px"
        assert serious_violations(page) == [], name
        if name in ("search", "official", "country"):
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    assert page.dialogs == []


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_results_come_first_and_the_filters_open_on_demand(site, browser, javascript):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site.url + "/search/")
    first_hit = page.locator("article.hit").first
    assert first_hit.bounding_box()["y"] < 844 - 60  # its headline on the first screen of a phone
    country = page.get_by_role("heading", name="Country", exact=True)
    expect(country).to_be_hidden()
    page.locator("details.filters > summary").click()
    expect(country).to_be_visible()
    page.locator("aside.facets").get_by_role("link", name=re.compile("^Georgia")).click()
    page.wait_for_url(re.compile(r"country=GE"))
    expect(page.get_by_role("link", name="Country: Georgia (remove)")).to_be_visible()
    # Asking for every value of a facet opens the filters where that list is.
    page.goto(site.url + "/search/?facet=year")
    expect(page.locator("#all-year")).to_be_visible()
    context.close()


def test_on_a_wide_screen_the_filters_stand_beside_the_results(site, visitor):
    page = visitor
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + "/search/")
    expect(page.locator("details.filters > summary")).to_be_hidden()
    facets, results = page.locator("aside.facets"), page.locator("section.results")
    expect(page.get_by_role("heading", name="Country", exact=True)).to_be_visible()
    assert facets.bounding_box()["x"] + facets.bounding_box()["width"] <= results.bounding_box()["x"]
    assert abs(facets.bounding_box()["y"] - results.bounding_box()["y"]) < 40


def test_on_a_phone_the_date_fields_and_tables_stay_on_the_screen(site, visitor):
    page = visitor
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site.url + "/search/")
    for label in ("From", "To"):
        box = page.get_by_label(label, exact=True).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, label
    # The country page's countries met fit the phone (a wide table of the pair page's figures scrolls in
    # its own box: tests/test_browser_relations.py).
    page.goto(site.url + "/countries/AZ/")
    table_box = page.locator(".scroll").first
    assert table_box.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert not scrolls_sideways(page)
    table_box.focus()  # reachable by keyboard, so it can be scrolled without a mouse
    page.keyboard.press("ArrowRight")
    expect(table_box).to_be_focused()


def test_old_urls_lead_to_the_record_now(site, visitor):
    page = visitor
    response = page.goto(site.url + "/officials/zakir-hasanov-duplicate/")
    assert response.url.endswith("/officials/zakir-hasanov/") and response.status == 200
    assert response.request.redirected_from.response().status == 301
    page.goto(site.url + "/search/?official=zakir-hasanov-duplicate")
    assert page.url.endswith("/search/?official=zakir-hasanov")
    expect(page.get_by_role("link", name="Official: Zakir Hasanov (remove)")).to_be_visible()


def test_a_withdrawn_article_says_what_was_cited(site, visitor):
    page = visitor
    response = page.goto(site.url + PUBLIC_PAGES["withdrawn"])
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("Talks in Ganja that were withdrawn")
    expect(page.get_by_label("Citation")).to_have_value(re.compile(r"'Talks in Ganja that were withdrawn', 1 February"))


def test_the_404_page_searches(site, visitor):
    page = visitor
    page.goto(site.url + "/no/such/page/")
    page.get_by_label("Keywords").fill("Bagheri")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=Bagheri")
    expect(page.locator("#result-count")).to_contain_text("article")


@pytest.fixture
def curator(site, browser):
    page = logged_in_page(browser, site.url, CURATOR, CURATOR_PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    yield page
    page.context.close()


def test_the_curation_desk_is_branded_leads_to_the_queues_and_fits(site, curator):
    page = curator
    expect(page.get_by_role("link", name="Parley curation")).to_be_visible()
    assert page.title().endswith("Parley curation")
    desk = page.locator("#curation-desk")
    expect(desk.get_by_role("link", name="Import files")).to_be_visible()
    expect(desk.get_by_role("link", name="Suggested officials")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(site.url + "/admin/archive/article/")
    results = page.locator("#changelist .results")
    assert results.evaluate("e => e.scrollWidth <= e.clientWidth")  # every column shown, none cut
    headline = page.locator("#result_list th.column-title").bounding_box()["width"]
    assert headline >= 250
    assert not scrolls_sideways(page)
    assert serious_violations(page) == []
    page.goto(site.url + "/admin/archive/person/")
    assert page.evaluate("() => document.scrollingElement.scrollHeight") < 1500  # not a column of 249 countries
    page.get_by_label("Name or ISO code").fill("Iran")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"country=Iran"))
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    assert serious_violations(page) == []
    page.goto(site.url + "/admin/archive/source/")  # the outlets' list has the same country filter
    expect(page.get_by_label("Name or ISO code")).to_be_visible()
    assert serious_violations(page) == []

"""Meetings in a real Chromium against gunicorn: the meetings page, a meeting page, and the meetings
desk as a curator (confirm, merge, split); axe-core finds no serious violation; screenshots at 390
and 1,280 px show no horizontal scrolling."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.live_desk import CURATOR, CURATOR_PASSWORD, LiveDesk
from tests.browser_helpers import logged_in_page, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.server]
SHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
DESK = "/admin/meetings/meeting/"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    server = LiveDesk(tmp_path_factory.mktemp("meetings-desk")).prepare()
    # Two proposals of one meeting from two other outlets, and a report to split off.
    server.shell(
        "import datetime\n"
        "from archive.models import Person, Source\n"
        "from meetings.models import Meeting, MeetingParticipant, MeetingReport\n"
        "from tests.factories import make_article\n"
        "hasanov, bagheri = Person.objects.get(slug='zakir-hasanov'), Person.objects.get(slug='mohammad-bagheri')\n"
        "for n, outlet in enumerate(['Trend', 'IRNA']):\n"
        "    source = Source.objects.create(name=outlet)\n"
        "    article = make_article(title=f'{outlet}: Hasanov receives Bagheri', source=source,\n"
        "                           published_on=datetime.date(2019, 1, 16), people=[hasanov, bagheri])\n"
        "    meeting = Meeting.objects.create(start='2019-01-16', city='Baku', place_country_id='AZ')\n"
        "    MeetingParticipant.objects.create(meeting=meeting, person=hasanov, country_id='AZ', side='host')\n"
        "    MeetingParticipant.objects.create(meeting=meeting, person=bagheri, country_id='IR', side='visitor')\n"
        "    MeetingReport.objects.create(meeting=meeting, article=article, evidence=[[0, 30]])\n"
    )
    server.manage("build_index")
    server.start()
    server.start_worker()
    yield server
    server.stop()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def visitor(desk, browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


@pytest.fixture
def curator_page(desk, browser):
    page = logged_in_page(browser, desk.url, CURATOR, CURATOR_PASSWORD)
    yield page
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_meetings_between_azerbaijan_and_iran_in_2019(desk, visitor, width):
    page = visitor
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(desk.url + "/meetings/?country=AZ&country=IR&all=country&year=2019")
    expect(page.locator("#result-count")).to_contain_text("4 meetings")
    hits = page.locator("article.hit")
    expect(hits.filter(has_text="proposed, not yet reviewed")).to_have_count(2)
    expect(hits.filter(has_text="reviewed")).to_have_count(4)
    assert no_horizontal_scroll(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"meetings-{width}.png"), full_page=True)
    assert serious_violations(page) == []
    # The chip removes the year; the facet lists Iran among the participants' countries.
    page.get_by_role("link", name="Year: 2019 (remove)").click()
    page.wait_for_url(re.compile(r"all=country$"))
    assert page.dialogs == []


@pytest.mark.parametrize("width", [390, 1280])
def test_what_bagheri_signed_in_baku(desk, visitor, width):
    page = visitor
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(desk.url + "/meetings/?official=mohammad-bagheri&agreement=yes")
    page.locator("article.hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    expect(page.get_by_role("heading", name="Signed")).to_be_visible()
    expect(page.locator(".agreements blockquote")).to_contain_text("signed a protocol on the results of the meeting")
    expect(page.get_by_role("table")).to_contain_text("Head of delegation".lower())
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(SHOTS / f"meeting-{width}.png"), full_page=True)
    assert serious_violations(page) == []


def test_the_desk_confirms_merges_and_splits(desk, curator_page):
    page = curator_page
    page.goto(desk.url + DESK + "?review=proposed")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    assert serious_violations(page, exclude=[".breadcrumbs"]) == []
    # Merge the two proposals into the curated meeting of 2019-01-16.
    page.goto(desk.url + DESK + "?start__year=2019&start__month=1")
    for box in page.locator("input[name='_selected_action']").all():
        box.check()
    page.locator("select[name='action']").select_option("merge_meetings")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("heading", name="Merge meetings")).to_be_visible()
    assert serious_violations(page, exclude=[".breadcrumbs"]) == []
    page.get_by_role("button", name="Merge into the chosen meeting").click()
    expect(page.get_by_text(re.compile(r"Merged meetings .* into this one: 2 reports"))).to_be_visible()
    page.goto(desk.url + DESK + "?review=proposed")
    expect(page.get_by_text("0 meetings")).to_be_visible()
    # Split one report off again, and confirm the new proposal.
    page.goto(desk.url + DESK + "1/change/")
    page.get_by_role("link", name="Split off reports…").click()
    assert serious_violations(page, exclude=[".breadcrumbs"]) == []
    page.get_by_label(re.compile(r"IRNA: Hasanov receives Bagheri")).check()
    page.get_by_role("button", name="Split into a new meeting").click()
    expect(page.get_by_text("proposed for review")).to_be_visible()
    page.goto(desk.url + DESK + "?review=proposed")
    rows.first.locator("input[name='_selected_action']").check()
    page.locator("select[name='action']").select_option("confirm_meetings")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Confirmed 1 meeting(s).")).to_be_visible()


def test_a_meeting_change_page_fits_the_screen_and_its_quoted_sentences_can_be_read(desk, curator_page):
    """The reports' and participants' inline tables widened the page to 1,605 px at 1,280, and the quoted
    sentences were one word a line."""
    page = curator_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(desk.url + DESK + "1/change/")
    quoted = page.locator("td.field-quoted").first
    expect(quoted.locator("blockquote").first).to_be_visible()
    assert no_horizontal_scroll(page)
    assert quoted.bounding_box()["width"] >= 300


@pytest.mark.parametrize("path", [DESK, "/admin/archive/article/"])
def test_a_desk_list_search_box_is_usable_on_a_phone(desk, curator_page, path):
    """At 390 px Django's responsive styles kept the label, the box, the button and the count on one line of
    30 px: the box was 12 px wide and the button past the screen's edge (static/css/admin-parley.css)."""
    page = curator_page
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(desk.url + path)
    box, button = page.locator("#searchbar").bounding_box(), page.locator("#changelist-search input[type=submit]")
    assert box["width"] >= 150 and box["x"] + box["width"] <= 390
    button_box = button.bounding_box()
    assert button_box["x"] + button_box["width"] <= 390
    page.locator("#searchbar").fill("Hasanov")
    button.click()
    expect(page.locator("#result_list")).to_contain_text("Hasanov")
    assert no_horizontal_scroll(page)

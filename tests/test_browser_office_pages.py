"""Offices in a real Chromium against gunicorn: an official's timeline of offices, a position page with
its holders, the gap between them and their meetings in office, and the tenure review queue as a curator
(accept one suggestion, which makes the tenure with its evidence, and reject another). axe-core finds no
serious violation at 390 and 1,280 px; the public pages never scroll sideways; markup in an office stays
text. Screenshots go to a temporary folder, outside the repository."""

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.live_desk import CURATOR, CURATOR_PASSWORD, LiveDesk
from tests.browser_helpers import logged_in_page, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.server]
SHOTS = Path(tempfile.gettempdir()) / "parley-office-screenshots"
QUEUE = "/admin/offices/tenuresuggestion/"
DEFENSE = "/positions/minister-of-defense-of-azerbaijan/"
PAYLOAD = "<img src=x onerror=alert(1)>"
WIDTHS = [390, 1280]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    server = LiveDesk(tmp_path_factory.mktemp("office-pages")).prepare()
    server.shell(
        "import datetime\n"
        "from archive.models import Person\n"
        "from offices.models import Position\n"
        "from offices.propose import propose\n"
        "from offices.resolve import OfficeResolver\n"
        "from tests.factories import make_article\n"
        "from tests.offices_factories import make_tenure\n"
        "defense = Position.objects.get(slug='minister-of-defense-of-azerbaijan')\n"
        "abiyev = Person.objects.create(name='Safar Abiyev', country_id='AZ')\n"
        "make_tenure(abiyev, defense, start='1995-02', end='2013-10-22', end_cause='replaced')\n"
        "Position.objects.create(label='President of Azerbaijan', role='head_of_state', country_id='AZ',\n"
        "                        other_labels=['President'])\n"
        f"Position.objects.create(label={PAYLOAD!r}, role='minister', country_id='AZ', organisation={PAYLOAD!r},\n"
        f"                        other_labels=[{PAYLOAD!r}], slug='markup-office')\n"
        "resolver = OfficeResolver.from_database()\n"
        "ilham = Person.objects.get(slug='ilham-aliyev')\n"
        "visit = make_article(title='Aliyev receives a delegation', published_on=datetime.date(2020, 3, 3),\n"
        "                     countries=['AZ'], people=[ilham])\n"
        "propose(resolver, visit, 'President of Azerbaijan', person=ilham)\n"
        "late = make_article(title='Abiyev in Ganja', published_on=datetime.date(2015, 1, 1), countries=['AZ'])\n"
        "propose(resolver, late, 'Defense Minister', person=abiyev)\n"
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def visitor(desk, browser):
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
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


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_officials_timeline_of_offices(desk, visitor, width):
    page = visitor
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(desk.url + "/officials/zakir-hasanov/")
    offices = page.locator("section", has=page.get_by_role("heading", name="Offices held", exact=True))
    expect(offices).to_contain_text("reported in this office from 2019-01-16 to 2019-07-18")
    expect(offices.locator("dd").first).to_have_text("unknown")  # the start is not invented
    expect(page.get_by_role("heading", name="Rank as reported")).to_be_visible()
    expect(page.locator("table.ranks")).to_contain_text("Colonel General")
    expect(page.get_by_role("heading", name="Titles as written")).to_be_visible()
    offices.get_by_text("2 articles in evidence").click()
    expect(offices.get_by_role("link", name=re.compile("^2019-07-18 Azerbaijan's Defense Minister"))).to_be_visible()
    assert no_horizontal_scroll(page)
    shoot(page, f"official-{width}")
    assert serious_violations(page) == []
    offices.get_by_role("link", name="Minister of Defense of Azerbaijan").click()
    page.wait_for_url(re.compile(re.escape(DEFENSE) + "$"))
    expect(page.get_by_role("heading", name="Minister of Defense of Azerbaijan", level=1)).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_position_page_lists_its_holders_the_gap_and_their_meetings(desk, visitor, width):
    page = visitor
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(desk.url + DEFENSE)
    holders = page.locator("ol.holders > li")
    expect(holders).to_have_count(4)  # Abiyev, the unknown stretch, Hasanov, unknown since his last report
    expect(holders.nth(0)).to_contain_text("Safar Abiyev")
    expect(holders.nth(0)).to_contain_text("1995-02")
    expect(holders.nth(0)).to_contain_text("Replaced or moved to another office")
    expect(holders.nth(1)).to_contain_text("Unknown after 2013-10-22 and before 2019-01-16")
    expect(holders.nth(2)).to_contain_text("2 meetings on record while in this office")
    assert no_horizontal_scroll(page)
    shoot(page, f"position-{width}")
    assert serious_violations(page) == []
    holders.nth(2).get_by_role("link", name=re.compile("Mohammad Bagheri")).click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    expect(page.get_by_role("table")).to_contain_text("In office then: Minister of Defense of Azerbaijan")
    assert no_horizontal_scroll(page)
    shoot(page, f"meeting-offices-{width}")
    assert serious_violations(page) == []


def test_markup_in_an_office_stays_text(desk, visitor):
    page = visitor
    page.goto(desk.url + "/positions/markup-office/")
    expect(page.get_by_role("heading", name=PAYLOAD, level=1)).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text(f"Organisation{PAYLOAD}")
    assert page.locator("main img").count() == 0
    assert page.dialogs == []


def violations(page) -> list:
    # Django's own breadcrumbs (links told apart by colour only) fail link-in-text-block on every admin page.
    return serious_violations(page, exclude=[".breadcrumbs"])


def test_the_queue_accepts_one_suggestion_and_rejects_another(desk, curator_page):
    page = curator_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(desk.url + QUEUE)
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    assert violations(page) == []

    page.get_by_role("link", name="Ilham Aliyev").click()
    expect(page.get_by_text("President of Azerbaijan").first).to_be_visible()
    page.get_by_label("Accept as a new tenure").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    page.goto(desk.url + QUEUE)
    page.get_by_role("link", name="Safar Abiyev").click()
    page.get_by_label("Reject").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    page.goto(desk.url + QUEUE)
    expect(page.locator("#result_list")).to_have_count(0)  # nothing left to review

    made = desk.shell(
        "from offices.models import Tenure, TenureSuggestion\n"
        "t = Tenure.objects.get(person__slug='ilham-aliyev')\n"
        "print(t.position.slug, t.start_date, t.end_date, [e.article.title for e in t.evidence_links.all()])\n"
        "print(sorted(TenureSuggestion.objects.values_list('status', flat=True)))\n"
        "print(Tenure.objects.filter(person__name='Safar Abiyev').count())\n"
    )
    assert made.splitlines() == [
        "president-of-azerbaijan None None ['Aliyev receives a delegation']",
        "['accepted', 'rejected']",
        "1",  # rejecting made no tenure
    ]
    # The public pages show the new tenure at once, with its evidence.
    page.goto(desk.url + "/officials/ilham-aliyev/")
    offices = page.locator("section", has=page.get_by_role("heading", name="Offices held", exact=True))
    expect(offices).to_contain_text("President of Azerbaijan")
    expect(offices).to_contain_text("reported in this office on 2020-03-03")
    assert page.goto(desk.url + "/officials/safar-abiyev/").status == 404  # in no published article: no page


@pytest.mark.parametrize("width", WIDTHS)
def test_the_queue_and_a_suggestion_read_well_at_each_width(desk, curator_page, width):
    page = curator_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(desk.url + QUEUE + "?status=all")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    shoot(page, f"queue-{width}")
    assert violations(page) == []
    page.locator("#result_list tbody tr a").first.click()
    expect(page.get_by_role("heading", name="Read by the machine (a proposal)")).to_be_visible()
    shoot(page, f"suggestion-{width}")
    assert violations(page) == []

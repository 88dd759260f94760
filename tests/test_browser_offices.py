"""The tenure review queue in a real Chromium against gunicorn, as a curator: the conflicts
view, linking one suggestion, rejecting another in bulk; axe-core finds no serious
violation; a label carrying markup stays text."""

import pytest
from playwright.sync_api import expect

from harness.live_desk import CURATOR, CURATOR_PASSWORD, LiveDesk
from tests.browser_helpers import logged_in_page, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.server]
QUEUE = "/admin/offices/tenuresuggestion/"
PAYLOAD = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    server = LiveDesk(tmp_path_factory.mktemp("offices-desk")).prepare()
    server.shell(
        "import datetime\n"
        "from django.core.management import call_command\n"
        "from archive.models import Person\n"
        "from offices.models import Position\n"
        "from offices.propose import propose\n"
        "from offices.resolve import OfficeResolver\n"
        "from tests.factories import make_article\n"
        "from tests.offices_factories import make_tenure\n"
        "call_command('loaddata', 'offices', verbosity=0)\n"
        "defense = Position.objects.get(slug='minister-of-defense-of-azerbaijan')\n"
        "abiyev = Person.objects.create(name='Safar Abiyev', country_id='AZ')\n"
        "make_tenure(abiyev, defense, start='1995-02', end='2013-10-22')\n"
        "resolver = OfficeResolver.from_database()\n"
        "late = make_article(title='Abiyev in Ganja', published_on=datetime.date(2015, 1, 1), countries=['AZ'])\n"
        "propose(resolver, late, 'Defense Minister', person=abiyev)\n"
        "hasanov = Person.objects.get(slug='zakir-hasanov')\n"
        "early = make_article(title='Hasanov in Sheki', published_on=datetime.date(2018, 2, 1), countries=['AZ'])\n"
        "propose(resolver, early, 'Defense Minister, Colonel General', person=hasanov)\n"
        f"Position.objects.create(label={PAYLOAD!r}, role='minister', country_id='AZ')\n"
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def curator_page(desk, browser):
    page = logged_in_page(browser, desk.url, CURATOR, CURATOR_PASSWORD)
    yield page
    page.context.close()


def violations(page) -> list:
    # Django's own breadcrumbs (links told apart by colour only) fail link-in-text-block on every admin
    # page; that is the admin's stylesheet, not this desk: checked everywhere else.
    return serious_violations(page, exclude=[".breadcrumbs"])


def test_the_review_queue_links_rejects_and_shows_conflicts(desk, curator_page):
    page = curator_page
    page.goto(desk.url + QUEUE)
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    assert violations(page) == []

    page.get_by_role("link", name="Any conflict").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Safar Abiyev")
    expect(rows.first).to_contain_text("after the recorded tenure ended")

    page.goto(desk.url + QUEUE + "?q=Hasanov")
    page.get_by_role("link", name="Zakir Hasanov").click()
    expect(page.get_by_text("May extend the recorded tenure")).to_be_visible()
    assert violations(page) == []
    page.get_by_label("Link to the tenure chosen below").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    page.goto(desk.url + QUEUE)
    expect(rows).to_have_count(1)
    rows.first.locator("input[name='_selected_action']").check()
    page.locator("select[name='action']").select_option("reject_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Rejected: 1 suggestions.")).to_be_visible()
    expect(page.locator("#result_list")).to_have_count(0)  # nothing left to review

    page.goto(desk.url + QUEUE + "?status=all")
    expect(rows).to_have_count(2)


def test_a_label_with_markup_stays_text(desk, curator_page):
    page = curator_page
    page.goto(desk.url + "/admin/offices/position/")
    expect(page.get_by_role("link", name=PAYLOAD)).to_be_visible()
    assert page.dialogs == []
    assert violations(page) == []

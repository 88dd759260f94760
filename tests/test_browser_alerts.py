"""Saved searches in a real Chromium against gunicorn: sign in, save a search from the search page, edit
and pause it, follow an official; axe-core finds no serious violation on the analyst's pages; a
search name carrying a script stays text."""

import pytest
from playwright.sync_api import expect

from harness.live_desk import LiveDesk
from tests.browser_helpers import serious_violations
from tests.xss_payloads import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.server]
PASSWORD = "an-analyst-password-9"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    server = LiveDesk(tmp_path_factory.mktemp("alerts-browser")).prepare()
    server.shell(
        "from django.contrib.auth.models import Group, User\n"
        f"user = User.objects.create_user('analyst', 'analyst@example.org', {PASSWORD!r})\n"
        "user.groups.add(Group.objects.get(name='Analysts'))\n"
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def analyst(site, browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site.url + "/accounts/login/")
    assert serious_violations(page) == []
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My searches")).to_be_visible()
    page.dialogs = dialogs
    yield page
    context.close()


def test_save_edit_and_pause_a_search(site, analyst):
    page = analyst
    page.goto(site.url + "/search/?q=Bagheri&country=IR")
    page.get_by_role("link", name="Save this search").click()
    expect(page.get_by_role("heading", name="Save this search")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Name").fill(f"Bagheri {PAYLOADS[1]}")
    page.get_by_label("Email").select_option("daily")
    page.get_by_role("button", name="Save").click()
    row = page.get_by_role("row", name=f"Bagheri {PAYLOADS[1]}")
    expect(row).to_contain_text("Daily digest")
    expect(row).to_contain_text("Country: Iran")
    assert serious_violations(page) == []
    row.get_by_role("link", name="Edit").click()
    assert serious_violations(page) == []
    page.get_by_label("Paused").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("row", name=f"Bagheri {PAYLOADS[1]}")).to_contain_text("Paused")
    assert page.dialogs == []  # the name's <img onerror> never ran


def test_follow_an_official(site, analyst):
    page = analyst
    page.goto(site.url + "/officials/zakir-hasanov/")
    page.get_by_role("link", name="Follow Zakir Hasanov").click()
    page.get_by_role("button", name="Save").click()
    row = page.get_by_role("row", name="Zakir Hasanov")
    expect(row).to_contain_text("Official: Zakir Hasanov")
    row.get_by_role("link", name="Zakir Hasanov").first.click()
    expect(page).to_have_url(site.url + "/search/?official=zakir-hasanov")


def test_my_searches_on_a_phone_and_following_twice(site, analyst):
    """At 390 px the four columns left a search's name one word a line; following an official again made a
    second saved search (two digests of the same items)."""
    page = analyst
    page.set_viewport_size({"width": 390, "height": 800})
    for _ in range(2):
        page.goto(site.url + "/countries/AZ/")
        page.get_by_role("link", name="Follow Azerbaijan").click()
        if page.get_by_role("heading", name="Save this search").count():
            page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("You already save this search as")).to_be_visible()
    page.goto(site.url + "/my/searches/")
    expect(page.get_by_role("link", name="Country: Azerbaijan", exact=True)).to_have_count(1)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    cell = page.locator("table.saved-searches th[scope=row]").first
    assert cell.bounding_box()["width"] > 300  # the name's cell runs across the screen
    assert serious_violations(page) == []

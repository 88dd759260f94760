"""The agreements tracker in a real Chromium against gunicorn (the seeds): the protocol of 2019-01-16 with
its signatories, reached from the meeting page's link; no horizontal scrolling at 390 and 1,280 px
(screenshots in a temporary folder); axe-core finds no serious or critical violation."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser_helpers import fits_the_screen, serious_violations, visiting

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture
def visitor(browser):
    with visiting(browser) as page:
        yield page


@pytest.mark.parametrize("width", [390, 1280])
def test_the_tracker_shows_the_seed_protocol(live_parley, visitor, width, tmp_path):
    page = visitor
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_parley.url + "/agreements/")
    expect(page.locator("#result-count")).to_contain_text("1 agreement")
    hit = page.locator("article.hit.agreement")
    expect(hit).to_contain_text("Protocol: a protocol on the results of the meeting")
    expect(hit).to_contain_text("Zakir Hasanov")
    expect(hit).to_contain_text("Mohammad Bagheri")
    expect(hit.locator("blockquote")).to_contain_text("the sides signed a protocol")
    assert fits_the_screen(page)
    page.screenshot(path=str(tmp_path / f"agreements-{width}.png"), full_page=True)
    assert serious_violations(page) == []
    # The facets: behind the Filters disclosure on a narrow screen, as a user opens it.
    if width == 390:
        page.locator("details.filters > summary").click()
    page.locator(".facets").get_by_role("link", name=re.compile(r"^Iran")).first.click()
    page.wait_for_url(re.compile(r"party=IR"))
    expect(page.locator("#result-count")).to_contain_text("1 agreement")
    assert fits_the_screen(page)
    assert serious_violations(page) == []
    assert page.dialogs == []


def test_the_meeting_page_leads_to_its_parties_agreements(live_parley, page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_parley.url + "/meetings/1/")
    page.get_by_role("link", name="Every agreement signed by Azerbaijan and Iran").click()
    page.wait_for_url(re.compile(r"/agreements/\?party=AZ&party=IR&all=party$"))
    expect(page.locator("#result-count")).to_contain_text("1 agreement")
    page.get_by_role("link", name="Agreements", exact=True).click()
    page.wait_for_url(re.compile(r"/agreements/$"))

"""Parley in a real Chromium, against gunicorn."""

import pytest

from harness.live_server import ADMIN_PASSWORD, ADMIN_USER

pytestmark = pytest.mark.browser


def test_search_for_bagheri_and_read_the_article(live_parley, page):
    page.goto(live_parley.url + "/search/")
    page.get_by_label("Keywords").fill("Bagheri")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=Bagheri*")
    headline = page.get_by_role("link", name="Chief of General Staff Mohammad Bagheri in Baku")
    assert page.get_by_role("heading", name="1 article").is_visible()
    headline.click()
    page.wait_for_url("**/articles/2019-01-16-**")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Azerbaijani Defense Minister Zakir Hasanov")
    assert page.get_by_text("In the end, the sides signed a protocol on the results of the meeting.").is_visible()
    assert page.dialogs == []


def test_superuser_logs_in_and_edits_an_article(live_parley, page):
    page.goto(live_parley.url + "/admin/")
    page.get_by_label("Username").fill(ADMIN_USER)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Articles").first.click()
    page.get_by_role(
        "link", name="Azerbaijan's Defense Minister Zakir Hasanov meets Iranian Ambassador Javad Jahangirzadeh"
    ).click()
    title = page.get_by_role("textbox", name="Headline:")
    title.fill("Hasanov receives Iranian Ambassador Jahangirzadeh")
    page.get_by_role("button", name="Save", exact=True).click()
    # Wait for the page after the save: is_visible() alone does not wait and raced under load.
    page.get_by_text("was changed successfully").wait_for(state="visible")
    assert page.get_by_text("was changed successfully").is_visible()
    assert page.locator("#result_list").get_by_role("link", name="Hasanov receives Iranian Ambassador").is_visible()
    # The admin's own stylesheet applies: its header is not unstyled black-on-white text.
    background = page.locator("#header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")

"""A curator at work in a real Chromium, against gunicorn and the index worker: each
change shows in the public search within two seconds."""

import pytest
from playwright.sync_api import expect

from harness.live_desk import CURATOR, CURATOR_PASSWORD, RESULT_COUNT, LiveDesk

pytestmark = [pytest.mark.browser, pytest.mark.server]

GANJA = "Hasanov inspects units in Ganja"
AMBASSADOR_SLUG = "2019-07-18-hasanov-meets-iranian-ambassador-jahangirzadeh"


def count_is(n):
    return lambda html: int(RESULT_COUNT.search(html).group(1)) == n


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    server = LiveDesk(tmp_path_factory.mktemp("desk-data")).prepare()
    server.shell(
        "import datetime\n"
        "from archive.models import Article, Suggestion\n"
        "from tests.factories import make_article, make_person\n"
        "twin = make_person('Z. Hasanov')\n"
        f"make_article(title={GANJA!r}, body='The minister visited the Ganja garrison.', people=[twin],"
        " published_on=datetime.date(2020, 3, 3))\n"
        f"ambassador = Article.objects.get(slug={AMBASSADOR_SLUG!r})\n"
        "Suggestion.objects.create(article=ambassador, name='Kamran Aliyev', title='Prosecutor General')"
    )
    server.start()
    server.start_worker()
    server.wait_for_empty_queue(timeout=30)
    yield server
    server.stop()


def test_a_curator_edits_removes_withdraws_merges_and_resolves(desk, page):
    assert desk.result_count("official=zakir-hasanov") == 2
    page.goto(desk.url + "/admin/")
    page.get_by_label("Username").fill(CURATOR)
    page.get_by_label("Password").fill(CURATOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#index-queue")).to_be_visible()

    # 1. Edit a headline.
    page.get_by_role("link", name="Articles").first.click()
    page.get_by_role("link", name="Chief of General Staff Mohammad Bagheri in Baku").click()
    page.get_by_role("textbox", name="Headline:").fill("Hasanov hosts Bagheri for quokka talks")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    desk.wait_until_search_shows("q=quokka", count_is(1), "the new headline")

    # 2. Remove a participant.
    page.goto(desk.url + "/admin/archive/article/?q=Jahangirzadeh")
    page.get_by_role("link", name="Iranian Ambassador Javad Jahangirzadeh").click()
    row = page.locator("tr.form-row", has=page.locator("option[selected]", has_text="Javad Jahangirzadeh"))
    row.locator("input[name$='-DELETE']").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    desk.wait_until_search_shows("official=javad-jahangirzadeh", count_is(0), "the participant removed")

    # 3. Withdraw an article.
    page.goto(desk.url + "/admin/archive/article/?q=quokka")
    page.locator("#result_list input[name='_selected_action']").first.check()
    page.locator("select[name='action']").select_option("withdraw")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Withdrew 1 articles")).to_be_visible()
    desk.wait_until_search_shows("q=quokka", count_is(0), "the article withdrawn")

    # 4. Merge two people.
    page.goto(desk.url + "/admin/archive/person/?q=Hasanov")
    for name in ("Zakir Hasanov", "Z. Hasanov"):
        page.locator("#result_list tr", has=page.get_by_role("link", name=name, exact=True)).locator(
            "input[name='_selected_action']"
        ).check()
    page.locator("select[name='action']").select_option("merge_people")
    page.get_by_role("button", name="Go").click()
    page.get_by_label("Zakir Hasanov (zakir-hasanov").check()
    page.get_by_role("button", name="Merge into the chosen person").click()
    expect(page.get_by_text("Merged Z. Hasanov")).to_be_visible()
    desk.wait_until_search_shows("official=zakir-hasanov", lambda html: GANJA in html, "the merged person's article")

    # 5. Resolve a suggestion.
    page.goto(desk.url + "/admin/archive/suggestion/")
    page.get_by_role("link", name="Kamran Aliyev").click()
    page.get_by_label("Accept as a new person").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    desk.wait_until_search_shows("official=kamran-aliyev", count_is(1), "the accepted official")

    # Each object's history says who changed what.
    page.goto(desk.url + "/admin/archive/article/?q=quokka&status__exact=withdrawn")
    page.get_by_role("link", name="Hasanov hosts Bagheri for quokka talks").click()
    page.get_by_role("link", name="History").click()
    history = page.locator("#change-history").inner_text()
    assert CURATOR in history and "Withdrew" in history and "Changed Headline" in history
    assert page.dialogs == []
    assert desk.check_index().returncode == 0

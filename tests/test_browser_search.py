"""The search, article and official pages in a real Chromium against gunicorn.

The live server holds the two seed articles and 42 routine articles about
Georgia and Türkiye, 2015-2021 (tests/conftest.py ``live_parley``).
"""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def heading(page) -> str:
    return page.locator("#result-count").inner_text()


def result_dates(page) -> list[str]:
    return page.locator("article.hit time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")


def headlines(page) -> list[str]:
    return page.locator("article.hit h3").all_inner_texts()


def test_keyword_search_facet_toggle_and_chip(live_parley, page):
    page.goto(live_parley.url + "/search/")
    page.get_by_label("Keywords").fill("consultations")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=consultations*")
    assert heading(page).startswith("42 articles")
    georgia = page.locator('a[data-facet="country"][data-value="GE"]')
    georgia.click()
    page.wait_for_url(re.compile(r"country=GE"))
    selected = page.locator('a[data-facet="country"][data-value="GE"]')
    assert selected.get_attribute("aria-current") == "true"
    assert "Selected, remove filter" in selected.inner_text()
    # Disjunctive counts: Iran still shows its own articles while Georgia is selected.
    page.goto(live_parley.url + "/search/?country=GE")
    iran = page.locator('a[data-facet="country"][data-value="IR"]')
    assert re.search(r"\d+", iran.locator(".count").inner_text()).group() == "2"
    iran.click()
    page.wait_for_url(re.compile(r"country=GE&country=IR"))
    assert heading(page).startswith("44 articles")
    page.get_by_role("link", name="Country: Georgia (remove)").click()
    page.wait_for_url(re.compile(r"\?country=IR$"))
    assert heading(page).startswith("2 articles")


def test_facets_work_from_the_keyboard(live_parley, page):
    page.goto(live_parley.url + "/search/")
    page.locator('a[data-facet="official"][data-value="zakir-hasanov"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"official=zakir-hasanov"))
    assert heading(page).startswith("2 articles")


def test_narrow_by_a_histogram_bar(live_parley, page):
    page.goto(live_parley.url + "/search/")
    assert "Articles per year, 2015 to 2021" in page.locator(".histogram figcaption").inner_text()
    bar = page.locator('svg a[aria-label^="2019:"]')
    expected = int(re.search(r": (\d+) article", bar.get_attribute("aria-label")).group(1))
    bar.click()
    page.wait_for_url(re.compile(r"date_from=2019-01-01&date_to=2019-12-31"))
    assert heading(page).startswith(f"{expected} article")
    assert all(d.startswith("2019-") for d in result_dates(page))
    assert "Articles per month" in page.locator(".histogram figcaption").inner_text()
    page.locator('svg a[aria-label^="January 2019:"]').click()
    page.wait_for_url(re.compile(r"date_from=2019-01-01&date_to=2019-01-31"))
    assert "Mohammad Bagheri in Baku" in " ".join(headlines(page))


def test_change_sort_and_page_forward(live_parley, page):
    page.goto(live_parley.url + "/search/?q=consultations")
    page.get_by_role("navigation", name="Sort results").get_by_role("link", name="Oldest first").click()
    page.wait_for_url(re.compile(r"sort=oldest"))
    first_page = result_dates(page)
    assert first_page[0] == "2015-02-01" and first_page == sorted(first_page) and len(first_page) == 20
    pages = page.get_by_role("navigation", name="Pages")
    assert pages.get_by_role("link", name="Page 1").get_attribute("aria-current") == "page"
    pages.get_by_role("link", name="Page 2").click()
    page.wait_for_url(re.compile(r"sort=oldest&page=2$"))
    second_page = result_dates(page)
    assert "21–40 shown" in heading(page)
    assert second_page == sorted(second_page) and second_page[0] > first_page[-1]
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(r"page=3$"))
    assert len(result_dates(page)) == 2
    # The select in the form changes the order too, keeping the keywords.
    page.get_by_label("Sort", exact=True).select_option("newest")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    assert result_dates(page)[0] == "2021-04-05"


def test_official_page_lists_who_hasanov_met(live_parley, page):
    page.goto(live_parley.url + "/officials/zakir-hasanov/")
    table = page.get_by_role("table").filter(has_text="Counterpart")
    rows = {
        # Counterpart → meetings, first, last (first word: the count link also says "meeting of ...").
        row.locator("th").inner_text(): [cell.split()[0] for cell in row.locator("td").all_inner_texts()[1:]]
        for row in table.locator("tbody tr").all()
    }
    assert rows["Mohammad Bagheri"] == ["1", "2019-01-16", "2019-01-16"]
    assert rows["Javad Jahangirzadeh"] == ["1", "2019-07-18", "2019-07-18"]
    assert "Heydar Aliyev" not in rows
    page.get_by_role("link", name="1 meeting of Zakir Hasanov and Mohammad Bagheri").click()
    page.wait_for_url(re.compile(r"/meetings/\?.*all=official"))
    assert heading(page).startswith("1 meeting")
    assert "Zakir Hasanov · Mohammad Bagheri" in headlines(page)[0]


def test_name_spellings_find_the_same_articles_and_misspelling_suggests(live_parley, page):
    found = []
    for spelling in ("hasanov", "Həsənov", "HASANOV"):
        page.goto(live_parley.url + "/search/?q=" + spelling)
        found.append(headlines(page))
    assert found[0] == found[1] == found[2] and len(found[0]) == 2
    page.goto(live_parley.url + "/search/?q=Bagheir")
    assert heading(page).startswith("0 articles")
    page.get_by_role("link", name="Bagheri").first.click()
    page.wait_for_url(re.compile(r"q=Bagheri"))
    assert heading(page).startswith("1 article")


def test_citation_copy_button_is_an_enhancement(live_parley, browser):
    url = live_parley.url + "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/"
    for javascript in (False, True):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(url)
        citation = page.get_by_label("Citation").input_value()
        assert citation.startswith("News.Az, 'Azerbaijani Defense Minister Zakir Hasanov meets")
        assert ", 16 January 2019, " in citation and citation.endswith(url)
        button = page.get_by_role("button", name="Copy citation")
        assert button.is_visible() is javascript
        if javascript:
            button.click()
            page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
            assert "cop" in page.locator(".copy-status").inner_text().lower()
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=Hasanov&country=IR&official=zakir-hasanov&official=mohammad-bagheri",
        "/search/?q=consultations&page=2",
        "/search/?q=Bagheir",
        "/meetings/?country=AZ&country=IR&all=country&sector=military&year=2019&office=minister-of-defense-of-azerbaijan",
        "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/",
        "/officials/zakir-hasanov/",
        "/countries/AZ/",
    ],
)
def test_no_serious_accessibility_violation(live_parley, browser, path):
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (make test does)"
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(live_parley.url + path)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    serious = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert results["passes"], "axe ran no check"

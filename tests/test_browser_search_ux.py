"""The analyst's search page in Chromium at 1,280 and 390 px: clean URLs, best match, stemming, the
autocomplete, the facet list's filter box, chips, and the directories of officials and countries.

Its own live Parley: the seeds plus fourteen officials of several countries (so that the official
facet has a full list behind "All N official values") and an article about Türkiye.
"""

import datetime
import json
import re

import pytest

from tests.browser_helpers import serious_violations

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]
EXTRA_OFFICIALS = [
    ("Hakan Fidan", "TR"),
    ("Hulusi Akar", "TR"),
    ("Yaşar Güler", "TR"),
    ("Sergei Shoigu", "RU"),
    ("Andrei Belousov", "RU"),
    ("Irakli Garibashvili", "GE"),
    ("Juansher Burchuladze", "GE"),
    ("Suren Papikyan", "AM"),
    ("Aziz Nasirzadeh", "IR"),
    ("Hossein Amir-Abdollahian", "IR"),
    ("Kamran Aliyev", "AZ"),
    ("Elchin Guliyev", "AZ"),
    ("Ali Akbar Ahmadian", "IR"),
    ("Hasan Mammadov", "AZ"),
]


def write_fixture(path):
    from archive.text import content_fingerprint

    def slug(name):
        return re.sub(r"[^a-z]+", "-", name.lower().replace("ş", "s").replace("ü", "u")).strip("-")

    records = [{"model": "archive.source", "fields": {"name": "Test Wire", "slug": "test-wire", "homepage": ""}}]
    for n, (name, country) in enumerate(EXTRA_OFFICIALS):
        records.append({"model": "archive.person", "fields": {"name": name, "slug": slug(name), "country": country}})
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=10 * n)
        body = f"{name} met counterparts in Ankara and signed a memorandum, round {n}."
        records.append(
            {
                "model": "archive.article",
                "fields": {
                    "title": f"{name} holds talks, round {n}",
                    "slug": f"{day:%Y-%m-%d}-talks-{n}",
                    "body": body,
                    "published_on": day.isoformat(),
                    "source": ["test-wire"],
                    "status": "published",
                    "fingerprint": content_fingerprint(body),
                    "countries": ["TR", country],
                    "created_at": "2026-01-01T00:00:00Z",
                    "updated_at": "2026-01-01T00:00:00Z",
                },
            }
        )
        records.append(
            {
                "model": "archive.participation",
                "fields": {"article": [f"{day:%Y-%m-%d}-talks-{n}"], "person": [slug(name)], "role": "participant"},
            }
        )
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def parley(tmp_path_factory):
    from harness.live_server import LiveParley

    data_dir = tmp_path_factory.mktemp("ux-search")
    server = LiveParley(data_dir, extra_fixtures=[write_fixture(data_dir / "officials.json")]).prepare().start()
    yield server
    server.stop()


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def screen(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 900}, bypass_csp=False)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append("dialog: " + dialog.message), dialog.dismiss()))
    page.errors = errors
    page.width = request.param
    yield page
    context.close()


def axe_clean(page, browser):
    """axe-core finds no serious or critical violation on ``page``'s URL (in a context without CSP)."""
    context = browser.new_context(bypass_csp=True, viewport=page.viewport_size)
    audited = context.new_page()
    audited.goto(page.url)
    violations = serious_violations(audited)
    context.close()
    assert violations == [], violations


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width


def test_the_form_sends_a_clean_url_and_ranks_by_best_match(parley, screen, browser):
    page = screen
    page.goto(parley.url + "/search/?country=IR")
    assert page.locator("#id_sort").input_value() == ""
    assert page.locator("#id_sort option:checked").inner_text() == "Best match"
    page.get_by_label("Keywords").fill("Bagheri sign Baku")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?"))
    assert page.url.endswith("/search/?q=Bagheri+sign+Baku&country=IR")
    first = page.locator("article.hit").first
    assert first.locator("time").get_attribute("datetime") == "2019-01-16"
    snippet = first.locator(".snippet").inner_text()
    assert "In the end, the sides signed a protocol on the results of the meeting." in snippet
    assert first.locator(".snippet mark", has_text="signed").count() == 1
    assert page.locator("nav.sorts [aria-current=true]").inner_text() == "Best match"
    assert page.errors == []
    axe_clean(page, browser)


def test_without_javascript_the_form_lands_on_the_same_clean_url(parley, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(parley.url + "/search/")
    assert page.locator(".find-filter").is_hidden()  # the autocomplete needs JavaScript; the facets do not
    page.get_by_label("Keywords").fill("wreath")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?q=wreath$"))
    # "wreath" also finds "wreaths" (of the 2019-01-16 article), and marks it.
    assert page.locator("#result-count").inner_text().startswith("1 article")
    assert page.locator(".snippet mark").first.inner_text() == "wreaths"
    context.close()


def test_the_autocomplete_adds_a_filter_from_the_keyboard(parley, screen, browser):
    page = screen
    page.goto(parley.url + "/search/?q=talks")
    box = page.get_by_role("combobox", name="Add a filter")
    box.fill("turkey")
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert "Türkiye (Turkey)" in options.first.inner_text()
    axe_clean_open = serious_violations_of_open_combobox(page, browser, "turkey")
    assert axe_clean_open == []
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url(re.compile(r"country=TR"))
    assert "q=talks" in page.url and "sort=" not in page.url and "date_from" not in page.url
    assert page.get_by_role("link", name="Country: Türkiye (remove)").count() == 1
    # An official by part of the name, with the mouse; Escape closes the list.
    box = page.get_by_role("combobox", name="Add a filter")
    box.fill("fid")
    page.get_by_role("listbox").get_by_role("option", name=re.compile("Hakan Fidan")).wait_for()
    box.press("Escape")
    assert page.get_by_role("listbox").is_hidden() and box.get_attribute("aria-expanded") == "false"
    box.fill("fida")
    page.get_by_role("listbox").get_by_role("option", name=re.compile("Hakan Fidan")).click()
    page.wait_for_url(re.compile(r"official=hakan-fidan"))
    assert page.errors == []


def serious_violations_of_open_combobox(page, browser, typed):
    context = browser.new_context(bypass_csp=True, viewport=page.viewport_size)
    audited = context.new_page()
    audited.goto(page.url)
    audited.get_by_role("combobox", name="Add a filter").fill(typed)
    audited.get_by_role("listbox").wait_for()
    found = serious_violations(audited)
    context.close()
    return found


def test_a_facet_full_list_has_a_filter_box(parley, screen, browser):
    page = screen
    page.goto(parley.url + "/search/")
    summary = page.locator("details.filters > summary")
    if summary.is_visible():  # narrow screens: the filters wait in a disclosure, opened as a user would
        summary.click()
    page.get_by_role("link", name=re.compile(r"^All \d+ official values")).click()
    page.wait_for_url(re.compile(r"facet=official"))
    box = page.get_by_label("Filter official values")
    box.fill("ali")
    section = page.locator("#all-official")
    visible = section.locator("li:visible").all_inner_texts()
    assert visible and all("ali" in text.lower() for text in visible)
    assert any("Kamran Aliyev" in text for text in visible)
    page.wait_for_timeout(600)
    assert re.match(r"\d+ of \d+ values shown", section.get_by_role("status").inner_text())
    section.locator("li:visible a").first.click()
    page.wait_for_url(re.compile(r"official="))
    axe_clean(page, browser)


def test_without_javascript_the_full_list_is_a_plain_list(parley, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(parley.url + "/search/?facet=official")
    assert page.locator(".facet-filter").is_hidden()
    assert page.locator("#all-official li").count() > 10
    context.close()


def test_chips_for_dates_and_the_all_mode(parley, screen):
    page = screen
    page.goto(parley.url + "/search/?date_from=2019-01-01&date_to=2019-12-31&country=AZ&country=IR&all=country")
    chips = page.get_by_role("list", name="Active filters")
    chips.get_by_role("link", name="Country: all must match (remove)").click()
    page.wait_for_url(re.compile(r"country=IR$"))
    assert "all=" not in page.url
    page.get_by_role("link", name="Published: 1 January 2019 to 31 December 2019 (remove)").click()
    page.wait_for_url(re.compile(r"\?country=AZ&country=IR$"))


def test_the_directories(parley, screen, browser):
    page = screen
    page.goto(parley.url + "/officials/")
    assert page.get_by_role("heading", name="Officials").count() == 1
    row = page.get_by_role("row", name=re.compile("Zakir Hasanov"))
    assert "Azerbaijan" in row.inner_text()
    page.get_by_role("navigation", name="Officials by first letter").get_by_role("link", name="H", exact=True).click()
    page.wait_for_url(re.compile(r"letter=H"))
    names = page.locator("table.directory tbody th").all_inner_texts()
    assert names and all(name.startswith("H") for name in names)
    no_horizontal_scroll(page)
    axe_clean(page, browser)
    page.goto(parley.url + "/countries/")
    page.get_by_label("Name or part of one").fill("Turkey")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"q=Turkey"))
    assert page.locator("table.directory tbody th").first.inner_text() == "Türkiye (Turkey)"
    page.locator("table.directory tbody th a").first.click()
    page.wait_for_url(re.compile(r"/countries/TR/$"))
    page.goto(parley.url + "/countries/")
    no_horizontal_scroll(page)
    axe_clean(page, browser)


def test_payloads_in_names_stay_text_in_the_autocomplete(parley, browser):
    from harness.live_server import manage

    manage(parley.env, "shell", "-c", "from tests.xss_payloads import create_payload_archive; create_payload_archive()")
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(parley.url + "/search/")
    page.get_by_role("combobox", name="Add a filter").fill("official 1")
    page.get_by_role("listbox").wait_for()
    assert page.locator("[role=listbox] script, [role=listbox] img, [role=listbox] svg").count() == 0
    assert '<script>alert("xss-1")</script>' in page.get_by_role("listbox").inner_text()
    for path in ("/officials/?q=official", "/countries/"):
        page.goto(parley.url + path)
    page.wait_for_timeout(300)
    assert dialogs == []
    context.close()

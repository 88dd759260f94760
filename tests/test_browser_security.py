"""XSS payloads and the Content-Security-Policy in a real Chromium, against gunicorn.

Every page that shows the payload archive is opened; the test fails if any dialog
opens (a payload ran), if a payload is not visible as text, or if Chromium reports
a Content-Security-Policy violation (the admin must work under the policy).
"""

import pytest

from harness.live_server import ADMIN_PASSWORD, ADMIN_USER, ROOT, LiveParley, manage
from tests.xss_payloads import PAYLOADS

pytestmark = pytest.mark.browser

LOAD_PAYLOADS = "from tests.xss_payloads import create_payload_archive; create_payload_archive()"
LIST_IDS = (
    "from archive.models import Article, Person, Source; import json; print(json.dumps({"
    "'articles': list(Article.objects.filter(title__startswith='Headline ').values_list('pk', 'slug')),"
    "'people': list(Person.objects.filter(name__startswith='Official ').values_list('pk', 'slug')),"
    "'sources': list(Source.objects.filter(name__startswith='Outlet ').values_list('pk', flat=True))}))"
)


@pytest.fixture(scope="module")
def payload_parley(tmp_path_factory):
    import json
    import subprocess
    import sys

    server = LiveParley(tmp_path_factory.mktemp("xss-data")).prepare()
    manage(server.env, "shell", "-c", LOAD_PAYLOADS)
    manage(server.env, "build_index")
    listing = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", LIST_IDS],
        cwd=ROOT,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
    )
    server.ids = json.loads(listing.stdout.strip().splitlines()[-1])
    server.start()
    yield server
    server.stop()


@pytest.fixture
def watched_page(page):
    """The page fixture, also recording Content-Security-Policy violations from the console."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.csp_violations = violations
    return page


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")
    return page.inner_text("body")


def test_public_pages_show_payloads_as_text_and_run_none(payload_parley, watched_page):
    page, base, ids = watched_page, payload_parley.url, payload_parley.ids
    text = visit(page, base + "/search/?q=payloadword&sort=oldest")
    text += visit(page, base + "/search/?q=payloadword&sort=oldest&page=2")
    for number, payload in enumerate(PAYLOADS, 1):
        assert f"Headline {number} {payload}" in text
    for _, slug in ids["articles"]:
        assert "Payloadword" in visit(page, f"{base}/articles/{slug}/")
    for _, slug in ids["people"]:
        visit(page, f"{base}/officials/{slug}/")
    country = visit(page, base + "/countries/AZ/")
    assert all(f"Official {n} {p}" in country for n, p in enumerate(PAYLOADS, 1))
    for payload in PAYLOADS[:6]:
        page.goto(base + "/search/")
        page.get_by_label("Keywords").fill(payload)
        page.get_by_role("button", name="Search").click()
        page.wait_for_load_state("load")
        assert page.get_by_label("Keywords").input_value() == payload
    assert page.dialogs == []
    assert page.csp_violations == []


def test_admin_pages_show_payloads_as_text_and_run_none(payload_parley, watched_page):
    page, base, ids = watched_page, payload_parley.url, payload_parley.ids
    page.goto(base + "/admin/")
    page.get_by_label("Username").fill(ADMIN_USER)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/admin/")
    listing = visit(page, base + "/admin/archive/article/?q=Headline")
    assert "Headline 1 " + PAYLOADS[0] in listing
    for pk, _ in ids["articles"]:
        visit(page, f"{base}/admin/archive/article/{pk}/change/")
        assert page.get_by_role("textbox", name="Headline:").input_value().startswith("Headline ")
    for pk, _ in ids["people"]:
        visit(page, f"{base}/admin/archive/person/{pk}/change/")
    for pk in ids["sources"]:
        visit(page, f"{base}/admin/archive/source/{pk}/change/")
    visit(page, base + "/admin/archive/person/")
    visit(page, base + "/admin/archive/source/")
    assert page.dialogs == []
    assert page.csp_violations == []


def test_admin_works_under_the_policy(payload_parley, watched_page):
    """Scripts the admin needs still run: autocomplete, inlines, collapse, prepopulated slugs."""
    page, base = watched_page, payload_parley.url
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill(ADMIN_USER)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/admin/")
    page.goto(base + "/admin/archive/person/add/")
    page.get_by_role("textbox", name="Name:").press_sequentially("Safe Policy Person")
    assert page.get_by_role("textbox", name="Slug:").input_value() == "safe-policy-person"  # prepopulate.js ran
    page.goto(base + "/admin/archive/article/add/")
    rows = page.locator(".dynamic-participations")
    before = rows.count()
    page.get_by_role("button", name="Add another Participation").click()  # inlines.js ran
    assert rows.count() == before + 1
    page.locator(".field-source .select2-selection").click()  # autocomplete.js (select2) ran
    page.locator(".select2-container--open .select2-search__field").fill("Outlet 1")
    page.locator(".select2-results__option", has_text="Outlet 1 ").first.wait_for()  # answered over XHR
    assert page.dialogs == []
    assert page.csp_violations == []


def test_the_policy_refuses_an_injected_inline_script_and_the_watch_sees_it(payload_parley, watched_page):
    page = watched_page
    visit(page, payload_parley.url + "/search/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.ranInline = true';"
            " document.head.appendChild(s); }"
        )
    assert page.evaluate("() => window.ranInline === undefined")
    assert len(page.csp_violations) == 1 and "script-src" in page.csp_violations[0]

"""The import report and the suggestion review form in a real Chromium at 1,280 px, as a curator:
who was linked and suggested, the link to the review queue, accepting with a corrected spelling
and country; axe-core finds no serious violation; no horizontal scroll."""

import pytest
from playwright.sync_api import expect

from harness.live_desk import CURATOR, CURATOR_PASSWORD, LiveDesk
from tests.browser_helpers import logged_in_page, serious_violations
from tests.linking_eval import CASES

pytestmark = [pytest.mark.browser, pytest.mark.server]
TURKISH = CASES / "001_caspian_courier.txt"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    server = LiveDesk(tmp_path_factory.mktemp("import-desk")).prepare()
    output = server.shell(
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from archive import import_jobs\n"
        "from archive.models import Person\n"
        "Person.objects.create(name='Hulusi Akkar', country_id='TR')\n"  # a near name already in the archive
        f"data = open({str(TURKISH)!r}, 'rb').read()\n"
        f"job = import_jobs.queue_job([SimpleUploadedFile({TURKISH.name!r}, data)])\n"
        "import_jobs.run_queued()\n"
        "print('JOB', job.pk)\n"
    )
    server.job_id = int(output.split("JOB")[-1])
    server.start()
    yield server
    server.stop()


@pytest.fixture
def curator_page(desk, browser):
    page = logged_in_page(browser, desk.url, CURATOR, CURATOR_PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    yield page
    page.context.close()


def violations(page) -> list:
    # Django's own breadcrumbs (links told apart by colour only) fail link-in-text-block on every admin page;
    # the select2 that Django vendors gives an empty autocomplete's inner box role "textbox" and no name
    # (the select it stands for is labelled, and the placeholder says what to type).
    return serious_violations(page, exclude=[".breadcrumbs", ".select2-selection__rendered"])


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_import_report_shows_who_was_linked_and_leads_to_the_review(desk, curator_page):
    page = curator_page
    page.goto(desk.url + f"/admin/archive/article/import/{desk.job_id}/")
    report = page.locator(".import-report")
    expect(report).to_contain_text("Zakir Hasanov")
    expect(report).to_contain_text("Hulusi Akar")
    expect(report).to_contain_text("country guessed: TR")
    assert violations(page) == [] and no_horizontal_scroll(page)
    page.get_by_role("link", name="Review 2 suggestions").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("(guess)")
    assert violations(page) == [] and no_horizontal_scroll(page)


def test_accepting_a_suggestion_with_a_corrected_spelling_and_country(desk, curator_page):
    page = curator_page
    page.goto(desk.url + "/admin/archive/suggestion/?q=Hulusi")
    page.get_by_role("link", name="Hulusi Akar", exact=True).click()
    expect(page.locator("mark")).to_have_text("Hulusi Akar")  # the source sentence
    expect(page.get_by_text("near: Hulusi Akkar")).to_be_visible()
    assert violations(page) == [] and no_horizontal_scroll(page)
    page.get_by_label("Accept as a new person").check()
    page.get_by_label("Name of the new person").fill("Hulusi  Akar Pasha")
    # The country autocomplete (select2) finds Türkiye by its short name.
    page.locator("#id_country").locator("..").locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Turkey")
    page.get_by_role("option", name="Türkiye").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    answer = desk.shell(
        "from archive.models import Person\n"
        "p = Person.objects.get(name='Hulusi Akar Pasha')\n"
        "print(p.country_id, list(p.aliases.values_list('name', flat=True)))\n"
    )
    assert answer.strip() == "TR ['Hulusi Akar']"

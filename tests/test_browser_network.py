"""The who-met-whom network in a real Chromium against gunicorn: the official page with 44 counterparts
(40 drawn) and names carrying XSS payloads, at 390 and 1,280 px: no sideways scrolling, axe-core finds
nothing serious, no payload runs. Screenshots go to /tmp/shots/ (looked at by a person, never compared)."""

from pathlib import Path

import pytest

from harness.live_desk import LiveDesk
from tests.browser_helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.server]
SHOTS = Path("/tmp/shots")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    server = LiveDesk(tmp_path_factory.mktemp("network"))
    server.prepare()
    server.shell(
        "import datetime\n"
        "from archive.models import Country, Person\n"
        "from tests.factories import make_person\n"
        "from tests.network_helpers import guests, meet\n"
        "from tests.xss_payloads import PAYLOADS\n"
        "hasanov = Person.objects.get(slug='zakir-hasanov')\n"
        "for n, guest in enumerate(guests(22, 'IR', 'Brigadier General Counterpart') + guests(8, 'TR', 'Envoy')):\n"
        "    for day in range(1 + n % 4):\n"
        "        meet(hasanov, guest, on=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))\n"
        "for payload in PAYLOADS[:14]:\n"
        "    meet(hasanov, make_person(payload, country=Country.objects.get(code='RU')))\n"
    )
    server.manage("build_index")
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_official_page_draws_the_network_on_the_screen(site, browser, width):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert page.goto(site.url + "/officials/zakir-hasanov/").status == 200
    drawing = page.locator("svg.network-graph")
    drawing.scroll_into_view_if_needed()
    box = drawing.bounding_box()
    assert box["width"] > 300 and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("svg.network-graph a").count() == 41
    assert "And 6 more counterparts" in page.locator("figure.network").inner_text()
    assert serious_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"network-official-{width}.png"), full_page=True)
    drawing.screenshot(path=str(SHOTS / f"network-drawing-{width}.png"))
    page.get_by_text("The network as a table").click()
    assert page.locator("details.network-table tbody tr").count() >= 40
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert dialogs == []
    context.close()

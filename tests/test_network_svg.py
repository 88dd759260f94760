"""The network drawn: laid out the same way every time, names never on top of each other, names as text."""

import datetime
import math
import re

import pytest
from django.utils.html import escape

from archive.models import Country, Person
from network.graph import official_network, pair_network
from network.layout import CHAR_WIDTH, FONT_SIZE, layout, short_label
from network.svg import country_styles, network_svg
from tests.factories import make_person
from tests.network_helpers import guests, meet
from tests.xss_payloads import PAYLOADS, MarkupAudit

pytestmark = pytest.mark.django_db


def hasanov() -> Person:
    return Person.objects.get(slug="zakir-hasanov")


def busy_official(count: int) -> Person:
    for n, guest in enumerate(guests(count, prefix="Counterpart with a long name")):
        for day in range(1 + n % 5):
            meet(hasanov(), guest, on=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
    return hasanov()


def test_the_drawing_is_the_same_on_every_render_and_lines_widen_with_meetings(seeds):
    network = official_network(busy_official(6))
    svg = network_svg(network)
    assert svg == network_svg(official_network(hasanov()))
    widths = {
        int(m): float(w) for w, m in re.findall(r'stroke-width="([\d.]+)"><title>[^<]*: (\d+) meetings?', str(svg))
    }
    assert widths[1] < widths[3] < widths[5]
    assert svg.count('href="/officials/') == len(network.nodes) == 9


def test_forty_names_around_an_official_never_overlap(seeds):
    network = official_network(busy_official(44))
    drawn = layout(network)
    ring = [node.slug for node in network.nodes if not node.centre]
    cx, cy = drawn.width / 2, drawn.height / 2
    assert len(ring) == 40 and all(drawn.labels[slug].rotate for slug in ring if drawn.points[slug][1] != cy)
    # Names run along their rays: two neighbours' names are apart by at least a line where they start.
    starts = sorted(ring, key=lambda s: math.atan2(drawn.labels[s].y - cy, drawn.labels[s].x - cx))
    for a, b in zip(starts, starts[1:] + starts[:1], strict=True):
        gap = math.dist((drawn.labels[a].x, drawn.labels[a].y), (drawn.labels[b].x, drawn.labels[b].y))
        assert gap >= FONT_SIZE, (a, b, gap)
    # And every name fits inside the drawing.
    for slug in ring:
        label, width = drawn.labels[slug], len(short_label(network.node(slug).name)) * CHAR_WIDTH
        ux = math.cos(math.radians(label.rotate)) * width * (1 if label.anchor == "start" else -1)
        uy = math.sin(math.radians(label.rotate)) * width * (1 if label.anchor == "start" else -1)
        assert 0 <= label.x + ux <= drawn.width and 0 <= label.y + uy <= drawn.height, slug


def test_a_few_names_are_level_and_apart(seeds):
    network = official_network(busy_official(10))
    drawn = layout(network)
    boxes = []
    for node in network.nodes:
        label = drawn.labels[node.slug]
        assert label.rotate == 0
        width = len(short_label(node.name)) * CHAR_WIDTH
        left = {"start": label.x, "end": label.x - width, "middle": label.x - width / 2}[label.anchor]
        boxes.append((node.slug, left, label.y - FONT_SIZE, width, FONT_SIZE))
    for i, (a, ax, ay, aw, ah) in enumerate(boxes):
        for b, bx, by, bw, bh in boxes[i + 1 :]:
            assert not (ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah), (a, b)


def test_a_pair_is_drawn_in_two_columns_one_per_country(seeds):
    network = pair_network("AZ", "IR")
    drawn = layout(network)
    columns = {network.node(slug).country_code: x for slug, (x, _) in drawn.points.items()}
    assert columns["AZ"] < columns["IR"]
    assert {slug for slug, (x, _) in drawn.points.items() if x == columns["IR"]} == {
        "mohammad-bagheri",
        "javad-jahangirzadeh",
    }


def test_countries_past_the_seventh_share_one_legend_entry(seeds):
    codes = ["IR", "TR", "RU", "GE", "AM", "FR", "DE", "US", "CN"]
    for code in codes:
        meet(hasanov(), make_person(f"Envoy of {code}", country=Country.objects.get(code=code)))
    styles = country_styles(official_network(hasanov()))
    assert [s.code for s in styles][:2] == ["AZ", "IR"] and styles[-1].name == "Other countries" and len(styles) == 8
    assert len({(s.colour, s.shape) for s in styles}) == 8


def test_names_with_markup_stay_text_in_the_drawing_and_the_table(client, seeds):
    iran = Country.objects.get(code="IR")
    for payload in PAYLOADS:
        meet(hasanov(), make_person(payload, country=iran))
    html = client.get("/officials/zakir-hasanov/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    audit = MarkupAudit.of(html)
    assert audit.dangers == []
    for payload in PAYLOADS:
        assert f"<title>{escape(payload)} (Iran)" in svg
        assert escape(short_label(payload)) in svg
    assert svg.count("<a ") == len(PAYLOADS) + 3 and "<script" not in svg and "<img" not in svg


def test_the_official_page_draws_the_network_with_a_table_and_what_was_left_out(client, seeds):
    busy_official(45)
    html = client.get("/officials/zakir-hasanov/").content.decode()
    section = html.split('id="met-heading"')[1].split('id="meetings-heading"')[0]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="network-graph"' in section
    assert 'aria-labelledby="met-network-title"' in section and "Who Zakir Hasanov met" in section
    assert "And 7 more counterparts with fewer meetings, not drawn." in section
    table = section.split("The network as a table")[1].split("</details>")[0]
    assert table.count("<tr>") == 1 + 40 and '<a href="/officials/mohammad-bagheri/">' not in table
    assert "<li>" in section.split('class="network-legend"')[1].split("</ul>")[0]

"""Where each person of a :class:`~network.graph.Network` is drawn, and where their name goes.

Positions come from networkx and are deterministic (a fixed seed, nodes in a fixed order), so
a page renders the same drawing every time. Three shapes, by what the network is:

* a centre (an official's page): the centre in the middle, counterparts on a ring grouped by
  country; past :data:`HORIZONTAL_LABELS` counterparts the names run along their ray, so
  neighbouring names never overlap however many there are;
* two sides (a pair of countries): one column per country, names on the outer side;
* otherwise a spring layout, names beside their node, nudged up or down off earlier names.
"""

import math
from dataclasses import dataclass

import networkx as nx

from network.graph import Network

SEED = 7  # the spring layout's seed: the same drawing on every render
FONT_SIZE = 12
CHAR_WIDTH = 6.6  # an estimate of a label's average character width at FONT_SIZE
LABEL_CHARS = 26  # longer names are shortened in the drawing (the table has them in full)
HORIZONTAL_LABELS = 12  # up to this many counterparts, names are written level
ROW = 26  # vertical distance between two people in a column
MARGIN = 12


@dataclass(frozen=True)
class Label:
    """A name's position: its anchor point, ``anchor`` ("start", "middle", "end") and rotation in degrees."""

    x: float
    y: float
    anchor: str
    rotate: float = 0.0


@dataclass(frozen=True)
class Layout:
    """The drawing's size and, by slug, each node's centre and its label (absent when it could not be placed)."""

    width: int
    height: int
    points: dict[str, tuple[float, float]]
    labels: dict[str, Label]


def short_label(name: str) -> str:
    """Return ``name`` as drawn: shortened past :data:`LABEL_CHARS` characters with an ellipsis."""
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def label_width(name: str) -> float:
    return len(short_label(name)) * CHAR_WIDTH


def layout(network: Network) -> Layout:
    """Return the :class:`Layout` of ``network`` (see the module's description of the three shapes)."""
    if network.centre is not None:
        return _ring(network)
    sides = _sides(network)
    if sides is not None:
        return _columns(network, *sides)
    return _spring(network)


def _graph(network: Network) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(node.slug for node in network.nodes)
    graph.add_weighted_edges_from(((e.source, e.target, e.meetings) for e in network.edges), weight="meetings")
    return graph


def _ring(network: Network) -> Layout:
    centre = network.centre
    countries = [code for code, _ in network.countries()]
    # Grouped by country (the legend's order), then by meetings: a country's people sit together.
    others = sorted(
        (node for node in network.nodes if not node.centre),
        key=lambda node: (countries.index(node.country_code), -node.meetings, node.name),
    )
    longest = max((label_width(node.name) for node in others), default=0)
    radius = max(90.0, 11.0 * len(others) / math.pi)  # about 22 px of ring per person
    level = len(others) <= HORIZONTAL_LABELS
    reach = radius + 14 + longest + MARGIN
    width, height = (2 * reach, 2 * (radius + 40)) if level else (2 * reach, 2 * reach)
    positions = nx.shell_layout(_graph(network), nlist=[[centre.slug], [node.slug for node in others]], scale=1.0)
    cx, cy = width / 2, height / 2
    points, labels = {centre.slug: (cx, cy)}, {}
    for node in others:
        ux, uy = _from_top(positions[node.slug])
        x, y = cx + radius * ux, cy + radius * uy
        points[node.slug] = (x, y)
        lx, ly = cx + (radius + 12) * ux, cy + (radius + 12) * uy
        anchor = "start" if ux >= -1e-9 else "end"
        if level:
            if abs(ux) < 0.2:  # right above or below the centre: centred on the node
                anchor, ly = "middle", ly + (FONT_SIZE if uy > 0 else -4)
            labels[node.slug] = Label(lx, ly + FONT_SIZE / 3, anchor)
        else:
            # Along the ray, turned so that no name reads upside down.
            degrees = math.degrees(math.atan2(uy, ux))
            rotate = degrees if ux >= -1e-9 else degrees + 180
            labels[node.slug] = Label(lx, ly, anchor, rotate)
    labels[centre.slug] = Label(cx, cy + 30, "middle")
    return Layout(math.ceil(width), math.ceil(height), points, labels)


def _from_top(position) -> tuple[float, float]:
    """Return the unit vector of a shell position turned a quarter back: the ring starts at the top
    (networkx starts it on the right), and runs clockwise on the screen."""
    x, y = float(position[0]), float(position[1])
    norm = math.hypot(x, y) or 1.0
    return y / norm, -x / norm


def _sides(network: Network) -> tuple[list[str], list[str]] | None:
    """Return the slugs of the two sides when every edge joins two countries' people (a pair), else None."""
    countries = {node.slug: node.country_code for node in network.nodes}
    codes = {countries[slug] for edge in network.edges for slug in (edge.source, edge.target)}
    if len(codes) != 2 or any(countries[e.source] == countries[e.target] for e in network.edges):
        return None
    first, second = sorted(codes)
    return (
        [node.slug for node in network.nodes if node.country_code == first],
        [node.slug for node in network.nodes if node.country_code == second],
    )


def _columns(network: Network, left: list[str], right: list[str]) -> Layout:
    widest = {
        "l": max((label_width(network.node(s).name) for s in left), default=0),
        "r": max((label_width(network.node(s).name) for s in right), default=0),
    }
    gap = 260
    width = MARGIN + widest["l"] + 14 + gap + 14 + widest["r"] + MARGIN
    rows = max(len(left), len(right))
    height = 2 * MARGIN + max(1, rows) * ROW
    positions = nx.bipartite_layout(_graph(network), left, align="vertical", scale=1.0)
    x_left, x_right = MARGIN + widest["l"] + 14, MARGIN + widest["l"] + 14 + gap
    points, labels = {}, {}
    for column, x, anchor, dx in ((left, x_left, "end", -12), (right, x_right, "start", 12)):
        # bipartite_layout spreads each column over the same height: rows of ROW px from the top instead.
        ordered = sorted(column, key=lambda slug: -float(positions[slug][1]))
        top = MARGIN + ROW / 2 + (rows - len(ordered)) * ROW / 2
        for index, slug in enumerate(ordered):
            y = top + index * ROW
            points[slug] = (x, y)
            labels[slug] = Label(x + dx, y + FONT_SIZE / 3, anchor)
    return Layout(math.ceil(width), math.ceil(height), points, labels)


def _spring(network: Network) -> Layout:
    graph = _graph(network)
    positions = nx.spring_layout(graph, seed=SEED, weight="meetings") if len(graph) > 1 else {}
    longest = max((label_width(node.name) for node in network.nodes), default=0)
    inner = max(160.0, 26.0 * math.sqrt(len(network.nodes)) * 2)
    width, height = inner + 2 * (longest + 20 + MARGIN), inner + 4 * MARGIN
    points, labels, taken = {}, {}, []
    for node in network.nodes:
        px, py = (float(v) for v in positions.get(node.slug, (0.0, 0.0)))
        x, y = width / 2 + px * inner / 2, height / 2 + py * inner / 2
        points[node.slug] = (x, y)
        box = _free_box(x + 10, y, label_width(node.name), taken)
        if box is not None:
            taken.append(box)
            labels[node.slug] = Label(box[0], box[1] + box[3] - 3, "start")
    return Layout(math.ceil(width), math.ceil(height), points, labels)


def _free_box(x: float, y: float, width: float, taken: list) -> tuple[float, float, float, float] | None:
    """Return a label box ``(x, top, width, height)`` beside ``(x, y)`` that overlaps no box in ``taken``,
    trying a little above and below; ``None`` when there is none (the name is then only in the table)."""
    height = FONT_SIZE + 2
    for shift in (0, -height, height, -2 * height, 2 * height):
        box = (x, y - height / 2 + shift, width, height)
        if not any(_overlap(box, other) for other in taken):
            return box
    return None


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]

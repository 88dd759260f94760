"""The network drawn as SVG: edges as lines (width by meetings), people as marks (colour and shape by
country) linking to their official pages, names beside them. Every name goes through
``format_html``/``escape``: a name is text, never markup."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from network.graph import Edge, Network, Node
from network.layout import FONT_SIZE, Layout, layout, short_label

# Colour-blind-safe colours (Okabe and Ito), each with its own shape: a country is told apart by both.
STYLES = (
    ("#0072B2", "circle"),
    ("#D55E00", "square"),
    ("#009E73", "diamond"),
    ("#CC79A7", "triangle"),
    ("#E69F00", "square"),
    ("#56B4E9", "diamond"),
    ("#7a5195", "triangle"),
)
OTHER = ("#8a8f96", "circle")  # every country past the styled ones
MARK = 7  # a counterpart's mark, in px (half its width)
CENTRE_MARK = 12
EDGE_WIDTH = (1.5, 7.0)  # thinnest (one meeting) and widest (the most meetings) line


@dataclass(frozen=True)
class CountryStyle:
    """How one country's people are drawn, for the legend: code, name, colour, shape and a small swatch."""

    code: str
    name: str
    colour: str
    shape: str

    @property
    def swatch(self) -> SafeString:
        """Return a 14 px inline SVG of the mark, for the legend (decorative: the name says it)."""
        return format_html(
            '<svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">'
            "{}</svg>",
            _mark(self.shape, self.colour, 7, 7, 6),
        )


def country_styles(network: Network) -> list[CountryStyle]:
    """Return the style of every country in ``network``, in legend order; past the styled ones, one
    "Other countries" entry (code ``*``)."""
    styles, countries = [], network.countries()
    for index, (code, name) in enumerate(countries):
        if index < len(STYLES):
            styles.append(CountryStyle(code, name, *STYLES[index]))
    if len(countries) > len(STYLES):
        styles.append(CountryStyle("*", "Other countries", *OTHER))
    return styles


def network_svg(network: Network, element_id: str = "network") -> SafeString:
    """Return the SVG drawing of ``network`` (empty when it has no edge), labelled by ``{element_id}-title``."""
    if not network.edges:
        return mark_safe("")
    drawn = layout(network)
    styles = {style.code: style for style in country_styles(network)}
    widest = max(edge.meetings for edge in network.edges)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="network-graph" viewBox="0 0 {} {}" role="group" '
        'aria-labelledby="{}-title"><title id="{}-title">{}</title>'
        '<g class="edges" aria-hidden="true">{}</g><g class="nodes">{}</g></svg>',
        drawn.width,
        drawn.height,
        element_id,
        element_id,
        network.label or "Who met whom",
        format_html_join("", "{}", ((_edge(network, edge, drawn, widest),) for edge in network.edges)),
        format_html_join("", "{}", ((_node(node, drawn, styles),) for node in _drawing_order(network))),
    )


def _drawing_order(network: Network) -> list[Node]:
    """The centre last, so that its mark and name sit above the lines and marks around it."""
    return sorted(network.nodes, key=lambda node: node.centre)


def _edge(network: Network, edge: Edge, drawn: Layout, widest: int) -> SafeString:
    (x1, y1), (x2, y2) = drawn.points[edge.source], drawn.points[edge.target]
    thin, wide = EDGE_WIDTH
    width = thin if widest <= 1 else thin + (wide - thin) * (edge.meetings - 1) / (widest - 1)
    names = f"{network.node(edge.source).name} and {network.node(edge.target).name}"
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}"><title>{}: {} meeting{}, {} to {}</title></line>',
        _n(x1), _n(y1), _n(x2), _n(y2), _n(width), names, edge.meetings, "" if edge.meetings == 1 else "s",
        edge.first.isoformat(), edge.last.isoformat(),
    )  # fmt: skip


def _node(node: Node, drawn: Layout, styles: dict[str, CountryStyle]) -> SafeString:
    x, y = drawn.points[node.slug]
    style = styles.get(node.country_code) or styles.get("*")
    size = CENTRE_MARK if node.centre else MARK
    mark = _mark(style.shape, style.colour, x, y, size)
    description = f"{node.name} ({node.country_name or 'country unknown'}): {node.meetings} meeting" + (
        "" if node.meetings == 1 else "s"
    )
    label = drawn.labels.get(node.slug)
    text = ""
    if label is not None:
        turn = format_html(' transform="rotate({} {} {})"', _n(label.rotate), _n(label.x), _n(label.y))
        text = format_html(
            '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="{}" font-size="{}"{}{}>{}</text>',
            _n(label.x), _n(label.y), label.anchor, "central" if label.rotate else "auto",
            FONT_SIZE + (2 if node.centre else 0), turn if label.rotate else "",
            mark_safe(' font-weight="bold"') if node.centre else "", short_label(node.name),
        )  # fmt: skip
    classes = "node centre" if node.centre else "node"
    # Named by its <title> (the full name, country, meetings): an aria-label would hide the visible,
    # possibly shortened, name from speech-input users who say what they see.
    if not node.url:  # no public page yet: drawn, not linked
        return format_html('<g class="{}"><title>{}</title>{}{}</g>', classes, description, mark, text)
    return format_html(
        '<a href="{}" class="{}"><title>{}</title>{}{}</a>',
        node.url, classes, description, mark, text,
    )  # fmt: skip


def _mark(shape: str, colour: str, x: float, y: float, size: float) -> SafeString:
    """Return one mark (circle, square, diamond, triangle) of half-width ``size`` centred on ``(x, y)``."""
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            _n(x - size * 0.85), _n(y - size * 0.85), _n(size * 1.7), _n(size * 1.7), colour,
        )  # fmt: skip
    if shape == "diamond":
        points = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    elif shape == "triangle":
        points = [(x, y - size), (x + size, y + size * 0.8), (x - size, y + size * 0.8)]
    else:
        return format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', _n(x), _n(y), _n(size), colour)
    return format_html('<polygon points="{}" fill="{}"/>', " ".join(f"{_n(px)},{_n(py)}" for px, py in points), colour)


def _n(value: float) -> str:
    """Return a coordinate with at most one decimal (smaller pages, same drawing)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")

"""Charts drawn on the server as SVG (no JavaScript): stacked bars per year, a legend, sparklines.

Pure functions of their figures, each returning a ``SafeString`` built with ``format_html``
(every label escaped). The figures are also given as a table on the page: the SVG is one
image to assistive technology (``role="img"`` with a label), the table is the text.

Readable with 27 years: the bars share a fixed drawing width, so a long span only makes
them narrower, and only some years are written under them (every 2nd, 5th or 10th year,
at most nine labels).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Okabe and Ito's colours, told apart with the common colour-vision deficiencies, and grey last.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#6b6b6b")

WIDTH, HEIGHT = 640, 170
LEFT, TOP, BOTTOM = 30, 10, 20
MAX_YEAR_LABELS = 9


@dataclass(frozen=True)
class Band:
    """One stacked part of each bar: its label, its count per year, its colour."""

    label: str
    counts: Mapping[int, int]
    color: str


def _n(number: float) -> str:
    """Return a coordinate with one decimal (format_html escapes its arguments into text first)."""
    return f"{number:.1f}"


def _join(pieces) -> SafeString:
    # Every piece comes from format_html (escaped): joining them keeps them safe.
    return mark_safe("".join(pieces))  # noqa: S308


def color(index: int) -> str:
    """Return the colour of the ``index``-th kind of a split (grey from the seventh on), the same on every page."""
    return PALETTE[min(index, len(PALETTE) - 1)]


def year_step(count: int) -> int:
    """Return every how many years a label is written under ``count`` bars (1, 2, 5 or 10)."""
    return next((step for step in (1, 2, 5, 10) if count / step <= MAX_YEAR_LABELS), 10)


def stacked_bars(years: Sequence[int], bands: Sequence[Band], label: str) -> SafeString:
    """Return an SVG of one bar per year of ``years``, each stacked from ``bands`` (bottom first).

    ``label`` names the image for assistive technology; each part has a tooltip (``<title>``).
    """
    if not years:
        return SafeString("")
    totals = [sum(band.counts.get(year, 0) for band in bands) for year in years]
    peak = max(max(totals), 1)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT) / len(years)
    # Few years would make bars as wide as the page: a bar is at most 40 units wide.
    bar = min(max(slot * 0.72, 1.0), 40.0)
    step = year_step(len(years))
    pieces = [_axis(peak, plot_height)]
    for index, year in enumerate(years):
        x = LEFT + index * slot + (slot - bar) / 2
        base = TOP + plot_height
        for band in bands:
            count = band.counts.get(year, 0)
            if not count:
                continue
            height = count / peak * plot_height
            base -= height
            pieces.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} ({})</title></rect>',
                    _n(x),
                    _n(base),
                    _n(bar),
                    _n(height),
                    band.color,
                    year,
                    band.label,
                    count,
                )  # fmt: skip
            )
        if year % step == 0 or len(years) == 1:
            pieces.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" class="year">{}</text>',
                    _n(x + bar / 2),
                    HEIGHT - 5,
                    year,
                )  # fmt: skip
            )
    return format_html(
        '<svg class="bars" viewBox="0 0 {} {}" role="img" aria-label="{}" preserveAspectRatio="xMidYMid meet">{}</svg>',
        WIDTH, HEIGHT, label, _join(pieces),
    )  # fmt: skip


def _axis(peak: int, plot_height: int) -> SafeString:
    """Return the baseline, and a grid line at the peak with its count (and at half of it when it is whole)."""
    base = TOP + plot_height
    marks = [peak] + ([peak // 2] if peak >= 4 and peak % 2 == 0 else [])
    pieces = [format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>', LEFT, base, WIDTH, base)]
    for mark in marks:
        y = base - mark / peak * plot_height
        pieces.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" class="grid"/>'
                '<text x="{}" y="{}" text-anchor="end" class="tick">{}</text>',
                LEFT,
                _n(y),
                WIDTH,
                _n(y),
                LEFT - 4,
                _n(y + 4),
                mark,
            )  # fmt: skip
        )
    return _join(pieces)


def legend(bands: Sequence[Band]) -> SafeString:
    """Return the legend of ``bands``: a list of colour swatches with their labels."""
    items = [
        format_html(
            '<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
            '<rect width="10" height="10" fill="{}"/></svg>{}</li>',
            band.color,
            band.label,
        )
        for band in bands
    ]
    return format_html('<ul class="legend">{}</ul>', _join(items))


def sparkline(counts: Sequence[tuple[int, int]], label: str) -> SafeString:
    """Return a small SVG of ``(year, count)`` bars, scaled to its own peak; ``label`` says what it shows."""
    if not counts:
        return SafeString("")
    peak = max(max(count for _, count in counts), 1)
    bars = [
        format_html(
            '<rect x="{}" y="{}" width="3" height="{}"/>', index * 4, _n(20 - count / peak * 18), _n(count / peak * 18)
        )
        for index, (_, count) in enumerate(counts)
        if count
    ]
    width = len(counts) * 4
    return format_html(
        '<svg class="sparkline" viewBox="0 0 {} 20" role="img" aria-label="{}" preserveAspectRatio="xMinYMax meet">'
        '<line x1="0" y1="20" x2="{}" y2="20" class="axis"/>{}</svg>',
        width,
        label,
        width,
        _join(bars),
    )

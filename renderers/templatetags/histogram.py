"""The histogram's bars and table rows, rendered in Python.

As an unrolled loop of template nodes the bars cost about 10 ms a page (several numbers, a link and a
title each). The markup is the one ``includes/histogram.html`` had; ``tests/test_fragments_markup.py``
keeps the two equal, escaping and whitespace included.
"""

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _number(value) -> str:
    """A number as the template engine writes it (``localize``: the plain ``str`` of ints and floats here,
    since the thousands separator is off)."""
    return formats.localize(value) if isinstance(value, float) and "e" in repr(value) else str(value)


def histogram_bar(bar, histogram, show_counts: bool) -> str:
    """Return one bar of the chart: its link (bars with hits), its count above it and its axis label."""
    parts = ["\n      "]
    if bar.url:
        parts.append(
            format_html(
                '\n      <a href="{}" aria-label="{}" class="bar">\n        <title>{}</title>\n'
                '        <rect class="hit-area" x="{}" y="0" width="{}" height="{}"/>\n'
                '        <rect class="value" x="{}" y="{}" width="{}" height="{}"/>\n      </a>\n      ',
                bar.url,
                bar.description,
                bar.description,
                _number(bar.x),
                _number(bar.width),
                _number(histogram.baseline),
                _number(bar.x),
                _number(bar.y),
                _number(bar.width),
                _number(bar.height),
            )
        )
    parts.append("\n      ")
    if show_counts and bar.count:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="count" aria-hidden="true">{}</text>',
                _number(bar.label_x),
                int(bar.y) - 4,  # the template's ``bar.y|add:-4``: ``add`` makes ints of both
                bar.count,
            )
        )
    parts.append("\n      ")
    if bar.axis_label:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" aria-hidden="true">{}</text>',
                _number(bar.label_x),
                int(histogram.height) - 6,
                bar.axis_label,
            )
        )
    parts.append("\n    ")
    return "".join(parts)


@register.simple_tag
def histogram_bars(histogram):
    """Return the chart's bars (see ``histogram.html``), rendered in Python."""
    show_counts = histogram.show_counts
    return mark_safe("".join(histogram_bar(bar, histogram, show_counts) for bar in histogram.bars))  # noqa: S308


@register.simple_tag
def histogram_rows(histogram):
    """Return the rows of the chart's table: each period (a link where it has hits) and its count."""
    return mark_safe(  # noqa: S308 - every row through format_html
        "".join(
            format_html(
                '<tr><th scope="row">{}</th><td>{}</td></tr>',
                format_html('<a href="{}">{}</a>', bar.url, bar.label) if bar.url else bar.label,
                bar.count,
            )
            for bar in histogram.bars
        )
    )

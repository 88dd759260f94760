"""A facet's values as list items, rendered in Python.

A search page shows 60 to 120 facet values; as an ``{% include %}`` per value the template engine spent
about 14 ms a page on them (0.2 ms a value: context pushes, a dozen variable lookups, escaping and
localising each), more than the search itself on a small archive. The markup is the one
``includes/facet.html`` had in ``facet_value.html``; ``tests/test_fragments_markup.py`` keeps the two
equal, escaping included.
"""

from django import template
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

SELECTED = ' aria-current="true" class="selected"'
SELECTED_LABEL = '<span class="visually-hidden">Selected, remove filter: </span>'


def facet_value_item(value, facet_name: str, count_noun: str) -> str:
    """Return one value's ``<li>``: the link that toggles it, its label and its count (hidden words for
    screen readers)."""
    count = ""
    if value.count is not None:
        count = format_html(
            ' <span class="count"><span class="visually-hidden">(</span>{}'
            '<span class="visually-hidden"> {}{})</span></span>',
            value.count,
            count_noun,
            "" if value.count == 1 else "s",
        )
    # One value a line, as the include (a file ending with a newline) wrote them.
    return format_html(
        '<li><a href="{}"{} data-facet="{}" data-value="{}"><span class="label">{}{}</span>{}</a></li>\n',
        value.toggle_url,
        mark_safe(SELECTED) if value.selected else "",  # noqa: S308 - a constant
        facet_name,
        value.value,
        mark_safe(SELECTED_LABEL) if value.selected else "",  # noqa: S308 - a constant
        value.label,
        count,
    )


@register.simple_tag
def facet_value_items(facet, values, count_noun=""):
    """Return the ``<li>`` items of ``values`` of ``facet``, counted in ``count_noun`` ("article" if empty)."""
    noun = conditional_escape(count_noun or "article")
    return mark_safe("".join(facet_value_item(value, facet.name, noun) for value in values))  # noqa: S308 - format_html


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
    """Return the chart's bars (see ``histogram.html``), rendered in Python as the facet values are."""
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

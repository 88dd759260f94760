"""A facet's values as list items, rendered in Python.

A search page shows 60 to 120 facet values; as an ``{% include %}`` per value the template engine spent
about 14 ms a page on them (0.2 ms a value: context pushes, a dozen variable lookups, escaping and
localising each), more than the search itself on a small archive. The markup is the one
``includes/facet.html`` had in ``facet_value.html``; ``tests/test_fragments_markup.py`` keeps the two
equal, escaping included.
"""

from django import template
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

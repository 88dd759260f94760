"""Links from the HTML pages to the same search in machine formats (exports, feed, API)."""

from django import template

from query.params import valid_query_string

register = template.Library()


@register.simple_tag
def machine_query(form) -> str:
    """Return the page's valid search parameters, urlencoded, without the page number."""
    return valid_query_string(form)

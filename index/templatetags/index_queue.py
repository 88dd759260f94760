"""``{% index_queue_status %}``: whether the search index shows the archive, and what waits (admin pages)."""

from django import template

from index.freshness import article_freshness

register = template.Library()


@register.inclusion_tag("admin/includes/index_queue_status.html")
def index_queue_status():
    """Return the context of the status line: the counts compared, the changes waiting, whether it is stale."""
    freshness = article_freshness()
    return {"waiting": freshness.waiting, "freshness": freshness}

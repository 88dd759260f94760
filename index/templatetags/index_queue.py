"""``{% index_queue_status %}``: how many changes wait for the index worker (admin pages)."""

from django import template

from index.queue import queue_length

register = template.Library()


@register.inclusion_tag("admin/includes/index_queue_status.html")
def index_queue_status():
    """Return the context of the status line: the number of articles waiting."""
    return {"waiting": queue_length()}

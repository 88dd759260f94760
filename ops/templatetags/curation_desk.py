"""``{% curation_desk %}``: the admin home page's links to the import and the review queues."""

from django import template
from django.urls import reverse

from ops.curation_desk import can_import, review_queues

register = template.Library()


@register.inclusion_tag("admin/includes/curation_desk.html", takes_context=True)
def curation_desk(context):
    """Return the context of the desk: the queues the user may see, and the import page if allowed."""
    user = context["request"].user
    return {
        "queues": review_queues(user),
        "import_url": reverse("admin:archive_article_import") if can_import(user) else "",
    }

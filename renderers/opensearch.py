"""The OpenSearch description (``/opensearch.xml``): lets a browser add Parley as a search engine."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

CONTENT_TYPE = "application/opensearchdescription+xml; charset=utf-8"


@require_safe
def opensearch_description(request):
    """Return the OpenSearch 1.1 description with absolute URL templates for HTML, Atom and JSON."""
    base = request.build_absolute_uri("/").rstrip("/")
    return render(request, "opensearch.xml", {"base": base}, content_type=CONTENT_TYPE)

"""The index definition and the query builder fit Haystack's Elasticsearch 7 backend.

These tests build the mapping and the search request body with Parley's subclass of
Haystack's Elasticsearch 7 backend and check them, without any server; the scenarios
against stand-in engines on loopback are in tests/test_cluster_engines.py and
tests/test_cluster_faults.py (see README "Scaling out").
"""

import re

import pytest
from django.http import QueryDict
from haystack import connections

from config.search_url import haystack_connections
from index.engine.elasticsearch7 import ParleyElasticsearch7SearchBackend
from query.facets import FACETS
from query.forms import ArticleSearchForm

pytestmark = pytest.mark.django_db

FACET_FIELDS = {spec.field for spec in FACETS}


@pytest.fixture
def elasticsearch(settings, tmp_path, monkeypatch):
    """Haystack configured for Elasticsearch 7 exactly as SEARCH_URL would configure it (never contacted:
    the one count the query planner asks the engine for, which words are names, answers none)."""
    config = haystack_connections("elasticsearch://127.0.0.1:9/parley", tmp_path)
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = config
    connections.reload("default")
    monkeypatch.setattr(ParleyElasticsearch7SearchBackend, "names_among", lambda self, words, field: set())
    yield connections["default"].get_backend()
    connections.reload("default")


def test_search_url_selects_parleys_elasticsearch7_backend(elasticsearch):
    assert isinstance(elasticsearch, ParleyElasticsearch7SearchBackend)
    assert elasticsearch.index_name == "parley"


def test_mapping_stores_facets_as_whole_keywords_and_dates_as_dates(elasticsearch):
    content_field, mapping = elasticsearch.build_schema(connections["default"].get_unified_index().all_searchfields())
    assert content_field == "text"
    assert mapping["text"]["type"] == "text"
    assert mapping["date"]["type"] == "date"
    for name in FACET_FIELDS | {"participants", "mentioned", "month"}:
        assert mapping[name] == {"type": "keyword"}, name


def search_body(elasticsearch, params: str) -> dict:
    """Return the Elasticsearch request body Haystack would send for these search parameters."""
    form = ArticleSearchForm(QueryDict(params))
    query = form.search_queryset().query
    query.set_limits(0, 20)
    return elasticsearch.build_search_kwargs(query.build_query(), **query.build_params())


def query_strings(node) -> list[str]:
    """Return every Lucene query string in a request body (keywords and narrowing filters)."""
    if isinstance(node, dict):
        found = [node["query_string"]["query"]] if "query_string" in node else []
        return found + [text for key, value in node.items() if key != "query_string" for text in query_strings(value)]
    if isinstance(node, list):
        return [text for item in node for text in query_strings(item)]
    return []


# Whoosh-only syntax that Lucene's query_string would misread or reject.
WHOOSH_ONLY = [
    re.compile(r"\w~\d+/\d+"),  # fuzzy with prefix length: word~2/3
    re.compile(r":\s*[<>]=?"),  # field:>value ranges
    re.compile(r"\[[^\]]* to [^\]]*\]"),  # lower-case range keyword
    re.compile(r"\bANDNOT\b|\bANDMAYBE\b"),
]


@pytest.mark.parametrize(
    "params",
    [
        "q=Bagheri",
        'q="general staff" baku OR tehran -armenia milit* bagheir~',
        "q=hasanov&country=AZ&country=IR&official=zakir-hasanov&source=news-az&year=2019",
        "q=&date_from=2019-01-01&date_to=2019-12-31&sort=oldest",
        "q=NOT+armenia&sort=newest&page=2",
    ],
)
def test_query_strings_use_only_lucene_syntax(seeds, elasticsearch, params):
    body = search_body(elasticsearch, params)
    strings = query_strings(body)
    assert strings or "q=&" in params  # keywords or filters always travel as query strings
    for text in strings:
        for pattern in WHOOSH_ONLY:
            assert not pattern.search(text), (pattern.pattern, text)
        assert text.count('"') % 2 == 0 and text.count("(") == text.count(")"), text
    # Every facet is asked for; the histogram adds months when the range is short.
    assert FACET_FIELDS <= set(body["aggs"]) <= FACET_FIELDS | {"month", "participants", "mentioned"}


def test_facet_filters_are_exact_keyword_terms(seeds, elasticsearch):
    body = search_body(elasticsearch, "country=AZ&country=IR&official=zakir-hasanov&date_from=2019-07-01")
    filters = " ".join(query_strings(body))
    assert 'countries:("AZ" OR "IR")' in filters
    assert 'officials:("zakir-hasanov")' in filters
    assert 'date:(["2019-07-01T00:00:00" TO *])' in filters


def test_sorting_by_date_is_a_plain_field_sort(seeds, elasticsearch):
    body = search_body(elasticsearch, "sort=oldest")
    assert body["sort"] == [{"date": {"order": "asc"}}]

"""Schemathesis against ``/api/schema`` on a real gunicorn: no server error, no answer off the schema.

Both generation modes run: valid inputs (per the schema) and invalid ones. For
both, every answer must be a documented status with a body that validates
against the schema. Whether a valid-looking input gives 200 is not checked: a
well-formed country code that is not in the database is, rightly, a 400.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.server, pytest.mark.postgres]

# Modest by default (the whole file runs in about 30 s); raise it for a longer hunt.
MAX_EXAMPLES = int(os.environ.get("PARLEY_API_FUZZ_EXAMPLES", "40"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def gunicorn_refused(response) -> bool:
    """Whether gunicorn itself answered 414 (27; 23 answered 400) to a request line over its 4,094-byte limit."""
    return response.status_code == 414 and "Request Line is too large" in response.text


@pytest.fixture(scope="module")
def api_schema(live_parley):
    return schemathesis.openapi.from_url(live_parley.url + "/api/schema", timeout=10)


# schemathesis' own pytest integration (``from_fixture``/``parametrize``) relies on a private
# attribute that pytest 9 removed; its Hypothesis strategies are driven directly instead.
@pytest.mark.parametrize(
    "operation", ["/api/search", "/api/articles/{id}", "/api/meetings", "/api/meetings/{id}", "/api/agreements"]
)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_api_conforms_to_its_schema(api_schema, operation, mode):
    endpoint = api_schema[operation]["GET"]

    @given(case=endpoint.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def call(case):
        response = case.call(timeout=30)
        if gunicorn_refused(response):
            return  # gunicorn's own limit, before Parley runs: see test_overlong_request_line_is_a_414
        case.validate_response(response, checks=CHECKS)

    call()


def test_schema_examples_that_matter(live_parley):
    """A few answers the fuzzer may not reach, validated against the same schema."""
    api = schemathesis.openapi.from_url(live_parley.url + "/api/schema", timeout=10)
    search = api["/api/search"]["GET"]
    for query in [
        {"q": "Bagheri"},
        {"official": ["zakir-hasanov"], "page_size": 1, "page": 2},
        {"country": ["ZZ"]},
        {"page": 50},
    ]:
        case = search.Case(query=query)
        response = case.call(timeout=30)
        assert response.status_code in (200, 400)
        case.validate_response(response, checks=CHECKS)
    response = search.Case(query={"q": "Bagheri"}).call(timeout=30)
    assert response.json()["count"] == 1
    article = api["/api/articles/{id}"]["GET"]
    article_id = response.json()["results"][0]["id"]
    for pk, status in [(article_id, 200), (999999, 404)]:
        case = article.Case(path_parameters={"id": pk})
        response = case.call(timeout=30)
        assert response.status_code == status
        case.validate_response(response, checks=CHECKS)


def test_overlong_request_line_is_a_414(live_parley):
    """Requests past gunicorn's request-line limit never reach Django: a 414 URI Too Long (gunicorn 27;
    23 answered 400), not a 5xx."""
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(live_parley.url + "/api/search?q=" + "x" * 5000, timeout=10)
    assert refused.value.code == 414

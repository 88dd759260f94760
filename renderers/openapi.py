"""The OpenAPI 3 description of the JSON API, served at ``/api/schema``.

Response shapes are written out by hand next to the code that builds them
(renderers/api.py, renderers/article_data.py) and are closed (``additionalProperties:
false``): a field added there without being described here fails the
schemathesis test. The search parameters are derived from
``ArticleSearchForm``'s fields, exactly as query/params.py accepts them.
"""

import re

from django import forms

from offices.roles import Role, Sector
from query.forms import ArticleSearchForm
from query.params import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, STRICT_CHOICES, is_repeatable, search_fields
from query.vocabulary import MAX_PAGE, MAX_VALUES_PER_FACET

NULLABLE_STRING = {"type": "string", "nullable": True}


def _closed(properties: dict, required=None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required if required is not None else properties),
        "additionalProperties": False,
    }


def _value_schema(name: str, field: forms.Field) -> dict:
    """Return the JSON schema of one value of a search form field."""
    if name in STRICT_CHOICES:
        return {"type": "string", "enum": STRICT_CHOICES[name]}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [str(value) for value, _ in field.choices if value != ""]}
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, forms.IntegerField):
        return {"type": "integer"}
    pattern = getattr(field, "pattern", None)
    if isinstance(pattern, re.Pattern):
        return {"type": "string", "pattern": pattern.pattern}
    return {"type": "string"}


def _description(name: str, field: forms.Field) -> str:
    label = str(field.label or name)
    noun = getattr(field, "noun", None)
    help_text = f" {field.help_text}" if field.help_text else ""
    if is_repeatable(field):
        return f"{label}: repeatable{f' ({noun})' if noun else ''}; several values combine with OR.{help_text}"
    return label + help_text


def search_parameters(form_class=ArticleSearchForm) -> list[dict]:
    """Return the OpenAPI parameters of a search endpoint: its page's own, then ``page`` and ``page_size``."""
    parameters = []
    for name, field in search_fields(form_class).items():
        value = _value_schema(name, field)
        if is_repeatable(field):
            schema = {"type": "array", "items": value, "maxItems": MAX_VALUES_PER_FACET}
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": False,
                    "style": "form",
                    "explode": True,
                    "description": _description(name, field),
                    "schema": schema,
                }
            )
        else:
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": False,
                    "description": _description(name, field),
                    "schema": value,
                }
            )
    parameters += [
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": "Page number; a page past the last one is a 400.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        },
        {
            "name": "page_size",
            "in": "query",
            "required": False,
            "description": "Results per page.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
        },
    ]
    return parameters


SOURCE = {**_closed({"slug": {"type": "string"}, "name": {"type": "string"}}), "nullable": True}
HELD_OFFICE = {
    **_closed(
        {
            "slug": {"type": "string", "description": "The position's key: the value of the `office` parameter."},
            "label": {"type": "string", "description": "Minister of Defense of Azerbaijan"},
            "role": {"type": "string", "enum": list(Role.values)},
            "sector": {"type": "string", "enum": list(Sector.values), "description": "The `sector` parameter's value."},
            "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "The position's country."},
        }
    ),
    "description": (
        "An office held on the record's date: a tenure that surely covers the date, or one this record "
        "(for a meeting, one of its published reports) is evidence of. Offices only possibly held then "
        "(dates unknown) are not listed."
    ),
}
OFFICES = {
    "type": "array",
    "items": {"$ref": "#/components/schemas/HeldOffice"},
    "description": "Offices held on the date; always empty for people only mentioned.",
}
OFFICIAL = _closed(
    {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "role": {"type": "string", "enum": ["participant", "mentioned"]},
        "title": {"type": "string", "description": "The title the article gives them."},
        "offices": OFFICES,
    }
)
COUNTRY = _closed({"code": {"type": "string", "pattern": "^[A-Z]{2}$"}, "name": {"type": "string"}})
ARTICLE_FIELDS = {
    "id": {"type": "integer"},
    "headline": {"type": "string"},
    "url": {"type": "string", "format": "uri", "description": "The article's page on this Parley."},
    "source_url": {**NULLABLE_STRING, "description": "Where the outlet published it."},
    "date": {"type": "string", "format": "date"},
    "source": {"$ref": "#/components/schemas/Source"},
    "byline": {"type": "string"},
    "officials": {"type": "array", "items": {"$ref": "#/components/schemas/Official"}},
    "countries": {"type": "array", "items": {"$ref": "#/components/schemas/Country"}},
}
SEARCH_RESULT = _closed(
    {
        **ARTICLE_FIELDS,
        "snippet": {
            "type": "string",
            "description": "HTML: the text around the matches, escaped, matches in <mark>.",
        },
        "score": {"type": "number"},
    }
)
ARTICLE = _closed(
    {
        **ARTICLE_FIELDS,
        "language": {"type": "string"},
        "body": {"type": "string"},
        "updated_at": {"type": "string", "format": "date-time"},
    }
)
FACET_VALUE = _closed(
    {
        "value": {"type": "string", "description": "The key to pass back as the parameter's value."},
        "label": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
        "selected": {"type": "boolean"},
    }
)
FACET = _closed(
    {
        "name": {"type": "string", "description": "The query parameter this facet filters."},
        "label": {"type": "string"},
        "values": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}},
    }
)
SEARCH_PAGE = _closed(
    {
        "count": {"type": "integer", "minimum": 0, "description": "Matching articles in all pages."},
        "page": {"type": "integer", "minimum": 1},
        "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        "num_pages": {"type": "integer", "minimum": 1},
        "next": {**NULLABLE_STRING, "format": "uri"},
        "previous": {**NULLABLE_STRING, "format": "uri"},
        "sort": {"type": "string", "enum": STRICT_CHOICES["sort"]},
        "notices": {
            "type": "array",
            "items": {"type": "string"},
            "description": "What was changed in `q`, including keywords left out to fit the search's cost budget.",
        },
        "suggestion": {**NULLABLE_STRING, "description": "A respelled query, when words are unknown."},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
        "facets": {"type": "array", "items": {"$ref": "#/components/schemas/Facet"}},
    }
)
ERROR = _closed(
    {
        "message": {"type": "string"},
        "errors": {
            "type": "array",
            "items": _closed({"parameter": {"type": "string"}, "message": {"type": "string"}}),
        },
    }
)


def _json(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def _limited(description: str) -> dict:
    """Return a refusal for a limit (429: this client's; 503: the site's), with ``Retry-After``."""
    return {
        **_json("#/components/schemas/Error", description),
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before asking again.",
                "required": True,
                "schema": {"type": "integer", "minimum": 1},
            }
        },
    }


TOO_COSTLY = _json(
    "#/components/schemas/Error",
    "The search costs more than one search may (time, or the index read to answer it); "
    "`message` says how to narrow it. Keywords left out to fit are reported in a 200's `notices` instead.",
)
LIMIT_RESPONSES = {
    "429": _limited("Too many requests from this client (rate or requests at once); see `Retry-After`."),
    "503": _limited("Parley as a whole is answering as many requests as it can; see `Retry-After`."),
}


def openapi_schema(server_url: str) -> dict:
    """Return the OpenAPI 3.0 document for the API served at ``server_url``."""
    # The meetings' and agreements' parts build on this module's helpers, so it is imported when used.
    from renderers.openapi_agreements import AGREEMENT_SCHEMAS, agreement_paths
    from renderers.openapi_meetings import MEETING_SCHEMAS, meeting_paths

    bad_request = _json("#/components/schemas/Error", "A parameter is wrong; `errors` names it.")
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Parley API",
            "version": "1",
            "description": (
                "Search the Parley archive with the search page's own parameters. "
                "Each search has a cost budget: keywords that would read too much of the index are left "
                "out (named in `notices`), and a search that cannot answer within its budget is a 422. "
                "Requests are limited per client and in total (429 and 503, with `Retry-After`). "
                "Exports of a whole result set: /search/export.csv and /search/export.jsonl; "
                "Atom feed: /search/feed.atom (same parameters). Meetings: /api/meetings with the meetings "
                "page's parameters; exports /meetings/export.csv, /meetings/export.jsonl, "
                "/meetings/export.plover.jsonl (PLOVER field names, CAMEO codes); feed /meetings/feed.atom. "
                "Agreements: /api/agreements with the agreements tracker's parameters; exports "
                "/agreements/export.csv, /agreements/export.jsonl; feed /agreements/feed.atom."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Search published articles",
                    "parameters": search_parameters(),
                    "responses": {
                        "200": _json("#/components/schemas/SearchPage", "One page of results with facets."),
                        "400": bad_request,
                        "422": TOO_COSTLY,
                        **LIMIT_RESPONSES,
                    },
                }
            },
            **meeting_paths(bad_request),
            **agreement_paths(bad_request),
            "/api/articles/{id}": {
                "get": {
                    "operationId": "article",
                    "summary": "One published article in full",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1, "format": "int64"},
                        }
                    ],
                    "responses": {
                        "200": _json("#/components/schemas/Article", "The article."),
                        "404": _json("#/components/schemas/Error", "No published article has this id."),
                        **LIMIT_RESPONSES,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Source": SOURCE,
                "HeldOffice": HELD_OFFICE,
                "Official": OFFICIAL,
                "Country": COUNTRY,
                "SearchResult": SEARCH_RESULT,
                "Article": ARTICLE,
                "FacetValue": FACET_VALUE,
                "Facet": FACET,
                "SearchPage": SEARCH_PAGE,
                "Error": ERROR,
                **MEETING_SCHEMAS,
                **AGREEMENT_SCHEMAS,
            }
        },
    }

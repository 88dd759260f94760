"""The OpenAPI description of ``/api/agreements`` (renderers/agreement_data.py builds the answers; every
object is closed, so a field added there must be described here)."""

from meetings.vocabulary import AgreementKind
from query.forms import AgreementSearchForm
from renderers.openapi import (
    LIMIT_RESPONSES,
    NULLABLE_STRING,
    SEARCH_PAGE,
    TOO_COSTLY,
    _closed,
    _json,
    search_parameters,
)
from renderers.openapi_meetings import DATE

AGREEMENT = _closed(
    {
        "id": {"type": "integer"},
        "url": {"type": "string", "format": "uri", "description": "The agreement on its meeting's page."},
        "kind": {"type": "string", "enum": [kind.value for kind in AgreementKind]},
        "kind_label": {"type": "string"},
        "title": {"type": "string", "description": "The title as reported (may be empty)."},
        "parties": {"type": "array", "items": {"$ref": "#/components/schemas/Country"}},
        "date": {**DATE, "description": "The date of the meeting it was signed at."},
        "date_precision": {"type": "string", "enum": ["day", "month", "year"]},
        "place": {"type": "string", "description": "Where the meeting was held: venue, city, country as known."},
        "meeting": _closed(
            {
                "id": {"type": "integer"},
                "url": {"type": "string", "format": "uri"},
                "review": {
                    "type": "string",
                    "enum": ["proposed", "reviewed"],
                    "description": "The meeting's review: `proposed` is the import's reading, not yet a curator's.",
                },
            }
        ),
        "signatories": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/MeetingParticipant"},
            "description": "The meeting's participants of the parties' countries, with the offices held that day.",
        },
        "sentence": {"type": "string", "description": "The sentence that reports the signing."},
        "article": {
            **_closed(
                {
                    "id": {"type": "integer"},
                    "url": {"type": "string", "format": "uri"},
                    "headline": {"type": "string"},
                    "source": NULLABLE_STRING,
                    "date": DATE,
                }
            ),
            "nullable": True,
            "description": "The published article the sentence is quoted from.",
        },
    }
)
AGREEMENT_PAGE = {
    **SEARCH_PAGE,
    "properties": {
        **SEARCH_PAGE["properties"],
        "count": {"type": "integer", "minimum": 0, "description": "Matching agreements in all pages."},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Agreement"}},
    },
}
AGREEMENT_SCHEMAS = {"Agreement": AGREEMENT, "AgreementPage": AGREEMENT_PAGE}


def agreement_paths(bad_request: dict) -> dict:
    return {
        "/api/agreements": {
            "get": {
                "operationId": "agreements",
                "summary": "Search the agreements signed at meetings (the agreements tracker)",
                "parameters": search_parameters(AgreementSearchForm),
                "responses": {
                    "200": _json("#/components/schemas/AgreementPage", "One page of agreements with facets."),
                    "400": bad_request,
                    "422": TOO_COSTLY,
                    **LIMIT_RESPONSES,
                },
            }
        },
    }

"""The OpenAPI description of ``/api/meetings`` and ``/api/meetings/{id}`` (renderers/meeting_data.py
builds the answers; every object is closed, so a field added there must be described here)."""

from query.forms import MeetingSearchForm
from renderers.openapi import (
    LIMIT_RESPONSES,
    NULLABLE_STRING,
    OFFICES,
    SEARCH_PAGE,
    TOO_COSTLY,
    _closed,
    _json,
    search_parameters,
)

COUNTRY_OR_NULL = {"allOf": [{"$ref": "#/components/schemas/Country"}], "nullable": True}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {**DATE, "nullable": True}

PARTICIPANT = _closed(
    {
        "name": {"type": "string", "description": "As reported (or the person's name)."},
        "person": {
            **_closed({"slug": {"type": "string"}, "name": {"type": "string"}}),
            "nullable": True,
            "description": "Null while the name is only a suggestion waiting for a curator.",
        },
        "country": COUNTRY_OR_NULL,
        "side": {"type": "string", "enum": ["host", "visitor", "participant", "mediator", "delegation_member"]},
        "head_of_delegation": {"type": "boolean"},
        "title": {"type": "string", "description": "The title as reported."},
        "offices": {**OFFICES, "description": "Offices held on the meeting's date (none without a person)."},
    }
)
REPORT = _closed(
    {
        "article": _closed(
            {
                "id": {"type": "integer"},
                "url": {"type": "string", "format": "uri"},
                "headline": {"type": "string"},
                "source": NULLABLE_STRING,
                "date": DATE,
            }
        ),
        "relation": {"type": "string", "enum": ["primary", "follow_up", "background"]},
        "evidence": {
            "type": "array",
            "items": _closed({"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}}),
            "description": "The supporting sentences, with character offsets into the article's body.",
        },
        "asserted_date": NULLABLE_DATE,
        "asserted_place": NULLABLE_STRING,
    }
)
MEETING = _closed(
    {
        "id": {"type": "integer"},
        "url": {"type": "string", "format": "uri"},
        "date": DATE,
        "date_precision": {"type": "string", "enum": ["day", "month", "year"]},
        "date_from_publication": {"type": "boolean", "description": "No report states the date."},
        "end_date": NULLABLE_DATE,
        "place": _closed({"name": {"type": "string"}, "city": {"type": "string"}, "country": COUNTRY_OR_NULL}),
        "sidelines_of": {"type": "string"},
        "mode": {"type": "string", "enum": ["visit", "third_party", "multilateral", "remote"]},
        "format": {"type": "string"},
        "protocol_level": {"type": "string"},
        "status": {"type": "string", "enum": ["held", "planned", "postponed", "cancelled"]},
        "review": {"type": "string", "enum": ["proposed", "reviewed"]},
        "participants": {"type": "array", "items": {"$ref": "#/components/schemas/MeetingParticipant"}},
        "agreements": {
            "type": "array",
            "items": _closed(
                {
                    "kind": {"type": "string"},
                    "title": {"type": "string"},
                    "parties": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
                    "sentence": {"type": "string"},
                }
            ),
        },
        "reports": {"type": "array", "items": {"$ref": "#/components/schemas/MeetingReport"}},
        "independent_outlets": {
            "type": "integer",
            "minimum": 0,
            "description": "Outlets reporting it, syndicated copies of one text counted once.",
        },
        "corroboration": _closed(
            {
                "values": {
                    "type": "array",
                    "items": {"type": "string", "enum": ["single", "several", "disputed"]},
                    "description": "single or several independent outlets, and disputed when reports disagree.",
                },
                "dates": {"type": "array", "items": DATE, "description": "The dates reports disagree on."},
                "places": {"type": "array", "items": {"type": "string"}, "description": "The places they disagree on."},
            }
        ),
    }
)
MEETING_PAGE = {
    **SEARCH_PAGE,
    "properties": {
        **SEARCH_PAGE["properties"],
        "count": {"type": "integer", "minimum": 0, "description": "Matching meetings in all pages."},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Meeting"}},
    },
}
MEETING_SCHEMAS = {
    "MeetingParticipant": PARTICIPANT,
    "MeetingReport": REPORT,
    "Meeting": MEETING,
    "MeetingPage": MEETING_PAGE,
}


def meeting_paths(bad_request: dict) -> dict:
    return {
        "/api/meetings": {
            "get": {
                "operationId": "meetings",
                "summary": "Search meetings (proposals included, each with its review state)",
                "parameters": search_parameters(MeetingSearchForm),
                "responses": {
                    "200": _json("#/components/schemas/MeetingPage", "One page of meetings with facets."),
                    "400": bad_request,
                    "422": TOO_COSTLY,
                    **LIMIT_RESPONSES,
                },
            }
        },
        "/api/meetings/{id}": {
            "get": {
                "operationId": "meeting",
                "summary": "One meeting, with its participants, agreements and reports",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "format": "int64"},
                    }
                ],
                "responses": {
                    "200": _json("#/components/schemas/Meeting", "The meeting."),
                    "404": _json("#/components/schemas/Error", "No public meeting has this id."),
                    **LIMIT_RESPONSES,
                },
            }
        },
    }

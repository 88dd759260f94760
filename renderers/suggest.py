"""``GET /api/suggest``: officials, countries and outlets whose names begin with what was typed,
for the search form's autocomplete (static/js/combobox.js) and any client.

Strict, as the rest of the API: ``field`` (``official``, ``country``, ``source``, or
``any`` for all three), ``q`` (1 to 100 characters) and an optional ``limit`` (1 to
20); anything else, or any of them twice, is a 400 naming it. Rate-limited as the API.
Names are matched folded and by word beginnings, aliases and a country's other names
included (records/directories.py, archive/countries.py); each suggestion carries the
value the search's filter takes (a slug or an ISO code).
"""

import unicodedata

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from query.params import ParameterError, ParameterProblem
from records import directories
from throttle.policy import limited

FIELDS = ("official", "country", "source")
ANY = "any"
PARAMETERS = ("field", "q", "limit")
MAX_CHARS = 100
DEFAULT_LIMIT, MAX_LIMIT = 8, 20


def read_suggest(query) -> tuple[list[str], str, int]:
    """Return ``(fields, text, limit)`` of a suggest request, or raise :class:`ParameterError`."""
    problems = []
    for name in query:
        if name not in PARAMETERS:
            problems.append(ParameterProblem(name[:60], f"unknown parameter (accepted: {', '.join(PARAMETERS)})."))
        elif len(query.getlist(name)) > 1:
            problems.append(ParameterProblem(name, "give it once."))
    field = query.get("field", "").strip().lower()
    if field not in (*FIELDS, ANY):
        problems.append(ParameterProblem("field", f"must be one of {', '.join((*FIELDS, ANY))}."))
    text = query.get("q", "").strip()
    if not text:
        problems.append(ParameterProblem("q", "give the beginning of a name."))
    elif len(text) > MAX_CHARS:
        problems.append(ParameterProblem("q", f"at most {MAX_CHARS} characters."))
    elif any(unicodedata.category(c).startswith("C") for c in text):
        problems.append(ParameterProblem("q", "must not contain control characters."))
    limit = DEFAULT_LIMIT
    raw = query.get("limit")
    if raw is not None:
        if not raw.strip().isdigit() or not 1 <= int(raw.strip()[:6]) <= MAX_LIMIT:
            problems.append(ParameterProblem("limit", f"a whole number from 1 to {MAX_LIMIT}."))
        else:
            limit = int(raw.strip())
    if problems:
        raise ParameterError(problems)
    return (list(FIELDS) if field == ANY else [field]), text, limit


def suggestions(fields: list[str], text: str, limit: int) -> list[dict]:
    """Return up to ``limit`` suggestions for each of ``fields``: officials and outlets with the
    most articles first, countries best match first."""
    found = []
    if "official" in fields:
        for entry in directories.find_officials(text)[:limit]:
            found.append(_record("official", entry, entry.matched_name(_folded(text)), entry.country_name))
    if "country" in fields:
        for entry, other in directories.find_countries(text)[:limit]:
            found.append(_record("country", entry, other, ""))
    if "source" in fields:
        for entry in directories.find_sources(text)[:limit]:
            found.append(_record("source", entry, "", ""))
    return found


def _folded(text: str) -> str:
    return " ".join(directories.name_words(text))


def _record(field: str, entry, matched: str, country: str) -> dict:
    return {
        "field": field,
        "value": entry.key,
        "label": entry.name,
        "matched": matched,
        "country": country,
        "articles": entry.articles,
    }


@require_safe
@limited("api", json=True)
def api_suggest(request):
    """``GET /api/suggest?field=official&q=has``: names for the autocomplete; 400 names a bad parameter."""
    try:
        fields, text, limit = read_suggest(request.GET)
    except ParameterError as error:
        return JsonResponse(error.as_dict(), status=error.status)
    return JsonResponse({"q": text, "fields": fields, "suggestions": suggestions(fields, text, limit)})

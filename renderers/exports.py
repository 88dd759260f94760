"""Exports of a whole result set: ``/search/export.csv`` and ``/search/export.jsonl``, and the same for
meetings (``/meetings/export.*``) and agreements (``/agreements/export.*``).

Streamed: rows are produced chunk by chunk (query/bulk.py) while the response
is sent, so memory stays flat however many articles match, and nothing is cut.
Parameters are the page's, read strictly: a bad one is a 400 naming it, never a
silently broader export; a search past its budget (index/budget.py), or one whose
keywords the planner had to cut, is a 422 saying how to narrow it, before any row.
"""

import csv
import datetime
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from index.budget import SearchTooCostly
from query.agreements import AgreementSearch
from query.params import CostError, ParameterError, read_search
from query.search import ArticleSearch, MeetingSearch
from renderers import agreement_data, meeting_data
from renderers.article_data import CSV_COLUMNS, article_record, csv_row, with_offices
from throttle.policy import limited
from throttle.priority import foreground, yield_to_searches

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheet programs only detect UTF-8 with a byte order mark; scripts read it with "utf-8-sig".
BOM = "\ufeff"


def spreadsheet_safe(value):
    """Return ``value`` with a leading apostrophe if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` returns what it is given (for ``csv.writer``)."""

    def write(self, value):
        return value


def _politely(articles, attach=with_offices):
    """Yield ``articles`` (their offices held loaded for the whole chunk, by ``attach``), pausing before
    each while a search runs (throttle/priority.py): a search arriving in the middle of a chunk waits for
    one row, not for the chunk."""
    for article in attach(articles):
        yield_to_searches()
        yield article


def csv_chunks(chunks, absolute):
    """Yield the CSV text: a header, then one row per article, one string per chunk."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(CSV_COLUMNS)
    for articles in chunks:
        yield "".join(writer.writerow([spreadsheet_safe(v) for v in csv_row(a, absolute)]) for a in _politely(articles))


def jsonl_chunks(chunks, absolute):
    """Yield JSON Lines: one JSON object per article and line, one string per chunk."""
    for articles in chunks:
        yield "".join(json.dumps(article_record(a, absolute), ensure_ascii=False) + "\n" for a in _politely(articles))


def plain_error(error: ParameterError) -> HttpResponse:
    """Return ``error`` as plain text with its status (400 or 422), for exports and feeds."""
    return HttpResponse(error.message + "\n", status=error.status, content_type="text/plain; charset=utf-8")


def meeting_csv_chunks(chunks, absolute):
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(meeting_data.CSV_COLUMNS)
    for meetings in chunks:
        yield "".join(
            writer.writerow([spreadsheet_safe(v) for v in meeting_data.csv_row(m, absolute)])
            for m in _politely(meetings, meeting_data.with_offices)
        )


def meeting_jsonl_chunks(chunks, absolute, describe=meeting_data.meeting_record, attach=meeting_data.with_offices):
    for meetings in chunks:
        yield "".join(json.dumps(describe(m, absolute), ensure_ascii=False) + "\n" for m in _politely(meetings, attach))


def agreement_csv_chunks(chunks, absolute):
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(agreement_data.CSV_COLUMNS)
    for agreements in chunks:
        yield "".join(
            writer.writerow([spreadsheet_safe(v) for v in agreement_data.csv_row(a, absolute)])
            for a in _politely(agreements, agreement_data.with_offices)
        )


def agreement_jsonl_chunks(chunks, absolute):
    return meeting_jsonl_chunks(
        chunks, absolute, describe=agreement_data.agreement_record, attach=agreement_data.with_offices
    )


def plover_chunks(chunks, absolute):
    # PLOVER's actors carry no offices: nothing to attach.
    return meeting_jsonl_chunks(chunks, absolute, describe=meeting_data.plover_record, attach=list)


def _export(request, render, content_type: str, extension: str, search_class=ArticleSearch, name="parley"):
    try:
        with foreground(request):  # planning and the first batch are a search like any other
            search = read_search(request.GET, search_class=search_class)
            records = search.records()
    except ParameterError as error:
        return plain_error(error)
    except SearchTooCostly as refusal:
        return plain_error(CostError.about_keywords(refusal.message))
    body = render(records, request.build_absolute_uri)
    response = StreamingHttpResponse(body, content_type=content_type)
    filename = f"{name}-{datetime.date.today():%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@limited("export")
def export_csv(request):
    """Every matching article as a CSV row (UTF-8 with BOM, RFC 4180 quoting)."""
    return _export(request, csv_chunks, "text/csv; charset=utf-8", "csv")


@require_safe
@limited("export")
def export_jsonl(request):
    """Every matching article as one JSON object per line (the API's result fields, no snippet)."""
    return _export(request, jsonl_chunks, "application/x-ndjson; charset=utf-8", "jsonl")


@require_safe
@limited("export")
def export_meetings_csv(request):
    """Every matching meeting as a CSV row (participants, countries, agreements, reports joined with "; ")."""
    return _export(request, meeting_csv_chunks, "text/csv; charset=utf-8", "csv", MeetingSearch, "parley-meetings")


@require_safe
@limited("export")
def export_meetings_jsonl(request):
    """Every matching meeting as one JSON object per line (the API's fields)."""
    content_type = "application/x-ndjson; charset=utf-8"
    return _export(request, meeting_jsonl_chunks, content_type, "jsonl", MeetingSearch, "parley-meetings")


@require_safe
@limited("export")
def export_meetings_plover(request):
    """Every matching meeting in PLOVER's field names with CAMEO codes, one JSON object per line."""
    content_type = "application/x-ndjson; charset=utf-8"
    return _export(request, plover_chunks, content_type, "plover.jsonl", MeetingSearch, "parley-meetings")


@require_safe
@limited("export")
def export_agreements_csv(request):
    """Every matching agreement as a CSV row (parties, signatories and their offices joined with "; ")."""
    content_type = "text/csv; charset=utf-8"
    return _export(request, agreement_csv_chunks, content_type, "csv", AgreementSearch, "parley-agreements")


@require_safe
@limited("export")
def export_agreements_jsonl(request):
    """Every matching agreement as one JSON object per line (the API's fields)."""
    content_type = "application/x-ndjson; charset=utf-8"
    return _export(request, agreement_jsonl_chunks, content_type, "jsonl", AgreementSearch, "parley-agreements")

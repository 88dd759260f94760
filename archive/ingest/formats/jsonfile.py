"""JSON Lines (one article object a line) and JSON (an array of article objects, or one object)."""

import json
from collections.abc import Iterator

from archive.ingest.formats.context import ParseContext
from archive.ingest.formats.fields import draft_from_record
from archive.ingest.records import Draft, IngestError, TextFile


def parse_jsonl(file: TextFile, context: ParseContext) -> Iterator[Draft | IngestError]:
    """Yield a draft per line, reading one line at a time; a malformed line is an error for that line only."""
    for number, line in enumerate(file.lines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestError(f"malformed JSON: {error.msg} (column {error.colno})", where)
            continue
        if not isinstance(record, dict):
            yield IngestError(f"expected a JSON object, found {type(record).__name__}", where)
            continue
        yield draft_from_record(record, where, line)


def parse_json(file: TextFile, context: ParseContext) -> Iterator[Draft | IngestError]:
    """Yield a draft per object of a JSON array (or ``{"articles": [...]}``, or a single object).

    A file that is really JSON Lines (one object a line) is read as such.
    """
    try:
        data = json.loads(file.text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            yield from parse_jsonl(file, context)
            return
        raise IngestError(f"malformed JSON: {error.msg} (column {error.colno})", f"line {error.lineno}") from error
    if isinstance(data, dict):
        data = data.get("articles", [data]) if "articles" in data else [data]
    if not isinstance(data, list):
        raise IngestError("expected a JSON array of article objects")
    for number, record in enumerate(data, start=1):
        where = f"record {number}"
        if not isinstance(record, dict):
            yield IngestError(f"expected a JSON object, found {type(record).__name__}", where)
            continue
        yield draft_from_record(record, where, json.dumps(record, ensure_ascii=False))

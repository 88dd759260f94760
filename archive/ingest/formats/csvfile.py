"""CSV with a header row naming the fields (comma, semicolon or tab separated)."""

import csv
import json
from collections.abc import Iterator

from archive.ingest.formats.context import ParseContext
from archive.ingest.formats.fields import draft_from_record, missing_required
from archive.ingest.records import Draft, IngestError, TextFile

csv.field_size_limit(20 * 1024 * 1024)


def parse(file: TextFile, context: ParseContext) -> Iterator[Draft | IngestError]:
    """Yield a draft per row, reading one row at a time; ``where`` is the line the row starts on."""
    header_line = file.head().split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=header_line.count)
    with file.open_text(newline="") as stream:
        yield from _rows(csv.DictReader(stream, delimiter=delimiter))


def _rows(reader: csv.DictReader) -> Iterator[Draft | IngestError]:
    """Yield the drafts of ``reader``'s rows; a header without the required columns is an error for the file."""
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise IngestError(f"unreadable CSV header: {error}", "line 1") from error
    missing = missing_required(header)
    if missing:
        found = ", ".join(h for h in header if h) or "none"
        raise IngestError(f"CSV is missing the required column(s): {', '.join(missing)} (found: {found})", "line 1")
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield IngestError(f"unreadable CSV row: {error}", f"line {line}")
            return
        where = f"line {line}"
        line = reader.line_num + 1
        if None in row:
            yield IngestError("row has more fields than the header", where)
            continue
        yield draft_from_record(row, where, json.dumps(row, ensure_ascii=False))

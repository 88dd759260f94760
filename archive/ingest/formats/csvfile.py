"""CSV with a header row naming the fields (comma, semicolon or tab separated)."""

import csv
import io
import json
from collections.abc import Iterator

from archive.ingest.formats.context import ParseContext
from archive.ingest.formats.fields import draft_from_record, missing_required
from archive.ingest.records import Draft, IngestError, TextFile

csv.field_size_limit(20 * 1024 * 1024)


def parse(file: TextFile, context: ParseContext) -> Iterator[Draft | IngestError]:
    """Yield a draft per row; ``where`` is the line the row starts on."""
    header_line = file.text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=header_line.count)
    reader = csv.DictReader(io.StringIO(file.text, newline=""), delimiter=delimiter)
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

"""Step 3: one parser per format, each turning a decoded file into draft records.

Every parser is a function ``parse(file: TextFile, context: ParseContext)``
yielding :class:`~archive.ingest.records.Draft` records, or
:class:`~archive.ingest.records.IngestError` for a record it cannot read (the
other records go on). A problem with the whole file is raised as an
``IngestError``.
"""

from collections.abc import Callable, Iterator
from pathlib import PurePath

from archive.ingest.formats import csvfile, feed, htmlpage, jsonfile, rawtext
from archive.ingest.formats.context import ParseContext
from archive.ingest.records import Draft, IngestError, TextFile

Parser = Callable[[TextFile, ParseContext], Iterator[Draft | IngestError]]

PARSERS: dict[str, Parser] = {
    "text": rawtext.parse,
    "json": jsonfile.parse_json,
    "jsonl": jsonfile.parse_jsonl,
    "csv": csvfile.parse,
    "feed": feed.parse,
    "html": htmlpage.parse,
}

_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".html": "html",
    ".htm": "html",
}

__all__ = ["PARSERS", "ParseContext", "detect_format", "parse"]


def detect_format(name: str, text: str) -> str:
    """Return the format of a file: by its extension, else by how its text starts."""
    by_extension = _BY_EXTENSION.get(PurePath(name).suffix.lower())
    if by_extension:
        return by_extension
    head = text.lstrip()[:512].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    if head.startswith("<?xml") or "<rss" in head or "<feed" in head:
        return "feed"
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def parse(file: TextFile, context: ParseContext, format_name: str | None = None) -> Iterator[Draft | IngestError]:
    """Yield the drafts (or per-record errors) of ``file`` in the given or detected format."""
    return PARSERS[format_name or detect_format(file.name, file.head(2048))](file, context)

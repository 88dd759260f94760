"""RSS and Atom feed files, read with feedparser: one draft per entry."""

from collections.abc import Iterator
from datetime import date

import feedparser

from archive.ingest.formats.context import ParseContext
from archive.ingest.formats.htmltext import html_to_text
from archive.ingest.records import Draft, IngestError, TextFile


def parse(file: TextFile, context: ParseContext) -> Iterator[Draft | IngestError]:
    """Yield a draft per entry; ``where`` is "entry N". The feed's title is the outlet."""
    parsed = feedparser.parse(file.text)
    if not parsed.entries:
        problem = f": {parsed.bozo_exception}" if parsed.bozo else ""
        raise IngestError(f"not an RSS or Atom feed with entries{problem}")
    source = parsed.feed.get("title", "")
    language = parsed.feed.get("language", "")
    for number, entry in enumerate(parsed.entries, start=1):
        contents = entry.get("content") or []
        html = contents[0].get("value", "") if contents else entry.get("summary", "")
        yield Draft(
            where=f"entry {number}",
            title=html_to_text(entry.get("title", "")),
            body=html_to_text(html),
            date_text=_entry_date(entry),
            source=source,
            byline=entry.get("author", ""),
            url=entry.get("link", ""),
            language=language,
            raw_text=html,
        )


def _entry_date(entry) -> str:
    """Return the entry's publication (else update) date as ``YYYY-MM-DD``, or the text as written."""
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
        if entry.get(key):
            return entry[key]
    return ""

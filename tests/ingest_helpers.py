"""Helpers shared by the import tests."""

from datetime import date
from pathlib import Path

from archive.ingest import formats
from archive.ingest.read import InputFile, read_text
from archive.ingest.records import IngestError
from archive.ingest.validate import validate

INGEST_DATA = Path(__file__).parent / "data" / "ingest"
SEEDS = Path(__file__).parent / "data" / "seeds"
TODAY = date(2026, 1, 1)  # a fixed "today" so golden files do not age
KNOWN_SOURCES = {"news.az": "News.Az", "news-az": "News.Az"}


def parsed_records(path: Path) -> list[dict]:
    """Return what the read → parse → validate steps make of a file, as JSON-ready dicts."""
    text_file = read_text(InputFile.from_path(path, display_name=path.name))
    context = formats.ParseContext(known_sources=KNOWN_SOURCES)
    records = []
    for item in formats.parse(text_file, context):
        if isinstance(item, IngestError):
            records.append({"where": item.where, "error": item.reason})
            continue
        try:
            candidate = validate(item, f"{path.name} {item.where}", TODAY)
        except IngestError as error:
            records.append({"where": error.where, "error": error.reason})
            continue
        records.append(
            {
                "where": candidate.where,
                "title": candidate.title,
                "title_is_derived": candidate.title_is_derived,
                "published_on": candidate.published_on.isoformat(),
                "source": candidate.source,
                "byline": candidate.byline,
                "url": candidate.url,
                "language": candidate.language,
                "participants": candidate.participants,
                "countries": candidate.countries,
                "body": candidate.body,
            }
        )
    return records

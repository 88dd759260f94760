"""HTML article pages: main text and metadata extracted with trafilatura."""

import re
from collections.abc import Iterator

from archive.ingest.formats.context import ParseContext
from archive.ingest.formats.flatten import flatten
from archive.ingest.records import Draft, IngestError, TextFile

_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z]{2,4})?)", re.IGNORECASE)


def parse(file: TextFile, context: ParseContext) -> Iterator[Draft | IngestError]:
    """Yield the one article of a page: headline, text, date, author, canonical URL, site name."""
    document = _extract(file.text)
    if document is None:
        # Nested too deep for libxml2? Then the page parsed as nothing; once more, shallower.
        shallow = flatten(file.text)
        document = _extract(shallow) if shallow != file.text else None
    if document is None:
        raise IngestError("no article text found in the HTML page")
    title = document.title or ""
    lines = [line for line in (document.text or "").split("\n") if line.strip()]
    if lines and title and lines[0].strip() == title.strip():
        lines.pop(0)  # trafilatura keeps the <h1> headline as the first line of text
    language = _LANG.search(file.text[:4096])
    yield Draft(
        where="page",
        title=title,
        body="\n\n".join(lines),
        date_text=document.date or "",
        source=document.sitename or "",
        byline=document.author or "",
        url=document.url or "",
        language=language.group(1).lower() if language else "",
        raw_text=file.text,
    )


def _extract(html: str):
    """Return trafilatura's document (text and metadata) for ``html``, or ``None``."""
    # Imported here: it costs every process that loads the admin (gunicorn workers, manage.py)
    # a quarter of a second, and only an import of HTML pages uses it.
    import trafilatura

    return trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )

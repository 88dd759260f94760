"""Raw scraped text, as the seeds: a ``date YYYY-MM-DD`` line, debris or a byline, paragraphs, a signature.

::

     date 2019-07-18 By Abdul Kerimkhanov      ← date, then a byline or page debris
     <paragraphs, one a line>
     News.Az                                    ← optional outlet signature, last line

One file holds one article. There is no headline; one is derived later.
"""

import re
from collections.abc import Iterator

from archive.ingest.formats.context import ParseContext
from archive.ingest.normalise import is_debris, normalise_text
from archive.ingest.records import Draft, IngestError, TextFile

_DATE_LINE = re.compile(r"^date\b[:\s]*(?P<date>\S*)\s*(?P<rest>.*)$", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+(?P<name>[^\W\d_][\w.'’ -]{1,100})$", re.IGNORECASE)
# An outlet signed as a domain: News.Az, Trend.az, report.az, APA.AZ.
_DOMAIN_SIGNATURE = re.compile(r"^[^\W_][\w-]{0,40}(?:\.[A-Za-z]{2,6}){1,2}$")


def parse(file: TextFile, context: ParseContext) -> Iterator[Draft | IngestError]:
    """Yield the one draft of a raw text file; its ``where`` is the line of the date."""
    lines = normalise_text(file.text).split("\n")
    first_line_number = _first_text_line_number(file.text)
    match = _DATE_LINE.match(lines[0])
    if not match:
        yield IngestError("missing date: the first line must be 'date YYYY-MM-DD'", f"line {first_line_number}")
        return
    paragraphs = [line for line in lines[1:] if line]
    byline = ""
    rest = match["rest"]
    if rest and not is_debris(rest):
        by = _BYLINE.match(rest)
        if by:
            byline = by["name"].strip()
        else:
            paragraphs.insert(0, rest)
    # Debris stays in the draft (validation strips it, and can then tell "only debris" from
    # "empty"); the byline and the signature are looked for among the real paragraphs.
    real = [index for index, paragraph in enumerate(paragraphs) if not is_debris(paragraph)]
    if not byline and real and (by := _BYLINE.match(paragraphs[real[0]])):
        byline = by["name"].strip()
        del paragraphs[real.pop(0)]
        real = [index - 1 for index in real]
    source = ""
    if real and (named := _signature(paragraphs[real[-1]], context)):
        source = named
        del paragraphs[real[-1]]
    yield Draft(
        where=f"line {first_line_number}",
        body="\n\n".join(paragraphs),
        date_text=match["date"],
        byline=byline,
        source=source,
        raw_text=file.text,
    )


def _signature(line: str, context: ParseContext) -> str | None:
    """Return the outlet a last line signs with (a known outlet, or a domain-like name), else None."""
    if len(line) > 60:
        return None
    return context.source_named(line) or (line if _DOMAIN_SIGNATURE.match(line) else None)


def _first_text_line_number(text: str) -> int:
    """Return the 1-based number of the first line that is not blank."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            return number
    return 1

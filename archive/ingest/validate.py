"""Step 4: keep only articles with a real, past date, a body, and sane lengths.

Fields are cleaned here too (white space, debris in the body), so that what is
checked is what would be stored.
"""

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from archive.ingest.headline import derive_title
from archive.ingest.normalise import strip_debris
from archive.ingest.records import Candidate, Draft, IngestError
from archive.text import collapse_whitespace

MIN_BODY_CHARS = 40  # shorter than a sentence: a scrape that caught no article
MAX_BODY_CHARS = 200_000  # about 30,000 words: far beyond a news story
MAX_TITLE = 300
MAX_BYLINE = 200
MAX_URL = 500
MAX_SOURCE = 200
# The raw text is provenance: what the parser was given, for a curator who doubts the
# result. A record or a news page is a few to a few hundred kilobytes; beyond 100,000
# characters it is the markup of a huge page (an 18 MB page around a 2 KB story was kept
# whole, and the admin page showing it weighed 18 MB). The story itself is in the body.
MAX_RAW_CHARS = 100_000
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


def validate(draft: Draft, origin: str, today: date, default_source: str = "") -> Candidate:
    """Return the draft as a clean :class:`Candidate`, or raise :class:`IngestError` naming the field."""
    published_on = parse_date(draft.date_text, today, draft.where)
    body = strip_debris(draft.body)
    if not body:
        raise IngestError("empty body (nothing but page debris)" if draft.body.strip() else "empty body", draft.where)
    if len(body) < MIN_BODY_CHARS:
        raise IngestError(f"body too short ({len(body)} characters; at least {MIN_BODY_CHARS})", draft.where)
    if len(body) > MAX_BODY_CHARS:
        raise IngestError(f"body too long ({len(body)} characters; at most {MAX_BODY_CHARS})", draft.where)
    title = collapse_whitespace(draft.title)
    if len(title) > MAX_TITLE:
        raise IngestError(f"title too long ({len(title)} characters; at most {MAX_TITLE})", draft.where)
    byline = _bounded(collapse_whitespace(draft.byline), MAX_BYLINE, "byline", draft.where)
    source = _bounded(collapse_whitespace(draft.source) or default_source, MAX_SOURCE, "source", draft.where)
    url = _checked_url(draft.url.strip(), draft.where)
    language = draft.language.strip().lower() or "en"
    if not _LANGUAGE.match(language):
        raise IngestError(f"language {draft.language!r} is not a language code such as 'en'", draft.where)
    return Candidate(
        where=draft.where,
        origin=origin,
        title=title or derive_title(body),
        title_is_derived=not title,
        body=body,
        published_on=published_on,
        source=source,
        byline=byline,
        url=url,
        language=language,
        raw_text=bounded_raw_text(draft.raw_text),
        participants=draft.participants,
        countries=draft.countries,
    )


def bounded_raw_text(raw: str) -> str:
    """Return ``raw`` whole up to :data:`MAX_RAW_CHARS`, else its beginning and a note of how much was left out."""
    if len(raw) <= MAX_RAW_CHARS:
        return raw
    cut = raw[:MAX_RAW_CHARS]
    line_end = cut.rfind("\n")
    if line_end > MAX_RAW_CHARS // 2:
        cut = cut[: line_end + 1]
    return f"{cut}\n[… {len(raw) - len(cut):,} more characters of the file not kept]"


def parse_date(text: str, today: date, where: str) -> date:
    """Return the date ``text`` gives (ISO ``YYYY-MM-DD``, an ISO timestamp, or RFC 2822).

    Raises :class:`IngestError` for a missing, unreadable, impossible or future date.
    """
    text = (text or "").strip()
    if not text:
        raise IngestError("missing date", where)
    match = _ISO_DATE.match(text)
    if match:
        try:
            value = date(*map(int, match.groups()))
        except ValueError:
            raise IngestError(f"impossible date {text!r}", where) from None
    else:
        try:
            value = parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            raise IngestError(f"unreadable date {text!r} (expected YYYY-MM-DD)", where) from None
    if value > today:
        raise IngestError(f"date {value.isoformat()} is in the future", where)
    if value.year < 1900:
        raise IngestError(f"date {value.isoformat()} is before 1900", where)
    return value


def _bounded(value: str, limit: int, field: str, where: str) -> str:
    if len(value) > limit:
        raise IngestError(f"{field} too long ({len(value)} characters; at most {limit})", where)
    return value


def _checked_url(url: str, where: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise IngestError(f"URL {url!r} is not an http(s) address", where)
    return _bounded(url, MAX_URL, "URL", where)


def latest_date() -> date:
    """Return the latest date it is anywhere on Earth now (UTC+14): later dates are in the future.

    Comparing with the server's own date would reject a Baku story published just
    after midnight there while it is still yesterday in UTC.
    """
    return (datetime.now(UTC) + timedelta(hours=14)).date()

"""Reading structured records (JSON objects, CSV rows) into drafts, whatever the field names."""

from archive.ingest.records import Draft

# Accepted field names for each draft field, first match wins.
FIELD_NAMES = {
    "title": ["title", "headline"],
    "body": ["body", "text", "content"],
    "date_text": ["date", "published_on", "published", "pubdate"],
    "source": ["source", "outlet"],
    "byline": ["byline", "author"],
    "url": ["url", "link"],
    "language": ["language", "lang"],
    "participants": ["participants", "people"],
    "countries": ["countries"],
}
REQUIRED = ["body", "date_text"]


def first_present(record: dict, field: str):
    """Return the value of the first of ``field``'s accepted names present in ``record``."""
    for name in FIELD_NAMES[field]:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def missing_required(keys) -> list[str]:
    """Return the required fields (as their first accepted name) none of whose names is in ``keys``."""
    present = {str(key).strip().lower() for key in keys}
    return [FIELD_NAMES[f][0] for f in REQUIRED if not present & set(FIELD_NAMES[f])]


def as_list(value) -> list:
    """Return a list from a JSON list or a ``;``/``|`` separated string."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    text = str(value)
    separator = ";" if ";" in text else "|" if "|" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def draft_from_record(record: dict, where: str, raw_text: str) -> Draft:
    """Return the draft a JSON object or CSV row describes (case-insensitive keys)."""
    record = {str(key).strip().lower(): value for key, value in record.items()}

    def text(field: str) -> str:
        value = first_present(record, field)
        return "" if value is None else str(value)

    return Draft(
        where=where,
        body=text("body"),
        date_text=text("date_text"),
        title=text("title"),
        source=text("source"),
        byline=text("byline"),
        url=text("url").strip(),
        language=text("language").strip(),
        participants=as_list(first_present(record, "participants")),
        countries=as_list(first_present(record, "countries")),
        raw_text=raw_text,
    )

"""Agreements as plain data for machine formats: the JSON API, JSON Lines and CSV of the tracker.

One description of an agreement for every format. Its signatories are the meeting's
participants of the parties' countries (``Agreement.signatories``), each with the offices
held on the meeting's date (offices/held.py, as meetings show them). ``review`` is the
meeting's: an agreement of a proposed meeting is the import's reading, not yet a curator's.

Expects agreements loaded with ``Agreement.objects.for_display()`` and, for many at once, the
offices attached with :func:`with_offices` (no query per agreement).
"""

from meetings.models import Agreement
from offices import held
from renderers.article_data import office_cells
from renderers.meeting_data import participant_record

CSV_COLUMNS = [
    "id", "url", "kind", "title", "parties", "date", "date_precision", "place", "meeting_url", "review",
    "signatories", "sentence", "article_url", "offices", "office_slugs",
]  # fmt: skip
JOIN = "; "


def with_offices(agreements) -> list[Agreement]:
    """Return ``agreements`` with the offices held at their meetings loaded, for the whole batch at once."""
    agreements = list(agreements)
    held.attach_to_meetings({a.meeting_id: a.meeting for a in agreements}.values())
    return agreements


def agreement_url(agreement: Agreement) -> str:
    """Return the path of the agreement on its meeting's page."""
    return f"{agreement.meeting.get_absolute_url()}#agreement-{agreement.pk}"


def signatories(agreement: Agreement) -> list[tuple]:
    """Return ``(participant, offices held on the meeting's date)`` for each signatory of ``agreement``."""
    offices = held.meeting_offices(agreement.meeting)
    return [(p, offices.get(p.person_id, []) if p.person_id else []) for p in agreement.signatories()]


def _source_article(agreement: Agreement, absolute) -> dict | None:
    article = agreement.article
    if article is None or not article.is_published:
        return None
    return {
        "id": article.pk,
        "url": absolute(article.get_absolute_url()),
        "headline": article.title,
        "source": article.source.name if article.source else None,
        "date": article.published_on.isoformat(),
    }


def agreement_record(agreement: Agreement, absolute) -> dict:
    """Return the API's and the JSON Lines export's description of ``agreement``."""
    meeting = agreement.meeting
    offices = held.meeting_offices(meeting)
    return {
        "id": agreement.pk,
        "url": absolute(agreement_url(agreement)),
        "kind": agreement.kind,
        "kind_label": agreement.get_kind_display(),
        "title": agreement.title,
        "parties": [{"code": c.code, "name": c.name} for c in agreement.parties.all()],
        "date": meeting.start.isoformat(),
        "date_precision": meeting.start_precision,
        "place": meeting.place_label,
        "meeting": {"id": meeting.pk, "url": absolute(meeting.get_absolute_url()), "review": meeting.review},
        "signatories": [participant_record(p, offices) for p in agreement.signatories()],
        "sentence": agreement.sentence,
        "article": _source_article(agreement, absolute),
    }


def csv_row(agreement: Agreement, absolute) -> list:
    """Return one CSV row of ``agreement`` in :data:`CSV_COLUMNS` order (lists joined with "; ")."""
    meeting = agreement.meeting
    article = _source_article(agreement, absolute)
    people = signatories(agreement)
    return [
        agreement.pk,
        absolute(agreement_url(agreement)),
        agreement.kind,
        agreement.title,
        JOIN.join(c.code for c in agreement.parties.all()),
        meeting.start.isoformat(),
        meeting.start_precision,
        meeting.place_label,
        absolute(meeting.get_absolute_url()),
        meeting.review,
        JOIN.join(f"{p.display_name} ({p.country_id})" for p, _ in people),
        agreement.sentence,
        article["url"] if article else "",
        *office_cells([(p.display_name, offices) for p, offices in people if p.person_id]),
    ]

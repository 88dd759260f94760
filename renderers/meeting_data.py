"""Meetings as plain data for machine formats: JSON API, JSON Lines, CSV and PLOVER-style JSON Lines.

One description of a meeting, used by every format, so a script written against the
API reads an export too. Only published articles appear among a meeting's reports.
A participant whose name is still a suggestion has ``person: null``: the machine's
reading is never passed off as a curated person. PLOVER and CAMEO codes are derived
here from Parley's own fields (meetings/vocabulary.py), never stored.

Expects meetings loaded with ``Meeting.objects.for_display()`` and, for many at once, their
offices attached with :func:`with_offices` (no query per meeting).
"""

from meetings import corroboration, vocabulary
from meetings.models import Meeting
from offices import held
from renderers.article_data import office_cells

CSV_COLUMNS = [
    "id", "url", "date", "date_precision", "end_date", "place", "city", "country", "mode", "format", "status",
    "review", "participants", "countries", "agreements", "independent_outlets", "corroboration",
    "reports", "offices", "office_slugs",
]  # fmt: skip


def with_offices(meetings) -> list[Meeting]:
    """Return ``meetings`` with the offices their participants held on their dates loaded (offices/held.py)."""
    return held.attach_to_meetings(meetings)


def _country(country) -> dict | None:
    return {"code": country.code, "name": country.name} if country else None


def participant_record(participant, offices: dict | None = None) -> dict:
    """Return one participant; ``offices``: the meeting's offices held, by person id (offices/held.py)."""
    person = participant.person
    held_here = (offices or {}).get(participant.person_id, []) if person else []
    return {
        "name": participant.display_name,
        "person": {"slug": person.slug, "name": person.name} if person else None,
        "country": _country(participant.country),
        "side": participant.side,
        "head_of_delegation": participant.head_of_delegation,
        "title": participant.title,
        "offices": [office.as_dict() for office in held_here],
    }


def report_record(report, absolute) -> dict:
    article = report.article
    body = article.body
    return {
        "article": {
            "id": article.pk,
            "url": absolute(article.get_absolute_url()),
            "headline": article.title,
            "source": article.source.name if article.source else None,
            "date": article.published_on.isoformat(),
        },
        "relation": report.relation,
        "evidence": [
            {"start": start, "end": end, "text": body[start:end]}
            for start, end in report.evidence
            if 0 <= start < end <= len(body)
        ],
        "asserted_date": report.asserted_date.isoformat() if report.asserted_date else None,
        "asserted_place": report.asserted_city or (report.asserted_country.name if report.asserted_country else None),
    }


def meeting_record(meeting: Meeting, absolute) -> dict:
    """Return the API's and the JSON Lines export's description of ``meeting``."""
    offices = held.meeting_offices(meeting)
    return {
        "id": meeting.pk,
        "url": absolute(meeting.get_absolute_url()),
        "date": meeting.start.isoformat(),
        "date_precision": meeting.start_precision,
        "date_from_publication": meeting.date_from_publication,
        "end_date": meeting.end.isoformat() if meeting.end else None,
        "place": {"name": meeting.place_label, "city": meeting.city, "country": _country(meeting.place_country)},
        "sidelines_of": meeting.sidelines_of,
        "mode": meeting.mode,
        "format": meeting.format,
        "protocol_level": meeting.protocol_level,
        "status": meeting.status,
        "review": meeting.review,
        "participants": [participant_record(p, offices) for p in meeting.participants.all()],
        "agreements": [
            {
                "kind": a.kind,
                "title": a.title,
                "parties": [c.code for c in a.parties.all()],
                "sentence": a.sentence,
            }
            for a in meeting.agreements.all()
        ],
        "reports": [report_record(r, absolute) for r in meeting.published_reports()],
        **corroboration_fields(meeting),
    }


def corroboration_fields(meeting: Meeting) -> dict:
    """Return ``independent_outlets`` (syndicated copies once) and ``corroboration``: its values (single or
    several, and disputed) with the dates and places its reports disagree on (meetings/corroboration.py)."""
    assessment = corroboration.of_meeting(meeting)
    return {
        "independent_outlets": assessment.outlets,
        "corroboration": {
            "values": assessment.values,
            "dates": [day.isoformat() for day in assessment.dates],
            "places": assessment.places,
        },
    }


def csv_row(meeting: Meeting, absolute) -> list:
    """Return one CSV row of ``meeting`` in :data:`CSV_COLUMNS` order (lists joined with "; ")."""
    participants = meeting.participants.all()
    offices = held.meeting_offices(meeting)
    return [
        meeting.pk,
        absolute(meeting.get_absolute_url()),
        meeting.start.isoformat(),
        meeting.start_precision,
        meeting.end.isoformat() if meeting.end else "",
        meeting.place_label,
        meeting.city,
        meeting.place_country.code if meeting.place_country else "",
        meeting.mode,
        meeting.format,
        meeting.status,
        meeting.review,
        "; ".join(f"{p.display_name} ({p.side})" for p in participants),
        "; ".join(sorted({p.country.code for p in participants if p.country})),
        "; ".join(a.title or a.get_kind_display() for a in meeting.agreements.all()),
        corroboration.of_meeting(meeting).outlets,
        "; ".join(corroboration.of_meeting(meeting).values),
        "; ".join(absolute(r.article.get_absolute_url()) for r in meeting.published_reports()),
        *office_cells([(p.display_name, offices.get(p.person_id, [])) for p in participants if p.person_id]),
    ]


def plover_record(meeting: Meeting, absolute) -> dict:
    """Return ``meeting`` in PLOVER's JSON field names, with CAMEO codes beside them.

    The visitor side is PLOVER's actor and the host its recipient; where there is no
    host (calls, third places, summits) every participant is an actor.
    """
    participants = list(meeting.participants.all())
    hosts = [p for p in participants if p.side == vocabulary.Side.HOST]
    actors = [p for p in participants if p not in hosts]

    def actor(p) -> dict:
        return {"name": p.display_name, "country": p.country.code if p.country else None, "title": p.title}

    reports = meeting.published_reports()
    first = reports[0] if reports else None
    return {
        "id": f"parley-meeting-{meeting.pk}",
        "date": meeting.start.isoformat(),
        "enddate": meeting.end.isoformat() if meeting.end else None,
        "actor": [actor(p) for p in actors],
        "recipient": [actor(p) for p in hosts],
        "event": vocabulary.plover_event(meeting.status),
        "mode": vocabulary.plover_mode(meeting.mode),
        "context": meeting.format or "",
        "event_loc": {
            "name": meeting.place_label,
            "city": meeting.city,
            "country": meeting.place_country.code if meeting.place_country else None,
        },
        # CAMEO codes in code order: 036 (intent to meet) for a meeting not held yet.
        "cameo": sorted(
            vocabulary.cameo_codes(meeting.mode, [p.side for p in participants], len(meeting.agreements.all()))
        )
        if meeting.status == vocabulary.Status.HELD
        else ["036"],
        "text_info": {"sentences": [s for r in reports for s in r.sentences()]},
        "cite_info": {
            "url": absolute(meeting.get_absolute_url()),
            "sources": [absolute(r.article.get_absolute_url()) for r in reports],
            "first_report": first.article.published_on.isoformat() if first else None,
            "independent_outlets": corroboration.of_meeting(meeting).outlets,
            "review": meeting.review,
        },
    }

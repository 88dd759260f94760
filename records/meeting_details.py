"""What a meeting page shows besides the record: its reports, where they disagree, and the office each
participant held on the day."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from meetings.corroboration import of_meeting
from meetings.models import Meeting, MeetingParticipant
from offices.dates import PartialDate
from offices.models import Position, Tenure


@dataclass(frozen=True)
class ParticipantRow:
    """A participant with the offices they surely held on every day of the meeting (curated tenures)."""

    participant: MeetingParticipant
    offices: list[Position] = field(default_factory=list)


def offices_then(meeting: Meeting, today: datetime.date | None = None) -> list[ParticipantRow]:
    """Return a :class:`ParticipantRow` per participant (prefetched), with the positions whose tenure surely
    covers the meeting, as published evidence and recorded dates say. One query."""
    participants = list(meeting.participants.all())
    people = {p.person_id for p in participants if p.person_id}
    period = PartialDate(meeting.start, meeting.start_precision or "day")
    first, last = period.earliest, max(meeting.end or period.latest, period.latest)
    held: dict[int, list[Position]] = {}
    if people:
        tenures = Tenure.objects.filter(person_id__in=people).with_reports(published_only=True)
        for tenure in tenures.select_related("position").order_by("position__label", "pk"):
            span = tenure.span()
            if span.held_on(first, today) and span.held_on(last, today):
                held.setdefault(tenure.person_id, []).append(tenure.position)
    return [ParticipantRow(p, held.get(p.person_id, []) if p.person_id else []) for p in participants]


def meeting_details(meeting: Meeting) -> dict:
    """Return the page's ``reports`` (published only), their ``corroboration`` (meetings/corroboration.py:
    independent outlets, syndicated copies once), the ``disagreements`` between them in words,
    ``participants`` (:class:`ParticipantRow`, with the offices they held then) and the link to its
    parties' agreements.

    A disagreement is a date or a place that one report asserts and another contradicts:
    shown, not hidden, so that a reader can judge which outlet to trust.
    """
    reports = meeting.published_reports()
    corroboration = of_meeting(meeting)
    return {
        "reports": reports,
        "corroboration": corroboration,
        "disagreements": [note[0].upper() + note[1:] + "." for note in corroboration.disagreements],
        "participants": offices_then(meeting),
        **agreements_link(meeting),
    }


def agreements_link(meeting: Meeting) -> dict:
    """Return ``agreements_url``, the agreements tracker filtered by the parties of this meeting's agreements
    (every one of them: ``all=party``), and ``agreement_parties``, their names; empty without parties."""
    parties = {c.code: c.name for a in meeting.agreements.all() for c in a.parties.all()}
    if not parties:
        return {}
    pairs = [("party", code) for code in sorted(parties)] + ([("all", "party")] if len(parties) > 1 else [])
    names = [parties[code] for code in sorted(parties)]
    return {
        "agreements_url": f"{reverse('search:agreements')}?{urlencode(pairs)}",
        "agreement_parties": " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0],
    }

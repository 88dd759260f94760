"""Does a new proposal describe a meeting already on record?

Meeting identity is people + dates + place + mode, never text similarity (two
newsrooms' headlines about one meeting often share few words, and a false merge
claims corroboration that is not there). A proposal matches a recorded meeting when:

* the same people took part: at least two in common, and every participant of
  the smaller side is on the other (a report may name fewer people, but a
  visitor's meeting with the president is not their meeting with the minister);
* the dates agree within their precision: the spans overlap ("in January"
  holds January 16); a date taken from the publication day (the text gave none)
  may be up to :data:`LATE_REPORT_DAYS` days after the meeting;
* the places are compatible: no two different countries, no two different cities;
* the modes are compatible: a call is never a visit.

The decision to attach a report is the import's; a curator confirms merges.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from archive.text import fold
from meetings.propose.dates import MONTH, YEAR, month_end
from meetings.propose.proposals import MeetingProposal
from meetings.vocabulary import Mode

LATE_REPORT_DAYS = 3


@dataclass(frozen=True)
class RecordedMeeting:
    """A meeting on record, as much of it as matching reads."""

    id: int | None
    person_ids: frozenset[int]
    start: date
    precision: str
    end: date | None = None
    city: str = ""
    country: str | None = None
    mode: str = ""
    # Participants with no person: names waiting to become people (folded), sides named by country (country:XX).
    suggested_names: frozenset[str] = frozenset()

    @classmethod
    def from_proposal(cls, proposal: MeetingProposal, id: int | None = None) -> "RecordedMeeting":  # noqa: A002
        """Return what matching needs of ``proposal``, as if it were on record under ``id``."""
        return cls(
            id=id,
            person_ids=proposal.person_ids,
            start=proposal.start,
            precision=proposal.precision,
            end=proposal.end,
            city=proposal.place.city,
            country=proposal.place.country,
            mode=proposal.mode,
            suggested_names=_suggested(proposal),
        )


def date_span(start: date, precision: str, end: date | None = None) -> tuple[date, date]:
    """Return the first and last day a date of this precision can mean."""
    if precision == YEAR:
        return date(start.year, 1, 1), date((end or start).year, 12, 31)
    if precision == MONTH:
        return start.replace(day=1), month_end(end or start)
    return start, end or start


def same_meeting(proposal: MeetingProposal, recorded: RecordedMeeting) -> bool:
    """Return whether ``proposal`` reports the meeting ``recorded``."""
    return _Reading(proposal).matches(recorded)


def find_match(proposal: MeetingProposal, recorded: Iterable[RecordedMeeting]) -> RecordedMeeting | None:
    """Return the recorded meeting ``proposal`` reports: of those that match, the one sharing most people, then the
    nearest in date; None if none matches.
    """
    reading = _Reading(proposal)  # what matching needs of the proposal, worked out once for all the candidates
    matches = [meeting for meeting in recorded if reading.matches(meeting)]
    if not matches:
        return None
    keys = reading.keys
    return min(
        matches,
        key=lambda m: (-len(keys & _keys(m.person_ids, m.suggested_names)), abs((m.start - proposal.start).days)),
    )


class _Reading:
    """A proposal as matching compares it: its people's keys and its span of days, computed once."""

    def __init__(self, proposal: MeetingProposal):
        self.proposal = proposal
        self.keys = _keys(proposal.person_ids, _suggested(proposal))
        first, self.last = date_span(proposal.start, proposal.precision, proposal.end)
        self.first = first - timedelta(days=LATE_REPORT_DAYS) if proposal.date_from_publication else first
        self.remote = proposal.mode == Mode.REMOTE

    def matches(self, recorded: RecordedMeeting) -> bool:
        """Whether ``recorded`` is the proposal's meeting; the cheap tests first, most candidates fail on dates."""
        other_first, other_last = date_span(recorded.start, recorded.precision, recorded.end)
        return (
            self.first <= other_last
            and other_first <= self.last
            and self.remote == (recorded.mode == Mode.REMOTE)
            and _same_people(self.keys, _keys(recorded.person_ids, recorded.suggested_names))
            and _places_agree(self.proposal, recorded)
        )


def _suggested(proposal: MeetingProposal) -> frozenset[str]:
    """Return the participants who are not (yet) people: folded names, and ``country:XX`` for a country side."""
    return frozenset(side_key(p.name, p.country) for p in proposal.participants if p.person_id is None)


def side_key(name: str, country: str | None) -> str:
    """Return how matching knows a participant with no person: the folded name, else ``country:XX``."""
    return fold(name) if name else f"country:{country}"


def _keys(person_ids: frozenset[int], names: frozenset[str]) -> set:
    return {("person", i) for i in person_ids} | {("name", n) for n in names}


def _same_people(ours: set, theirs: set) -> bool:
    shared = ours & theirs
    return len(shared) >= 2 and shared == min(ours, theirs, key=len)


def _places_agree(proposal: MeetingProposal, recorded: RecordedMeeting) -> bool:
    place = proposal.place
    if place.country and recorded.country and place.country != recorded.country:
        return False
    # A city only assumed (the seat of the host) says nothing against the city on record.
    return not (place.stated and place.city and recorded.city and fold(place.city) != fold(recorded.city))

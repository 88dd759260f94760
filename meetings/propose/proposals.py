"""What the proposer returns: proposals, never records.

Every value here is the machine's reading of one article. A curator confirms,
corrects or rejects it; nothing in a proposal creates a person or a reviewed
meeting. Offsets are character positions in the article's body.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a proposal: its text and where it stands in the body."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PlaceProposal:
    """Where the meeting was: city, venue or event, country (ISO code).

    ``stated`` is False when the text names no place and the seat of the host was assumed.
    """

    city: str = ""
    venue: str = ""
    event: str = ""
    country: str | None = None
    stated: bool = True

    @property
    def known(self) -> bool:
        """Whether anything at all is known of the place."""
        return bool(self.city or self.venue or self.event or self.country)


NO_PLACE = PlaceProposal(stated=False)


@dataclass(frozen=True)
class ParticipantProposal:
    """One participant: a known person (``person_id``) or a suggestion waiting for a curator (``person_id`` None)."""

    name: str  # as the article writes it
    person_id: int | None
    side: str
    country: str | None = None
    head_of_delegation: bool = False
    title: str = ""  # as reported

    @property
    def is_suggestion(self) -> bool:
        """Whether this participant is only a name so far."""
        return self.person_id is None


@dataclass(frozen=True)
class AgreementProposal:
    """A document reported signed at the meeting."""

    kind: str
    title: str  # as reported: "a protocol on the results of the meeting"
    parties: tuple[str, ...]  # country codes
    evidence: Evidence


@dataclass(frozen=True)
class MeetingProposal:
    """One meeting an article reports, as the machine reads it.

    ``date_from_publication`` says the text gives no date and the publication
    date was used; ``end`` is set when the text gives a span ("last week").
    """

    start: date
    precision: str
    end: date | None
    date_from_publication: bool
    place: PlaceProposal
    mode: str
    format: str
    protocol_level: str
    status: str
    relation: str
    participants: tuple[ParticipantProposal, ...]
    agreements: tuple[AgreementProposal, ...]
    evidence: tuple[Evidence, ...]

    @property
    def person_ids(self) -> frozenset[int]:
        """Return the ids of the known people taking part."""
        return frozenset(p.person_id for p in self.participants if p.person_id is not None)

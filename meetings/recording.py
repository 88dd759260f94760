"""The import's meeting step: the meetings an article reports, recorded as proposals.

For each proposal (meetings/propose/), either a meeting already on record is
found (same people, dates within their precision, compatible place and mode:
meetings/propose/matching.py) and the article becomes one more of its reports, or
a new meeting is written with ``review = proposed``. Nothing here creates a person:
a participant whose name is only a suggestion is kept as that suggestion, and a
curator decides. Runs inside the import's savepoint for the article, so a failed
article leaves no meeting behind.
"""

import bisect
import datetime
import re
from dataclasses import dataclass, field, replace

from django.db.models import Q

from archive.ingest.steps import ArticleText
from archive.models import Article, Country, Person, Suggestion
from archive.sql import insert_new, insert_rows, prepared_row
from archive.text import fold
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport, Review
from meetings.propose import article_input, propose
from meetings.propose.matching import RecordedMeeting, date_span, find_match, side_key
from meetings.propose.places import CityGazetteer

# How far around a proposal's dates recorded meetings are read as candidates for a match.
CANDIDATE_DAYS = 40


@dataclass(frozen=True)
class RecordedProposal:
    """What the step did with one proposal: a new meeting, or a report added to one on record."""

    meeting_id: int
    matched: bool
    label: str

    def __str__(self):
        verb = "matched meeting" if self.matched else "proposed meeting"
        return f"{verb} {self.meeting_id}: {self.label}"


@dataclass
class _PersonMeetings:
    """One person's meetings on record as matching reads them, by id and in order of start date."""

    by_id: dict[int, RecordedMeeting] = field(default_factory=dict)
    starts: list[tuple[datetime.date, int]] = field(default_factory=list)  # sorted

    def put(self, meeting: RecordedMeeting) -> None:
        """Add a meeting, or replace the one on record under its id (whose start stays what it was)."""
        if meeting.id not in self.by_id:
            bisect.insort(self.starts, (meeting.start, meeting.id))
        self.by_id[meeting.id] = meeting

    def starting_between(self, first: datetime.date, last: datetime.date) -> list[RecordedMeeting]:
        """Return the meetings that start from ``first`` to ``last``: a slice, not a scan of all of them."""
        low = bisect.bisect_left(self.starts, (first, -1))
        high = bisect.bisect_right(self.starts, (last, float("inf")))
        return [self.by_id[meeting_id] for _, meeting_id in self.starts[low:high]]


class MeetingRecorder:
    """Proposes and records meetings for one import run (the city gazetteer and country codes loaded once)."""

    def __init__(self):
        self._cities = None
        self.countries = set(Country.objects.values_list("code", flat=True))
        self.person_countries = dict(Person.objects.exclude(country=None).values_list("pk", "country_id"))
        # The meetings on record of each person seen in this run, as matching reads them: read from the
        # database the first time a person is met, then kept up to date as the run records meetings.
        # Kept in date order: a large import gives each person thousands of meetings, and a proposal is only
        # compared with those near its dates.
        self._by_person: dict[int, _PersonMeetings] = {}

    def proposals(self, text: ArticleText, links, gazetteer) -> list:
        """Return the meetings an article reports, as proposals of two people or more (no database:
        the import may run this in a worker process)."""
        reading = article_input(
            text.body, links, gazetteer, text.published_on, text.title, text.source, self.person_countries
        )
        if len(reading.participants) < 2:
            return []  # a meeting takes two: most articles of a large import stop here
        return [p for p in propose(reading, self.cities) if len(p.participants) >= 2]

    def record(self, article: Article, links, gazetteer, proposals=None) -> list[RecordedProposal]:
        """Record the meetings ``article`` reports (``links`` from the linking step): ``proposals`` if
        given (from :meth:`proposals` on the same text), else proposed here."""
        if proposals is None:
            proposals = self.proposals(ArticleText.of(article), links, gazetteer)
        done = []
        for proposal in proposals:
            match = find_match(proposal, self._candidates(proposal))
            if match is not None:
                meeting = Meeting.objects.get(pk=match.id)
                self._add_report(meeting, article, proposal)
                meeting.refresh_outlets()
            else:
                meeting = self._create(article, proposal)
            self._remember(meeting.pk, proposal)
            label = " · ".join(p.name for p in proposal.participants)
            done.append(RecordedProposal(meeting.pk, match is not None, f"{proposal.start:%Y-%m-%d} {label}"))
        return done

    @property
    def cities(self) -> CityGazetteer:
        """The gazetteer of cities, loaded (about two seconds) the first time an article may report a meeting."""
        if self._cities is None:
            self._cities = CityGazetteer.load()
        return self._cities

    # Matching -------------------------------------------------------------------

    def _candidates(self, proposal) -> list[RecordedMeeting]:
        """Return the meetings on record that could be the proposal's: those of its people within
        ``CANDIDATE_DAYS`` of its dates (matching then decides)."""
        first, last = date_span(proposal.start, proposal.precision, proposal.end)
        window = datetime.timedelta(days=CANDIDATE_DAYS)
        first, last = first - window, last + window
        found: dict[int, RecordedMeeting] = {}
        for person_id in proposal.person_ids:
            found.update((m.id, m) for m in self._meetings_of(person_id).starting_between(first, last))
        names = [p.name for p in proposal.participants if p.person_id is None and p.name]
        if names and not any(self._meetings_of(person_id).by_id for person_id in proposal.person_ids):
            found.update(self._meetings_named(names))
        return [m for m in found.values() if first <= m.start <= last]

    def _meetings_of(self, person_id: int) -> _PersonMeetings:
        if person_id not in self._by_person:
            known = _PersonMeetings()
            for meeting in self._read(Meeting.objects.filter(participants__person_id=person_id)):
                known.put(meeting)
            self._by_person[person_id] = known
        return self._by_person[person_id]

    def _meetings_named(self, names) -> dict[int, RecordedMeeting]:
        condition = Q()
        for name in names:
            condition |= Q(participants__person__isnull=True, participants__name__iexact=name)
        return {m.id: m for m in self._read(Meeting.objects.filter(condition))}

    def _read(self, meetings) -> list[RecordedMeeting]:
        meetings = meetings.exclude(review__in=[Review.REJECTED, Review.MERGED]).distinct()
        return [
            RecordedMeeting(
                id=m.pk,
                person_ids=frozenset(p.person_id for p in m.participants.all() if p.person_id),
                start=m.start,
                precision=m.start_precision,
                end=m.end,
                city=m.city,
                country=m.place_country_id,
                mode=m.mode,
                suggested_names=frozenset(
                    side_key(p.name, p.country_id) for p in m.participants.all() if not p.person_id
                ),
            )
            for m in meetings.order_by().prefetch_related("participants")
        ]

    def _remember(self, meeting_id: int, proposal) -> None:
        """Keep the run's view of each person's meetings in step with what was just recorded."""
        recorded = RecordedMeeting.from_proposal(proposal, id=meeting_id)
        for person_id in proposal.person_ids:
            known = self._meetings_of(person_id)
            if meeting_id in known.by_id:  # a report added: keep what is on record, with any new people
                old = known.by_id[meeting_id]
                recorded = replace(old, person_ids=old.person_ids | proposal.person_ids)
            known.put(recorded)

    # Writing --------------------------------------------------------------------

    def _country(self, code: str | None) -> str | None:
        return code if code in self.countries else None

    def _create(self, article: Article, proposal) -> Meeting:
        place = proposal.place
        meeting = Meeting(
            start=proposal.start,
            start_precision=proposal.precision,
            end=proposal.end if proposal.end and proposal.end >= proposal.start else None,
            end_precision=proposal.precision if proposal.end else "",
            date_from_publication=proposal.date_from_publication,
            city=place.city[:120],
            venue=(place.venue or "")[:200],
            place_country_id=self._country(place.country),
            sidelines_of=(place.event or "")[:200],
            mode=proposal.mode,
            format=proposal.format or "",
            protocol_level=proposal.protocol_level or "",
            status=proposal.status,
            review=Review.PROPOSED,
            independent_outlets=1,  # one report, from one outlet
        )
        insert_new(meeting)  # a save without the ORM's cost of compiling it; its post_save queues it for the index
        suggested = any(p.person_id is None for p in proposal.participants)
        suggestions = dict(Suggestion.objects.filter(article=article).values_list("name", "pk")) if suggested else {}
        # Plain rows, without a signal per row: the meeting's own save queued it for the index,
        # in this same transaction, and the worker reads the meeting as committed.
        insert_rows(
            MeetingParticipant,
            _PARTICIPANT_FIELDS,
            [
                (
                    meeting.pk,
                    participant.person_id,
                    suggestions.get(participant.name) if participant.person_id is None else None,
                    participant.name[:200],
                    self._country(participant.country),
                    participant.side,
                    participant.head_of_delegation,
                    participant.title[:300],
                )
                for participant in proposal.participants
            ],
        )
        self._add_report(meeting, article, proposal, new=True)
        return meeting

    def _add_report(self, meeting: Meeting, article: Article, proposal, new: bool = False) -> None:
        place = proposal.place
        values = {
            "meeting": meeting.pk,
            "article": article.pk,
            "relation": proposal.relation,
            "evidence": [[e.start, e.end] for e in proposal.evidence],
            "asserted_date": None if proposal.date_from_publication else proposal.start,
            "asserted_precision": "" if proposal.date_from_publication else proposal.precision,
            "asserted_city": place.city[:120] if place.stated else "",
            "asserted_country": self._country(place.country) if place.stated else None,
            "proposed": True,
        }
        if new:  # queued with the new meeting
            insert_rows(MeetingReport, list(values), [prepared_row(MeetingReport, values)])
        elif not MeetingReport.objects.filter(meeting=meeting, article=article).exists():
            fields = {f"{name}_id" if name in _REPORT_KEYS else name: value for name, value in values.items()}
            MeetingReport(**fields).save()
        # Read only when the report tells of a signing: most reports tell of none.
        on_record = [] if new or not proposal.agreements else list(meeting.agreements.values_list("kind", "title"))
        for agreement in proposal.agreements:
            # Another outlet reporting the signing of a document on record is one more report of it, not a
            # second document: a meeting reported by a thousand articles kept a thousand protocols, and every
            # new report queued all of them for the index again.
            if any(same_document(agreement.kind, agreement.title, kind, title) for kind, title in on_record):
                continue
            on_record.append((agreement.kind, agreement.title))
            signed = Agreement.objects.create(
                meeting=meeting,
                kind=agreement.kind,
                title=agreement.title[:400],
                article=article,
                sentence=agreement.evidence.text,
                sentence_start=agreement.evidence.start,
                sentence_end=agreement.evidence.end,
            )
            signed.parties.set([code for code in agreement.parties if code in self.countries])


# Words of a document's title that do not tell one document of a kind from another ("a memorandum of
# understanding on cooperation" and "the memorandum" are the same document; "... on military education" and
# "... on tourism" are two).
_GENERIC_TITLE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "a an the of on in for and between about regarding to field fields area areas sphere spheres "
        "bilateral trilateral new joint final signed cooperation memorandum memoranda understanding mou mous "
        "protocol protocols plan plans action programme programmes program programs statement statements "
        "declaration declarations roadmap roadmaps road map maps contract contracts agreement agreements "
        "treaty treaties accord accords document documents",
    )
)
_TITLE_WORD = re.compile(r"[a-z0-9]+")


def title_words(title: str) -> frozenset[str]:
    """Return the words of a document's title that tell it from other documents of its kind."""
    return frozenset(_TITLE_WORD.findall(fold(title))) - _GENERIC_TITLE_WORDS


def same_document(kind: str, title: str, other_kind: str, other_title: str) -> bool:
    """Whether two reports of documents signed at one meeting speak of the same document: the same kind, and
    titles that share most of their distinctive words (a title with none, "signed a protocol", fits any)."""
    if kind != other_kind:
        return False
    ours, theirs = title_words(title), title_words(other_title)
    if not ours or not theirs:
        return True
    return len(ours & theirs) >= 0.6 * min(len(ours), len(theirs))


_PARTICIPANT_FIELDS = ["meeting", "person", "suggestion", "name", "country", "side", "head_of_delegation", "title"]
_REPORT_KEYS = frozenset({"meeting", "article", "asserted_country"})  # foreign keys, given as ids


class MeetingStep:
    """The import step (``PARLEY_IMPORT_STEPS``): meetings proposed from, or matched by, each saved article."""

    def __init__(self):
        self.recorder = MeetingRecorder()

    def prepare(self, text, links, gazetteer) -> list:
        """The proposals (no database; run beforehand, in a worker process when the import has several)."""
        return self.recorder.proposals(text, links, gazetteer)

    def run(self, article, links, gazetteer, proposals=None) -> list[str]:
        return [str(done) for done in self.recorder.record(article, links, gazetteer, proposals)]

"""The import's meeting step: the meetings an article reports, recorded as proposals.

For each proposal (meetings/propose/), either a meeting already on record is
found (same people, dates within their precision, compatible place and mode:
meetings/propose/matching.py) and the article becomes one more of its reports, or
a new meeting is written with ``review = proposed``. Nothing here creates a person:
a participant whose name is only a suggestion is kept as that suggestion, and a
curator decides. Runs inside the import's savepoint for the article, so a failed
article leaves no meeting behind.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from archive.models import Article, Country, Person, Suggestion
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


class MeetingRecorder:
    """Proposes and records meetings for one import run (the city gazetteer and country codes loaded once)."""

    def __init__(self):
        self._cities = None
        self.countries = set(Country.objects.values_list("code", flat=True))
        self.person_countries = dict(Person.objects.exclude(country=None).values_list("pk", "country_id"))
        # The meetings on record of each person seen in this run, as matching reads them: read from the
        # database the first time a person is met, then kept up to date as the run records meetings.
        self._by_person: dict[int, dict[int, RecordedMeeting]] = {}

    def record(self, article: Article, links, gazetteer) -> list[RecordedProposal]:
        """Propose the meetings ``article`` reports (``links`` from the linking step) and record them."""
        source = article.source.name if article.source_id else ""
        reading = article_input(
            article.body, links, gazetteer, article.published_on, article.title, source, self.person_countries
        )
        if len(reading.participants) < 2:
            return []  # a meeting takes two: most articles of a large import stop here
        done = []
        for proposal in propose(reading, self.cities):
            if len(proposal.participants) < 2:
                continue
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
        found: dict[int, RecordedMeeting] = {}
        for person_id in proposal.person_ids:
            found.update(self._meetings_of(person_id))
        names = [p.name for p in proposal.participants if p.person_id is None and p.name]
        if names and not found:
            found.update(self._meetings_named(names))
        return [m for m in found.values() if first - window <= m.start <= last + window]

    def _meetings_of(self, person_id: int) -> dict[int, RecordedMeeting]:
        if person_id not in self._by_person:
            meetings = Meeting.objects.filter(participants__person_id=person_id)
            self._by_person[person_id] = {m.id: m for m in self._read(meetings)}
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
            if meeting_id in known:  # a report added: keep what is on record, with any new people
                old = known[meeting_id]
                recorded = RecordedMeeting(**{**old.__dict__, "person_ids": old.person_ids | proposal.person_ids})
            known[meeting_id] = recorded

    # Writing --------------------------------------------------------------------

    def _country(self, code: str | None) -> str | None:
        return code if code in self.countries else None

    def _create(self, article: Article, proposal) -> Meeting:
        place = proposal.place
        meeting = Meeting.objects.create(
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
        suggested = any(p.person_id is None for p in proposal.participants)
        suggestions = {s.name: s for s in Suggestion.objects.filter(article=article)} if suggested else {}
        # In bulk, without a signal per row: the meeting's own save queued it for the index,
        # in this same transaction, and the worker reads the meeting as committed.
        MeetingParticipant.objects.bulk_create(
            MeetingParticipant(
                meeting=meeting,
                person_id=participant.person_id,
                suggestion=suggestions.get(participant.name) if participant.person_id is None else None,
                name=participant.name[:200],
                country_id=self._country(participant.country),
                side=participant.side,
                head_of_delegation=participant.head_of_delegation,
                title=participant.title[:300],
            )
            for participant in proposal.participants
        )
        self._add_report(meeting, article, proposal, new=True)
        return meeting

    def _add_report(self, meeting: Meeting, article: Article, proposal, new: bool = False) -> None:
        place = proposal.place
        report = MeetingReport(
            meeting=meeting,
            article=article,
            relation=proposal.relation,
            evidence=[[e.start, e.end] for e in proposal.evidence],
            asserted_date=None if proposal.date_from_publication else proposal.start,
            asserted_precision="" if proposal.date_from_publication else proposal.precision,
            asserted_city=place.city[:120] if place.stated else "",
            asserted_country_id=self._country(place.country) if place.stated else None,
        )
        if new:
            MeetingReport.objects.bulk_create([report])  # queued with the new meeting
        elif not MeetingReport.objects.filter(meeting=meeting, article=article).exists():
            report.save()
        for agreement in proposal.agreements:
            if not new and meeting.agreements.filter(kind=agreement.kind, article=article).exists():
                continue
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


class MeetingStep:
    """The import step (``PARLEY_IMPORT_STEPS``): meetings proposed from, or matched by, each saved article."""

    def __init__(self):
        self.recorder = MeetingRecorder()

    def run(self, article, links, gazetteer) -> list[str]:
        return [str(done) for done in self.recorder.record(article, links, gazetteer)]

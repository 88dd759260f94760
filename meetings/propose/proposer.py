"""One article in, its meeting proposals out.

The article's sentences are grouped into meetings (:mod:`.pairing`); each meeting
is then read for its date (:mod:`.dates`), place (:mod:`.places`), mode, status,
format and protocol level (:mod:`.modes`), sides (:mod:`.sides`) and the documents
signed (:mod:`.agreements`). Last, each meeting gets the relation of the article
to it: primary report, follow-up, or background mention.
"""

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from meetings.propose import modes, sides
from meetings.propose.agreements import signed_documents
from meetings.propose.dates import DAY, MONTH, YEAR, DateReading, find_dates
from meetings.propose.episode import Episode
from meetings.propose.gatherings import with_gathering
from meetings.propose.inputs import ArticleInput, NamedParticipant
from meetings.propose.pairing import episodes
from meetings.propose.places import CityGazetteer, find_place
from meetings.propose.proposals import (
    NO_PLACE,
    AgreementProposal,
    Evidence,
    MeetingProposal,
    ParticipantProposal,
    PlaceProposal,
)
from meetings.propose.sentences import Sentence, dateline_end, dateline_place, split
from meetings.vocabulary import Mode, Relation, Side, Status

# "held talks with ... here on Friday": where the story was filed, as agencies write.
_HERE = re.compile(r"\bhere\b(?!\s+(?:is|are|was|were)\b)")
_OUR_COUNTRY = re.compile(r"\b(?:to|in)\s+our\s+country\b", re.IGNORECASE)
# "spoke with", "talked to": a call or a meeting; after a call of the same day, the next call.
_SPOKE_WITH = re.compile(r"\b(?:spoke|speaks|talked|talks)\s+(?:again\s+|also\s+|later\s+)?(?:with|to)\b")
_ARRIVED = re.compile(r"\b(?:arrived|arrives|arriving|landed)\s+in\b")
_WHO_MEETING = re.compile(r",\s*who\s+(?:had\s+)?(?:held\s+(?:[\w-]+\s+)?talks|met|received|hosted)\b[^,]*,")
_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+day)\b", re.IGNORECASE)
_BACKGROUND_AGE = timedelta(days=6)  # older than this and told after the lead: a look back, not the news


@dataclass(frozen=True)
class _Dated:
    start: date
    precision: str
    end: date | None
    from_publication: bool


def propose(article: ArticleInput, gazetteer: CityGazetteer | None = None) -> list[MeetingProposal]:
    """Return the meetings ``article`` reports, as proposals, in the order it first reports them."""
    if len(article.participants) < 2:
        return []  # a meeting takes two; most articles of a large import can be passed over at once
    gazetteer = gazetteer or CityGazetteer.load()
    sentences = split(article.body)
    skip = dateline_end(article.body)
    proposals: list[MeetingProposal] = []
    found = with_gathering(
        sentences,
        episodes(sentences, article.participants, article.countries, article.published_on),
        article.participants,
    )
    lead = next((s.paragraph for s in sentences if s.end > skip), 0)
    told: list[MeetingProposal] = []  # the trip the story is telling: a look back in between is not part of it
    for episode in found:
        proposal = _proposal(episode, article, gazetteer, skip, told, sentences)
        if not (episode.background or episode.aside or _looks_back(episode, proposal, article.published_on, lead)):
            told.append(proposal)
        proposals.append(proposal)
    return _with_relations(found, proposals, article.published_on, lead)


def _proposal(
    episode: Episode,
    article: ArticleInput,
    gazetteer: CityGazetteer,
    skip: int,
    told: list[MeetingProposal],
    sentences: list[Sentence] = (),
) -> MeetingProposal:
    """Return the proposal of one meeting; ``told`` are the meetings of the story told before it (no look back)."""
    previous = told[-1] if told else None
    first_anchor = episode.anchors[0].index
    lead_in = [s for s in episode.context if s.index < first_anchor]
    # "The speaker arrived in Baku on Wednesday. On the same day, he held talks with X": the day of the sentence
    # right before, if it tells no meeting and gives one, else that of the meeting told before ("a day earlier"
    # and "the next day" count from the meeting told before).
    before = [s for s in sentences[max(0, first_anchor - 1) : first_anchor] if not modes.is_meeting_sentence(s.text)]
    same_day = not episode.background and _SAME_DAY.search(episode.anchors[0].text) is not None
    just_before = _lead_in_date(before, article.published_on, skip) if before and same_day else None

    # Where to look first: the sentences naming both sides, then what led up to them, then the rest.
    ordered = (
        episode.anchors if episode.background else list(dict.fromkeys([*episode.anchors, *lead_in, *episode.context]))
    )
    anchor_texts = [s.text for s in episode.anchors]
    all_texts = [s.text for s in ordered]
    # A headline may tell another meeting of the story ("Washington Meeting Called Off as Mirzoyan Hosts Iranian MPs").
    status = modes.status_of(anchor_texts, [t for t in all_texts if t != article.headline.strip()] or all_texts)
    # "A day earlier, X had spoken by phone with Y", told after a visit only planned: a day before the latest meeting
    # held, not before the plan's day.
    counted_from = next((m for m in reversed(told) if status != Status.HELD or m.status == Status.HELD), None)
    reference = just_before or (
        counted_from.start if counted_from else _lead_in_date(lead_in, article.published_on, skip)
    )
    told_with_it = [s for s in ordered if s in episode.anchors or s in lead_in]
    dated = _date(told_with_it, episode.anchors, article.published_on, status, reference, skip)
    if dated.from_publication and (before := _continued(episode, told, status)) is not None:
        # "Hasanov was also received by the President": no date of its own, the day of the meeting of his told
        # before (but a meeting planned has no day of one held), before any date told after it ("The first
        # meeting of the platform took place in Moscow in December 2021" is another meeting's).
        dated = _Dated(before.start, before.precision, before.end, before.date_from_publication)
    elif dated.from_publication:
        dated = _date(ordered, episode.anchors, article.published_on, status, reference, skip)
    countries = tuple(dict.fromkeys(p.country for p in episode.people if p.country))
    about_it = [
        s
        for s in ordered
        if s in episode.anchors
        or not (_another_day(s, dated, article.published_on, status, skip) or _plan_around(s, status))
    ]
    # Between cities of one name: the participants' countries, then the countries the article names.
    prefer = tuple(dict.fromkeys([*countries, *(c.code for c in article.countries)]))
    told_with_it = [s for s in about_it if s in told_with_it]
    place = _place(told_with_it, article, gazetteer, prefer, skip)
    if _may_be_previous(place, previous) and _same_trip(episode, previous, dated):
        # "Later, the minister held talks with ...", "Later, X received him at the Presidential Palace": the same
        # city as the last meeting, with the venue of its own.
        place = _in_city_of(place, previous.place)
    # "Araghchi met Fidan in Istanbul. The 3+3 meeting opened at noon. On its sidelines, Araghchi met X": the city of
    # the latest meeting of his that day that states one.
    trip = _trip_before(episode, told, dated) if place is None or not place.city else None
    if trip is not None and (place is None or place.country in (None, trip.place.country)):
        place = _in_city_of(place, trip.place)
    if place is None or not place.city:
        place = _place(about_it, article, gazetteer, prefer, skip) or place  # the rest of what is told of it
    if (place is None or not place.city) and any(_HERE.search(s.text) for s in episode.anchors):
        place = _dateline_city(article.body, gazetteer, prefer, place)
    if (place is None or not place.city) and not episode.background:
        # "welcomed X at the Saadabad Palace on Sunday. ... X arrived in Tehran late on Saturday": the city the
        # guest arrived in, in the country of one of them.
        place = _arrival_city(sentences, episode, dated, article, gazetteer, prefer, skip, status, place) or place
    mode = _mode([s.text for s in (*episode.anchors, *lead_in)], episode.people, place)
    if mode == Mode.VISIT and _next_call(episode, previous, place, dated):
        mode = Mode.REMOTE
    if mode == Mode.REMOTE:
        place = None  # a call has no place; a country named in it is what they talked about
    parts = sides.parts(episode.people, ordered, mode, place.country if place else None)
    host = next((p for p in episode.people if parts[p.key].side == Side.HOST and p.country), None)
    if place is None and mode == Mode.VISIT and host is not None:
        if any(_OUR_COUNTRY.search(t) for t in all_texts):
            place = PlaceProposal(country=host.country)
        else:
            place = PlaceProposal(city=gazetteer.capital(host.country), country=host.country, stated=False)
    agreements = _agreements(ordered, countries)
    return MeetingProposal(
        start=dated.start,
        precision=dated.precision,
        end=dated.end,
        date_from_publication=dated.from_publication,
        place=place or NO_PLACE,
        mode=mode,
        format=modes.format_of(all_texts, mode == Mode.REMOTE),
        protocol_level=modes.protocol_level_of(all_texts) if mode != Mode.REMOTE else "",
        status=status,
        relation=Relation.PRIMARY,
        participants=tuple(_participant(p, parts[p.key]) for p in episode.people),
        agreements=agreements,
        evidence=tuple(Evidence(s.start, s.end, s.text) for s in episode.sentences),
    )


def _date(
    sentences: list[Sentence], anchors: list[Sentence], published: date, status: str, reference: date | None, skip: int
) -> _Dated:
    """Return the first date the meeting's sentences give, else the publication date (flagged).

    A held meeting takes no date from a sentence about plans around it ("agreed to meet next month").
    """
    future = status != Status.HELD
    for sentence in sentences:
        # "The next trilateral meeting will be held in Tbilisi in May" dates no meeting held, even naming its
        # people; "Hasanov, who will leave tomorrow, met Bagheri on Monday" does.
        intention = not future and modes.is_intention(sentence.text)
        if intention and (sentence not in anchors or not modes.has_held_verb(sentence.text)):
            continue
        readings: list[DateReading] = [
            r
            for r in _readings(sentence, published, status, reference)
            if r.position >= skip
            and (future or r.start <= published)  # a meeting held is not in the future
            # "The prime minister, who arrived on Monday, is also scheduled to meet X": the arrival, told as past.
            and not (future and _in_who_clause(sentence, r))
        ]
        if readings and sentence in anchors and _arrival_only(sentence) and sentence is not anchors[-1]:
            # "X landed in Tehran on Sunday. The talks with Y on Monday were ...": the arrival's day is not the
            # meeting's when a later sentence naming them dates it.
            later = _date(anchors[anchors.index(sentence) + 1 :], anchors, published, status, reference, skip)
            if not later.from_publication:
                return later
        if readings:
            # ", who arrived in Tehran on Sunday, also met ... later in the day": the clause dates the arrival; but
            # "X, who held talks with Y in Ankara yesterday, continued his contacts on Wednesday" tells the meeting
            # in the clause, which dates it.
            told_in_clause = _meeting_in_who_clause(sentence)
            first = min(readings, key=lambda r: _in_who_clause(sentence, r) != told_in_clause)
            return _Dated(first.start, first.precision, first.end, False)
    return _Dated(published, DAY, None, True)


def _arrival_only(sentence: Sentence) -> bool:
    """Whether a sentence tells an arrival and no meeting held ("When X landed in Tehran on Sunday for his visit")."""
    return _ARRIVED.search(sentence.text) is not None and not modes.has_held_verb(sentence.text)


def _readings(sentence: Sentence, published: date, status: str, reference: date | None) -> list[DateReading]:
    """Return the dates of a sentence, read forwards for a meeting to come, backwards for one held.

    A meeting called off or put off may have been due before the news or after it: "had been due to meet in
    Tehran in March, but the meeting was cancelled" (in April) is the March before, "the summit planned for
    July has been postponed" (in June) the July to come; each date is read the way that puts it nearer.
    """
    if status not in (Status.CANCELLED, Status.POSTPONED):
        return list(find_dates(sentence.text, published, status != Status.HELD, reference, sentence.start))
    ahead = find_dates(sentence.text, published, True, reference, sentence.start)
    back = find_dates(sentence.text, published, False, reference, sentence.start)
    if len(ahead) != len(back):
        return list(ahead)
    return [min(pair, key=lambda r: abs((r.start - published).days)) for pair in zip(ahead, back, strict=True)]


def _meeting_in_who_clause(sentence: Sentence) -> bool:
    """Whether a sentence tells its meeting in a who-clause, the main clause telling none ("X, who held talks with Y
    yesterday, continued his contacts in the capital on Wednesday")."""
    clause = _WHO_MEETING.search(sentence.text)
    return clause is not None and not modes.has_held_verb(sentence.text[clause.end() :])


def _in_who_clause(sentence: Sentence, reading: DateReading) -> bool:
    """Whether a date stands in a relative clause about someone (", who arrived on Sunday,")."""
    before = sentence.text[: reading.position - sentence.start]
    clause = before[before.rfind(",") + 1 :] if "," in before else ""
    return clause.lstrip().startswith("who ") and "," in sentence.text[reading.position - sentence.start :]


def _lead_in_date(lead_in: list[Sentence], published: date, skip: int) -> date | None:
    """Return the last date told before a first meeting ("arrived on 5 December"), for its "later that day"."""
    for sentence in reversed(lead_in):
        readings = [r for r in find_dates(sentence.text, published, False, None, sentence.start) if r.position >= skip]
        if readings and not readings[-1].relative:
            return readings[-1].start
    return None


def _another_day(sentence: Sentence, dated: _Dated, published: date, status: str, skip: int) -> bool:
    """Whether a sentence is dated to another day than the meeting ("its first meeting was held on October 24").

    A month or a year that holds the meeting's day is no other day ("an exercise later this year").
    """
    readings = find_dates(sentence.text, published, status != Status.HELD, None, sentence.start)
    return any(
        r.position >= skip and not r.relative and abs((r.start - dated.start).days) > 1 and not _holds(r, dated.start)
        for r in readings
    )


def _holds(reading: DateReading, day: date) -> bool:
    """Whether a month or a year reading is the span ``day`` falls in."""
    if reading.precision == YEAR:
        return reading.start.year == day.year
    return reading.precision == MONTH and (reading.start.year, reading.start.month) == (day.year, day.month)


def _plan_around(sentence: Sentence, status: str) -> bool:
    """Whether a sentence around a meeting held speaks of a plan ("invited him to visit Kazakhstan"): not its place."""
    return status == Status.HELD and modes.is_intention(sentence.text)


def _place(
    sentences: list[Sentence], article: ArticleInput, gazetteer: CityGazetteer, prefer: tuple, skip: int
) -> PlaceProposal | None:
    """Return the first place the meeting's sentences state, completed by later ones (an event's city)."""
    found = None
    for sentence in sentences:
        place = find_place(sentence.text, sentence.start, article.countries, gazetteer, prefer, skip)
        if place is None:
            continue
        if found is None:
            found = place
        elif not found.city and place.city and (not found.country or found.country == place.country):
            found = PlaceProposal(
                city=place.city,
                venue=found.venue or place.venue,
                event=found.event or place.event,
                country=place.country,
            )
        if found.city:
            break
    return found


def _arrival_city(
    sentences: list[Sentence],
    episode: Episode,
    dated: _Dated,
    article: ArticleInput,
    gazetteer: CityGazetteer,
    prefer: tuple,
    skip: int,
    status: str,
    place: PlaceProposal | None,
) -> PlaceProposal | None:
    """Return the city an arrival told in the article gives a meeting with none ("X arrived in Tehran on
    Saturday"): the arrival nearest the meeting, about its day, in the country of one of its people."""
    countries = {p.country for p in episode.people if p.country}
    first = episode.anchors[0].index
    arrivals = [
        s
        for s in sentences
        if _ARRIVED.search(s.text)
        and not _another_day(s, dated, article.published_on, status, skip)
        and not _plan_around(s, status)
    ]
    for sentence in sorted(arrivals, key=lambda s: abs(s.index - first)):
        found = find_place(sentence.text, sentence.start, article.countries, gazetteer, prefer, skip)
        if found is None or not found.city or found.country not in countries:
            continue
        if place is None or place.country in (None, found.country):
            return _in_city_of(place, found)
    return None


def _dateline_city(
    body: str, gazetteer: CityGazetteer, prefer: tuple, found: PlaceProposal | None
) -> PlaceProposal | None:
    """Return the place "held talks here" means: the dateline's city (with what else was found), if it is one."""
    written = dateline_place(body)
    city = gazetteer.city(written, prefer) if written else None
    if city is None or (found is not None and found.country and found.country != city.country):
        return found
    name = written.title() if written.isupper() else written
    return PlaceProposal(
        city=name, venue=found.venue if found else "", event=found.event if found else "", country=city.country
    )


def _may_be_previous(place: PlaceProposal | None, previous: MeetingProposal | None) -> bool:
    """Whether the meeting told before may give its city: none found yet, and no other country."""
    if previous is None or (place is not None and place.city):
        return False
    return place is None or place.country in (None, previous.place.country)


def _in_city_of(place: PlaceProposal | None, other: PlaceProposal) -> PlaceProposal:
    """Return ``other``'s city and country with what ``place`` states of its own (a venue, an event)."""
    if place is None or not (place.venue or place.event):
        return other
    return replace(other, venue=place.venue or other.venue, event=place.event or other.event)


def _trip_before(episode: Episode, told: list[MeetingProposal], dated: _Dated) -> MeetingProposal | None:
    """Return the latest meeting told before, of a participant's, about the same day, with a city stated."""
    return next(
        (m for m in reversed(told[:-1]) if m.place.city and m.place.stated and _same_trip(episode, m, dated)), None
    )


def _continued(episode: Episode, told: list[MeetingProposal], status: str) -> MeetingProposal | None:
    """Return the latest meeting told before that a meeting continues: of the same status, sharing a participant."""
    return next((m for m in reversed(told) if m.status == status and _shares_people(episode, m)), None)


def _next_call(episode: Episode, previous: MeetingProposal | None, place: PlaceProposal | None, dated: _Dated) -> bool:
    """Whether "Later in the evening, X spoke with Y", told after a call of X's that day and naming no place, is
    the next call of a series ("held separate telephone conversations with A and B")."""
    return (
        previous is not None
        and previous.mode == Mode.REMOTE
        and (place is None or not place.stated)
        and abs((dated.start - previous.start).days) <= 1
        and _shares_people(episode, previous)
        and any(_SPOKE_WITH.search(s.text) for s in episode.anchors)
    )


def _shares_people(episode: Episode, previous: MeetingProposal) -> bool:
    """Whether a meeting has a participant of the meeting told before it: a known person, or a suggestion."""
    if {p.person_id for p in episode.people if p.person_id is not None} & previous.person_ids:
        return True
    suggested = {p.name for p in previous.participants if p.is_suggestion}
    return any(p.is_suggestion and p.name in suggested for p in episode.people)


def _same_trip(episode: Episode, previous: MeetingProposal, dated: _Dated) -> bool:
    """Whether a meeting shares a participant and (about) the day with the meeting told before it."""
    close = abs((dated.start - previous.start).days) <= 1
    return _shares_people(episode, previous) and previous.mode != Mode.REMOTE and close


def _mode(texts: list[str], people: list[NamedParticipant], place: PlaceProposal | None) -> str:
    """Return how the sides met: a call, a gathering of three countries or more, third ground, or a visit.

    A meeting on an event's sidelines is on third ground unless it was held in one side's own country.
    """
    if any(modes.is_remote(t) for t in texts):
        return Mode.REMOTE
    countries = {p.country for p in people if p.country}
    if len(countries) >= 3 or (len(people) >= 3 and any(modes.is_multilateral(t) for t in texts)):
        return Mode.MULTILATERAL
    at_home = bool(place and place.country in countries)
    if any(modes.on_sidelines(t) for t in texts) and not at_home:
        return Mode.THIRD_PARTY  # the sidelines of an event in one side's own country are that side's home
    known = all(p.country for p in people)
    if place and place.country and known and place.country not in countries:
        return Mode.THIRD_PARTY
    return Mode.VISIT


def _agreements(sentences: list[Sentence], parties: tuple[str, ...]) -> tuple[AgreementProposal, ...]:
    """Return the documents the meeting's sentences report signed, each with its sentence."""
    found: list[AgreementProposal] = []
    for sentence in sorted(sentences, key=lambda s: s.index):
        for document in signed_documents(sentence.text, sentence.start, known=len(found)):
            found.append(
                AgreementProposal(
                    kind=document.kind,
                    title=document.title,
                    parties=parties,
                    evidence=Evidence(sentence.start, sentence.end, sentence.text),
                )
            )
    return tuple(found)


def _participant(person: NamedParticipant, part: sides.Part) -> ParticipantProposal:
    return ParticipantProposal(
        name=person.name,
        person_id=person.person_id,
        side=part.side,
        country=person.country,
        head_of_delegation=part.head_of_delegation,
        title=person.title,
    )


def _looks_back(episode: Episode, proposal: MeetingProposal, published: date, lead: int) -> bool:
    """Whether a meeting held a week or more before publication, told after the lead, is a look back."""
    return (
        all(s.paragraph > lead for s in episode.anchors)
        and published - proposal.start >= _BACKGROUND_AGE
        and proposal.status == Status.HELD
    )


def _with_relations(
    found: list[Episode], proposals: list[MeetingProposal], published: date, lead: int
) -> list[MeetingProposal]:
    """Return the proposals with the article's relation to each: primary, follow-up or background.

    ``lead`` is the number of the story's first paragraph (after an outlet's name or a place on a line).
    """
    background = [
        episode.background or _looks_back(episode, proposal, published, lead)
        for episode, proposal in zip(found, proposals, strict=True)
    ]
    fresh = any(
        not is_background and any(not modes.FOLLOW_UP.search(s.text) for s in episode.anchors)
        for episode, is_background in zip(found, background, strict=True)
    )
    result = []
    for proposal, is_background in zip(proposals, background, strict=True):
        if is_background:
            relation = Relation.BACKGROUND
        elif fresh or proposal.status != Status.HELD:
            relation = Relation.PRIMARY
        else:
            relation = Relation.FOLLOW_UP
        result.append(replace(proposal, relation=relation))
    return result

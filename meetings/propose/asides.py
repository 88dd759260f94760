"""Meetings told in passing, beside the one the story is telling: a plan agreed, a visit put off.

"The two ministers also agreed to hold a trilateral meeting with X in Tbilisi next
month", "They agreed to meet again": a meeting to come of the two told before.
"Putin's trip to Turkey had been postponed", told of a call of Putin's with
Erdoğan: the visit put off, of the two of that call. Each is a meeting of its own
(an *aside* episode: the sentences after it still tell the meeting before).
"""

import re

from meetings.propose import modes
from meetings.propose.episode import Episode, end_in, only_intended, start_in
from meetings.propose.participants import CountryMention, NamedParticipant
from meetings.propose.sentences import Sentence

# "The two ministers also agreed to hold a trilateral meeting with X in Tbilisi next month", "The two leaders agreed
# to hold a bilateral meeting in Astana", "They agreed to meet again": a meeting to come of two people told before.
_THE_TWO = re.compile(
    r"^(?:[A-Z][^,]{0,40},\s+)?(?:[Tt]he\s+two\s+(?P<noun>[a-z-]+)|[Bb]oth\s+(?P<both>[a-z-]+)|[Tt]hey)\s"
)
_AGREED_TO_MEET = re.compile(
    r"\bagreed\s+to\s+(?:meet\b|visit\b|hold\s+(?:[\w-]+\s+){0,4}?"
    r"(?:meeting|talks|summit|consultations|session|round)\b)"
)
# Nouns that name the two by no office: any two people of one meeting.
_ANY_TWO = frozenset(
    {"leaders", "sides", "parties", "officials", "men", "women", "counterparts", "heads", "delegations", "countries"}
)


def agreed_to_meet(sentence: Sentence, found: list[Episode]) -> tuple[list[NamedParticipant], Sentence] | None:
    """Return the two people whom "The two ministers agreed to meet ..." speaks of, and the clause of the plan.

    The two are those of the latest meeting of two told (not a look back), both of the office the sentence names
    when it names one ("the two ministers" are not the minister and the president he was received by next); the
    clause runs from "agreed", so that what else the sentence tells ("The two ministers signed a memorandum and
    agreed to meet again") stays the meeting held's. None when the meeting of the two is itself only a plan.
    """
    subject = _THE_TWO.match(sentence.text)
    plan = _AGREED_TO_MEET.search(sentence.text) if subject is not None else None
    if plan is None:
        return None
    noun = subject["noun"] or subject["both"]
    office = noun.removesuffix("s") if noun and noun not in _ANY_TWO else ""
    for episode in reversed(found):
        if episode.background or episode.aside:
            continue
        people = [p for p in episode.people if not p.is_country_side]
        if len(people) == 2 and all(not office or not p.title or office in p.title.lower() for p in people):
            if only_intended(episode):
                return None
            start = sentence.start + plan.start()
            clause = Sentence(sentence.index, start, sentence.end, sentence.text[plan.start() :], sentence.paragraph)
            return people, clause
        if not office:
            return None  # "They agreed to meet": the meeting just told, or none
    return None


# "Putin's trip to Turkey had been postponed", "the visit of X to Baku was called off".
_VISIT_OF_AFTER = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:visit|trip)\s+to\s+")
_VISIT_OF_BEFORE = re.compile(r"\b(?:visit|trip)\s+of\s+(?:[A-Z][\w'’.-]*\s+){0,4}$")
_TO_AFTER = re.compile(r"\s+to\s+")
_VISIT_TOLD = re.compile(r"\b(?:visit|trip)\b", re.IGNORECASE)


def called_off_visit(
    sentence: Sentence,
    person: NamedParticipant,
    found: list[Episode],
    countries: tuple[CountryMention, ...],
    before: list[Sentence],
) -> Episode | None:
    """Return the visit put off, called off or planned that a sentence naming one person of a meeting told tells.

    "Kremlin spokesman X said that Putin's trip to Turkey had been postponed", told of Putin's call with
    Erdoğan: a meeting of Putin's with Erdoğan, postponed, when the country it was to be in is Erdoğan's (or is
    not named). So is "the preparations for Erdoğan's planned visit to Russia", planned. The two are those of
    the latest meeting of two told with him (not only the one being told: "Erdoğan called Putin ... Erdoğan also
    spoke with Aliyev ... Erdoğan's visit to Russia has been postponed" is Putin's). The latest sentence before
    that tells of the visit with one of them ("the visit to Turkey that Erdoğan had announced for February") is
    told with it: its month.
    """
    text = sentence.text
    if not (modes.is_called_off(text) or modes.is_intention(text)):
        return None
    origin = sentence.start
    start, end = start_in(sentence, person) - origin, end_in(sentence, person) - origin
    to = _VISIT_OF_AFTER.match(text, end)
    if to is None and _VISIT_OF_BEFORE.search(text, 0, start):
        to = _TO_AFTER.match(text, end)
    if to is None:
        return None
    destination = next((c.code for c in countries if c.start == origin + to.end()), None)
    host = None
    for episode in reversed(found):
        people = [p for p in episode.people if not p.is_country_side]
        if episode.background or episode.aside or len(people) != 2 or person not in people:
            continue
        other = next(p for p in people if p is not person)
        if destination is None or destination == other.country:
            host = other
            break
    if host is None and destination is not None and person not in current_people(found):
        # "The sides discussed the preparation of the visit of Chinese President X to Kazakhstan in July", told of
        # the Kazakh president's meeting: a visit to him.
        host = next((p for p in current_people(found) if p.country == destination), None)
    if host is None:
        return None
    told = next(
        (s for s in reversed(before) if _VISIT_TOLD.search(s.text) and any(_names(s, p) for p in (host, person))), None
    )
    if told is not None and modes.is_called_off(told.text) and not modes.is_called_off(text):
        told = None  # another visit's news: "X's visit to A has been postponed. ... X's upcoming visit to B"
    anchor = sentence
    if not modes.is_called_off(text) and (at := modes.intention_at(text)) > 0:
        # "The sides discussed the preparation of the visit of X": the plan from its words on (what was discussed is
        # the meeting held's).
        anchor = Sentence(sentence.index, origin + at, sentence.end, text[at:], sentence.paragraph)
    return Episode(people=[host, person], anchors=[anchor], context=[told] if told else [], aside=True)


def current_people(found: list[Episode]) -> list[NamedParticipant]:
    """Return the people, no country side, of the meeting being told (the latest that is no look back nor aside)."""
    episode = next((e for e in reversed(found) if not (e.background or e.aside)), None)
    return [p for p in episode.people if not p.is_country_side] if episode is not None else []


def _names(sentence: Sentence, person: NamedParticipant) -> bool:
    return any(sentence.start <= s < sentence.end for s, _ in person.spans)


# "the upcoming state visit of the President of Kazakhstan to Uzbekistan": a visit of one named by office and country.
_VISIT_OF_OFFICE = re.compile(
    r"\b(?:visit|trip)\s+of\s+the\s+(?:[A-Z][\w-]+\s+){1,3}of\s+(?:the\s+)?(?P<visitor>[A-Z][\w-]+)"
    r"\s+to\s+(?:the\s+)?(?P<host>[A-Z][\w-]+)"
)


def office_visit(sentence: Sentence, current: Episode, countries: tuple[CountryMention, ...]) -> Episode | None:
    """Return the visit to come of one of the meeting being told to the other, named by office and countries.

    "The sides also considered the preparations for the upcoming state visit of the President of Kazakhstan to
    Uzbekistan next month", told of a call of the presidents of Uzbekistan and Kazakhstan: the Kazakh's visit to
    the Uzbek, planned (only an intention: "the state visit of the President of X to Y last year" is none).
    """
    text = sentence.text
    found = _VISIT_OF_OFFICE.search(text) if modes.is_intention(text) else None
    if found is None:
        return None
    at = {c.start - sentence.start: c.code for c in countries}
    visitor_code, host_code = at.get(found.start("visitor")), at.get(found.start("host"))
    people = [p for p in current.people if not p.is_country_side]
    visitor = next((p for p in people if visitor_code and p.country == visitor_code), None)
    host = next((p for p in people if host_code and p.country == host_code), None)
    if visitor is None or host is None or visitor is host:
        return None
    start = min(found.start(), max(modes.intention_at(text), 0))
    clause = Sentence(sentence.index, sentence.start + start, sentence.end, text[start:], sentence.paragraph)
    return Episode(people=[host, visitor], anchors=[clause], aside=True)

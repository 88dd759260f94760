"""Sentences that look back at an earlier meeting of the people of the one being told.

"The two leaders last met in May" (words of a look back), or a meeting held a week
or more before the one being told ("Kurbanov paid an official visit to Baku last
October, when the two ministers signed a memorandum"): a background meeting of
its own, with the people it names or those of the meeting it looks back from.
"""

import re
from dataclasses import replace
from datetime import date

from meetings.propose import modes
from meetings.propose.dates import MONTH, YEAR, find_dates, month_end
from meetings.propose.episode import Episode, at_the_table, current_episode, latest_with, only_intended
from meetings.propose.participants import NamedParticipant
from meetings.propose.sentences import Sentence

_EARLIER_DAYS = 7  # a meeting held this long before the one being told is another meeting
# "The three leaders last met in Astana", told after two calls of one of them: the people of those meetings.
_COUNTED = re.compile(
    r"\b[Tt]he\s+(?P<count>three|four|five)\s+(?:[\w-]+\s+)?(?:leaders|presidents|ministers|heads|premiers|"
    r"speakers|chiefs)\b"
)
_COUNTS = {"three": 3, "four": 4, "five": 5}


def looked_back_at(
    found: list[Episode], current: Episode | None, sentence: Sentence, named: list[NamedParticipant], earlier: bool
) -> list[NamedParticipant] | None:
    """Return the people of an earlier meeting that a sentence naming one of them or none looks back at, or None.

    "The two leaders last met in May": the people of the article's main meeting, unless they are only to meet
    (who sat at a table "in this format" before is then a guess). "Kurbanov paid an official visit to Baku last
    October, when the two ministers signed ...": the people of the latest meeting told with him. A date alone,
    with no one named, is no look back ("its first meeting was held in Baku on October 24" may be another body's).
    """
    if current is None:
        return None
    if not named:
        if not modes.BACKGROUND.search(sentence.text):
            return None
        source = current_episode(found[:1]) or current
        return None if only_intended(source) else at_the_table(source)
    if not (earlier or modes.BACKGROUND.search(sentence.text)):
        return None
    if (counted := _counted(found, sentence, named)) is not None:
        return counted
    if named[0].key in current.keys:
        return current.people
    latest = latest_with(found, named[0].key) if earlier else None
    return latest.people if latest is not None else None


def _counted(found: list[Episode], sentence: Sentence, named: list[NamedParticipant]) -> list[NamedParticipant] | None:
    """Return the people "the three leaders" of a look back are: those of the meetings told so far (and the ones
    the sentence names), if they are just that many; else None."""
    counted = _COUNTED.search(sentence.text)
    if counted is None:
        return None
    people: dict[str, NamedParticipant] = {}
    for person in [*(p for e in found if not e.background and not e.aside for p in e.people), *named]:
        if not person.is_country_side:
            people.setdefault(person.key, person)
    return list(people.values()) if len(people) == _COUNTS[counted["count"]] else None


def told_earlier(sentence: Sentence, current: Episode | None, published: date | None) -> bool:
    """Whether a sentence tells of a meeting held a week or more before the one being told.

    "Kurbanov paid an official visit to Baku last October, when the two ministers signed a memorandum", told
    of a visit in June: the October visit is a meeting of its own, and its memorandum is not June's.
    """
    if published is None or current is None or current.background or not modes.is_held(sentence.text):
        return False
    told = _first_date(sentence, published)
    if told is None:
        return False
    day = next((d.start for d in (_first_date(s, published) for s in current.anchors) if d), published)
    return (day - (told.end or told.start)).days >= _EARLIER_DAYS


def _first_date(sentence: Sentence, published: date):
    """Return the first day or month a sentence gives on its own (not "the same day"), or None.

    A year ("trade grew last year") dates too little to tell one meeting from another, and "since" or "until" a
    month dates a state of things ("the embassy, closed since January").
    """
    # Asked as the proposer asks it (offset and all), so that the reading is found once.
    for reading in find_dates(sentence.text, published, False, None, sentence.start):
        if reading.relative or reading.start > published or reading.precision == YEAR:
            continue
        if not reading.text.lower().startswith(("since", "until")):
            if reading.precision == MONTH:
                return replace(reading, end=month_end(reading.start))
            return reading
    return None

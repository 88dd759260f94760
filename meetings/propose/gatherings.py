"""The gathering itself: the summit or conference that an article's meetings were held on the sidelines of.

"Pezeshkian held talks with Putin on the sidelines of the BRICS summit ... the summit, which opened on Tuesday
under Putin's chairmanship ... Pezeshkian met Aliyev, who is attending the summit": the summit is a meeting of
its own, of three countries or more, with the people the article says attend it (opened it, addressed it, take
part in it) and those who met on its sidelines. It is dated by its opening when the article tells it. When one
of the article's meetings already is the gathering (three people or more told together at it), nothing is added.
"""

import re

from meetings.propose import modes
from meetings.propose.episode import Episode, participants_in
from meetings.propose.participants import NamedParticipant
from meetings.propose.sentences import Sentence

_EVENT = re.compile(r"\b(?:summit|conference|forum)\b", re.IGNORECASE)
# What makes a sentence about the event say who is at it: "opened by X", "X addressed the summit".
_ATTENDING = re.compile(
    r"\b(?:opened|opens|attend(?:s|ed|ing)?|tak(?:ing|es)\s+part|took\s+part|addressed|addresses|"
    r"participat\w*|chairmanship|brings\s+together)\b",
    re.IGNORECASE,
)
_OPENING = re.compile(r"\b(?:which\s+)?(?:was\s+)?(?:opened|opens|began|begins)\b", re.IGNORECASE)
_MIN_COUNTRIES = 3


def with_gathering(
    sentences: list[Sentence], found: list[Episode], participants: tuple[NamedParticipant, ...]
) -> list[Episode]:
    """Return the article's meetings with the gathering their sidelines were at, before the first of them."""
    if any(len(e.people) >= _MIN_COUNTRIES and not e.background for e in found):
        return found  # the gathering is told as a meeting already
    apart = [e for e in found if not e.background and _at_the_event(e)]
    if not apart:
        return found
    told = [s for s in sentences if _EVENT.search(s.text) and _ATTENDING.search(s.text)]
    if not told:
        return found
    people: list[NamedParticipant] = []
    for person in [p for s in told for p in participants_in(s, participants)] + [p for e in apart for p in e.people]:
        if person.key not in {p.key for p in people} and not person.is_country_side:
            people.append(person)
    if len({p.country for p in people if p.country}) < _MIN_COUNTRIES:
        return found
    anchors = [_opening_clause(s) for s in told]
    context = [s for e in apart for s in e.anchors if s not in told]
    gathering = Episode(people=people, anchors=anchors, context=context)
    first = found.index(apart[0])
    return [*found[:first], gathering, *found[first:]]


def _at_the_event(episode: Episode) -> bool:
    """Whether a meeting held was held at the gathering: on its sidelines, or with someone attending it."""
    texts = [s.text for s in episode.anchors]
    held = any(modes.has_held_verb(t) and not modes.is_intention(t) for t in texts)
    return held and any(modes.on_sidelines(t) or _EVENT.search(t) for t in texts)


def _opening_clause(sentence: Sentence) -> Sentence:
    """Return the part of a sentence that tells the event's opening ("which opened on Tuesday under ..."), so that
    its date is the gathering's, or the whole sentence when it tells none."""
    opening = _OPENING.search(sentence.text)
    if opening is None:
        return sentence
    start = sentence.start + opening.start()
    return Sentence(sentence.index, start, sentence.end, sentence.text[opening.start() :], sentence.paragraph)

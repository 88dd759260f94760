"""Host and visitor: read from the verbs around the names, then from the place.

"A received B", "A hosted B", "B was received by A", "a delegation led by B",
"B, who is on an official visit to ...", "visiting B", "at the invitation of A".
What the sentences leave open the place decides: at a visit, a participant of
the country the meeting was in is the host, the others are visitors. An
ambassador calls on the host of the country they are posted to. Calls, meetings
on third ground and summits have participants (a summit's host when the text
says so, and then its guests are visitors).
"""

import re
from dataclasses import dataclass

from meetings.propose.participants import NamedParticipant
from meetings.propose.sentences import Sentence
from meetings.vocabulary import Mode, Side

_HOSTING = re.compile(r"\b(?:received|receives|hosted|hosts|welcomed|welcomes|greeted|greets)\b", re.IGNORECASE)
_HOSTED_BY = re.compile(
    r"\b(?:was|were|has\s+been|is)\s+(?:\w+ly\s+|also\s+)?(?:received|hosted|welcomed|greeted)\s+(?:[\w-]+\s+){0,4}?by\b",
    re.IGNORECASE,
)
# "led by" and the title that stands between it and the name: "led by the Chief of ... of Georgia, Brigadier General".
_LED_BY = re.compile(r"\b(?:led|headed)\s+by(?:\s*,?\s+(?:[A-Z][\w'’.-]*|of|the|and|for|in|to))*\s*$")
# What right after a name makes them the visitor: "’s visit", ", who is on an official visit", " arrived".
_VISITING_AFTER = re.compile(
    r"^(?:['’]s\s+(?:[\w-]+\s+){0,2}(?:visit|trip)"
    r"|,\s*who\s+(?:is|was|has\s+been|arrived|came)\b[^,;]{0,60}?\b(?:visit|arrived|trip)"
    r"|\s+(?:arrived|arrives|has\s+arrived)\b"
    r"|\s+is\s+(?:in\s+\w+\s+)?on\s+an?\s+(?:[\w-]+\s+){0,3}visit"
    r"|(?:\s+[\w-]+){0,3}\s+at\s+the\s+head\s+of)",
    re.IGNORECASE,
)
_VISITING_BEFORE = re.compile(r"\bvisiting\s+(?:[\w-]+\s+){0,6}$", re.IGNORECASE)
_INVITATION_BEFORE = re.compile(r"\bat\s+the\s+invitation\s+of\s+(?:[\w-]+\s+){0,8}$", re.IGNORECASE)
_HEAD = re.compile(r"\bat\s+the\s+head\s+of\b", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """A participant's side and whether they led a delegation."""

    side: str
    head_of_delegation: bool = False


def parts(
    people: list[NamedParticipant], sentences: list[Sentence], mode: str, place_country: str | None
) -> dict[str, Part]:
    """Return each participant's part (by :attr:`NamedParticipant.key`) in one meeting."""
    host, visitor, head = set(), set(), set()
    for sentence in sentences:
        _read_sentence(sentence, people, host, visitor, head)
    if mode not in (Mode.VISIT, Mode.MULTILATERAL):
        return {p.key: Part(Side.PARTICIPANT, p.key in head) for p in people}
    if mode == Mode.MULTILATERAL:
        hosts = {p.key for p in people if p.key in host and p.key not in visitor}
        if not hosts and place_country:
            at_home = [p.key for p in people if p.country == place_country]
            hosts = set(at_home) if len(at_home) == 1 else set()
        guest = Side.VISITOR if hosts else Side.PARTICIPANT  # a gathering someone hosts has guests
        return {p.key: Part(Side.HOST if p.key in hosts else guest, p.key in head) for p in people}
    sides = {}
    for person in people:
        if person.key in host and person.key not in visitor:
            sides[person.key] = Side.HOST
        elif person.key in visitor and person.key not in host:
            sides[person.key] = Side.VISITOR
    if place_country:
        for person in people:
            if person.key not in sides and person.country:
                sides[person.key] = Side.HOST if person.country == place_country else Side.VISITOR
    ambassadors = [p for p in people if "ambassador" in p.title.lower() and p.key not in sides]
    if ambassadors and len(ambassadors) < len(people):
        for person in ambassadors:
            sides[person.key] = Side.VISITOR
    _complete(people, sides)
    return {p.key: Part(sides.get(p.key, Side.PARTICIPANT), p.key in head) for p in people}


def _complete(people: list[NamedParticipant], sides: dict[str, str]) -> None:
    """Give the sides left open the other side of a two-sided visit: one host, the rest visitors, or the reverse."""
    taken = set(sides.values())
    if Side.HOST in taken and Side.VISITOR not in taken:
        fill = Side.VISITOR
    elif Side.VISITOR in taken and Side.HOST not in taken:
        fill = Side.HOST
    else:
        return
    for person in people:
        sides.setdefault(person.key, fill)


def _read_sentence(sentence: Sentence, people: list[NamedParticipant], host: set, visitor: set, head: set) -> None:
    """Add what one sentence says of each named person's part."""
    text, origin = sentence.text, sentence.start
    named = []
    for person in people:
        for start, end in person.spans:
            if sentence.start <= start < sentence.end:
                named.append((start - origin, end - origin, person))
    named.sort(key=lambda item: item[0])
    for index, (start, end, person) in enumerate(named):
        before, after = text[:start], text[end:]
        if _LED_BY.search(before):
            visitor.add(person.key)
            head.add(person.key)
        if _VISITING_BEFORE.search(before) or _VISITING_AFTER.search(after):
            visitor.add(person.key)
        if _HEAD.search(after[:60]):
            head.add(person.key)
        if _INVITATION_BEFORE.search(before):
            host.add(person.key)
        following = named[index + 1] if index + 1 < len(named) else None
        if following is None:
            continue
        between = text[end : following[0]]
        if _HOSTED_BY.search(between):
            visitor.add(person.key)
            host.add(following[2].key)
        elif _HOSTING.search(between):
            host.add(person.key)
            visitor.add(following[2].key)

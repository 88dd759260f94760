"""One meeting as the article tells it, while its sentences are gathered, and where its people are named.

An :class:`Episode` holds a meeting's people, the sentences that name its sides
(*anchors*) and the other sentences told of it (*context*); a look back is marked
``background``, and a plan told in passing ("The two ministers also agreed to meet in Tbilisi next month")
``aside``: neither is the meeting the story goes on telling. The helpers here read an episode or the list of
them so far.
"""

from dataclasses import dataclass, field

from meetings.propose import modes
from meetings.propose.participants import NamedParticipant
from meetings.propose.sentences import Sentence


@dataclass
class Episode:
    """The sentences of one meeting as the article tells it, while they are gathered."""

    people: list[NamedParticipant]
    anchors: list[Sentence] = field(default_factory=list)
    context: list[Sentence] = field(default_factory=list)
    background: bool = False
    aside: bool = False

    @property
    def keys(self) -> set[str]:
        """Return the identities of the people in this meeting."""
        return {p.key for p in self.people}

    @property
    def sentences(self) -> list[Sentence]:
        """Return the anchors and the context, in text order."""
        return sorted({s.index: s for s in (*self.anchors, *self.context)}.values(), key=lambda s: s.index)

    def add_people(self, people: list[NamedParticipant]) -> None:
        known = self.keys
        self.people.extend(p for p in people if p.key not in known and not represented(p, self.people))

    def shared(self, people: list[NamedParticipant]) -> set[str]:
        """Return the keys of ``people`` who are at this meeting (a country side whose country is, too)."""
        known = self.keys
        return {p.key for p in people if p.key in known or represented(p, self.people)}


def represented(person: NamedParticipant, people: list[NamedParticipant]) -> bool:
    """Whether ``person`` is a country side that a person of its country already stands for at the table."""
    return person.is_country_side and any(p.country == person.country and not p.is_country_side for p in people)


def participants_in(sentence: Sentence, participants: tuple[NamedParticipant, ...]) -> list[NamedParticipant]:
    """Return the participants named in ``sentence``, in the order they are first named there."""
    found = []
    for person in participants:
        positions = [start for start, _ in person.spans if sentence.start <= start < sentence.end]
        if positions:
            found.append((positions[0], person))
    return [person for _, person in sorted(found, key=lambda item: item[0])]


def start_in(sentence: Sentence, person: NamedParticipant) -> int:
    return next(s for s, _ in person.spans if sentence.start <= s < sentence.end)


def end_in(sentence: Sentence, person: NamedParticipant) -> int:
    return next(e for s, e in person.spans if sentence.start <= s < sentence.end)


def current_episode(found: list[Episode]) -> Episode | None:
    """Return the meeting the story is telling now: the latest one that is not a look back."""
    for episode in reversed(found):
        if not (episode.background or episode.aside):
            return episode
    return None


def latest_with(found: list[Episode], key: str) -> Episode | None:
    for episode in reversed(found):
        if not (episode.background or episode.aside) and key in episode.keys:
            return episode
    return None


def at_the_table(episode: Episode) -> list[NamedParticipant]:
    """Return the people a meeting's own sentences name, without those who only "also attended" it."""
    named = {p.key for s in episode.anchors for p in episode.people if any(s.start <= a < s.end for a, _ in p.spans)}
    return [p for p in episode.people if p.key in named] or episode.people


def only_intended(episode: Episode) -> bool:
    """Whether every sentence naming a meeting's sides speaks of it as an intention."""
    return all(modes.is_intention(s.text) and not modes.is_held(s.text) for s in episode.anchors)

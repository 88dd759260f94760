"""Who met whom: the article's participants grouped into meetings, sentence by sentence.

A sentence that names two or more participants and speaks of a meeting is an
*anchor*. Anchors that share two people are one meeting ("Hasanov met Bagheri"
... "Hasanov and Bagheri signed"); an anchor that shares at most one person with
the meetings so far starts another ("later, Bagheri held talks with Hasanov"
after "Bagheri was received by the President"), and so does one naming a few of
a gathering's people apart from it ("on the sidelines of the summit, Aliyev met
Mirziyoyev"). A sentence that looks back
("the ministers last met in Ankara in June") starts a background meeting of the
people of the current one. Every other sentence about a meeting (one or no
participant named: "Bagheri, in turn, noted", "the parties signed a protocol") is
context of the current meeting, or of the next one if none has started; at a
summit, a participant named alone before the others joins them. When no sentence
names two participants, two adjacent sentences that name one each, the second
referring back to the first ("the visit"), make a meeting.
"""

import re
from dataclasses import dataclass, field

from meetings.propose import modes
from meetings.propose.participants import NamedParticipant
from meetings.propose.sentences import Sentence

# Words that set a meeting apart from the gathering it was held at.
_APART = re.compile(
    r"\b(?:sidelines|margins|bilateral\s+(?:meeting|talks|consultations|conversation)|separately|separate\s+meeting|"
    r"one-on-one|tete-a-tete|tête-à-tête)\b",
    re.IGNORECASE,
)
# "his consultations with Foreign Minister X", "X, whom he had received": a meeting of the subject's with X.
_OTHER_MEETING_BEFORE = re.compile(
    r"\b(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:talks|consultations|meeting|negotiations|conversation)\s+with\s+"
    r"(?:(?:[A-Z][\w'’.-]*|of|the|and|for),?\s+){0,10}$"
)
_OTHER_MEETING_AFTER = re.compile(r",?\s+whom\s+(?:he|she|they)\s+(?:had\s+)?(?:met|received|hosted|visited)\b")
_REFERS_BACK = re.compile(r"\b(?:the|this|that|his|her|its)\s+(?:visit|meeting|talks|trip|call)\b", re.IGNORECASE)


@dataclass
class Episode:
    """The sentences of one meeting as the article tells it, while they are gathered."""

    people: list[NamedParticipant]
    anchors: list[Sentence] = field(default_factory=list)
    context: list[Sentence] = field(default_factory=list)
    background: bool = False

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
        self.people.extend(p for p in people if p.key not in known and not _represented(p, self.people))

    def shared(self, people: list[NamedParticipant]) -> set[str]:
        """Return the keys of ``people`` who are at this meeting (a country side whose country is, too)."""
        known = self.keys
        return {p.key for p in people if p.key in known or _represented(p, self.people)}


def _represented(person: NamedParticipant, people: list[NamedParticipant]) -> bool:
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


def episodes(sentences: list[Sentence], participants: tuple[NamedParticipant, ...]) -> list[Episode]:
    """Return the meetings of an article as episodes, in the order the article first reports them."""
    found: list[Episode] = []
    pending: list[tuple[Sentence, list[NamedParticipant]]] = []  # context before the first meeting
    for sentence in sentences:
        if not modes.is_meeting_sentence(sentence.text):
            if not found and len(participants_in(sentence, participants)) >= 2:
                # "Hasanov and Akar watched the exercise on Friday. After it, they held a meeting": the lead-in.
                pending.append((sentence, []))
            continue
        named = participants_in(sentence, participants)
        current = _current(found)
        elsewhere = _met_elsewhere(sentence, named)
        named = [p for p in named if p not in elsewhere]
        if len(named) >= 2:
            episode = _episode_for(found, named, sentence)
            if episode is None:
                episode = Episode(people=list(named), background=bool(modes.BACKGROUND.search(sentence.text)))
                found.append(episode)
                episode.anchors.append(sentence)
                _take_pending(episode, pending)
            else:
                episode.add_people(named)
                episode.anchors.append(sentence)
        elif (
            modes.BACKGROUND.search(sentence.text)
            and current is not None
            and (not named or named[0].key in current.keys)
        ):
            found.append(Episode(people=list(current.people), anchors=[sentence], background=True))
        elif current is None:
            pending.append((sentence, named))
        else:
            target = _latest_with(found, named[0].key) if named else current
            (target or current).context.append(sentence)
        if elsewhere:  # "his talks with X and Y": one meeting with both
            found.append(Episode(people=[named[0], *elsewhere], anchors=[sentence], background=True))
    if not found:
        found.extend(_split_pair(pending))
    return _with_people_named(found)


def _with_people_named(found: list[Episode]) -> list[Episode]:
    """Return the meetings without the country sides a person of theirs stands for, and only those left with two
    sides of which one at least is someone named: "Azerbaijan and Iran held talks" alone is too thin to propose.
    """
    kept = []
    for episode in found:
        episode.people = [p for p in episode.people if not _represented(p, episode.people)]
        if len(episode.people) >= 2 and any(not p.is_country_side for p in episode.people):
            kept.append(episode)
    return kept


def _met_elsewhere(sentence: Sentence, named: list[NamedParticipant]) -> list[NamedParticipant]:
    """Return the people a sentence about one meeting names as met by its subject at another.

    "Araghchi briefed Bayramov on his consultations with Mirzoyan, whom he had received in Tehran a day
    earlier": Mirzoyan was not on the call; the sentence looks back at a meeting of Araghchi's with him.
    Only for sentences naming three people or more: with two, the sentence is that other meeting's own.
    """
    if len(named) < 3:
        return []
    found = []
    for person in named[1:]:
        start, end = next((s, e) for s, e in person.spans if sentence.start <= s < sentence.end)
        before, after = sentence.text[: start - sentence.start], sentence.text[end - sentence.start :]
        if _OTHER_MEETING_BEFORE.search(before) or _OTHER_MEETING_AFTER.match(after):
            found.append(person)
    return found if len(named) - len(found) >= 2 else []


def _split_pair(pending: list[tuple[Sentence, list[NamedParticipant]]]) -> list[Episode]:
    """Return the meeting told over two sentences, each naming one side, when no sentence names both.

    "X is expected to visit Baku next month. The visit is to take place at the
    invitation of Y": the second sentence refers back to the first one's meeting.
    """
    for (first, first_named), (second, second_named) in zip(pending, pending[1:], strict=False):
        if second.index - first.index != 1 or len(first_named) != 1 or len(second_named) != 1:
            continue
        if first_named[0].key == second_named[0].key or not _REFERS_BACK.search(second.text):
            continue
        context = [s for s, _ in pending if s not in (first, second)]
        return [Episode(people=[*first_named, *second_named], anchors=[first, second], context=context)]
    return []


def _current(found: list[Episode]) -> Episode | None:
    """Return the meeting the story is telling now: the latest one that is not a look back."""
    for episode in reversed(found):
        if not episode.background:
            return episode
    return None


def _latest_with(found: list[Episode], key: str) -> Episode | None:
    for episode in reversed(found):
        if not episode.background and key in episode.keys:
            return episode
    return None


def _episode_for(found: list[Episode], named: list[NamedParticipant], sentence: Sentence) -> Episode | None:
    """Return the meeting an anchor continues, or None if it reports another meeting."""
    keys = {p.key for p in named}
    if modes.BACKGROUND.search(sentence.text):
        return None
    for episode in reversed(found):
        if episode.background:
            continue
        if _aside(keys, episode, sentence):
            continue
        shared = episode.shared(named)
        if len(shared) >= 2 or shared == keys:
            return episode
    return None


def _aside(keys: set[str], episode: Episode, sentence: Sentence) -> bool:
    """Whether an anchor reports a meeting of some of a gathering's people apart from it.

    "On the sidelines of the summit, Aliyev met Mirziyoyev", "Lavrov also held bilateral talks with Araghchi":
    two of the summit's five, at a table of their own.
    """
    return len(episode.keys) > len(keys) and len(episode.keys) >= 3 and _APART.search(sentence.text) is not None


def _take_pending(episode: Episode, pending: list) -> None:
    """Give the first meeting the context told before it; at a summit, the people named alone join it."""
    summit = any(modes.is_multilateral(s.text) for s, _ in pending) or any(
        modes.is_multilateral(s.text) for s in episode.anchors
    )
    for sentence, named in pending:
        episode.context.append(sentence)
        if summit and named:
            episode.add_people(named)
    pending.clear()

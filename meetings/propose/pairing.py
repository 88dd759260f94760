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
from dataclasses import dataclass, field, replace
from datetime import date

from meetings.propose import modes
from meetings.propose.dates import MONTH, YEAR, find_dates, month_end
from meetings.propose.participants import CountryMention, NamedParticipant
from meetings.propose.sentences import Sentence

# Words that set a meeting apart from the gathering it was held at.
_APART = re.compile(
    r"\b(?:sidelines|margins|bilateral\s+(?:meeting|talks|consultations|conversation)|separately|"
    r"separate\s+(?:meeting|meetings|talks|consultations)|"
    r"one-on-one|tete-a-tete|tête-à-tête)\b",
    re.IGNORECASE,
)
# "his consultations with Foreign Minister X", "X, whom he had received": a meeting of the subject's with X.
_OTHER_MEETING_BEFORE = re.compile(
    r"\b(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:talks|consultations|meeting|negotiations|conversation)\s+with\s+"
    r"(?:(?:[A-Z][\w'’.-]*|of|the|and|for),?\s+){0,10}$"
)
_OTHER_MEETING_AFTER = re.compile(r",?\s+whom\s+(?:he|she|they)\s+(?:had\s+)?(?:met|received|hosted|visited)\b")
# "held bilateral meetings with A and B", "met separately with A and B": one meeting with each.
_EACH_APART = re.compile(
    r"\b(?:(?:bilateral|separate)\s+(?:meetings|talks|consultations)|meetings\s+with|separately)\b",
    re.IGNORECASE,
)
_VISIT = re.compile(r"\bvisit\b", re.IGNORECASE)
_NEXT_MEETING = re.compile(r"\bnext\s+(?:[\w-]+\s+){0,2}?(?:meeting|session|round|summit)\b", re.IGNORECASE)
_REFERS_BACK = re.compile(r"\b(?:the|this|that|his|her|its)\s+(?:visit|meeting|talks|trip|call)\b", re.IGNORECASE)
# "Wang Yi also attended the talks", "X and Y were also present", "A, B and senior officials attended the meeting",
# "At the meeting, the new attaché X was introduced to the minister": more people at the meeting being told.
_JOINED = re.compile(
    r"\b(?:also\s+(?:attended|took\s+part|participated|joined)|(?:was|were)\s+(?:also\s+)?present|"
    r"attended\s+the\s+(?:meeting|talks|negotiations)\b|(?:was|were)\s+introduced\s+to|(?:was|were)\s+accompanied\b|"
    r"(?:was|were)\s+also\s+(?:in\s+attendance|at\s+the\s+(?:meeting|talks)))\b"
)
# Between two people a sentence names, a second meeting of its subject's: "is expected to meet A and is scheduled
# to hold talks with B", "met A and later received B".
_SECOND_MEETING = re.compile(
    r"\band\s+(?:then\s+|later\s+|also\s+|afterwards\s+)?(?:(?:is|was|are|were)\s+(?:expected|scheduled|due|set)\s+to\s+"
    r"|will\s+|is\s+to\s+)?(?:met|meet|meets|received|receive|receives|hosted|host|hosts|visited|visit"
    r"|(?:hold|held|holds|had)\s+(?:[\w-]+\s+)?(?:talks|a\s+meeting|meetings|consultations))\b"
)
# "X, who held talks with A in Baku on Wednesday, met B on Thursday": the who-clause tells a meeting of its own.
_WHO_MET = re.compile(
    r",\s*who\s+(?:had\s+|also\s+|earlier\s+)?(?:held\s+(?:[\w-]+\s+)?(?:talks|a\s+meeting|meetings|consultations)"
    r"|met|received|hosted|visited)\b"
)
_CLAUSE_THEN_MEETING = re.compile(r",\s+(?:[\w-]+\s+){0,3}?(?:met|received|hosted|held|visited|was\s+received)\b")
# The subject of "the Iranian president also held talks with X", "the Iranian general met X" or "He also met X":
# someone of the meeting just told, named by a pronoun or by their country and office.
# An opening phrase may stand before: "On Tuesday, the Iranian defense minister also held a phone conversation",
# "A day earlier, the Iranian envoy had met with X", "..., where the Iranian diplomat is to hold talks with X".
_OFFICE_NOUN = (
    r"(?:minister|president|general|chief|diplomat|envoy|ambassador|leader|premier|official|commander|speaker|"
    r"guest|head|chairman|secretary)"
)
_SUBJECT_BY_COUNTRY = re.compile(
    rf"^(?:[A-Z][^,]{{0,40}},\s+|.*?,\s+where\s+)?[Tt]he\s+(?P<country>[A-Z][\w-]+)\s+(?:[a-z-]+\s+){{0,2}}?"
    rf"(?P<office>{_OFFICE_NOUN})\b"
)
# "The prime minister recalled his telephone conversation with X": the one of the meeting just told whose title
# is that office.
_SUBJECT_BY_OFFICE = re.compile(
    rf"^(?:[A-Z][^,]{{0,40}},\s+)?[Tt]he\s+(?P<office>(?:[a-z-]+\s+){{0,2}}?{_OFFICE_NOUN})\b"
)
# "He also met X", "He is scheduled to be received by X", "In the Azerbaijani capital he also held talks with X":
# the visitor of the meeting just told, on to the next.
_SUBJECT_PRONOUN = re.compile(
    r"^(?:(?:[A-Z][^,]{0,40},|(?:In|At|On|During|After|Later|Then|Afterwards|Earlier|Following|There|Before)\b"
    r"[^,.]{0,50}?)\s+)?(?:[Hh]e|[Ss]he)\s+"
    r"(?:(?:[a-z-]+\s+)?also\b|(?:is|was)\s+(?:also\s+)?(?:scheduled|expected|due)\s+to\b)"
)
# Someone who only tells of a meeting of others: "Hajiyev told reporters that Aliyev received Mirzoyan",
# "according to Hajiyev, ...".
_SPEECH_AFTER = re.compile(
    r"^(?:,[^,]{0,120},)?\s+(?:said|says|told|tells|stated|announced|added|noted|reported|wrote|tweeted|posted)\b"
)
# "aide to President", "spokesman for the Prime Minister": the office of someone who works for the person named.
_WORKS_FOR = re.compile(
    r"\b(?:aide|adviser|advisor|assistant|spokesman|spokeswoman|spokesperson|press\s+secretary)\s+(?:to|for)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,4}$"
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:[\w'’.-]+\s+){0,8}$", re.IGNORECASE)
# Context that speaks of a whole gathering: "the three ministers signed", "the trilateral declaration".
_GATHERING = re.compile(
    r"\b(?:the\s+(?:three|four|five|six|seven|eight)\s+(?:[\w-]+\s+)?(?:ministers|leaders|presidents|sides|"
    r"countries|parties|heads|delegations|officials|chiefs)|trilateral|quadrilateral)\b",
    re.IGNORECASE,
)


_EARLIER_DAYS = 7  # a meeting held this long before the one being told is another meeting


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


def episodes(
    sentences: list[Sentence],
    participants: tuple[NamedParticipant, ...],
    countries: tuple[CountryMention, ...] = (),
    published: date | None = None,
) -> list[Episode]:
    """Return the meetings of an article as episodes, in the order the article first reports them.

    ``countries`` are the body's country mentions, to tell who "the Iranian president" is; ``published``
    the publication date, to tell a meeting held a week or more before the one being told.
    """
    found: list[Episode] = []
    pending: list[tuple[Sentence, list[NamedParticipant]]] = []  # context before the first meeting
    for sentence in sentences:
        named = participants_in(sentence, participants)
        current = _current(found)
        if (
            current is not None
            and named
            and _JOINED.search(sentence.text)
            and not modes.BACKGROUND.search(sentence.text)
        ):
            target = _joined(found, sentence) or current
            target.add_people(named)
            target.context.append(sentence)
            continue
        if not modes.is_meeting_sentence(sentence.text):
            if not found and len(named) >= 2:
                # "Hasanov and Akar watched the exercise on Friday. After it, they held a meeting": the lead-in.
                pending.append((sentence, []))
            continue
        named = _without_superiors(sentence, _without_narrators(sentence, named))
        elsewhere = _met_elsewhere(sentence, named)
        named = [p for p in named if p not in elsewhere]
        if len(named) == 1 and current is not None and named[0].key not in current.keys:
            subject = _subject_of(sentence, current, countries)
            named = [subject, *named] if subject is not None else named
        earlier = _told_earlier(sentence, current, published)
        for group, told in _meetings_in(sentence, named):
            _read_anchor(found, pending, told, group, current, earlier)
            current = _current(found)
        if elsewhere:  # "his talks with X and Y": one meeting with both
            found.append(Episode(people=[named[0], *elsewhere], anchors=[sentence], background=True))
    if not found:
        found.extend(_split_pair(pending))
    return _with_people_named(found)


def _read_anchor(
    found: list[Episode],
    pending: list,
    sentence: Sentence,
    named: list[NamedParticipant],
    current: Episode | None,
    earlier: bool = False,
) -> None:
    """Add what one sentence about a meeting says, for the people ``named`` in it, to the meetings so far.

    ``earlier`` says the sentence tells of a meeting held a week or more before the current one.
    """
    if len(named) >= 2:
        episode = None if earlier else _episode_for(found, named, sentence)
        if episode is None:
            episode = Episode(people=list(named), background=earlier or bool(modes.BACKGROUND.search(sentence.text)))
            found.append(episode)
            episode.anchors.append(sentence)
            _take_pending(episode, pending)
        else:
            episode.add_people(named)
            episode.anchors.append(sentence)
    elif (people := _looked_back_at(found, current, sentence, named, earlier)) is not None:
        found.append(Episode(people=list(people), anchors=[sentence], background=True))
    elif current is None:
        pending.append((sentence, named))
    else:
        target = _latest_with(found, named[0].key) if named else current
        if not named and _GATHERING.search(sentence.text):
            target = _gathering(found) or target
        (target or current).context.append(sentence)


def _looked_back_at(
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
        source = _current(found[:1]) or current
        return None if _only_intended(source) else _at_the_table(source)
    if not (earlier or modes.BACKGROUND.search(sentence.text)):
        return None
    if named[0].key in current.keys:
        return current.people
    latest = _latest_with(found, named[0].key) if earlier else None
    return latest.people if latest is not None else None


def _told_earlier(sentence: Sentence, current: Episode | None, published: date | None) -> bool:
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


def _meetings_in(sentence: Sentence, named: list[NamedParticipant]) -> list[tuple[list[NamedParticipant], Sentence]]:
    """Return the people of each meeting a sentence reports, each with the text that tells it: one meeting, or
    its subject's several.

    "Fidan is expected to meet Aliyev and is scheduled to hold talks with Bayramov": two meetings of Fidan's;
    "X held bilateral meetings with A and B": two, one with each; "X, who held talks with A in Baku on
    Wednesday, met B on Thursday": two, the first told by the who-clause alone (its day, its city).
    """
    if len(named) < 3:
        return [(named, sentence)]
    if _EACH_APART.search(sentence.text):
        return [([named[0], other], sentence) for other in named[1:]]
    if (clause := _who_clause(sentence, named)) is not None:
        return [(named[:2], clause), ([named[0], *named[2:]], sentence)]
    for index in range(2, len(named)):
        between = sentence.text[
            _end_in(sentence, named[index - 1]) - sentence.start : _start_in(sentence, named[index]) - sentence.start
        ]
        if _SECOND_MEETING.search(between):
            return [(named[:index], sentence), ([named[0], *named[index:]], sentence)]
    return [(named, sentence)]


def _who_clause(sentence: Sentence, named: list[NamedParticipant]) -> Sentence | None:
    """Return the part of a sentence that tells its subject's meeting in a who-clause before the main one, if any:
    "Baqeri, who held talks with Hasanov in Baku on Wednesday" of "..., met President Aliyev on Thursday"."""
    origin = sentence.start
    first_end, second_start = _end_in(sentence, named[0]), _start_in(sentence, named[1])
    if not _WHO_MET.match(sentence.text, first_end - origin, second_start - origin):
        return None
    rest_start, rest_end = _end_in(sentence, named[1]) - origin, _start_in(sentence, named[2]) - origin
    closing = _CLAUSE_THEN_MEETING.search(sentence.text, rest_start, rest_end)
    if closing is None:
        return None
    start = _start_in(sentence, named[0])
    text = sentence.text[start - origin : closing.start()]
    return Sentence(sentence.index, start, start + len(text), text, sentence.paragraph)


def _start_in(sentence: Sentence, person: NamedParticipant) -> int:
    return next(s for s, _ in person.spans if sentence.start <= s < sentence.end)


def _end_in(sentence: Sentence, person: NamedParticipant) -> int:
    return next(e for s, e in person.spans if sentence.start <= s < sentence.end)


def _subject_of(sentence: Sentence, current: Episode, countries: tuple[CountryMention, ...]) -> NamedParticipant | None:
    """Return who of the meeting just told is the unnamed subject of "the Iranian president also met X"."""
    text = sentence.text
    people = [p for p in current.people if not p.is_country_side]
    if (by_country := _SUBJECT_BY_COUNTRY.match(text)) is not None:
        at = sentence.start + by_country.start("country")
        code = next((c.code for c in countries if c.start == at), None)
        matching = [p for p in people if code and p.country == code]
        # "the Iranian general" of a general and an ambassador of Iran: the one whose title says so.
        titled = [p for p in matching if by_country["office"] in p.title.lower()]
        chosen = titled if len(matching) > 1 else matching
        return chosen[0] if len(chosen) == 1 else None
    if (by_office := _SUBJECT_BY_OFFICE.match(text)) is not None:
        office = by_office["office"]
        titled = [p for p in people if re.search(rf"\b{office}\b", p.title.lower())]
        return titled[0] if len(titled) == 1 else None
    if _SUBJECT_PRONOUN.match(text) and people:
        return people[0]
    return None


def _at_the_table(episode: Episode) -> list[NamedParticipant]:
    """Return the people a meeting's own sentences name, without those who only "also attended" it."""
    named = {p.key for s in episode.anchors for p in episode.people if any(s.start <= a < s.end for a, _ in p.spans)}
    return [p for p in episode.people if p.key in named] or episode.people


def _only_intended(episode: Episode) -> bool:
    """Whether every sentence naming a meeting's sides speaks of it as an intention."""
    return all(modes.is_intention(s.text) and not modes.is_held(s.text) for s in episode.anchors)


def _joined(found: list[Episode], sentence: Sentence) -> Episode | None:
    """Return the meeting that people "also attended": the latest told of a summit if the sentence names one,
    else the latest that is not a summit's (the meeting on its sidelines)."""
    summit = modes.is_multilateral(sentence.text)
    for episode in reversed(found):
        if not episode.background and any(modes.is_multilateral(s.text) for s in episode.anchors) == summit:
            return episode
    return None


def _gathering(found: list[Episode]) -> Episode | None:
    """Return the latest meeting of three or more people, if any."""
    return next((e for e in reversed(found) if not e.background and len(e.people) >= 3), None)


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


def _without_superiors(sentence: Sentence, named: list[NamedParticipant]) -> list[NamedParticipant]:
    """Return the people a sentence names less those named only as whom someone works for.

    "Hikmet Hajiyev, foreign policy aide to President Ilham Aliyev, hosted Ronen Levy": Aliyev was not there.
    """
    return [
        person
        for person in named
        if not _WORKS_FOR.search(sentence.text[: _start_in(sentence, person) - sentence.start])
    ]


def _without_narrators(sentence: Sentence, named: list[NamedParticipant]) -> list[NamedParticipant]:
    """Return the people a sentence names less those who only tell of a meeting of two others it names after them.

    "Hajiyev told reporters that President Aliyev received Mirzoyan": the aide spoke to the press, he was not
    at the table. "Aliyev said he was glad to receive Mirzoyan" keeps Aliyev: no two others are named after him.
    """
    if len(named) < 3:
        return named
    kept = list(named)
    for person in named:
        start, end = _start_in(sentence, person), _end_in(sentence, person)
        after = sentence.text[end - sentence.start :]
        telling = _SPEECH_AFTER.match(after) or _ACCORDING_TO.search(sentence.text[: start - sentence.start])
        later = [p for p in named if _start_in(sentence, p) > start]
        if telling and len(later) >= 2:
            kept.remove(person)
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
    held = modes.is_held(sentence.text)
    visit_to_come = _visit_to_come(sentence)
    next_meeting = _NEXT_MEETING.search(sentence.text) is not None and not modes.has_held_verb(sentence.text)
    for episode in reversed(found):
        if episode.background:
            continue
        if _aside(keys, episode, sentence):
            continue
        if visit_to_come and any(modes.is_remote(s.text) for s in episode.anchors):
            continue  # "Hasanov invited Nasirzadeh to visit Baku", told of their call: a visit to come, not the call
        if held and _only_intended(episode):
            continue  # "X is due to hold talks with Y. ... Y visited Tehran in January, when she held talks with X"
        if next_meeting and not _only_intended(episode):
            continue  # "X invited his counterpart to the next trilateral meeting, which will be held in May"
        shared = episode.shared(named)
        if len(shared) >= 2 or shared == keys:
            return episode
    return None


def _visit_to_come(sentence: Sentence) -> bool:
    """Whether a sentence speaks of a visit to come, not of a call ("invited him to visit Baku")."""
    text = sentence.text
    return _VISIT.search(text) is not None and modes.is_intention(text) and not modes.is_remote(text)


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

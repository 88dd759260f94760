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

What a meeting is while it is gathered is :mod:`.episode`'s; who a sentence names as
at the table :mod:`.named`'s; the several meetings of one sentence :mod:`.clauses`';
the look backs :mod:`.lookbacks`'. This module walks the sentences and decides which
meeting each one tells.
"""

import re
from datetime import date

from meetings.propose import modes
from meetings.propose.asides import agreed_to_meet, called_off_visit, office_visit
from meetings.propose.clauses import meetings_in
from meetings.propose.episode import (
    Episode,
    at_the_table,
    current_episode,
    latest_with,
    only_intended,
    participants_in,
    represented,
)
from meetings.propose.lookbacks import looked_back_at, told_earlier
from meetings.propose.named import met_elsewhere, subject_of, without_narrators, without_superiors
from meetings.propose.participants import CountryMention, NamedParticipant
from meetings.propose.sentences import Sentence

__all__ = ["Episode", "episodes", "participants_in"]

# Words that set a meeting apart from the gathering it was held at.
_APART = re.compile(
    r"\b(?:sidelines|margins|bilateral\s+(?:meeting|talks|consultations|conversation)|separately|"
    r"separate\s+(?:meeting|meetings|talks|consultations)|"
    r"one-on-one|tete-a-tete|tête-à-tête)\b",
    re.IGNORECASE,
)
_VISIT = re.compile(r"\bvisit\b", re.IGNORECASE)
# "A scheduled meeting between the prime minister and Premier Li": two of a gathering's people, apart from it.
_BETWEEN = re.compile(r"\b(?:meeting|talks)\s+between\s+the\s+(?:[a-z-]+\s+){0,2}?[a-z]+\s+and\s+[A-Z]")
# "recalling that before 2018 the two heads of state had not met for two decades": no meeting, held or to come (but
# "have not yet met" is one to come).
_HAD_NOT_MET = re.compile(r"\bhad\s+(?:not|never)\s+(?:once\s+)?met\b(?!\s+yet)")
# "He held talks with X", "Later, he was received by X", "On Wednesday he held talks with X": a meeting of the one
# the sentence before is about.
_PRONOUN_SUBJECT = re.compile(
    r"^(?:[A-Z][^,]{0,40},\s+|(?:On|Later|Then|Afterwards|Next|In)\s+(?:[\w-]+\s+){0,3}?(?=he\s|she\s))?"
    r"(?:He|She|he|she)\s+(?:also\s+|later\s+|then\s+|first\s+)?"
    r"(?:met|meets|held|holds|received|receives|visited|hosted|was\s+received|is\s+(?:to|due|expected|scheduled)|will|"
    r"spoke|called|had)\b"
)
# A trip to a place: "is due to travel to Ankara", "will visit Tehran", "a trip to Baku".
_TRIP_TO = re.compile(
    r"\b(?:travel(?:s|ling|ing)?\s+to|visit(?:s|ing)?|trip\s+to|come\s+to|fly\s+to|go\s+to)\s+(?:the\s+)?[A-Z]"
)
_THE_EVENT = re.compile(
    r"\b(?:the|this|that)\s+(?P<event>summit|conference|forum|assembly|congress|games)\b", re.IGNORECASE
)
_NEXT_MEETING = re.compile(r"\bnext\s+(?:[\w-]+\s+){0,2}?(?:meeting|session|round|summit)\b", re.IGNORECASE)
_REFERS_BACK = re.compile(r"\b(?:the|this|that|his|her|its)\s+(?:visit|meeting|talks|trip|call)\b", re.IGNORECASE)
# "Wang Yi also attended the talks", "X and Y were also present", "A, B and senior officials attended the meeting",
# "At the meeting, the new attaché X was introduced to the minister": more people at the meeting being told.
_JOINED = re.compile(
    r"\b(?:also\s+(?:attended|took\s+part|participated|joined)|(?:was|were)\s+(?:also\s+)?present|"
    r"attended\s+the\s+(?:meeting|talks|negotiations)\b|(?:was|were)\s+introduced\s+to|(?:was|were)\s+accompanied\b|"
    r"(?:was|were)\s+also\s+(?:in\s+attendance|at\s+the\s+(?:meeting|talks))|"
    # "Azerbaijan was represented by Minister X, Turkey by Minister Y": the sides of the meeting just told.
    r"(?:was|were)\s+represented\s+(?:[\w-]+\s+){0,3}?by|"
    # "Foreign Ministers A and B also signed a plan of consultations": who signed at the meeting was at it.
    r"also\s+signed)\b"
)
# "by the two presidents", "The presidents also adopted": two of one office, whose meeting the sentence tells.
_THE_TWO = re.compile(
    r"\b(?:[Tt]he|[Bb]oth)\s+(?:two\s+)?(?P<office>president|minister|prime\s+minister|premier|speaker|chief|leader)s\b"
)
# Context that speaks of a whole gathering: "the three ministers signed", "the trilateral declaration".
_GATHERING = re.compile(
    r"\b(?:the\s+(?:three|four|five|six|seven|eight)\s+(?:[\w-]+\s+)?(?:ministers|leaders|presidents|sides|"
    r"countries|parties|heads|delegations|officials|chiefs)|trilateral|quadrilateral)\b",
    re.IGNORECASE,
)


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
    lone = None  # the sentence before and the one participant it names, if it names one
    for sentence in sentences:
        named = participants_in(sentence, participants)
        current = current_episode(found)
        before, lone = lone, ((sentence, named[0]) if len(named) == 1 else None)
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
        if current is None and named and _JOINED.search(sentence.text) and (lead := _joined_lead(pending, named)):
            # "The ministers held their trilateral meeting in Tbilisi, hosted by X. Azerbaijan was represented by
            # Y, Turkey by Z": the meeting told before names its other sides so.
            found.append(lead)
            pending.clear()
            continue
        if (
            len(named) == 1
            and current is not None
            and (put_off := called_off_visit(sentence, named[0], found, countries, sentences[: sentence.index]))
        ):
            found.append(put_off)  # "Putin's trip to Turkey had been postponed", told of his call with Erdoğan
            continue
        if not named and current is not None and (visit := office_visit(sentence, current, countries)) is not None:
            found.append(visit)  # "the upcoming state visit of the President of Kazakhstan to Uzbekistan"
            current.context.append(sentence)
            continue
        if not modes.is_meeting_sentence(sentence.text) or _HAD_NOT_MET.search(sentence.text):
            if not found and len(named) >= 2:
                # "Hasanov and Akar watched the exercise on Friday. After it, they held a meeting": the lead-in.
                pending.append((sentence, []))
            continue
        named = without_superiors(sentence, without_narrators(sentence, named))
        if len(named) <= 1 and current is not None and (plan := agreed_to_meet(sentence, found)) is not None:
            # "The two ministers also agreed to hold a trilateral meeting with X": a meeting to come, told in
            # passing; the sentence stays the context of the meeting being told.
            pair, clause = plan
            others = [p for p in named if p.key not in {q.key for q in pair}]
            found.append(
                Episode(people=[*pair, *others], anchors=[clause], context=_event_told(sentences, clause), aside=True)
            )
            current.context.append(sentence)
            continue
        if len(named) == 1 and current is None and _by_pronoun(sentence, named[0], before):
            # "Hakan Fidan arrived in Baku on Monday. He held talks with X.": the arrival leads up to it (day, city).
            named = [before[1], *named]
            if all(s is not before[0] for s, _ in pending):
                pending.append((before[0], []))
        if len(named) == 1 and current is not None and (two := _the_two_met(sentence, named[0], current)):
            # "Before the talks, President X received the two ministers together": the two of the meeting told.
            _read_anchor(found, pending, sentence, [*named, *two], current)
            continue
        elsewhere = met_elsewhere(sentence, named)
        named = [p for p in named if p not in elsewhere]
        if len(named) == 1 and current is not None and named[0].key not in current.keys:
            subject = subject_of(sentence, current, countries, named[0], found)
            named = [subject, *named] if subject is not None else named
        elif (
            len(named) == 1 and current is not None and (_APART.search(sentence.text) or _BETWEEN.search(sentence.text))
        ):
            # "On the sidelines of the meeting, the Iranian top diplomat also met X", "Earlier, the Prime Minister
            # held a bilateral meeting with X", X at the summit: a meeting of theirs apart from it.
            subject = subject_of(sentence, current, countries, named[0], found, by_office_only=True)
            named = [subject, *named] if subject is not None else named
        if len(named) == 1 and current is not None and (apart := _with_each(sentence, named[0], current)):
            # "Before the trilateral session, X held separate bilateral meetings with both of his counterparts": a
            # meeting of X's with each of the others of the gathering.
            found.extend(apart)
            continue
        earlier = bool(named) and told_earlier(sentence, current, published)  # a date alone names no one
        for group, told in meetings_in(sentence, named):
            _read_anchor(found, pending, told, group, current, earlier)
            current = current_episode(found)
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
            if not found and (pair := _split_pair(pending)):
                # "X landed in Tehran on Sunday. The talks with Y on Monday ... X was also received by Z": the meeting
                # told over two sentences comes first.
                found.extend(pair)
                pending.clear()
            episode = Episode(people=list(named), background=earlier or bool(modes.BACKGROUND.search(sentence.text)))
            found.append(episode)
            episode.anchors.append(sentence)
            _take_pending(episode, pending)
        else:
            episode.add_people(named)
            episode.anchors.append(sentence)
    elif (people := looked_back_at(found, current, sentence, named, earlier)) is not None:
        found.append(Episode(people=list(people), anchors=[sentence], background=True))
    elif current is None:
        pending.append((sentence, named))
    else:
        target = latest_with(found, named[0].key) if named else current
        if not named and _GATHERING.search(sentence.text):
            target = _gathering(found) or target
        elif not named and (two := _THE_TWO.search(sentence.text)) is not None:
            # "co-chaired by the two presidents, 14 agreements were signed", told after the speaker received the
            # president: the latest meeting of two of that office.
            target = _pair_of_office(found, two["office"]) or target
        (target or current).context.append(sentence)


def _by_pronoun(sentence: Sentence, person: NamedParticipant, before) -> bool:
    """Whether "He held talks with X" has for its subject the one person the sentence right before names."""
    return (
        before is not None
        and before[0].index == sentence.index - 1
        and before[1].key != person.key
        and not before[1].is_country_side
        and _PRONOUN_SUBJECT.match(sentence.text) is not None
    )


# "X met", "X, the prime minister, also received": the one named first is who met.
_SUBJECT_MET = re.compile(
    r"\s*(?:,[^,]{0,80},\s*)?(?:also\s+|later\s+|then\s+)?(?:met|meets|received|receives|hosted|hosts|"
    r"held\s+(?:[\w-]+\s+)?talks)\b"
)


# "held separate bilateral meetings with both of his counterparts", "met each of the visiting ministers separately".
_WITH_EACH = re.compile(
    r"\b(?:(?:separate|bilateral)\s+(?:[\w-]+\s+)?(?:meetings|talks)\s+with\s+(?:both|each|all)\s+of\s+(?:his|her|the)"
    r"|(?:met|received)\s+(?:with\s+)?(?:both|each|all)\s+of\s+(?:his|her|the)\s+(?:[\w-]+\s+){0,2}?\w+\s+separately)\b"
)


def _with_each(sentence: Sentence, person: NamedParticipant, current: Episode) -> list[Episode]:
    """Return a meeting of ``person``'s with each of the others of the gathering being told, if the sentence says
    they met each of them apart; none otherwise."""
    others = [p for p in current.people if p.key != person.key and not p.is_country_side]
    if person.key not in current.keys or len(others) < 2 or _WITH_EACH.search(sentence.text) is None:
        return []
    return [Episode(people=[person, other], anchors=[sentence]) for other in others]


_MET_THE_TWO = re.compile(
    r"\s*(?:,[^,]{0,80},\s*)?(?:also\s+|later\s+|then\s+)?(?:received|hosted|welcomed|met(?:\s+with)?)\s+"
    r"(?:the|both)\s+(?:two\s+)?(?:[a-z-]+\s+)?(?:ministers|leaders|presidents|premiers|sides|delegations|guests|"
    r"counterparts|officials|speakers|chiefs)\b"
)


def _the_two_met(sentence: Sentence, person: NamedParticipant, current: Episode) -> list[NamedParticipant]:
    """Return the two people of the meeting being told whom "X received the two ministers" names, or none."""
    end = next((e for s, e in person.spans if sentence.start <= s < sentence.end), None)
    people = [p for p in at_the_table(current) if not p.is_country_side]
    if (
        person.key in current.keys
        or end is None
        or len(people) != 2
        or not _MET_THE_TWO.match(sentence.text, end - sentence.start)
    ):
        return []
    return people


def _joined_lead(pending: list, named: list[NamedParticipant]) -> Episode | None:
    """Return the first meeting, of the latest sentence before that tells a meeting and names someone, with the
    people who "were represented by" or "also attended" in the sentence after it; None without two people."""
    told = next(((s, people) for s, people in reversed(pending) if people), None)
    if told is None:
        return None
    sentence, people = told
    keys = {p.key for p in people}
    everyone = [*people, *(p for p in named if p.key not in keys)]
    if len(everyone) < 2:
        return None
    context = [s for s, _ in pending if s is not sentence]
    return Episode(people=everyone, anchors=[sentence], context=context)


def _event_told(sentences: list[Sentence], clause: Sentence) -> list[Sentence]:
    """Return the sentence before that tells of the event a plan names ("on the sidelines of the summit"): its day.

    "... the summit, which Astana will host on July 3-4. The two leaders agreed to hold a bilateral meeting on the
    sidelines of the summit": the meeting is due on July 3.
    """
    event = _THE_EVENT.search(clause.text)
    if event is None:
        return []
    word = re.compile(rf"\b{event['event']}\b", re.IGNORECASE)
    told = next((s for s in reversed(sentences[: clause.index]) if word.search(s.text)), None)
    return [told] if told is not None else []


def _joined(found: list[Episode], sentence: Sentence) -> Episode | None:
    """Return the meeting that people "also attended": the latest told of a summit if the sentence names one,
    else the latest that is not a summit's (the meeting on its sidelines)."""
    summit = modes.is_multilateral(sentence.text)
    for episode in reversed(found):
        if not episode.background and any(modes.is_multilateral(s.text) for s in episode.anchors) == summit:
            return episode
    return None


def _pair_of_office(found: list[Episode], office: str) -> Episode | None:
    """Return the latest meeting told (no look back) of two people whose titles both name ``office``."""
    for episode in reversed(found):
        people = [p for p in episode.people if not p.is_country_side]
        if episode.background or episode.aside or len(people) != 2:
            continue
        # A title not reported may be that office; "minister" is not the prime minister's.
        word = re.compile(rf"(?<!prime\s)\b{office.lower()}\b")
        if all(not p.title or word.search(p.title.lower()) for p in people):
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
        episode.people = [p for p in episode.people if not represented(p, episode.people)]
        if len(episode.people) >= 2 and any(not p.is_country_side for p in episode.people):
            kept.append(episode)
    return kept


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


def _episode_for(found: list[Episode], named: list[NamedParticipant], sentence: Sentence) -> Episode | None:
    """Return the meeting an anchor continues, or None if it reports another meeting."""
    keys = {p.key for p in named}
    if modes.BACKGROUND.search(sentence.text):
        return None
    held = modes.is_held(sentence.text)
    visit_to_come = _visit_to_come(sentence)
    next_meeting = _NEXT_MEETING.search(sentence.text) is not None and not modes.has_held_verb(sentence.text)
    # "Bayramov is due to travel to Ankara in April for talks with Fidan", told after their talks: a meeting to come.
    plan_only = (
        _TRIP_TO.search(sentence.text) is not None
        and modes.is_intention(sentence.text)
        and not modes.has_held_verb(sentence.text)
    )
    for episode in reversed(found):
        if episode.background:
            continue
        if _aside(keys, episode, sentence):
            continue
        if visit_to_come and any(modes.is_remote(s.text) for s in episode.anchors):
            continue  # "Hasanov invited Nasirzadeh to visit Baku", told of their call: a visit to come, not the call
        if held and only_intended(episode):
            continue  # "X is due to hold talks with Y. ... Y visited Tehran in January, when she held talks with X"
        if plan_only and not only_intended(episode):
            continue
        if next_meeting and not only_intended(episode):
            continue  # "X invited his counterpart to the next trilateral meeting, which will be held in May"
        if _gathering_after_pair(keys, episode, sentence):
            continue  # "On Monday, A held talks with B. The next day, B hosted A and C for a trilateral summit"
        if _new_subject(sentence, named, episode):
            continue  # "Prime Minister X met the Turkish and Azerbaijani ministers": X's own meeting with them
        shared = episode.shared(named)
        if len(shared) >= 2 or shared == keys:
            return episode
    return None


def _gathering_after_pair(keys: set[str], episode: Episode, sentence: Sentence) -> bool:
    """Whether an anchor tells a summit or trilateral of a meeting's two people and someone new: another meeting."""
    people = [p for p in at_the_table(episode) if not p.is_country_side]  # not who "accompanied" them
    return (
        len(people) == 2
        and bool(keys - {p.key for p in people} - episode.keys)
        and modes.is_multilateral(sentence.text)
        and not any(modes.is_multilateral(s.text) for s in episode.anchors)
    )


def _new_subject(sentence: Sentence, named: list[NamedParticipant], episode: Episode) -> bool:
    """Whether a sentence's subject, not at a meeting told, is the one who met (received, hosted) others of it."""
    if named[0].key in episode.keys or named[0].is_country_side:
        return False
    end = next((e for s, e in named[0].spans if sentence.start <= s < sentence.end), None)
    return end is not None and _SUBJECT_MET.match(sentence.text, end - sentence.start) is not None


def _visit_to_come(sentence: Sentence) -> bool:
    """Whether a sentence speaks of a visit to come, not of a call ("invited him to visit Baku")."""
    text = sentence.text
    return _VISIT.search(text) is not None and modes.is_intention(text) and not modes.is_remote(text)


def _aside(keys: set[str], episode: Episode, sentence: Sentence) -> bool:
    """Whether an anchor reports a meeting of some of a gathering's people apart from it.

    "On the sidelines of the summit, Aliyev met Mirziyoyev", "Lavrov also held bilateral talks with Araghchi":
    two of the summit's five, at a table of their own.
    """
    apart = _APART.search(sentence.text) is not None or _BETWEEN.search(sentence.text) is not None
    return len(episode.keys) > len(keys) and len(episode.keys) >= 3 and apart


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

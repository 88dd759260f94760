"""Who a sentence about a meeting names as at it, and who it names only in passing.

The subject left unnamed ("the Iranian general met X", "The prime minister recalled
his call with X", "He also met X") is someone of the meeting just told; a person
named only as whom another works for ("aide to President X"), who only tells of a
meeting of others ("X told reporters that A received B") or whom the subject met
elsewhere ("his consultations with X, whom he had received in Tehran") is not at
the table.
"""

import re

from meetings.propose.episode import Episode, end_in, start_in
from meetings.propose.participants import CountryMention, NamedParticipant
from meetings.propose.sentences import Sentence

# "his consultations with Foreign Minister X", "X, whom he had received": a meeting of the subject's with X.
_OTHER_MEETING_BEFORE = re.compile(
    r"\b(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:talks|consultations|meeting|negotiations|conversation)\s+with\s+"
    r"(?:(?:[A-Z][\w'’.-]*|of|the|and|for),?\s+){0,10}$"
)
_OTHER_MEETING_AFTER = re.compile(r",?\s+whom\s+(?:he|she|they)\s+(?:had\s+)?(?:met|received|hosted|visited)\b")
# The subject of "the Iranian president also held talks with X", "the Iranian general met X" or "He also met X":
# someone of the meeting just told, named by a pronoun or by their country and office.
# An opening phrase may stand before: "On Tuesday, the Iranian defense minister also held a phone conversation",
# "A day earlier, the Iranian envoy had met with X", "..., where the Iranian diplomat is to hold talks with X".
_OFFICE_NOUN = (
    r"(?:minister|president|general|chief|diplomat|envoy|ambassador|leader|premier|official|commander|speaker|"
    r"guest|head|chairman|secretary|pm|fm)"
)
# The opening phrase: one or two ("Earlier, on Saturday, the President held a video call with X").
_OPENING = r"(?:[A-Z][^,]{0,40},\s+(?:[a-z][^,]{0,30},\s+)?)"
# The same without a comma: "The same day the Turkish minister was received by X".
_BARE_OPENING = (
    r"(?:(?:On\s+)?[Tt]he\s+same\s+day|Later(?:\s+(?:that|the\s+same)\s+day|\s+in\s+the\s+day)?|Afterwards|Then|"
    r"Earlier(?:\s+in\s+the\s+day)?)\s+"
)
_SUBJECT_BY_COUNTRY = re.compile(
    rf"^(?:{_OPENING}|.*?,\s+where\s+|{_BARE_OPENING})?[Tt]he\s+(?P<country>[A-Z][\w-]+)\s+(?:(?i:[a-z-]+)\s+){{0,2}}?"
    rf"(?P<office>(?i:{_OFFICE_NOUN}))\b"  # "the Iranian top diplomat", "The Tajik President"
)
# "Later the same day Georgian Defense Minister was received by X": country and office with no "the", the
# office capitalised; only at the head of the clause, before its verb.
_SUBJECT_BY_BARE_COUNTRY = re.compile(
    rf"^(?:{_OPENING}|(?:Later|Earlier|Then|Afterwards|On\s+the\s+same\s+day)\b[^,.]{{0,30}}?\s+)?"
    rf"(?P<country>[A-Z][\w-]+)\s+(?:[A-Z][a-z-]+\s+){{0,2}}?(?P<office>(?i:{_OFFICE_NOUN}))\s+"
    r"(?:was|is|also|had|held|met|then|later)\b"
)
# "The Speaker of the Azerbaijani parliament also met X": the office, then its country.
_SUBJECT_BY_OFFICE_OF_COUNTRY = re.compile(
    rf"^{_OPENING}?[Tt]he\s+(?P<office>(?i:{_OFFICE_NOUN}))\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w-]+)\b"
)
# "The prime minister recalled his telephone conversation with X": the one of the meeting just told whose title
# is that office.
# "the President" as well as "the president": an agency capitalises the office of its own head of state.
# "the Prime Minister", "the prime minister": the words before the office noun in either case.
_SUBJECT_BY_OFFICE = re.compile(
    rf"^{_OPENING}?[Tt]he\s+(?P<office>(?:(?i:[a-z-]+)\s+){{0,2}}?(?i:{_OFFICE_NOUN}))\b"
    # "A scheduled meeting between the prime minister and Premier Li did not take place": the other side is one of
    # the story's, by office.
    rf"|\bbetween\s+the\s+(?P<between>(?:(?i:[a-z-]+)\s+){{0,2}}?(?i:{_OFFICE_NOUN}))\s+and\s"
)
# "He also met X", "He is scheduled to be received by X", "In the Azerbaijani capital he also held talks with X":
# the visitor of the meeting just told, on to the next.
_SUBJECT_PRONOUN = re.compile(
    r"^(?:(?:[A-Z][^,]{0,40},|(?:In|At|On|During|After|Later|Then|Afterwards|Earlier|Following|There|Before)\b"
    r"[^,.]{0,50}?)\s+)?(?:[Hh]e|[Ss]he)\s+"
    r"(?:(?:[a-z-]+\s+)?also\b|(?:is|was)\s+(?:also\s+)?(?:scheduled|expected|due)\s+to\b)"
)
# "Later the same day, he spoke with X": after an opening phrase, a meeting verb needs no "also".
_PRONOUN_AFTER_OPENING = re.compile(
    r"^[A-Z][^,]{0,40},\s+(?:he|she)\s+(?:then\s+|later\s+)?(?:met|held|spoke|received|hosted|visited|called|"
    r"was\s+received|had\s+(?:a\s+)?(?:phone|telephone|video|talks|meeting))\b"
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
# "conveyed a message of goodwill from President X", "the greetings of X": the sender, who stayed at home.
_SENT_BY = re.compile(
    r"\b(?:message|messages|greetings|regards|letter|wishes)\s+(?:[a-z-]+\s+){0,3}?(?:of|from)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,4}$"
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:[\w'’.-]+\s+){0,8}$", re.IGNORECASE)


def subject_of(
    sentence: Sentence,
    current: Episode,
    countries: tuple[CountryMention, ...],
    other: NamedParticipant | None = None,
    earlier: list[Episode] = (),
    by_office_only: bool = False,
) -> NamedParticipant | None:
    """Return who of the meeting just told is the unnamed subject of "the Iranian president also met X".

    ``other`` is the one person the sentence names: "he" who met them is, of the meeting just told, first one of
    another country ("Aliyev received Qalibaf. ... he held talks with Speaker Gafarova": Qalibaf, not Aliyev).
    One named by country and office who is not at the meeting just told is sought in the ``earlier`` ones ("On the
    sidelines of the meeting, the Iranian top diplomat also met X", told of a summit he was not yet counted at).
    ``by_office_only``: a subject named by a pronoun is not sought.
    """
    text = sentence.text
    people = [p for p in current.people if not p.is_country_side]
    by_country = (
        _SUBJECT_BY_COUNTRY.match(text)
        or _SUBJECT_BY_OFFICE_OF_COUNTRY.match(text)
        or _SUBJECT_BY_BARE_COUNTRY.match(text)
    )
    at = sentence.start + by_country.start("country") if by_country is not None else -1
    code = next((c.code for c in countries if c.start == at), None)
    if by_country is not None and code is not None:  # "the Prime Minister" names no country: by office, below
        matching = [p for p in people if code and p.country == code]
        for episode in reversed(earlier):
            if matching or episode is current or episode.background:
                continue
            matching = [p for p in episode.people if code and p.country == code and not p.is_country_side]
        matching = [p for p in matching if other is None or p.key != other.key]
        # "the Iranian general" of a general and an ambassador of Iran: the one whose title says so.
        titled = [p for p in matching if by_country["office"].lower() in p.title.lower()]
        chosen = titled if len(matching) > 1 else matching
        return chosen[0] if len(chosen) == 1 else None
    if (by_office := _SUBJECT_BY_OFFICE.match(text) or _SUBJECT_BY_OFFICE.search(text)) is not None:
        office = (by_office["office"] or by_office["between"]).lower()
        titled = [p for p in people if re.search(rf"\b{office}\b", p.title.lower())]
        # "the President" of a president and the "President of Russia" the story names: its own, with no country.
        bare = [p for p in titled if p.title.lower() == office]
        chosen = [p for p in (bare if len(titled) > 1 else titled) if other is None or p.key != other.key]
        if len(chosen) > 1:
            # "the prime minister" of a summit of three prime ministers: the one the story follows, at the most
            # meetings told so far ("Sharif called on Rahmon ... Earlier, Sharif addressed the SCO meeting ...").
            told = {p.key: sum(p.key in e.keys for e in earlier if not e.background) for p in chosen}
            most = max(told.values())
            chosen = [p for p in chosen if told[p.key] == most]
        return chosen[0] if len(chosen) == 1 else None
    if by_office_only:
        return None
    if (_SUBJECT_PRONOUN.match(text) or _PRONOUN_AFTER_OPENING.match(text)) and people:
        abroad = [p for p in people if other is not None and p.country and other.country and p.country != other.country]
        return (abroad or people)[0]
    return None


def without_superiors(sentence: Sentence, named: list[NamedParticipant]) -> list[NamedParticipant]:
    """Return the people a sentence names less those named only as whom someone works for, or who sent a message.

    "Hikmet Hajiyev, foreign policy aide to President Ilham Aliyev, hosted Ronen Levy": Aliyev was not there; nor
    was X of "A received B, who conveyed a message of goodwill from President X" (two others met).
    """
    return [
        person
        for person in named
        if not _WORKS_FOR.search(before := sentence.text[: start_in(sentence, person) - sentence.start])
        and not (len(named) > 2 and _SENT_BY.search(before))
    ]


def without_narrators(sentence: Sentence, named: list[NamedParticipant]) -> list[NamedParticipant]:
    """Return the people a sentence names less those who only tell of a meeting of two others it names after them.

    "Hajiyev told reporters that President Aliyev received Mirzoyan": the aide spoke to the press, he was not
    at the table. "Aliyev said he was glad to receive Mirzoyan" keeps Aliyev: no two others are named after him.
    """
    if len(named) < 3:
        return named
    kept = list(named)
    for person in named:
        start, end = start_in(sentence, person), end_in(sentence, person)
        after = sentence.text[end - sentence.start :]
        telling = _SPEECH_AFTER.match(after) or _ACCORDING_TO.search(sentence.text[: start - sentence.start])
        later = [p for p in named if start_in(sentence, p) > start]
        if telling and len(later) >= 2:
            kept.remove(person)
    return kept


def met_elsewhere(sentence: Sentence, named: list[NamedParticipant]) -> list[NamedParticipant]:
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

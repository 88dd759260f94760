"""The meetings of one sentence: one, or its subject's several.

"Fidan is expected to meet Aliyev and is scheduled to hold talks with Bayramov",
"X held bilateral meetings with A and B", "X, who held talks with A on Wednesday,
met B on Thursday", "A and B held talks on Monday, a day after A hosted C": a meeting
for each, the last told by its who-clause alone.
"""

import re

from meetings.propose.episode import end_in, start_in
from meetings.propose.participants import NamedParticipant
from meetings.propose.sentences import Sentence

# "held bilateral meetings with A and B", "met separately with A and B", "held telephone conversations with A and
# B" (calls in the plural): one meeting with each.
_EACH_APART = re.compile(
    r"\b(?:(?:bilateral|separate)\s+(?:meetings|talks|consultations)|meetings\s+with|separately|"
    r"(?:tele)?phone\s+(?:conversations|calls)|video\s+(?:calls|conferences))\b",
    re.IGNORECASE,
)
# Between two people a sentence names, a second meeting of its subject's: "is expected to meet A and is scheduled
# to hold talks with B", "met A and later received B", "held talks with A and was received by B".
_SECOND_MEETING = re.compile(
    r"\band\s+(?:then\s+|later\s+|also\s+|afterwards\s+)?(?:(?:is|was|are|were)\s+(?:expected|scheduled|due|set)\s+to\s+"
    r"|will\s+|is\s+to\s+|was\s+(?=received|hosted|welcomed))?(?:met|meet|meets|received|receive|receives|hosted|host|hosts|visited|visit"
    r"|(?:hold|held|holds|had)\s+(?:[\w-]+\s+)?(?:talks|a\s+meeting|meetings|consultations))\b"
)
# "A and B held talks in Tehran on Monday, a day after A hosted C": the clause after tells another meeting of A's.
_DAY_AFTER = re.compile(
    r",\s+(?:a|the|one|two|three|a\s+few)\s+(?:days?|weeks?|hours)\s+after\s+(?:[A-Z][\w'’.-]*\s+){1,3}"
    r"(?:had\s+)?(?:met|hosted|received|visited|held\s+(?:[\w-]+\s+)?(?:talks|a\s+meeting)\s+with)\s"
)
# "X, who held talks with A in Baku on Wednesday, met B on Thursday": the who-clause tells a meeting of its own.
_WHO_MET = re.compile(
    r",\s*who\s+(?:had\s+|also\s+|earlier\s+)?(?:held\s+(?:[\w-]+\s+)?(?:talks|a\s+meeting|meetings|consultations)"
    r"|met|received|hosted|visited)\b"
)
_CLAUSE_THEN_MEETING = re.compile(r",\s+(?:[\w-]+\s+){0,3}?(?:met|received|hosted|held|visited|was\s+received)\b")


def meetings_in(sentence: Sentence, named: list[NamedParticipant]) -> list[tuple[list[NamedParticipant], Sentence]]:
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
            end_in(sentence, named[index - 1]) - sentence.start : start_in(sentence, named[index]) - sentence.start
        ]
        if _SECOND_MEETING.search(between):
            return [(named[:index], sentence), ([named[0], *named[index:]], sentence)]
        if (after := _DAY_AFTER.search(between)) is not None:
            # Its subject is the one of the first meeting it names again ("a day after Araghchi hosted").
            at = end_in(sentence, named[index - 1]) + after.start()
            again = [p for p in named[:index] if any(at <= s < start_in(sentence, named[index]) for s, _ in p.spans)]
            return [(named[:index], sentence), ([(again or named)[0], *named[index:]], sentence)]
    return [(named, sentence)]


def _who_clause(sentence: Sentence, named: list[NamedParticipant]) -> Sentence | None:
    """Return the part of a sentence that tells its subject's meeting in a who-clause before the main one, if any:
    "Baqeri, who held talks with Hasanov in Baku on Wednesday" of "..., met President Aliyev on Thursday"."""
    origin = sentence.start
    first_end, second_start = end_in(sentence, named[0]), start_in(sentence, named[1])
    if not _WHO_MET.match(sentence.text, first_end - origin, second_start - origin):
        return None
    rest_start, rest_end = end_in(sentence, named[1]) - origin, start_in(sentence, named[2]) - origin
    closing = _CLAUSE_THEN_MEETING.search(sentence.text, rest_start, rest_end)
    if closing is None:
        return None
    start = start_in(sentence, named[0])
    text = sentence.text[start - origin : closing.start()]
    return Sentence(sentence.index, start, start + len(text), text, sentence.paragraph)

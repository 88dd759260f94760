"""Who took part and under which title: read from the sentence around a name.

Heuristics, written for the way agency news reports meetings, and checked on the
seeds. A curator corrects the rest in the admin.

*Participant*: the name is the subject of a meeting or speech verb ("Zakir
Hasanov on Wednesday met", "Bagheri, in turn, noted"), or the other side of the
meeting ("met with ... Javad Jahangirzadeh", "a delegation led by ... Mohammad
Bagheri"). Anyone else is *mentioned* ("the merits of ... Heydar Aliyev"), and so
is one whose greetings or message another brings ("conveyed the greetings of
President Erdoğan").

*Title as reported*: the office words just before the name ("Azerbaijani
Defense Minister, Colonel General Zakir Hasanov" → "Defense Minister, Colonel
General"; nationality words are left out, they are the country's business), or
else an apposition after it ("Javad Jahangirzadeh, Ambassador of Iran to
Azerbaijan"). An office followed by a rank gets the comma the seeds' curators
write ("Defense Minister Colonel General" → "Defense Minister, Colonel General").
"""

import bisect
import re

from archive.ingest.vocabulary import (
    MEETING_OBJECT_TRIGGERS,
    OFFICE_WORDS,
    PARTICIPATION_VERBS,
    RANK_COMPOUNDS,
    RANKS,
    TITLE_INNER,
    TITLE_START,
)

PARTICIPANT, MENTIONED = "participant", "mentioned"

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]*[A-Z0-9])|\n+")
_VERB = re.compile(rf"\b(?:{PARTICIPATION_VERBS})\b")
_TRIGGER = re.compile(rf"\b(?:{MEETING_OBJECT_TRIGGERS})\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_][\w'’.-]*|,")
_MAX_WORDS_AFTER_TRIGGER = 25
_MAX_TITLE_WORDS = 20
_CONNECTORS = frozenset({"of", "the", "for", "to", "and", "a", "an", "in", "on", "at", "with", "by"})
# Someone whose words or wishes are brought to a meeting by another: "the greetings of President", "on behalf of";
# and whom the one at the table stands for: "special envoy of President X", "the representative of"; or acts for:
# "met X on the instructions of President Y".
_ON_BEHALF = re.compile(
    r"\b(?:greetings|regards|wishes|message|letter|condolences|behalf|envoy|emissary|representative|"
    r"instructions?|orders?|behest|directions?)\s+(?:of|from)\s+"
    r"(?:(?:[A-Z][\w'’.-]*|of|the|and|for)\s+){0,10}$"
)
# A speech verb and "that": what follows is a clause of its own, whose subject the verb before it does not make.
# "according to two sources who spoke to Al-Monitor, X will": the source's words end at the comma.
_REPORTED = re.compile(
    r"^.*\b(?:(?:said|says|saying|told\s+[\w\s]{1,30}?|stated|announced|added|adding|noted|noting|reported|"
    r"recalled|recalling|stressed|underlined)\s+that\s|[Aa]ccording\s+to\s[^,]{1,80},\s)"
)
_RANK_WORDS = frozenset(word for rank in RANKS for word in rank.split()) - {"of", "the"}
# "At the meeting, ...", "Before the talks, X received": an opening phrase, whose "talks" is no verb of X's.
_NOUN_USE = re.compile(r"\b(?:[Tt]he|[Aa]|[Aa]n|[Tt]his|[Tt]hat|[Tt]heir)\s+(?:[a-z-]+\s+)?(?:meeting|talks|visit)\b")
_AT_THE_MEETING = re.compile(
    r"(?:At|During|In|Before|After|Following|Ahead\s+of)\s+the\s+(?:meeting|talks|negotiations|session|visit)\s*,\s*"
)
# "delivered the message to President X in a meeting with him", "told X in a phone call": the meeting that follows
# the name is with them.
# "by" only after a verb that is no meeting's ("appointed by"; "was received on Monday by" is the host).
_GOVERNING = frozenset({"of", "to", "from", "for", "about", "during", "after", "before", "since", "under", "between"})
_APPOINTED_BY = re.compile(r"\b(?:appointed|nominated|elected|sent|dispatched|instructed|decorated|awarded)\s+by\s+")
# "signed in the presence of President X", "held under the chairmanship of President X": X was there.
_PRESENCE = re.compile(r"\b(?:presence|chairmanship)\s+of\s+(?:(?:[A-Z][\w'’.-]*|of|the|and)\s+)*$")
# "welcomed President X's initiative", "conveyed President X's greetings": X owns what is named, and is not at the
# table (but "X's visit", "X's talks with", "X's Iranian counterpart", "at X's invitation" tell a meeting of X's).
_POSSESSOR = re.compile(
    r"['’]s\s+(?!(?:[\w-]+\s+){0,2}?(?:visits?|trips?|talks|meetings?|calls?|conversations?|arrival|tour|counterparts?|"
    r"delegations?|guests?|invitation|hosts?|departure|stay|negotiations|consultations|phone|telephone|video|"
    r"participation|reception|office|residence)\b)"
)
# "Hikmet Hajiyev, President X's foreign policy adviser, met Y": X is whom the one at the table works for.
_WHOSE_AIDE = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:adviser|advisor|aide|assistant|envoy|emissary|representative|spokesman|"
    r"spokeswoman|spokesperson|press\s+secretary|chief\s+of\s+staff)\b"
)
_MEETING_WITH_THEM = re.compile(
    r"^,?\s+(?:in|during|at)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+)?(?:meeting|talks|conversation)\s+with\s+"
    r"(?:him|her|them)\b"
    # "told X in a phone call on Monday that": the call is with them.
    r"|^\s+(?:in|during)\s+(?:a|an|the)\s+(?:(?:tele)?phone|video)\s+(?:call|conversation)\b(?!\s+with)"
)


class Sentences:
    """The sentences of a text, to find the one around a position."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        for match in _SENTENCE_BREAK.finditer(text):
            self.starts.append(match.end())

    def around(self, position: int) -> tuple[int, int]:
        """Return ``(start, end)`` of the sentence holding ``position``."""
        index = bisect.bisect_right(self.starts, position) - 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end


def is_participant(mention, sentences: Sentences, body: str) -> bool:
    """Return whether this mention shows the person taking part in the meeting."""
    start, end = sentences.around(mention.start)
    before, after = body[start : mention.start], body[mention.end : end]
    if (reported := _REPORTED.search(before)) is not None:
        before = before[reported.end() :]  # "Hajiyev told reporters that President X had received": X's own clause
    elif (opening := _AT_THE_MEETING.match(before)) is not None:
        before = before[opening.end() :]  # "At the meeting, the new attaché X was introduced": no verb before X
    if _ON_BEHALF.search(before) or _WHOSE_AIDE.match(after) or _POSSESSOR.match(after):
        return False  # "conveyed the greetings of President X": X sent them and stayed at home
    # "The meeting comes months after President X hosted Y": "meeting" there is a noun, no verb of another subject.
    verbs_before = _NOUN_USE.sub(" ", before)
    if _VERB.search(after) and not _VERB.search(verbs_before) and not _ends_with_preposition(before):
        return True
    if _MEETING_WITH_THEM.match(after):
        return True
    triggers = list(_TRIGGER.finditer(before))
    if triggers:
        between = before[triggers[-1].end() :]
        if (
            len(between.split()) <= _MAX_WORDS_AFTER_TRIGGER
            and not _VERB.search(between)
            and ";" not in between
            and not _governed(between)
        ):
            return True
    return False


def _governed(between: str) -> bool:
    """Whether a name some words after a meeting's trigger is governed by a preposition of its own, not the meeting's.

    "met X in Tehran on Monday, who was appointed by President Y", "to discuss the agreements reached during
    President Y's visit", "handed him a message from A to President Y": Y is not the other side. But "signed in
    the presence of President Y": Y was there.
    """
    _, word_before = _title_before(between)
    if word_before.lower() == "by":
        return _APPOINTED_BY.search(between) is not None
    if word_before.lower() not in _GOVERNING:
        return False
    return not (word_before.lower() == "of" and _PRESENCE.search(between))


def _ends_with_preposition(before: str) -> bool:
    """Whether the name (with its title) is governed by a preposition: "speaking about President X"."""
    _, word_before = _title_before(before)
    return word_before.lower() in {"of", "about", "to", "from", "for", "on"}


def title_of(mention, sentences: Sentences, body: str, others=()) -> str:
    """Return the title the article gives the person at this mention, or ""."""
    start, end = sentences.around(mention.start)
    floor = max([m.end for m in others if start <= m.end <= mention.start] + [start])
    title, _ = _title_before(body[floor : mention.start])
    if not title:
        ceiling = min([m.start for m in others if mention.end <= m.start < end] + [end])
        title = _title_after(body[mention.end : ceiling])
    return title


def _title_before(text: str) -> tuple[str, str]:
    """Return the title words that end ``text`` (the text right before a name), and the word before them."""
    tokens = _TOKEN.findall(text)
    first = len(tokens)
    while first > 0 and len(tokens) - first < _MAX_TITLE_WORDS:
        token = tokens[first - 1]
        if token == ",":
            # Only "office, rank": the comma before "Colonel General".
            if first < len(tokens) and tokens[first].lower() in _RANK_WORDS:
                first -= 1
                continue
            break
        if token[0].isupper() or token.lower() in TITLE_INNER or _joins_office_words(tokens, first - 1):
            first -= 1
            continue
        break
    kept = tokens[first:]
    while kept and kept[0].lower().strip(".") not in TITLE_START:
        kept, first = kept[1:], first + 1
    word_before = tokens[first - 1] if first > 0 else ""
    return _with_rank_comma(_trim(kept)), word_before


def _joins_office_words(tokens: list[str], index: int) -> bool:
    """Whether the "and" at ``index`` joins two office words ("Defense and Armed Forces Logistics"), not two people."""
    if tokens[index].lower() != "and" or index == 0 or index + 1 >= len(tokens):
        return False
    return tokens[index - 1].lower() in OFFICE_WORDS and tokens[index + 1].lower() in OFFICE_WORDS


def _title_after(text: str) -> str:
    """Return an apposition title at the start of ``text`` (", Ambassador of Iran to Azerbaijan")."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < 2 or tokens[0] != ",":
        return ""
    kept = []
    for token in tokens[1:]:
        if token == "," or not (token[0].isupper() or token.lower() in TITLE_INNER):
            break
        kept.append(token)
    title = _trim(kept)
    return title if title and title.split()[0].lower() in TITLE_START else ""


def _trim(tokens: list[str]) -> str:
    """Return the tokens from the first title word on, without trailing connectors, as text."""
    while tokens and tokens[0].lower().strip(".") not in TITLE_START:
        tokens = tokens[1:]
    while tokens and (tokens[-1] == "," or tokens[-1].lower() in _CONNECTORS):
        tokens = tokens[:-1]
    text = " ".join(tokens).replace(" ,", ",")
    return text.strip()


def _with_rank_comma(title: str) -> str:
    """Return "Office, Rank" for "Office Rank" (a title that ends with a military rank)."""
    if not title or "," in title:
        return title
    lowered = title.lower()
    for rank in RANKS:
        if lowered.endswith(" " + rank):
            office = title[: -len(rank) - 1]
            if office.split()[-1].lower() in RANK_COMPOUNDS or office.lower() in _RANK_WORDS:
                return title
            return f"{office}, {title[-len(rank) :]}"
    return title

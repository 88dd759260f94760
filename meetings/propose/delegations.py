"""Sides named only by their country: "received a delegation of Iran's Ministry of Roads", "an Iranian delegation".

When no one on a side is named, the meeting still has that side: a participant
with no person and no name, only the country it represents (the model allows
it). Two shapes are read, each around a country word that linking found:

* "<country> [one or two words] delegation": "an Iranian government delegation";
* "delegation / officials / representatives of [the] <country>": "officials of
  the Iranian Foreign Ministry", "a delegation of Iran's Ministry of Roads";
* "with / met / received <country> officials": "to hold consultations with Turkish
  officials" (not "Turkish officials said": a source is no side).

"Azerbaijan and Iran held consultations" is not read as two sides: a speaker
who reports such talks ("Hajiyev said that Azerbaijan and Armenia held talks")
would become one of them.

A delegation "led by" or "headed by" a named participant is that participant's
side, not one more: the person stands for it, and takes its country when
linking could not tell it (an unknown official's title often names none).
"The Azerbaijani delegation" refers back to the one participant of that country
named before it, if there is one, and so does "his Azerbaijani counterpart" when no
name follows.
Whether a country side meets anyone is the pairing's business, which drops it
from any meeting where a person of that country takes part.
"""

import re
from dataclasses import replace

from meetings.propose.participants import CountryMention, NamedParticipant

DELEGATION_TITLE = "delegation"
_DELEGATION_AFTER = re.compile(r"^(?:['’]s?)?\s+(?:[a-z-]+\s+){0,2}?delegations?\b")
_DELEGATION_BEFORE = re.compile(r"\b(?:delegations?|officials|representatives)\s+(?:of|from)\s+(?:the\s+)?$")
# "a delegation of the National Security and Foreign Policy Committee of Iran's parliament": a body's name between.
_DELEGATION_OF_BODY_BEFORE = re.compile(
    r"\bdelegations?\s+(?:of|from)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+(?:(?:and|of|for|on)\s+)?){1,8}?(?:of|from)\s+(?:the\s+)?$"
)
# "to hold consultations with Turkish officials": officials of a country as the other side of a meeting (but
# "Turkish officials said" are only a source).
_OFFICIALS_AFTER = re.compile(r"^\s+(?:[a-z-]+\s+)?(?:officials|representatives)\b")
_MET_BEFORE = re.compile(
    r"\b(?:with|met|meet|meets|received|receive|receives|hosted|host|hosts)\s+(?:the\s+)?(?:senior\s+|top\s+)?$"
)
_LED_BY = re.compile(r"\b(?:led|headed)\s+by\b")
_HEADS_BEFORE = re.compile(r"\b(?:head|heads|headed|heading|lead|leads|leading)\s+(?:the|an?)\s+$")
_DEFINITE = re.compile(r"\b[Tt]he\s+$")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# "held separate talks with his Azerbaijani and Armenian counterparts": no name, the ones of those countries told
# before ("his Armenian counterpart Davit Tonoyan" names one, read through the name).
_COUNTERPART_AFTER = re.compile(r"^(?:\s+and\s+[A-Z][\w-]+)?\s+counterparts?\b(?!,?\s+[A-Z])")
_COUNTERPART_BEFORE = re.compile(r"\b(?:his|her|their)\s+(?:[A-Z][\w-]+\s+and\s+)?$")
# "Prime Minister X met the Turkish and Azerbaijani ministers later in the day": the ones of those countries told
# before, met by office and country (two of them: one alone is "his Azerbaijani counterpart").
_OFFICE_AFTER = re.compile(r"^(?:\s+and\s+[A-Z][\w-]+)?\s+(?:[a-z-]+\s+)?(?:ministers|leaders)\b(?!,?\s+[A-Z])")
_MET_THE_BEFORE = re.compile(
    r"\b(?:met|meets|met\s+with|received|receives|hosted|hosts)\s+(?:the|his|her)\s+(?:[A-Z][\w-]+\s+and\s+)?$"
)
# "received the Ambassador of the Republic of Azerbaijan to Turkmenistan.": an envoy met, not named.
_ENVOY_MET_BEFORE = re.compile(
    r"\b(?:received|receives|met|meets|met\s+with|hosted)\s+(?:the\s+)?(?:new\s+|newly\s+appointed\s+)?"
    r"(?:Ambassador|ambassador|Envoy|envoy|Charg[eé]\s+d['’]Affaires)(?:\s+Extraordinary\s+and\s+Plenipotentiary)?"
    r"\s+of\s+(?:the\s+)?$"
)
_NO_NAME_AFTER = re.compile(r"(?:\s+(?:to|in)\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?\s*(?:[.,;:]|\s+[a-z])")
_CUES = (
    "delegation",
    "officials",
    "representatives",
    "counterpart",
    "mbassador",
    "nvoy",
    "inisters",
    "leaders",
)  # every shape


def country_sides(
    body: str, countries: tuple[CountryMention, ...], participants: list[NamedParticipant]
) -> tuple[list[NamedParticipant], list[NamedParticipant]]:
    """Return ``participants`` (a delegation's head with its country if linking gave none) and the country sides.

    Each country side is one participant per country, with every place the text names it that way.
    """
    if not countries or not any(cue in body for cue in _CUES):
        return participants, []
    spans: dict[str, list[tuple[int, int]]] = {}
    heads: dict[str, str] = {}  # participant key -> the country of the delegation they lead
    also: dict[str, list[tuple[int, int]]] = {}  # participant key -> "the <country> delegation" that is theirs
    for mention in countries:
        if _is_counterpart(body, mention):
            if (member := _told_before(body, mention, participants, definite=False)) is not None:
                also.setdefault(member.key, []).append((mention.start, mention.end))
            continue
        if not _is_side(body, mention):
            continue
        head = _led_by(body, mention.end, participants) or _heading(body, mention, participants)
        if head is not None:
            heads.setdefault(head.key, mention.code)
        elif (member := _told_before(body, mention, participants)) is not None:
            also.setdefault(member.key, []).append((mention.start, mention.end))
        else:
            spans.setdefault(mention.code, []).append((mention.start, mention.end))
    led = set(heads.values())
    people = [replace(p, country=heads[p.key]) if p.key in heads and not p.country else p for p in participants]
    # A delegation someone is said to lead is read through that person's own name already.
    also = {key: found for key, found in also.items() if key not in heads}
    people = [replace(p, spans=tuple(sorted([*p.spans, *also[p.key]]))) if p.key in also else p for p in people]
    sides = [
        NamedParticipant(name="", spans=tuple(found), title=DELEGATION_TITLE, country=code)
        for code, found in spans.items()
        if code not in led  # "the Azerbaijani delegation was led by X": X is that side wherever it is named
    ]
    return people, sides


def _unnamed_envoy(body: str, mention: CountryMention) -> bool:
    """Whether the country word ``mention`` is that of an envoy met who is not named: "received the Ambassador of
    the Republic of Azerbaijan to Turkmenistan." (but "the Ambassador of Iran to Azerbaijan Javad X" names him)."""
    before = body[max(0, mention.start - 80) : mention.start]
    if not _ENVOY_MET_BEFORE.search(before):
        return False
    return _NO_NAME_AFTER.match(body, mention.end) is not None


def _is_side(body: str, mention: CountryMention) -> bool:
    """Whether the country word ``mention`` names a side of a meeting ("Iranian delegation", "officials of Iran")."""
    after = body[mention.end : mention.end + 60]
    before = body[max(0, mention.start - 40) : mention.start]
    if _DELEGATION_AFTER.match(after) or _DELEGATION_BEFORE.search(before) or _unnamed_envoy(body, mention):
        return True
    if _DELEGATION_OF_BODY_BEFORE.search(body[max(0, mention.start - 120) : mention.start]):
        return True
    return bool(_OFFICIALS_AFTER.match(after) and _MET_BEFORE.search(before))


def _is_counterpart(body: str, mention: CountryMention) -> bool:
    """Whether the country word ``mention`` qualifies a counterpart the sentence does not name ("his Azerbaijani
    counterpart.")."""
    after = body[mention.end : mention.end + 60]
    before = body[max(0, mention.start - 40) : mention.start]
    if _OFFICE_AFTER.match(after) and _MET_THE_BEFORE.search(before):
        return True
    return bool(_COUNTERPART_AFTER.match(after) and _COUNTERPART_BEFORE.search(before))


def _told_before(
    body: str, mention: CountryMention, participants: list[NamedParticipant], definite: bool = True
) -> NamedParticipant | None:
    """Return whom "the Azerbaijani delegation" (or "his Azerbaijani counterpart", with ``definite`` False) refers
    back to: the one participant of that country named before.

    "An Iranian delegation" is one not told before, a side of its own.
    """
    if definite and not _DEFINITE.search(body[max(0, mention.start - 12) : mention.start]):
        return None
    before = [p for p in participants if p.country == mention.code and p.spans[0][0] < mention.start]
    return before[0] if len(before) == 1 else None


def _heading(body: str, mention: CountryMention, participants: list[NamedParticipant]) -> NamedParticipant | None:
    """Return the participant who heads the delegation named at ``mention``, named before it in its sentence:
    "Energy Minister Eli Cohen will instead head the Israeli delegation to the conference"."""
    before = body[max(0, mention.start - 40) : mention.start]
    if not _HEADS_BEFORE.search(before):
        return None
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(body, 0, mention.start)), default=0)
    named = [(s, p) for p in participants for s, _ in p.spans if sentence_start <= s < mention.start]
    return max(named, key=lambda item: item[0])[1] if named else None


def _led_by(body: str, position: int, participants: list[NamedParticipant]) -> NamedParticipant | None:
    """Return the participant a delegation named at ``position`` is led by, in the same sentence, if any."""
    end = _SENTENCE_END.search(body, position)
    rest_end = end.start() if end else len(body)
    led = _LED_BY.search(body, position, rest_end)
    if led is None or led.start() - position > 60:
        return None
    following = [(s, p) for p in participants for s, _ in p.spans if led.end() <= s < rest_end]
    return min(following, key=lambda item: item[0])[1] if following else None

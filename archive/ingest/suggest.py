"""Unknown officials: a rank or office next to a name nobody has recorded yet.

Two shapes are recognised, both common in agency news:

* office or rank (and "of" a country), then two to four capitalised name words:
  "Major General Mohammad Bagheri", "President of the Kyrgyz Republic Sadyr Japarov";
* two to four name words, a comma, then an office: "Javad Jahangirzadeh,
  Ambassador of Iran to Azerbaijan".

A single word after an office ("President Rouhani") is not suggested: it is
too often an organisation or a place, and a curator would drown in noise. Names
already linked to a known official, country words and the words of
``vocabulary.NOT_NAMES`` never count as names.
"""

import re
from dataclasses import replace
from functools import lru_cache

from archive.ingest import roles
from archive.ingest.folding import FoldedText
from archive.ingest.records import SuggestedPerson
from archive.ingest.vocabulary import NOT_NAMES, OFFICE_HEADS, RANK_COMPOUNDS, TITLE_START
from archive.text import fold

_WORD = re.compile(r"[^\W\d_][\w'’-]*|[,.;:()\"“”]")
_OFFICE_WORDS = "|".join(sorted(word.capitalize() for word in OFFICE_HEADS))
_OFFICE = re.compile(rf"\b(?:{_OFFICE_WORDS})\b")
_COMMA_OFFICE = re.compile(rf",\s*(?:{_OFFICE_WORDS})\b")
_POSSESSIVE = re.compile(r"'s?$")
_MIN_NAME_WORDS, _MAX_NAME_WORDS = 2, 4
_MAX_COUNTRY_WORDS = 5  # "the Islamic Republic of Iran"


def find_unknown_officials(body: str, sentences, mentions, gazetteer) -> list[SuggestedPerson]:
    """Return one suggestion per unknown official named in ``body``, in order of appearance.

    Only the neighbourhood of an office word is read: most of a text has none.
    """
    known_spans = [(m.start, m.end) for m in mentions if m.kind != "country"]
    spans = sorted(set(_names_after_offices(body, gazetteer)) | set(_names_before_offices(body, gazetteer)))
    found: dict[str, SuggestedPerson] = {}
    for start, end in spans:
        if any(s < end and start < e for s, e in known_spans):
            continue
        name = body[start:end]
        mention = _Span(start, end)
        earlier = found.get(fold(name))
        if earlier is not None:
            # As for known officials, one mention that shows them taking part makes a participant.
            if earlier.role != roles.PARTICIPANT and roles.is_participant(mention, sentences, body):
                found[fold(name)] = replace(earlier, role=roles.PARTICIPANT)
            continue
        title = roles.title_of(mention, sentences, body)
        role = roles.PARTICIPANT if roles.is_participant(mention, sentences, body) else roles.MENTIONED
        found[fold(name)] = SuggestedPerson(
            name=name[:200], title=title[:300], role=role, country=_country_in(title, gazetteer)
        )
    return list(found.values())


def _names_after_offices(body: str, gazetteer):
    """Yield ``(start, end)`` of each name right after an office: "Major General Mohammad Bagheri"."""
    for head in _OFFICE.finditer(body):
        before = body[max(0, head.start() - 30) : head.start()].split()
        if before and _fold_word(before[-1]) in RANK_COMPOUNDS:
            continue
        # Read the words lazily: most offices are followed by no name, and only a few words matter.
        words = _WORD.finditer(body, head.start(), head.start() + 200)
        next(words, None)  # the office word itself
        word = next(words, None)
        while word and _is_capital_in(word.group(), TITLE_START):
            word = next(words, None)
        if word and word.group() == "of":
            # "President of the Kyrgyz Republic Sadyr Japarov": the name after the country.
            resume = _after_country(body, word.end(), head.start() + 200, gazetteer)
            words = _WORD.finditer(body, resume, head.start() + 200) if resume is not None else iter(())
            word = next(words, None)
        names = []
        while word and _is_name_word(word.group(), gazetteer) and len(names) <= _MAX_NAME_WORDS:
            names.append(word)
            word = next(words, None)
        if _MIN_NAME_WORDS <= len(names) <= _MAX_NAME_WORDS:
            yield names[0].start(), names[-1].end()


def _after_country(body: str, start: int, end: int, gazetteer) -> int | None:
    """Return where the text goes on after "[the] <country>" from ``start`` (just after an "of"), or None."""
    ahead = []
    for word in _WORD.finditer(body, start, end):
        ahead.append(word)
        if len(ahead) > _MAX_COUNTRY_WORDS:
            break
    first = 1 if ahead and ahead[0].group() == "the" else 0
    for size in range(min(_MAX_COUNTRY_WORDS, len(ahead) - first), 0, -1):
        words = ahead[first : first + size]
        written = " ".join(w.group() for w in words)
        if written[0].isupper() and fold(written) in gazetteer.country_words:
            return words[-1].end()
    return None


def _names_before_offices(body: str, gazetteer):
    """Yield ``(start, end)`` of each name followed by ", Office": "Javad Jahangirzadeh, Ambassador of Iran"."""
    for comma in _COMMA_OFFICE.finditer(body):
        window_start = max(0, comma.start() - 120)
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(body, window_start, comma.start())]
        count = 0
        while count < len(words) and _is_name_word(words[-1 - count][0], gazetteer):
            count += 1
        if _MIN_NAME_WORDS <= count <= _MAX_NAME_WORDS:
            yield words[-count][1], words[-1][2]


class _Span:
    """The position of a name, shaped like a linking mention for the role and title readers."""

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _is_name_word(word: str, gazetteer) -> bool:
    if not word[0].isupper() or len(word) < 2:
        return False
    lowered = _fold_word(word)
    return (
        lowered not in NOT_NAMES
        and lowered not in TITLE_START
        and _POSSESSIVE.sub("", lowered) not in gazetteer.country_words
        and not word.isupper()
    )


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def _is_capital_in(word: str, vocabulary) -> bool:
    return word[0].isupper() and _fold_word(word) in vocabulary


def _country_in(title: str, gazetteer) -> str | None:
    """Return the first country the title names (a guess for the curator), else None."""
    for mention in gazetteer.mentions(FoldedText(title)) if title else []:
        if mention.kind == "country":
            return mention.keys[0]
    return None

"""Unknown officials: a rank or office next to a name nobody has recorded yet.

Two shapes are recognised, both common in agency news:

* office or rank, then two to four capitalised name words:
  "Major General Mohammad Bagheri", "Ambassador Javad Jahangirzadeh";
* two to four name words, a comma, then an office: "Javad Jahangirzadeh,
  Ambassador of Iran to Azerbaijan".

A single word after an office ("President Rouhani") is not suggested: it is
too often an organisation or a place, and a curator would drown in noise. Names
already linked to a known official, country words and the words of
``vocabulary.NOT_NAMES`` never count as names.
"""

import re

from archive.ingest import roles
from archive.ingest.folding import FoldedText
from archive.ingest.records import SuggestedPerson
from archive.ingest.vocabulary import NOT_NAMES, OFFICE_HEADS, RANK_COMPOUNDS, TITLE_START
from archive.text import fold

_WORD = re.compile(r"[^\W\d_][\w'’-]*|[,.;:()\"“”]")
_POSSESSIVE = re.compile(r"'s?$")
_MIN_NAME_WORDS, _MAX_NAME_WORDS = 2, 4


def find_unknown_officials(body: str, sentences, mentions, gazetteer) -> list[SuggestedPerson]:
    """Return one suggestion per unknown official named in ``body``, in order of appearance."""
    known_spans = [(m.start, m.end) for m in mentions if m.kind != "country"]
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(body)]
    found: dict[str, SuggestedPerson] = {}
    index = 0
    while index < len(words):
        span = _name_after_office(words, index, gazetteer) or _name_before_office(words, index, gazetteer)
        if not span:
            index += 1
            continue
        first, last = span
        start, end = words[first][1], words[last][2]
        index = last + 1
        if any(s < end and start < e for s, e in known_spans):
            continue
        name = body[start:end]
        if fold(name) in found:
            continue
        mention = _Span(start, end)
        title = roles.title_of(mention, sentences, body)
        role = roles.PARTICIPANT if roles.is_participant(mention, sentences, body) else roles.MENTIONED
        found[fold(name)] = SuggestedPerson(
            name=name[:200], title=title[:300], role=role, country=_country_in(title, gazetteer)
        )
    return list(found.values())


class _Span:
    """The position of a name, shaped like a linking mention for the role and title readers."""

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _is_name_word(word: str, gazetteer) -> bool:
    lowered = fold(word)
    return (
        word[0].isupper()
        and len(word) > 1
        and lowered not in NOT_NAMES
        and lowered not in TITLE_START
        and _POSSESSIVE.sub("", lowered) not in gazetteer.country_words
        and not word.isupper()
    )


def _name_run(words, index: int, gazetteer) -> int:
    """Return how many name words start at ``index``."""
    count = 0
    while index + count < len(words) and _is_name_word(words[index + count][0], gazetteer):
        count += 1
    return count


def _name_after_office(words, index: int, gazetteer):
    """``(first, last)`` word indexes of a name after an office starting at ``index``, else None."""
    word = words[index][0]
    if not (word[0].isupper() and fold(word) in OFFICE_HEADS):
        return None
    if index > 0 and fold(words[index - 1][0]) in RANK_COMPOUNDS:
        return None
    cursor = index + 1
    while cursor < len(words) and words[cursor][0][0].isupper() and fold(words[cursor][0]) in TITLE_START:
        cursor += 1
    count = _name_run(words, cursor, gazetteer)
    if _MIN_NAME_WORDS <= count <= _MAX_NAME_WORDS:
        return cursor, cursor + count - 1
    return None


def _name_before_office(words, index: int, gazetteer):
    """``(first, last)`` of a name at ``index`` followed by ", Office", else None."""
    if index > 0 and _is_name_word(words[index - 1][0], gazetteer):
        return None  # not the first word of the run
    count = _name_run(words, index, gazetteer)
    after = index + count
    if not (_MIN_NAME_WORDS <= count <= _MAX_NAME_WORDS) or after + 1 >= len(words):
        return None
    if words[after][0] == "," and fold(words[after + 1][0]) in OFFICE_HEADS and words[after + 1][0][0].isupper():
        # A sentence that opens with the name is fine; one that opens "In Baku, ..." is not a name.
        return index, after - 1
    return None


def _country_in(title: str, gazetteer) -> str | None:
    """Return the first country the title names (a guess for the curator), else None."""
    for mention in gazetteer.mentions(FoldedText(title)) if title else []:
        if mention.kind == "country":
            return mention.keys[0]
    return None

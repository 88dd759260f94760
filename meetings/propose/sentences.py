"""The sentences of a body, with offsets, and the dateline that opens many agency stories.

Sentence boundaries are the import's own (``archive.ingest.roles.Sentences``), so
that the proposer and linking agree on what "the sentence around a name" is.
A dateline ("TEHRAN (Tasnim) –", "BAKU, Azerbaijan, Sept. 7.", "MOSCOW, June 30.
/TASS/.") gives where and when the story was filed, not where the meeting was:
its span is reported so that dates and places inside it are skipped.
"""

import re
from dataclasses import dataclass

from archive.ingest.roles import Sentences

_MONTH_START = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
_MONTH = _MONTH_START + r"[a-z]*\.?"
_FIRST_REAL_PARAGRAPH = 40  # shorter first lines are an outlet's name or a place: "IRNA", "ANKARA"
# An upper-case or capitalised place, optionally a country, then a date and/or an agency tag, then a dash or stop.
_DATELINE = re.compile(
    rf"""^\s*(?P<place>[A-Z][A-Za-z'-]+(?:\ [A-Z][A-Za-z'-]+)?)  # TEHRAN, Baku, NEW DELHI
        (?:,\ (?!{_MONTH_START})[A-Z][a-z]+)?                   # , Azerbaijan
        (?:[,.]?\ (?:{_MONTH}\ \d{{1,2}}|\d{{1,2}}\ {_MONTH}))?      # , Sept. 7 | , 12 November | . Dec 5
        (?:\.?\ ?/?\(?[A-Z][A-Za-z]{{1,10}}\)?/?\.?)?            # (MNA) /TASS/. (Tasnim)
        (?:,\ [A-Z]{{2,10}})?                                   # , IRNA
        \s*(?:[–—-]|\.\s|\.?\s*/[A-Z]+/\.)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its number in the body, its offsets, its text and its paragraph's number."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


# Words written with a full stop that ends no sentence: "St. Petersburg", "Gen. Bagheri", "Sept. 7".
_ABBREVIATION_WORDS = (
    "st mt ft mr mrs ms dr gen lt col maj capt adm brig sgt cmdr no jan feb mar apr jun jul aug sep sept oct nov dec"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_LAST_WORD = re.compile(r"(?:^|\s)([A-Za-z]+)\.$")


def split(body: str) -> list[Sentence]:
    """Return the sentences of ``body`` in order, each with its paragraph number.

    The import's boundaries, less those after an abbreviation within a paragraph.
    """
    starts = Sentences(body).starts
    kept = [0]
    for start in starts[1:]:
        previous = body[kept[-1] : start].rstrip()
        word = _LAST_WORD.search(previous)
        if word and word.group(1).lower() in _ABBREVIATIONS and "\n" not in body[kept[-1] : start].strip():
            continue
        kept.append(start)
    bounds = kept + [len(body)]
    sentences = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        stripped = body[start:end].rstrip()
        if stripped:
            paragraph = body.count("\n\n", 0, start)
            sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped, paragraph))
    return sentences


def dateline_end(body: str) -> int:
    """Return where the story proper starts: after the outlet or place lines and the dateline (0 if none)."""
    start, match = _dateline(body)
    return start + (match.end() if match else 0)


def dateline_place(body: str) -> str:
    """Return the place the dateline names as written ("BEIJING"), or "" when the story has no dateline."""
    _, match = _dateline(body)
    return match["place"] if match else ""


def _dateline(body: str) -> tuple[int, re.Match | None]:
    """Return where the story's first real paragraph starts and its dateline's match, if it has one."""
    start = 0
    for paragraph in body.split("\n\n"):
        if len(paragraph) >= _FIRST_REAL_PARAGRAPH:
            return start, _DATELINE.match(paragraph[:80])
        start += len(paragraph) + 2
    return 0, None

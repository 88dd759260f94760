"""Headlines for texts that have none: the first sentence, cut at a word boundary."""

import re

MAX_DERIVED = 120
# A sentence ends at . ! ? followed by a space and a capital or a quote, but not after
# an initial ("J. Smith") or a common abbreviation (see _first_sentence_end).
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“A-Z0-9])")
_DANGLING = {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "from"}
# A dateline on a paragraph of its own ("Baku, May 14, AZERTAC", "TEHRAN, Jan. 16 (IRNA) -"): no headline.
_DATELINE = re.compile(
    r"^[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
    r"(?:,?\s*\d{4})?"
    r"(?:\s*[,(/]\s*[\w .’'-]{2,40}\)?)?\s*[-–—:]?$"
)
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "st", "no", "jr", "sr", "prof", "adm", "capt"}


def derive_title(body: str, limit: int = MAX_DERIVED) -> str:
    """Return a readable headline from ``body``: its first sentence, at most ``limit`` characters.

    A longer sentence is cut at the last word boundary that fits, and ends with "…".
    """
    paragraphs = [p for p in body.strip().split("\n") if p.strip()] or [""]
    first_paragraph = paragraphs[0]
    if len(paragraphs) > 1 and _DATELINE.match(first_paragraph):
        first_paragraph = paragraphs[1]
    end = _first_sentence_end(first_paragraph)
    sentence = first_paragraph[:end] if end is not None else first_paragraph.rstrip(".!?")
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    if " " in cut and not sentence[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    words = cut.rstrip(" ,;:-–—").split(" ")
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()  # "... led by Chief of the…" reads better as "... led by Chief…"
    return " ".join(words).rstrip(" ,;:-–—") + "…"


def _first_sentence_end(paragraph: str) -> int | None:
    """Return the index of the full stop ending the first sentence, or None if it is the whole paragraph."""
    for match in _SENTENCE_END.finditer(paragraph):
        word = paragraph[: match.start()].rsplit(" ", 1)[-1]
        if match.group() == "." and (len(word) == 1 or word.lower() in _ABBREVIATIONS):
            continue
        return match.start()
    return None

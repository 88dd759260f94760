""" "Did you mean" from a cluster engine's per-word corrections, as Parley's own respelling reads.

Elasticsearch's term suggester and Solr's spellcheck component both answer with the
words of the text they were given that the index lacks, each with its place in that
text (offsets) and the nearest indexed words, folded as the index holds them. Haystack
joins the analyzed words (Elasticsearch: stop words and operators dropped, and a
"suggestion" even when every word is known) or takes Solr's lower-cased collation.
Here only the unknown words are replaced, in the text as typed, each with the case
of the word it replaces (Bagheir → Bagheri), as on Whoosh (query/spelling.py).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Correction:
    start: int  # offsets of the unknown word in the text the engine was asked about
    end: int
    word: str  # the engine's nearest indexed word


def respelled(text: str, corrections: list[Correction]) -> str | None:
    """Return ``text`` with each corrected word replaced, or ``None`` when there is nothing to correct."""
    changed, pieces, position = False, [], 0
    for correction in sorted(corrections, key=lambda c: c.start):
        if correction.start < position or correction.end > len(text):
            continue  # overlapping or outside the text: not a word of it
        typed = text[correction.start : correction.end]
        word = correction.word.capitalize() if typed[:1].isupper() else correction.word
        pieces += [text[position : correction.start], word]
        position = correction.end
        changed = changed or word != typed
    return "".join([*pieces, text[position:]]) if changed else None

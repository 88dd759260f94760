"""“Did you mean”, within the search's budget.

Whoosh's corrector compares an unknown word with every entry of the term
dictionary, one Python edit distance each: 0.7 to 2.4 seconds per word at 20,000
articles, more than a whole search may take. Here each unknown word is respelled
from the term dictionary (index/engine/lexicon.py) through the same bounded scan
as a fuzzy word: only entries sharing its first letter, of a length within two,
at most ``max_scan`` of them, the nearest and then the most common winning.
Operators, phrases, prefixes and fuzzy words stay as typed.
"""

from whoosh.support.levenshtein import distance

from archive.text import fold
from index.budget import SearchBudget
from query.syntax import OPERATORS

MAX_EDITS = 2


def respell(raw: str, lexicon, limits: SearchBudget | None = None) -> str | None:
    """Return ``raw`` with each word the index lacks replaced by the nearest one it has, or
    ``None`` when every word is known or nothing is near."""
    limits = limits or SearchBudget.configured()
    scan = limits.max_scan
    changed, words = False, []
    for word in raw.split():
        folded = fold(word)
        if word in OPERATORS or not word.isalnum() or lexicon.frequency(folded) > 0:
            words.append(word)
            continue
        near = lexicon.near(folded, MAX_EDITS, scan=scan)
        scan -= near.scanned
        if not near.words:
            words.append(word)
            continue
        best, _ = min(near.words, key=lambda item: (distance(item[0], folded), -item[1], item[0]))
        words.append(best.capitalize() if word[:1].isupper() else best)
        changed = True
    return " ".join(words) if changed else None

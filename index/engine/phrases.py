"""Phrases from word pairs: ``"joint exercises"`` is one term's postings, not every position of two words.

Whoosh answers a phrase by reading the positions of each of its words in every document
that has them all: at 100,000 articles ``"joint exercises"`` read 164,000 postings with
their positions, about a second. The document field has a companion field of its word
pairs (analysis.py: the same folded words, stop words left out, through Whoosh's
``ShingleFilter``), so:

* a phrase of two words is the documents of one pair term, exactly: two words are at
  consecutive positions of the document field exactly when they form a pair, since both
  number the words without stop words;
* a longer phrase is the documents that have all its consecutive pairs, and those
  candidates are then verified against the positions of its words (``"a b c"`` must not
  match a document with "a b" in one place and "b c" in another): only the candidates'
  positions are read, not every document's;
* with common pairs only (``PARLEY_PHRASE_PAIRS=common``), a pair of two words that are not
  common is not indexed: its words' documents stand in for it, and the candidates are
  verified against positions. Such words are in few documents (the common ones are those
  whose positions cost, bench/common_words.py), so their postings and positions are cheap.

Anything else (a phrase with slop, ``"a b"~3``, a field without pairs, an index built
before the pair field existed) is left to Whoosh's own phrase matching.
"""

from itertools import pairwise

import numpy as np
from whoosh import query as wq

from index import budget
from index.engine.analysis import PAIR_SEPARATOR

PAIR_SUFFIX = "__pairs"
# Candidates verified between two looks at the search's deadline.
CHECK_EVERY = 512


def pair_field_name(fieldname: str) -> str:
    """Return the name of the word-pair field of the text field ``fieldname``."""
    return fieldname + PAIR_SUFFIX


def has_pairs(snap, fieldname: str) -> bool:
    """Whether every segment of ``snap`` indexes the word pairs of ``fieldname``.

    A segment written before the pair field existed has the text's words but no pairs: searching
    pairs there would miss its documents, so such an index is answered by Whoosh until rebuilt.
    """
    pairs = pair_field_name(fieldname)
    if pairs not in snap.schema:
        return False
    for leaf, _offset in snap.leaves:
        names = set(leaf.indexed_field_names())
        if fieldname in names and pairs not in names:
            return False
    return True


def phrase_mask(snap, q) -> np.ndarray | None:
    """Return the mask of the documents (deleted ones not yet removed) matching the phrase ``q``,
    from word pairs; ``None`` when ``q`` is not a plain phrase of a field with pairs."""
    if type(q) is not wq.Phrase or q.slop != 1 or len(q.words) < 2 or any(w is None for w in q.words):
        return None
    if not snap.has_pairs(q.fieldname):
        return None
    pairs_name = pair_field_name(q.fieldname)
    pairs_field, words_field = snap.schema[pairs_name], snap.schema[q.fieldname]
    indexed, unpaired = split_pairs(pairs_field.analyzer, q.words)
    # The documents with every indexed pair, and every word no indexed pair holds (common pairs only:
    # "trilateral drills" is not indexed, its words are rare, their postings are short).
    terms = [(pairs_name, pairs_field.to_bytes(pair)) for pair in indexed]
    terms += [(q.fieldname, words_field.to_bytes(word)) for word in unpaired]
    mask = None
    for fieldname, btext in terms:
        budget.check()
        ids, _ = snap.postings(fieldname, btext)
        found = np.zeros(snap.size, dtype=bool)
        found[ids] = True
        mask = found if mask is None else mask & found
    # Exact without positions only for two words forming an indexed pair.
    if len(q.words) > 2 or unpaired:
        mask = _verified(snap, q, mask)
    return mask


def split_pairs(analyzer, words: list[str]) -> tuple[list[str], list[str]]:
    """Return ``(the phrase's pair terms the pair field indexes, its words that none of them holds)``.

    Every pair is indexed unless the field indexes only the pairs with a common word
    (analysis.PairAnalyzer.indexes); a word left out of every indexed pair must still be in the document.
    """
    indexes = getattr(analyzer, "indexes", lambda first, second: True)
    indexed, covered = [], set()
    for first, second in pairwise(words):
        if indexes(first, second):
            indexed.append(f"{first}{PAIR_SEPARATOR}{second}")
            covered.update((first, second))
    unpaired = list(dict.fromkeys(word for word in words if word not in covered))
    return indexed, unpaired


def _verified(snap, q, candidates: np.ndarray) -> np.ndarray:
    """Return the ``candidates`` in which the words of ``q`` stand at consecutive positions."""
    field = snap.schema[q.fieldname]
    words = q.words
    btexts = {word: field.to_bytes(word) for word in words}
    verified = np.zeros(snap.size, dtype=bool)
    docs = np.flatnonzero(candidates)
    checked = 0
    for leaf, offset in snap.leaves:
        end = offset + leaf.doc_count_all()
        local = docs[(docs >= offset) & (docs < end)] - offset
        if not len(local):
            continue
        with snap.reading():
            matchers = {word: leaf.postings(q.fieldname, btext) for word, btext in btexts.items()}
            for docnum in local.tolist():
                checked += 1
                if checked % CHECK_EVERY == 0:
                    budget.check()
                if _holds(matchers, words, docnum):
                    verified[offset + docnum] = True
    return verified


def _holds(matchers: dict, words: list[str], docnum: int) -> bool:
    """Whether ``words`` stand at consecutive positions of the document ``docnum`` (segment-local)."""
    positions = {}
    for word, matcher in matchers.items():
        if not matcher.is_active():
            return False
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
        if not matcher.is_active() or matcher.id() != docnum:
            return False
        positions[word] = set(matcher.value_as("positions"))
    first = positions[words[0]]
    return any(all(start + i in positions[word] for i, word in enumerate(words[1:], 1)) for start in first)

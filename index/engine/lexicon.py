"""The term dictionary of one index generation, as the query planner asks it.

What a prefix (``co*``) or a fuzzy word (``ab~``) costs depends on the index: how
many words it stands for and how many documents each is in. Whoosh expands
both inside its matchers, reading every candidate's postings; the planner
(query/planner.py) asks here first, reading only dictionary entries, and never
more of them than it is allowed (``scan``). Each segment's dictionary is read
in term order and the segments are merged, so a word's document frequency is
its total over the generation.
"""

import heapq
from dataclasses import dataclass, field
from itertools import groupby

from whoosh.support.levenshtein import distance

from index import budget
from index.engine.phrases import pair_field_name, split_pairs
from index.engine.stemming import NAME_MARK, query_stem, stemmed_field_names

# Whoosh's FuzzyTerm requires the first letter to match (its default prefixlength).
FUZZY_PREFIX_LENGTH = 1
# How many dictionary entries are read between two looks at the deadline.
CHECK_EVERY = 256


@dataclass
class Expansion:
    """The words of the index a prefix or a fuzzy word stands for.

    ``words``: ``(word, document frequency)`` in term order; ``scanned``: dictionary
    entries read; ``complete``: whether every candidate was read (``False``: the
    scan stopped at its limit and more words may match).
    """

    words: list[tuple[str, int]] = field(default_factory=list)
    scanned: int = 0
    complete: bool = True


@dataclass(frozen=True)
class Stemmed:
    """A query word's stemmed alternative: the stemmed field, the stem, how many documents have it."""

    field: str
    stem: str
    frequency: int


@dataclass(frozen=True)
class PhrasePairs:
    """A phrase as the pair field answers it: the field, the phrase's analysed words, ``(pair, document
    frequency)`` of each consecutive pair the field indexes, and ``(word, document frequency)`` of each
    word no indexed pair holds (common pairs only, phrases.split_pairs)."""

    field: str
    words: list[str]
    pairs: list[tuple[str, int]]
    unpaired: list[tuple[str, int]] = ()

    @property
    def verified(self) -> bool:
        """Whether the pairs' common documents are verified against positions (three words or more, or
        a pair not indexed)."""
        return len(self.words) > 2 or bool(self.unpaired)

    @property
    def candidates(self) -> int:
        """At most how many documents have every pair and word (the rarest one's frequency)."""
        return min(frequency for _term, frequency in [*self.pairs, *self.unpaired])


class WhooshLexicon:
    """The term dictionary of the field ``fieldname`` in the snapshot ``snap`` (index/engine/snapshot.py)."""

    def __init__(self, snap, fieldname: str):
        self.snap = snap
        self.fieldname = fieldname
        self.field = snap.schema[fieldname]
        # The stemmed companion of the text (stemming.py), when the index has one.
        self.stemmed_field = next(iter(stemmed_field_names(snap.schema)), None)

    def frequency(self, word: str, fieldname: str | None = None) -> int:
        """Return the number of documents containing ``word`` (an analysed term) in ``fieldname``
        (the text field by default)."""
        fieldname = fieldname or self.fieldname
        with self.snap.reading():
            return sum(leaf.doc_frequency(fieldname, word) for leaf, _ in self.snap.leaves)

    def phrase_pairs(self, text: str) -> "PhrasePairs | None":
        """Return how the phrase ``text`` is searched from word pairs (phrases.py): its analysed words and
        each pair's document frequency; ``None`` when the index answers phrases from positions (no pair
        field, or segments without pairs) or the phrase has fewer than two words once analysed."""
        if not self.snap.has_pairs(self.fieldname):
            return None
        words = list(self.field.process_text(text, mode="query"))
        if len(words) < 2:
            return None
        field = pair_field_name(self.fieldname)
        pairs, unpaired = split_pairs(self.snap.schema[field].analyzer, words)
        return PhrasePairs(
            field,
            words,
            [(pair, self.frequency(pair, field)) for pair in pairs],
            [(word, self.frequency(word)) for word in unpaired],
        )

    def stemmed(self, word: str) -> "Stemmed | None":
        """Return the stemmed alternative of a folded query word: its field, stem and document
        frequency; ``None`` when the index has no stemmed field, the word is not one word to its
        tokenizer, no document has the stem, or the archive knows the word mostly as a name (in at
        least half the documents that have it)."""
        if self.stemmed_field is None:
            return None
        as_name = self.frequency(NAME_MARK + word, self.stemmed_field)
        if as_name and as_name * 2 >= self.frequency(word):
            return None
        word_stem = query_stem(word)
        if word_stem is None:
            return None
        frequency = self.frequency(word_stem, self.stemmed_field)
        return Stemmed(self.stemmed_field, word_stem, frequency) if frequency else None

    def prefixed(self, prefix: str, scan: int) -> Expansion:
        """Return the words starting with ``prefix``, reading at most ``scan`` entries."""
        return self._expand(prefix, scan, lambda word: True)

    def near(self, word: str, edits: int, scan: int) -> Expansion:
        """Return the words within ``edits`` edits of ``word`` (Levenshtein, first letter shared,
        as Whoosh's ``FuzzyTerm``), reading at most ``scan`` entries."""
        low, high = len(word) - edits, len(word) + edits
        return self._expand(
            word[:FUZZY_PREFIX_LENGTH],
            scan,
            lambda candidate: low <= len(candidate) <= high and distance(candidate, word, limit=edits) <= edits,
        )

    def _expand(self, prefix: str, scan: int, accept) -> Expansion:
        found = Expansion()
        with self.snap.reading():
            merged = heapq.merge(
                *(leaf.iter_prefix(self.fieldname, prefix) for leaf, _ in self.snap.leaves),
                key=lambda item: item[0],
            )
            for btext, entries in groupby(merged, key=lambda item: item[0]):
                if found.scanned >= scan:
                    found.complete = False
                    break
                found.scanned += 1
                if found.scanned % CHECK_EVERY == 0:
                    budget.check()
                word = self.field.from_bytes(btext)
                if accept(word):
                    found.words.append((word, sum(info.doc_frequency() for _, info in entries)))
        return found

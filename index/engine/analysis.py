"""The Whoosh analyzer for Parley's text: case-, accent- and alphabet-folded, unstemmed.

Stemming turns proper names into other words (Abbas → abba, Reuters → reuter),
and names are what Parley's users search for, so words are indexed as written,
folded the same way as everywhere else in Parley (``archive.text.fold``).

Indexing runs the analyzer over every word of every article, and Whoosh's token
pipeline (a generator per stage, a ``Token`` object per word) was a fifth of the
build time. :class:`ParleyAnalyzer` therefore also offers the same analysis as
one loop (:meth:`ParleyAnalyzer.term_positions`), and :class:`AnalyzedPositions`,
the document field's postings format, uses it when indexing. Both give exactly
the terms and positions of the pipeline (tests/test_analysis.py proves it);
queries still go through the pipeline.
"""

from functools import cache
from itertools import pairwise
from pathlib import Path

from whoosh.analysis import CompositeAnalyzer, Filter, RegexTokenizer, ShingleFilter, StopFilter
from whoosh.fields import TEXT
from whoosh.formats import Existence, Positions

from archive.text import fold


class FoldFilter(Filter):
    """Fold each token with :func:`archive.text.fold` (Həsənov → hasanov, İlham → ilham)."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            # ASCII needs only lower-casing (fold() gives the same); most words are ASCII.
            token.text = text.lower() if text.isascii() else fold(text)
            yield token


class ParleyAnalyzer(CompositeAnalyzer):
    """``RegexTokenizer() | FoldFilter() | StopFilter()``, with a fast path for indexing."""

    def __init__(self):
        super().__init__(RegexTokenizer(), FoldFilter(), StopFilter())

    def term_positions(self, text: str) -> dict[str, list[int]]:
        """Return ``{term: [positions]}`` of ``text``, as the pipeline numbers them at index time.

        Like Whoosh's StopFilter (renumber=True), the first kept word keeps its own
        position and the following kept words are numbered on from it.
        """
        first, words = self.kept_words(text)
        positions: dict[str, list[int]] = {}
        for pos, word in enumerate(words, first):
            found = positions.get(word)
            if found is None:
                positions[word] = [pos]
            else:
                found.append(pos)
        return positions

    def kept_words(self, text: str) -> tuple[int, list[str]]:
        """Return ``(position of the first kept word, the kept words in order)``: folded, stop words left out.

        The document field and its pair field (:class:`PairAnalyzer`) index the same text one after
        the other, so the last text's words are kept for the second (one entry, compared by identity).
        """
        global _last_kept
        last_text, last_words = _last_kept
        if last_text is text:
            return last_words
        tokenizer, _fold, stop = self.items[:3]
        stops, minsize, maxsize = stop.stops, stop.min, stop.max
        # The tokenizer's pattern has a capturing group: findall would return the group.
        kept, first = [], 0
        for raw, match in enumerate(tokenizer.expression.finditer(text)):
            word = match.group()
            word = word.lower() if word.isascii() else fold(word)
            size = len(word)
            if size < minsize or (maxsize is not None and size > maxsize) or word in stops:
                continue
            if not kept:
                first = raw
            kept.append(word)
        _last_kept = (text, (first, kept))
        return first, kept


# The last text analysed by ParleyAnalyzer.kept_words and its result (see there).
_last_kept: tuple = (None, (0, []))


# Between the two words of a pair term: the tokenizer never puts a space inside a word.
PAIR_SEPARATOR = " "


COMMON_WORDS_FILE = Path(__file__).with_name("common_words.txt")


@cache
def common_words() -> frozenset[str]:
    """Return the common words of ``common_words.txt`` (written by bench/common_words.py from the document
    frequencies of a built index: the words whose positions make a phrase costly)."""
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class CommonPairsFilter(Filter):
    """Keep a pair token only when one of its two words is in ``common`` (Lucene's common grams, for
    pairs only: the words themselves are the document field's). Other tokens pass (a lone word)."""

    def __init__(self, common: frozenset[str]):
        self.common = common

    def __call__(self, tokens):
        common = self.common
        for token in tokens:
            first, separator, second = token.text.partition(PAIR_SEPARATOR)
            if not separator or first in common or second in common:
                yield token


class PairAnalyzer(ParleyAnalyzer):
    """The document field's analysis followed by Whoosh's ``ShingleFilter``: each two consecutive kept
    words as one term ("joint exercises"), so a two-word phrase is one term's postings (phrases.py).

    Stop words are left out before pairing, as the document field numbers its positions without
    them: the phrase "minister of defense" is the pair "minister defense" in both. Like
    ``ShingleFilter``, a text of a single kept word gives that word alone (no separator: never a pair).

    With ``common`` words (a frozenset, pickled with the index's schema), only the pairs with a common
    word are indexed: 85 % of all pairs occur in one article, and a phrase of two rarer words is cheap
    from its words' positions anyway (phrases.py answers it so). ``None``: every pair.
    """

    def __init__(self, common: frozenset[str] | None = None):
        stages = [RegexTokenizer(), FoldFilter(), StopFilter(), ShingleFilter(2, PAIR_SEPARATOR)]
        if common is not None:
            stages.append(CommonPairsFilter(common))
        CompositeAnalyzer.__init__(self, *stages)
        self.common = common

    def __setstate__(self, state):
        # An index written before common pairs existed pickled its analyzer without them: every pair.
        self.__dict__.update(state)
        self.__dict__.setdefault("common", None)

    def indexes(self, first: str, second: str) -> bool:
        """Whether the pair of the words ``first`` and ``second`` is indexed."""
        common = self.common
        return common is None or first in common or second in common

    def term_pairs(self, text: str) -> set[str]:
        """Return the distinct terms the pipeline gives ``text`` at index time (the pairs)."""
        _first, words = self.kept_words(text)
        if len(words) == 1:
            return set(words)
        common = self.common
        if common is None:
            return {f"{a}{PAIR_SEPARATOR}{b}" for a, b in pairwise(words)}
        return {f"{a}{PAIR_SEPARATOR}{b}" for a, b in pairwise(words) if a in common or b in common}


class PairExistence(Existence):
    """Whoosh's ``Existence`` postings format (which documents have a pair: no positions, no
    frequencies), indexing through :meth:`PairAnalyzer.term_pairs`."""

    def word_values(self, value, analyzer, **kwargs):
        fast = getattr(analyzer, "term_pairs", None)
        if fast is None or not isinstance(value, str) or kwargs.get("mode", "index") != "index":
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word in fast(value):
            yield (word, 1, boost, b"")


class AnalyzedPositions(Positions):
    """Whoosh's ``Positions`` postings format, indexing text through
    :meth:`ParleyAnalyzer.term_positions` (same terms, weights and bytes, faster)."""

    def word_values(self, value, analyzer, **kwargs):
        fast = getattr(analyzer, "term_positions", None)
        if fast is None or not isinstance(value, str) or kwargs.get("mode", "index") != "index":
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        encode = self.encode
        for word, positions in fast(value).items():
            yield (word, len(positions), len(positions) * boost, encode(positions))

    def encode(self, poslist):
        if len(poslist) == 1 and poslist[0] < len(_SINGLE_POSITIONS):
            return _SINGLE_POSITIONS[poslist[0]]  # most words of an article occur once
        return super().encode(poslist)


def _encode_single(position: int) -> bytes:
    return Positions.encode(Positions(), [position])


# The encoding of every one-position list up to a typical article's length.
_SINGLE_POSITIONS = [_encode_single(p) for p in range(2048)]


def parley_analyzer(stop_words: bool = True):
    """Return the analyzer of the document field (``stop_words``) or of other text fields (without).

    Other text fields keep stop words and one-letter words: a value such as "The Who"
    or "A" must still match, and count as a facet value, as written.
    """
    if stop_words:
        return ParleyAnalyzer()
    return RegexTokenizer() | FoldFilter()


def pair_field(common: frozenset[str] | None = None):
    """Return the Whoosh field of the document text's word pairs (those with a ``common`` word, or all):
    not stored, not scored (phrases.py)."""
    field = TEXT(analyzer=PairAnalyzer(common), phrase=False)
    field.format = PairExistence()
    field.scorable = False
    return field


def document_field(stored: bool = False, analyzer=None, boost: float = 1.0):
    """Return the Whoosh field of the document text: analyzed, with positions (phrases).

    Parley's article index does not store it (the text is in the database); Haystack's
    ``stored`` is honoured for other indexes. A field's own ``analyzer`` replaces
    Parley's, and then indexes through Whoosh's pipeline.
    """
    if analyzer is not None:
        return TEXT(analyzer=analyzer, stored=stored, phrase=True, field_boost=boost)
    field = TEXT(analyzer=parley_analyzer(), stored=stored, phrase=True, field_boost=boost)
    field.format = AnalyzedPositions(field_boost=field.format.field_boost)
    return field

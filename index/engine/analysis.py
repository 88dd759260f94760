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

from whoosh.analysis import CompositeAnalyzer, Filter, RegexTokenizer, StopFilter
from whoosh.fields import TEXT
from whoosh.formats import Positions

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
        tokenizer, _fold, stop = self.items
        stops, minsize, maxsize = stop.stops, stop.min, stop.max
        # The tokenizer's pattern has a capturing group: findall would return the group.
        words = [match.group() for match in tokenizer.expression.finditer(text)]
        positions: dict[str, list[int]] = {}
        pos = None
        for raw, word in enumerate(words):
            word = word.lower() if word.isascii() else fold(word)
            size = len(word)
            if size < minsize or (maxsize is not None and size > maxsize) or word in stops:
                continue
            pos = raw if pos is None else pos + 1
            found = positions.get(word)
            if found is None:
                positions[word] = [pos]
            else:
                found.append(pos)
        return positions


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


def parley_analyzer():
    """Return the analyzer used at index and query time for the document field."""
    return ParleyAnalyzer()


def document_field():
    """Return the Whoosh field of the document text: analyzed, with positions (phrases), not stored."""
    field = TEXT(analyzer=parley_analyzer(), stored=False, phrase=True)
    field.format = AnalyzedPositions(field_boost=field.format.field_boost)
    return field

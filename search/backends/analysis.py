"""The Whoosh analyzer for Parley's text: case-, accent- and alphabet-folded, unstemmed.

Stemming turns proper names into other words (Abbas → abba, Reuters → reuter),
and names are what Parley's users search for, so words are indexed as written,
folded the same way as everywhere else in Parley (``archive.text.fold``).
"""

from whoosh.analysis import Filter, RegexTokenizer, StopFilter

from archive.text import fold


class FoldFilter(Filter):
    """Fold each token with :func:`archive.text.fold` (Həsənov → hasanov, İlham → ilham)."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            # ASCII needs only lower-casing (fold() gives the same); most words are ASCII.
            token.text = text.lower() if text.isascii() else fold(text)
            yield token


def parley_analyzer():
    """Return the analyzer used at index and query time for the document field."""
    return RegexTokenizer() | FoldFilter() | StopFilter()

"""A stemmed English companion of an article's text, names kept as written.

The document field is exact (folded, never stemmed: analysis.py), so that names
stay names. Beside it, a ``STEMMED`` field holds the same headline and body with
ordinary words reduced to their stem (Porter2: signed, signing → sign; meetings →
meet), so that the query planner (query/planner.py) can search a word both ways,
the stemmed alternative with a lower boost: exact matches rank above stemmed ones.

Names are never stemmed. A capitalised word inside a sentence is taken for a
name ("Abbas", "Reuters", "Paris"), so is one that starts a sentence with another
such word after it ("Abbas Araghchi met"), and so is every other occurrence of that word
in the same text, at the start of a sentence or in lower case; a Title Case
headline says nothing about names, so its words are names only when the body
uses them as names. Names are not stemmed into the stemmed field: the exact field
answers for them, and a query word stemmed to ``abba`` never meets the name Abbas.
Instead each name is recorded there as itself behind :data:`NAME_MARK` (``=abbas``),
so that the planner can tell a typed word that this archive mostly knows as a name
and search it exactly only: ``Abbas`` then never meets the word "abba" either.
Stop words and one-letter words are left out. Queries are lower-cased, so the
field's query analysis stems every word (``mode="query"``).

Stemming costs ~70 µs a word in pure Python; :func:`stem` is cached per distinct
word, which English news repeats. Indexing goes through
:meth:`StemmingAnalyzer.term_frequencies` in one loop, not Whoosh's token pipeline
(the pipeline gives the same terms: tests/test_stemming.py).
"""

import functools
from collections import Counter

from whoosh.analysis import CompositeAnalyzer, RegexTokenizer, Token, Tokenizer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.fields import TEXT
from whoosh.formats import Frequency
from whoosh.lang.porter2 import stem as porter2
from whoosh.system import pack_uint

from archive.text import fold

# The document field's word pattern, so both fields see the same words.
_WORDS = RegexTokenizer().expression
# A word after one of these (with spaces between) starts a sentence, a line, a quotation or an aside.
_SENTENCE_BREAKS = frozenset('\n.!?:;"“”«»()[]•')
# How many stemmed forms are remembered (distinct words of the archive, typically far fewer).
STEM_CACHE_WORDS = 200_000
# The weight of a stemmed match relative to an exact one (query/planner.py writes it into the query).
STEM_BOOST = 0.5
# The prefix of the stemmed field's terms that record a name (never a stem: stems are words).
NAME_MARK = "="
# A line whose every word (stop words aside) is capitalised, with at least this many, is Title Case.
TITLE_CASE_MIN_WORDS = 3


@functools.lru_cache(maxsize=STEM_CACHE_WORDS)
def stem(word: str) -> str:
    """Return the Porter2 (English Snowball) stem of a folded word."""
    return porter2(word)


def _tokens(text: str):
    """Return ``[(folded word, capitalised, starts a sentence, line number)]`` of ``text``."""
    tokens = []
    line = 0
    previous_end = 0
    for match in _WORDS.finditer(text):
        start = match.start()
        gap = text[previous_end:start]
        previous_end = match.end()
        if "\n" in gap:
            line += gap.count("\n")
        word = match.group()
        initial = not tokens or not _SENTENCE_BREAKS.isdisjoint(gap)
        tokens.append((word.lower() if word.isascii() else fold(word), word[0].isupper(), initial, line))
    return tokens


def _title_case_lines(text: str, tokens) -> set[int]:
    """Return the headlines in Title Case: lines that are not sentences (no full stop at their end)
    whose every word but stop words is capitalised (at least ``TITLE_CASE_MIN_WORDS``)."""
    sentences = {number for number, line in enumerate(text.split("\n")) if line.rstrip().endswith((".", "!", "?"))}
    words: Counter = Counter()
    lower: set[int] = set(sentences)
    for folded, capital, _initial, line in tokens:
        if len(folded) < 2 or folded in STOP_WORDS or folded.isdigit():
            continue
        words[line] += 1
        if not capital:
            lower.add(line)
    return {line for line, count in words.items() if count >= TITLE_CASE_MIN_WORDS and line not in lower}


def stemmed_terms(text: str) -> list[str]:
    """Return the terms the stemmed field indexes for ``text``, in order: every word but stop words
    and one-letter words, folded, stemmed, or for a name :data:`NAME_MARK` and the name as written."""
    tokens = _tokens(text)
    title_case = _title_case_lines(text, tokens)
    names = set()
    for i, (folded, capital, initial, line) in enumerate(tokens):
        if not capital or line in title_case or folded.isdigit():
            continue
        # At a sentence's start a capital says nothing, unless a name follows ("Abbas Araghchi met").
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if not initial or following and following[1] and not following[2] and following[3] == line:
            names.add(folded)
    return [
        NAME_MARK + folded if folded in names else stem(folded)
        for folded, _capital, _initial, _line in tokens
        if len(folded) > 1 and folded not in STOP_WORDS
    ]


def stemmed_query_words(text: str) -> list[str]:
    """Return the stems of the words of a query (lower-cased: no names to tell apart), stop words left out."""
    # finditer, not findall: the pattern has a capturing group, which findall would return.
    words = (w.lower() if w.isascii() else fold(w) for w in (m.group() for m in _WORDS.finditer(text)))
    return [stem(w) for w in words if len(w) > 1 and w not in STOP_WORDS]


class StemmingTokenizer(Tokenizer):
    """Whoosh's view of :func:`stemmed_terms` (index) and :func:`stemmed_query_words` (query): one token per term."""

    def __call__(
        self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0, mode="", **kwargs
    ):
        terms = stemmed_query_words(value) if mode == "query" else stemmed_terms(value)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, term in enumerate(terms):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = term
            if positions:
                token.pos = start_pos + position
            yield token


class StemmingAnalyzer(CompositeAnalyzer):
    """The stemmed field's analyzer, with a one-loop path for indexing."""

    def __init__(self):
        super().__init__(StemmingTokenizer())

    def term_frequencies(self, text: str) -> Counter:
        """Return ``{term: occurrences}`` of ``text`` as the pipeline indexes it."""
        return Counter(stemmed_terms(text))


class StemmedFrequency(Frequency):
    """Whoosh's ``Frequency`` postings format, indexing through :meth:`StemmingAnalyzer.term_frequencies`."""

    def word_values(self, value, analyzer, **kwargs):
        fast = getattr(analyzer, "term_frequencies", None)
        if fast is None or not isinstance(value, str) or kwargs.get("mode", "index") != "index":
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word, frequency in fast(value).items():
            yield (word, frequency, frequency * boost, pack_uint(frequency))


class STEMMED(TEXT):
    """The stemmed companion field: frequencies only (phrases are the exact field's), scorable."""

    def __init__(self, stored: bool = False, field_boost: float = 1.0):
        super().__init__(analyzer=StemmingAnalyzer(), phrase=False, stored=stored, field_boost=field_boost)
        self.format = StemmedFrequency(field_boost=field_boost)


def stemmed_field_names(schema) -> list[str]:
    """Return the names of the ``STEMMED`` fields of a Whoosh schema."""
    return [name for name, field in schema.items() if isinstance(field, STEMMED)]

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


class _StemCache(dict):
    """``{folded word: stem}``, each stem computed once (a plain dict: cheaper to ask than lru_cache)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= STEM_CACHE_WORDS:
            self.clear()  # an archive's distinct words are far fewer; bound it anyway
        value = self[word] = porter2(word)
        return value


_STEMS = _StemCache()


def stem(word: str) -> str:
    """Return the Porter2 (English Snowball) stem of a folded word."""
    return _STEMS[word]


def _tokens(text: str):
    """Return ``[(folded word, capitalised, starts a sentence, line number, start, end)]`` of ``text``."""
    tokens = []
    append = tokens.append
    line = 0
    previous_end = -1
    for match in _WORDS.finditer(text):
        start, end = match.span()
        if previous_end < 0:
            initial = True
            line = text.count("\n", 0, start)
        elif start - previous_end == 1 and text[previous_end] == " ":
            initial = False  # most words follow another after one space
        else:
            gap = text[previous_end:start]
            line += gap.count("\n")
            initial = not _SENTENCE_BREAKS.isdisjoint(gap)
        previous_end = end
        word = match.group()
        append((word.lower() if word.isascii() else fold(word), word[0].isupper(), initial, line, start, end))
    return tokens


def _title_case_lines(text: str, tokens) -> set[int]:
    """Return the headlines in Title Case: lines that are not sentences (no full stop at their end)
    whose every word but stop words is capitalised (at least ``TITLE_CASE_MIN_WORDS``)."""
    candidates = {
        number
        for number, line in enumerate(text.split("\n"))
        if line.strip() and not line.rstrip().endswith((".", "!", "?"))
    }
    if not candidates:
        return set()  # every line a sentence: no headline
    last = max(candidates)
    words: Counter = Counter()
    lower: set[int] = set()
    for folded, capital, _initial, line, _start, _end in tokens:
        if line > last:
            break  # tokens come in line order; typically only the headline is a candidate
        if line not in candidates:
            continue
        if len(folded) < 2 or folded in STOP_WORDS or folded.isdigit():
            continue
        words[line] += 1
        if not capital:
            lower.add(line)
    return {line for line, count in words.items() if count >= TITLE_CASE_MIN_WORDS and line not in lower}


def stemmed_terms(text: str) -> list[str]:
    """Return the terms the stemmed field indexes for ``text``, in order: every word but stop words
    and one-letter words, folded, stemmed, or for a name :data:`NAME_MARK` and the name as written."""
    return [term for term, _start, _end in _analysed(text)]


def _analysed(text: str) -> list[tuple[str, int, int]]:
    """Return ``(term, start, end)`` of :func:`stemmed_terms`, with each word's characters in ``text``."""
    tokens = _tokens(text)
    title_case = _title_case_lines(text, tokens)
    names = set()
    last = len(tokens) - 1
    for i, (folded, capital, initial, line, _start, _end) in enumerate(tokens):
        if not capital or (title_case and line in title_case) or folded.isdigit():
            continue
        if not initial:
            names.add(folded)
        elif i < last:
            # At a sentence's start a capital says nothing, unless a name follows ("Abbas Araghchi met").
            _word, next_capital, next_initial, next_line, _s, _e = tokens[i + 1]
            if next_capital and not next_initial and next_line == line:
                names.add(folded)
    stems = _STEMS
    return [
        (NAME_MARK + folded if folded in names else stems[folded], start, end)
        for folded, _capital, _initial, _line, start, end in tokens
        if len(folded) > 1 and folded not in STOP_WORDS
    ]


def stemmed_query_words(text: str) -> list[str]:
    """Return the stems of the words of a query (lower-cased: no names to tell apart), stop words left out."""
    return [term for term, _start, _end in _analysed_query(text)]


def query_stem(word: str) -> str | None:
    """Return the stem the field's query analysis gives a query word, or ``None`` when the tokenizer
    sees no single word in it ("o'brien" is two words, "the" a stop word): only a single word may be
    searched as a term of the stemmed field, which has no positions for a phrase."""
    tokens = list(_WORDS.finditer(word))
    analysed = _analysed_query(word)
    return analysed[0][0] if len(tokens) == 1 and len(analysed) == 1 else None


def _analysed_query(text: str) -> list[tuple[str, int, int]]:
    # finditer, not findall: the pattern has a capturing group, which findall would return.
    found = []
    for match in _WORDS.finditer(text):
        word = match.group()
        folded = word.lower() if word.isascii() else fold(word)
        if len(folded) > 1 and folded not in STOP_WORDS:
            found.append((stem(folded), match.start(), match.end()))
    return found


class StemmingTokenizer(Tokenizer):
    """Whoosh's view of :func:`stemmed_terms` (index) and :func:`stemmed_query_words` (query): one token per term."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        mode="",
        **kwargs,
    ):
        terms = _analysed_query(value) if mode == "query" else _analysed(value)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, (term, start, end) in enumerate(terms):
            token.text = term
            if chars:
                # Whoosh's phrase parsing asks where each word is (a phrase in the stemmed field).
                token.startchar, token.endchar = start_char + start, start_char + end
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

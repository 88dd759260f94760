"""Parley's text analysis, spelled out for the cluster engines (Elasticsearch, OpenSearch, Solr).

The same words as on Whoosh (analysis.py): split as Whoosh's ``RegexTokenizer`` splits,
folded as ``archive.text.fold`` folds (Həsənov, HƏSƏNOV → hasanov; İlham → ilham), never
stemmed, so that names stay names (``Abbas`` never meets ``abba``). Each engine is given
the same chain, in its own configuration language:

1. a mapping character filter with ``fold``'s answer for every letter and digit of the
   alphabets Parley's sources write names in (Latin with its extensions and IPA, Greek,
   Cyrillic, Armenian, Georgian, Arabic): Lucene's ASCII folding alone folds ə to e, not a
   (Əliyev is Aliyev in English news), and does not transliterate Cyrillic at all;
2. a pattern tokenizer with Whoosh's word pattern (Java's ``(?U)``: Unicode word characters,
   as Python's ``\\w``);
3. lower case, then ASCII folding for what the table leaves (accents of other alphabets);
4. the document field only: Whoosh's English stop words and words of one letter left out.

Letters whose folded form is not a letter or digit (Cyrillic ь → ', Armenian Թ → t') are
left out of the table: mapped before the tokenizer they would split the word in two, where
Whoosh folds the word whole; on a cluster they stay as written, so such a word matches
only as written.

The stemmed companion field (index/fields.py) is not analysed by the engines at all: a
stemmer in the engine cannot tell names from words as Parley does (index/engine/stemming.py:
a capitalised word inside a sentence is a name, kept as ``=name``), and Lucene's Snowball
need not stem every word as Whoosh's Porter2 does. The backends send that field as Parley's
own terms, space-separated (:func:`pre_analysed`), the engines split them on spaces and
nothing else (:data:`TERM_PATTERN`, index and query alike), and the query planner names the
stem itself (query/planner.py): the field holds exactly the terms Whoosh's holds.
"""

import unicodedata

from whoosh.analysis import RegexTokenizer
from whoosh.analysis.filters import STOP_WORDS

from archive.text import fold

# The blocks whose letters and digits the mapping table covers.
FOLDED_BLOCKS = (
    (0x00C0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x0250, 0x02AF),  # IPA Extensions: ə
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and its supplement
    (0x0530, 0x058F),  # Armenian
    (0x0600, 0x06FF),  # Arabic (Persian names)
    (0x10A0, 0x10FF),  # Georgian
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
)

# Whoosh's RegexTokenizer pattern, with Java's flag for Unicode word characters.
WORD_PATTERN = "(?U)" + RegexTokenizer().expression.pattern
STOP_WORD_LIST = sorted(STOP_WORDS)
MIN_WORD_LENGTH = 2  # Whoosh's StopFilter drops one-letter words from the document field
# The stemmed field's terms, as pre_analysed writes them: split on spaces and nothing else.
TERM_PATTERN = r"\S+"

# Analyzer names, per kind of text field (the same names on every engine).
DOCUMENT = "parley_text"  # the document field: folded, stop words out
WORDS = "parley_words"  # other text fields: folded, every word kept ("The Who", "A")
STEMMED = "parley_stemmed"  # the stemmed companion: Parley's own terms (stems and =names), as sent


def fold_table() -> list[tuple[str, str]]:
    """Return ``[(character, folded)]`` for the letters and digits of :data:`FOLDED_BLOCKS` that ``fold`` changes."""
    table = []
    for first, last in FOLDED_BLOCKS:
        for code in range(first, last + 1):
            character = chr(code)
            if unicodedata.category(character)[0] not in "LN":
                continue
            folded = fold(character)
            if folded != character and folded.isascii() and folded.isalnum():
                table.append((character, folded))
    return table


def fold_mapping_lines() -> list[str]:
    """Return the fold table as mapping rules, ``\\uXXXX => text``: Elasticsearch's ``mappings``
    and, quoted, the lines of Solr's mapping file (both read ``\\u`` escapes)."""
    return [f"\\u{ord(character):04x} => {folded}" for character, folded in fold_table()]


def analyzer_of(field) -> str:
    """Return the analyzer name of a Haystack text field: document, stemmed companion, or other words."""
    if field.document:
        return DOCUMENT
    if field.field_type == "stemmed_text":
        return STEMMED
    return WORDS


def pre_analysed(prepared: dict, fields) -> dict:
    """Return a document Haystack prepared with each stemmed companion field's text replaced by
    its terms as Parley's stemmed analysis gives them (index/engine/stemming.py), space-separated."""
    from index.engine.stemming import stemmed_terms

    document = dict(prepared)
    for field in fields.values():
        value = document.get(field.index_fieldname)
        if field.field_type == "stemmed_text" and isinstance(value, str):
            document[field.index_fieldname] = " ".join(stemmed_terms(value))
    return document


def known_as_names(words: list[str], counts: dict[tuple[str, str], int]) -> set[str]:
    """Return the ``words`` the archive knows mostly as names, from ``counts`` of documents by ``("name",
    word)`` (the stemmed field's ``=word``) and ``("word", word)`` (the document field's word): as the
    Whoosh lexicon decides (index/engine/lexicon.py), in at least half the documents that have the word."""
    return {w for w in words if counts[("name", w)] and counts[("name", w)] * 2 >= counts[("word", w)]}


def document_field(backend) -> str:
    """Return the name of the document field (Haystack's ``document=True``) of ``backend``'s indexes."""
    from haystack import connections

    return connections[backend.connection_alias].get_unified_index().document_field

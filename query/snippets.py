"""Snippets with the user's matches marked, safe to put in a page.

Built from the article text in the database with the query's own terms, not
with the search engine's highlighter: the engine would mark filter values too
and Haystack's template tag does not escape. Every character of the text is
escaped; only the ``<mark>`` tags added here are markup.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.analysis import RegexTokenizer

from archive.text import fold
from query.syntax import Term

_WORDS = RegexTokenizer().expression  # the same word pattern as the index's tokenizer
SNIPPET_CHARS = 260


def _distance_at_most(a: str, b: str, limit: int) -> bool:
    """Return whether the Levenshtein distance of ``a`` and ``b`` is at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _matches(word: str, term: Term) -> bool:
    if term.kind == "prefix":
        return word.startswith(term.text)
    if term.kind == "fuzzy":
        return _distance_at_most(word, term.text, term.edits)
    return word == term.text


def _is_token_start(text: str, position: int) -> bool:
    """Whether a token of ``_WORDS`` starts at ``position`` when ``text`` is scanned from the start."""
    if position == 0:
        return True
    before = text[position - 1]
    if before.isalnum() or before == "_":
        return False
    # Tokens run across single dots between word characters ("u.s"): "s" does not start one.
    joined = before == "." and position >= 2 and (text[position - 2].isalnum() or text[position - 2] == "_")
    return not joined


def _word_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Return the spans of the tokens of ASCII ``text`` equal, lower-cased, to one of ``words``.

    The same spans as tokenizing the whole text, found with ``str.find``: a page of
    results tokenized twenty bodies of 500 words, the largest single cost of a search page.
    """
    lowered = text.lower()
    spans = []
    for word in words:
        position = lowered.find(word)
        while position != -1:
            if _is_token_start(lowered, position):
                match = _WORDS.match(lowered, position)
                if match and match.group() == word:
                    spans.append((position, match.end()))
            position = lowered.find(word, position + 1)
    return spans


def match_spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` character spans of ``text`` that the positive terms match."""
    terms = [t for t in terms if not t.negated]
    if not terms or not text:
        return []
    if text.isascii() and all(t.kind == "word" and t.text.isascii() and t.text for t in terms):
        return sorted(set(_word_spans(text, [t.text for t in terms])))
    # The analyzer's word pattern, folded as it folds (ASCII words only need lower-casing).
    tokens = [
        (word.lower() if word.isascii() else fold(word), m.start(), m.end())
        for m in _WORDS.finditer(text)
        for word in (m.group(),)
    ]
    words = [w for w, _, _ in tokens]
    spans = []
    for term in terms:
        parts = term.text.split()
        if term.kind == "phrase":
            for i in range(len(words) - len(parts) + 1):
                if words[i : i + len(parts)] == parts:
                    spans.append((tokens[i][1], tokens[i + len(parts) - 1][2]))
        else:
            spans.extend((start, end) for word, start, end in tokens if _matches(word, term))
    return sorted(set(spans))


def snippet(text: str, terms: list[Term], length: int = SNIPPET_CHARS) -> SafeString:
    """Return an escaped excerpt of ``text`` around its densest matches, marked with ``<mark>``.

    Without matches it is the beginning of the text, escaped.
    """
    spans = match_spans(text, terms)
    if not spans:
        return mark_safe(escape(_cut(text, 0, length)))  # noqa: S308 - escaped just here
    # The window of ``length`` characters that holds the most matches.
    best_start, best_count = spans[0][0], 0
    for i, (start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[i:] if e <= start + length)
        if count > best_count:
            best_start, best_count = start, count
    window_start = max(0, best_start - length // 4)
    window_start = text.rfind(" ", 0, window_start) + 1 if window_start else 0
    window_end = min(len(text), window_start + length)
    if window_end < len(text):
        cut = text.rfind(" ", window_start, window_end)
        window_end = cut if cut > best_start else window_end
    pieces, cursor = [], window_start
    for start, end in spans:
        if start < cursor or end > window_end:
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:window_end]))
    prefix = "… " if window_start > 0 else ""
    suffix = " …" if window_end < len(text) else ""
    # Every piece of the text went through escape(); only our <mark> tags are markup.
    return mark_safe(prefix + "".join(pieces).strip() + suffix)  # noqa: S308


def _cut(text: str, start: int, length: int) -> str:
    if len(text) - start <= length:
        return text[start:]
    end = text.rfind(" ", start, start + length)
    return text[start : end if end > start else start + length] + " …"

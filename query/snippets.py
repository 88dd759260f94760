"""Snippets with the user's matches marked, safe to put in a page.

Built from the article text in the database with the query's own terms, not
with the search engine's highlighter: the engine would mark filter values too
and Haystack's template tag does not escape. Every character of the text is
escaped; only the ``<mark>`` tags added here are markup.

A word searched by its stem too (query/planner.py) marks its inflections
("sign" marks "signed"), except capitalised ones: names are never stemmed in the
index either (index/engine/stemming.py). The excerpt is the passage that covers
most of the query's different terms: one window when one holds them all,
otherwise up to three shorter ones, in the text's order.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.analysis import RegexTokenizer

from archive.text import fold
from index.engine.stemming import stem
from query.syntax import Term

_WORDS = RegexTokenizer().expression  # the same word pattern as the index's tokenizer
SNIPPET_CHARS = 260
# At most this many passages, each a share of SNIPPET_CHARS, when no single window holds every term.
MAX_PASSAGES = 3
# A passage starts at its sentence's beginning when that is at most this share of the passage before the match.
SENTENCE_REACH = 0.5


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


def _matches(word: str, term: Term, capitalised: bool = False) -> bool:
    if term.kind == "prefix":
        return word.startswith(term.text)
    if term.kind == "fuzzy":
        return _distance_at_most(word, term.text, term.edits)
    return word == term.text or bool(term.stem) and not capitalised and stem(word) == term.stem


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


def _word_spans(text: str, terms: list[Term]) -> list[tuple[int, int, int]]:
    """Return ``(start, end, term index)`` of the tokens of ASCII ``text`` that the word ``terms`` match.

    The same spans as tokenizing the whole text, found with ``str.find``: a page of
    results tokenized twenty bodies of 500 words, the largest single cost of a search page.
    An inflection starts with its stem but for the stem's last letter ("ceremoni": "ceremony").
    """
    lowered = text.lower()
    spans = []
    for key, term in enumerate(terms):
        needle = term.text if not term.stem else min(term.text, term.stem[:-1] or term.stem, key=len)
        position = lowered.find(needle)
        while position != -1:
            if _is_token_start(lowered, position):
                match = _WORDS.match(lowered, position)
                if match and _matches(match.group(), term, text[position].isupper()):
                    spans.append((position, match.end(), key))
            position = lowered.find(needle, position + 1)
    return spans


def match_spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` character spans of ``text`` that the positive terms match."""
    return sorted({(start, end) for start, end, _ in keyed_spans(text, terms)})


def keyed_spans(text: str, terms: list[Term]) -> list[tuple[int, int, int]]:
    """Return ``(start, end, index of the term)`` of every match of the positive terms, in text order."""
    terms = [t for t in terms if not t.negated]
    if not terms or not text:
        return []
    if text.isascii() and all(t.kind == "word" and t.text.isascii() and t.text for t in terms):
        return _first_per_span(_word_spans(text, terms))
    # The analyzer's word pattern, folded as it folds (ASCII words only need lower-casing).
    tokens = [
        (word.lower() if word.isascii() else fold(word), m.start(), m.end(), word[:1].isupper())
        for m in _WORDS.finditer(text)
        for word in (m.group(),)
    ]
    words = [w for w, _, _, _ in tokens]
    spans = []
    for key, term in enumerate(terms):
        parts = term.text.split()
        if term.kind == "phrase":
            for i in range(len(words) - len(parts) + 1):
                if words[i : i + len(parts)] == parts:
                    spans.append((tokens[i][1], tokens[i + len(parts) - 1][2], key))
        else:
            spans.extend((start, end, key) for word, start, end, upper in tokens if _matches(word, term, upper))
    return _first_per_span(spans)


def _first_per_span(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Return ``spans`` in text order, one per ``(start, end)`` (the first term that matched it)."""
    seen, kept = set(), []
    for start, end, key in sorted(spans):
        if (start, end) not in seen:
            seen.add((start, end))
            kept.append((start, end, key))
    return kept


def snippet(text: str, terms: list[Term], length: int = SNIPPET_CHARS) -> SafeString:
    """Return an escaped excerpt of ``text`` covering most of the query's terms, marked with ``<mark>``.

    Without matches it is the beginning of the text, escaped.
    """
    spans = keyed_spans(text, terms)
    if not spans:
        return mark_safe(escape(_cut(text, 0, length)))  # noqa: S308 - escaped just here
    windows = _passages(text, spans, length)
    pieces = []
    for number, (window_start, window_end) in enumerate(windows):
        if number:
            pieces.append(" … ")
        cursor = window_start
        for start, end, _ in spans:
            if start < cursor or end > window_end:
                continue
            pieces.append(escape(text[cursor:start]))
            pieces.append(f"<mark>{escape(text[start:end])}</mark>")
            cursor = end
        pieces.append(escape(text[cursor:window_end]))
    prefix = "… " if windows[0][0] > 0 else ""
    suffix = " …" if windows[-1][1] < len(text) else ""
    # Every piece of the text went through escape(); only our <mark> tags are markup.
    return mark_safe(prefix + "".join(pieces).strip() + suffix)  # noqa: S308


def _passages(text: str, spans, length: int) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` windows of the excerpt, in text order.

    For one, two, then three passages (each ``length`` shared between them), passages
    are chosen greedily, each the one that adds most terms not yet shown (then most
    matches); the fewest passages that show the most different terms win.
    """
    wanted = len({key for _, _, key in spans})
    best = None
    for count in range(1, MAX_PASSAGES + 1):
        size = length // count
        chosen, shown = [], set()
        for _ in range(count):
            pick = _best_window(spans, size, shown, chosen)
            if pick is None:
                break
            chosen.append(pick)
            shown |= pick[2]
        if best is None or len(shown) > best[0]:
            best = (len(shown), size, chosen)
        if len(shown) == wanted:
            break
    _, size, chosen = best
    windows = sorted(_window(text, first, last, size) for first, last, _ in chosen)
    merged = [windows[0]]
    for start, end in windows[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _best_window(spans, size: int, shown: set, chosen: list):
    """Return ``(first match start, last match end, terms)`` of the window of ``size`` characters
    starting at a match that adds most terms to ``shown`` (then holds most matches), or ``None``
    when none adds any (after the first). Windows overlapping those ``chosen`` are skipped."""
    best, best_score = None, None
    for i, (start, _, _) in enumerate(spans):
        if any(first - size < start < last + size for first, last, _ in chosen):
            continue
        inside = [(s, e, key) for s, e, key in spans[i:] if e <= start + size]
        if not inside:
            continue
        keys = {key for _, _, key in inside}
        score = (len(keys - shown), len(inside))
        if best_score is None or score > best_score:
            best, best_score = (start, inside[-1][1], keys), score
    if best is None or (chosen and not best[2] - shown):
        return None
    return best


def _window(text: str, first: int, last: int, size: int) -> tuple[int, int]:
    """Return a window of about ``size`` characters around the matches ``first:last``, from the
    beginning of their sentence when it is near, else from a word boundary before them."""
    full_stop = text.rfind(". ", 0, first)
    sentence = max(full_stop + 2 if full_stop != -1 else 0, text.rfind("\n", 0, first) + 1)
    if first - sentence <= size * SENTENCE_REACH:
        start = sentence
    else:
        start = max(0, first - size // 4)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + size)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut >= last else max(end, last)
    return start, end


def _cut(text: str, start: int, length: int) -> str:
    if len(text) - start <= length:
        return text[start:]
    end = text.rfind(" ", start, start + length)
    return text[start : end if end > start else start + length] + " …"

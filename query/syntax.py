"""The keyword syntax users may type, parsed into a safe, canonical query.

Allowed: words (all must match), ``"phrases"``, ``OR``, ``AND``, ``NOT`` or
``-word``, ``prefix*``, fuzzy ``word~`` (``word~2``), and balanced parentheses.
Everything else (field prefixes, ranges, boosts, stray quotes and brackets) is
turned into plain words, so no input reaches the engine's parser unchecked and
no input can raise. The canonical string uses the syntax common to Whoosh and
Lucene (Elasticsearch, Solr), so it means the same on every backend.

The length and clause limits here only keep parsing cheap; what a query may
cost is decided against the index itself by the planner (query/planner.py),
which rewrites clauses through :func:`render`.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from archive.text import fold

# Parsing bounds only, above anything the planner lets through (gunicorn refuses
# request lines over 4,094 bytes anyway).
MAX_QUERY_LENGTH = 4000
MAX_CLAUSES = 400
MIN_PREFIX_LENGTH = 2

# A token: a quoted phrase (closed or not), a parenthesis, or a run of other characters.
_TOKEN = re.compile(r'-?"[^"]*"?|[()]|[^\s()"]+')
_WORD_CHARS = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE)
_FUZZY = re.compile(r"^(?P<word>.+?)~(?P<edits>[12])?$")
OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Term:
    """One matchable unit of the query, for highlighting and spelling."""

    text: str  # folded
    kind: str = "word"  # word, phrase, prefix, fuzzy
    edits: int = 0
    negated: bool = False
    stem: str = ""  # a word also searched by this stem (query/planner.py); "" when only exactly


@dataclass(frozen=True)
class Clause:
    """One searchable clause: its term and its canonical text (without a leading ``NOT``)."""

    term: Term
    text: str


# A canonical piece: a clause, or an operator or parenthesis (``AND``, ``OR``, ``(``, ``)``).
Piece = Clause | str


@dataclass
class ParsedQuery:
    """What a user's keyword input means.

    ``canonical`` is the string handed to the search engine (empty: match all);
    ``terms`` the positive words, phrases, prefixes and fuzzy words (for
    snippets); ``notices`` plain-language notes about what was changed;
    ``pieces`` the clauses and operators ``canonical`` is rendered from;
    ``cut`` whether the planner left out part of what was asked (so a machine
    client that cannot show notices gets an error instead of other results);
    ``refused`` why the search is not run at all (it cannot fit its budget).
    """

    raw: str
    canonical: str = ""
    terms: list[Term] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    cut: bool = False
    refused: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.canonical

    @property
    def plain_words(self) -> list[str]:
        """The positive single words, for "did you mean"."""
        return [t.text for t in self.terms if t.kind == "word"]


def _words(text: str) -> list[str]:
    """Return the word-like runs of ``text`` (letters and digits, inner dots and apostrophes)."""
    return _WORD_CHARS.findall(text)


def _quote(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


def parse_query(raw: str) -> ParsedQuery:
    """Return the :class:`ParsedQuery` for ``raw``; never raises."""
    raw = unicodedata.normalize("NFC", raw or "")
    result = ParsedQuery(raw=raw)
    text = raw.strip()
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        result.notices.append(f"Your query was cut to its first {MAX_QUERY_LENGTH} characters.")

    parts: list[Piece] = []
    depth = 0
    clauses = 0
    pending_not = False
    for token in _TOKEN.findall(text):
        if clauses >= MAX_CLAUSES:
            result.notices.append(f"Only the first {MAX_CLAUSES} terms were used.")
            break
        if token == "(":
            depth += 1
            parts.append("(")
            continue
        if token == ")":
            if depth == 0:
                continue
            depth -= 1
            parts.append(")")
            continue
        if token in OPERATORS:
            if token == "NOT":
                pending_not = True
            else:
                parts.append(token)
            continue
        negated = pending_not
        pending_not = False
        if token.startswith("-") and len(token) > 1:
            negated, token = True, token[1:]
        text = _clause(token, negated, result)
        if text is None:
            continue
        parts.append(Clause(result.terms[-1], text))
        clauses += 1
    parts.extend(")" * depth)
    if depth:
        result.notices.append("Closed an unbalanced parenthesis.")
    result.pieces = parts
    result.canonical = render(parts)
    return result


def render(pieces: list[Piece]) -> str:
    """Return the canonical query string of ``pieces`` (empty: match all)."""
    parts = [(f"NOT {p.text}" if p.term.negated else p.text) if isinstance(p, Clause) else p for p in pieces]
    canonical = _tidy(parts)
    if canonical and not any(isinstance(p, Clause) and not p.term.negated for p in pieces):
        return f"* {canonical}"  # only exclusions: match everything else
    return canonical


def _clause(token: str, negated: bool, result: ParsedQuery) -> str | None:
    """Return the canonical form of one token, recording its terms; ``None`` if nothing is left."""
    if token.startswith('"'):
        if not token.endswith('"') or len(token) == 1:
            result.notices.append("Closed an unbalanced quotation mark.")
        words = _words(token.strip('"'))
        if not words:
            return None
        folded = " ".join(fold(w) for w in words)
        result.terms.append(Term(folded, "phrase" if len(words) > 1 else "word", negated=negated))
        return _quote(words)
    fuzzy = _FUZZY.match(token)
    if fuzzy and _words(fuzzy["word"]) == [fuzzy["word"]]:
        edits = int(fuzzy["edits"] or 2)
        result.terms.append(Term(fold(fuzzy["word"]), "fuzzy", edits=edits, negated=negated))
        return f"{fuzzy['word']}~{edits}"
    if token.endswith("*") and _words(token[:-1]) == [token[:-1]]:
        stem = token[:-1]
        if len(fold(stem)) >= MIN_PREFIX_LENGTH:
            result.terms.append(Term(fold(stem), "prefix", negated=negated))
            return f"{stem}*"
        result.notices.append(f"“{token}”: a prefix needs at least {MIN_PREFIX_LENGTH} letters.")
        return None
    words = _words(token)
    if not words:
        return None
    if len(words) == 1:
        result.terms.append(Term(fold(words[0]), "word", negated=negated))
        return words[0]
    # "title:x", "a/b", "U.S.-Iran": several words glued by syntax → a phrase.
    result.terms.append(Term(" ".join(fold(w) for w in words), "phrase", negated=negated))
    return _quote(words)


def _tidy(parts: list[str]) -> str:
    """Join canonical pieces, dropping operators that have nothing on one side."""
    cleaned: list[str] = []
    for piece in parts:
        if piece in ("AND", "OR") and (not cleaned or cleaned[-1] in ("AND", "OR", "(")):
            continue
        if piece == ")" and cleaned and cleaned[-1] == "(":
            cleaned.pop()
            continue
        if piece == ")" and cleaned and cleaned[-1] in ("AND", "OR"):
            cleaned.pop()
        cleaned.append(piece)
    while cleaned and cleaned[-1] in ("AND", "OR"):
        cleaned.pop()
    return " ".join(cleaned).replace("( ", "(").replace(" )", ")")

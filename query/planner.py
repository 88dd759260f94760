"""The query planner: what a parsed query costs on this index, and what fits in one search's budget.

Characters say nothing about cost: ``co*`` is three of them and stands for every
word starting with "co"; two hundred rare words cost less than one common
prefix. The planner prices each clause of a :class:`~query.syntax.ParsedQuery`
from the index's own term dictionary (index/engine/lexicon.py) and spends the
budget (index/budget.py) in the order the clauses were typed:

* a word costs one term and its document frequency in postings; a phrase, where the
  index has word pairs (index/engine/phrases.py), each consecutive pair as one term and its
  postings, its words as words (ranking reads their postings), and for three words or more
  the positions of each word in the documents that have every pair (``VERIFY_FACTOR``
  postings per word and candidate); without pairs (another
  engine's lexicon, an index built before them), each of its words six times (positions are
  read and matched in every document that has them all);
* a positive word is also searched by its stem where the index has a stemmed
  field (index/engine/stemming.py: "sign" finds "signed"), with a lower boost so
  that exact matches rank first; the stem is one more term and its postings;
* a prefix or a fuzzy word is expanded here, reading at most what is left of the
  dictionary scan, and stands for its most common words that fit (at most
  ``max_expansions``), each of its words priced at twice a plain word's postings; the
  clause becomes ``(word OR word ...)``, so the engine never expands it again and snippets
  mark exactly the words searched;
* a clause that no longer fits is left out.

Every cut is a notice in plain words saying how to narrow the search, and marks
the query ``cut``; if nothing positive is left, the query is ``refused`` and not
run at all. Engines without a term dictionary (Elasticsearch, OpenSearch, Solr) apply
their own expansion limits and only the time budget; their stemmed field holds the same
terms as Whoosh's (index/engine/cluster_analysis.py), so each positive word is searched by
its stem there too (:func:`with_stemmed_alternatives`).
"""

from dataclasses import dataclass, field, replace

from index import budget
from index.budget import NARROW_HINT, SearchBudget, SearchTooCostly
from index.engine.stemming import STEM_BOOST, query_stem
from query.syntax import Clause, ParsedQuery, Term, render

# Clauses named in the notice about those left out; the rest are counted.
NAMED_CLAUSES = 5
PHRASE_FACTOR = 6
# Verifying a candidate of a phrase of three words or more reads each word's positions in it through
# Whoosh's matchers, in Python: measured at ~12 word postings' CPU per word and candidate at 20,000
# articles (index/engine/phrases.py).
VERIFY_FACTOR = 12
# A word a prefix or a fuzzy word stands for is read cold, scored on its own and united with the others:
# at 100,000 articles, "co* OR de* OR mi* OR se*" priced as plain words ran past the time budget cold.
EXPANSION_FACTOR = 2


@dataclass
class Spend:
    """What is left of a budget: index terms, postings and dictionary entries.

    A word already paid for is free the next time (its postings are read once).
    """

    terms: int
    postings: int
    scan: int
    paid: set[str] = field(default_factory=set)

    def price(self, words: list[str], frequencies: list[int], factor: int = 1) -> tuple[int, int]:
        """Return ``(terms, postings)`` that ``words`` would cost now."""
        new = [(w, f) for w, f in zip(words, frequencies, strict=True) if w not in self.paid]
        return len(new), sum(f for _, f in new) * factor

    def affords(self, terms: int, postings: int) -> bool:
        return terms <= self.terms and postings <= self.postings

    def take(self, words: list[str], terms: int, postings: int) -> None:
        self.terms -= terms
        self.postings -= postings
        self.paid.update(words)


def engine_lexicon():
    """Return the search engine's term dictionary (``backend.lexicon()``), or ``None`` if it offers none."""
    from haystack import connections

    backend = connections["default"].get_backend()
    lexicon = getattr(backend, "lexicon", None)
    return lexicon() if lexicon is not None else None


def engine_stemmed_field() -> str | None:
    """Return the stemmed companion field of an engine without a term dictionary that holds Parley's
    stemmed terms and can count names in it (the cluster backends: ``sends_stemmed_terms``), or ``None``."""
    from haystack import connections

    if not getattr(connections["default"].get_backend(), "sends_stemmed_terms", False):
        return None
    fields = connections["default"].get_unified_index().all_searchfields().values()
    return next((field.index_fieldname for field in fields if field.field_type == "stemmed_text"), None)


def engine_names_among(words: list[str], field: str) -> set[str]:
    """Return the ``words`` the engine's archive knows mostly as names (one request: the backend's ``names_among``)."""
    from haystack import connections

    return connections["default"].get_backend().names_among(words, field) if words else set()


def plan_query(
    parsed: ParsedQuery, lexicon=None, limits: SearchBudget | None = None, stemmed_field: str | None = None
) -> ParsedQuery:
    """Return ``parsed`` as it will be searched within ``limits`` on the index of ``lexicon``.

    Without a lexicon (another engine) ``parsed`` is returned unchanged, or with each word's stem
    searched in ``stemmed_field`` if the engine has one. Never raises: a search that cannot be planned
    within the budget comes back ``refused``.
    """
    if parsed.is_empty:
        return parsed
    if lexicon is None:
        return with_stemmed_alternatives(parsed, stemmed_field) if stemmed_field else parsed
    limits = limits or SearchBudget.configured()
    spend = Spend(limits.max_terms, limits.max_postings, limits.max_scan)
    pieces, terms, notices, left_out = [], [], list(parsed.notices), []
    try:
        for piece in parsed.pieces:
            if not isinstance(piece, Clause):
                pieces.append(piece)
                continue
            budget.check()
            planned = _plan_clause(piece, lexicon, spend, limits, notices)
            if planned is None:
                left_out.append(piece)
                continue
            clause, clause_terms = planned
            pieces.append(clause)
            terms.extend(clause_terms)
    except SearchTooCostly as refusal:
        return replace(parsed, refused=refusal.message, cut=True)
    cut = bool(left_out) or len(notices) > len(parsed.notices)
    if left_out:
        notices.append(_left_out_notice(left_out, len([p for p in parsed.pieces if isinstance(p, Clause)])))

    def positive(clauses):
        return any(isinstance(p, Clause) and not p.term.negated for p in clauses)

    # Every positive clause left out: what remains would match far more than was asked. A query
    # of negations only ("-submarine": everything but) was asked as such, and is cheap to answer.
    if positive(parsed.pieces) and not positive(pieces):
        message = "This search would read more of the index than one search may. " + NARROW_HINT
        return replace(parsed, notices=notices, refused=message, cut=True)
    return replace(parsed, canonical=render(pieces), terms=terms, notices=notices, pieces=pieces, cut=cut)


def _plan_clause(clause: Clause, lexicon, spend: Spend, limits: SearchBudget, notices: list[str]):
    """Return ``(clause as searched, its terms for snippets)``, or ``None`` when it does not fit."""
    term = clause.term
    if term.kind in ("prefix", "fuzzy"):
        return _plan_expansion(clause, lexicon, spend, limits, notices)
    if term.kind == "phrase":
        pairs = getattr(lexicon, "phrase_pairs", lambda text: None)(term.text)
        if pairs is not None:
            return _plan_pairs(clause, pairs, lexicon, spend)
    words = term.text.split()
    frequencies = [lexicon.frequency(w) for w in words]
    # Without pairs, a phrase reads and matches each word's positions too, document by document, in Whoosh's
    # matchers: measured at 6.2 times a word's cost per posting (bench/budget_calibration.py, 100,000
    # articles: 5.3 against 0.85 CPU µs; the 4 measured at 20,000 articles let the commonest phrases run
    # past the time budget).
    factor = PHRASE_FACTOR if term.kind == "phrase" else 1
    stemmed = _stemmed_alternative(term, lexicon)
    if stemmed is not None:
        words, frequencies = [*words, f"{stemmed.field}:{stemmed.stem}"], [*frequencies, stemmed.frequency]
    terms, postings = spend.price(words, frequencies, factor)
    if not spend.affords(terms, postings):
        return None
    spend.take(words, terms, postings)
    if stemmed is None:
        return clause, [term]
    # The stemmed field's query analysis stems the word as typed (names are never in that field).
    text = f"({clause.text} OR {stemmed.field}:{clause.text}^{STEM_BOOST})"
    return Clause(term, text), [replace(term, stem=stemmed.stem)]


def _plan_pairs(clause: Clause, pairs, lexicon, spend: Spend):
    """Return ``(clause, its terms)`` of a phrase searched from word pairs, or ``None`` when it does not fit.

    Its hits are the pairs' postings; ranking them reads its words' postings too (weights, not positions:
    index/engine/ranking.py), so each word costs what a searched word costs.
    """
    keys = [f"{pairs.field}:{pair}" for pair, _frequency in pairs.pairs] + pairs.words
    frequencies = [frequency for _pair, frequency in pairs.pairs] + [lexicon.frequency(w) for w in pairs.words]
    terms, postings = spend.price(keys, frequencies)
    if pairs.verified:
        postings += pairs.candidates * len(pairs.words) * VERIFY_FACTOR
    if not spend.affords(terms, postings):
        return None
    spend.take(keys, terms, postings)
    return clause, [clause.term]


def with_stemmed_alternatives(parsed: ParsedQuery, field: str, names_among=engine_names_among) -> ParsedQuery:
    """Return ``parsed`` with each positive single word also searched by its stem in ``field``, boosted
    lower, as with a term dictionary: but for the words the archive knows mostly as names (counted by
    ``names_among(words, field)``: one request to the engine). The stem is named as it is indexed (the
    engine splits the field on spaces only)."""
    words = sorted({p.term.text for p in parsed.pieces if isinstance(p, Clause) and _stem_of(p.term)})
    names = names_among(words, field)
    pieces, stemmed = [], {}
    for piece in parsed.pieces:
        word_stem = _stem_of(piece.term) if isinstance(piece, Clause) and piece.term.text not in names else None
        if word_stem is None:
            pieces.append(piece)
            continue
        stemmed[piece.term] = replace(piece.term, stem=word_stem)
        pieces.append(Clause(stemmed[piece.term], f"({piece.text} OR {field}:{word_stem}^{STEM_BOOST})"))
    if not stemmed:
        return parsed
    terms = [stemmed.get(term, term) for term in parsed.terms]
    return replace(parsed, canonical=render(pieces), terms=terms, pieces=pieces)


def _stem_of(term: Term) -> str | None:
    return query_stem(term.text) if term.kind == "word" and not term.negated else None


def _stemmed_alternative(term: Term, lexicon):
    """Return the lexicon's stemmed alternative of a positive single word, or ``None``."""
    stemmed = getattr(lexicon, "stemmed", None)
    if term.kind != "word" or term.negated or stemmed is None:
        return None
    return stemmed(term.text)


def _plan_expansion(clause: Clause, lexicon, spend: Spend, limits: SearchBudget, notices: list[str]):
    term = clause.term
    if term.kind == "prefix":
        expansion = lexicon.prefixed(term.text, scan=spend.scan)
        shown = f"“{clause.text}”"
    else:
        expansion = lexicon.near(term.text, term.edits, scan=spend.scan)
        shown = f"“{clause.text.split('~')[0]}~”"
    spend.scan -= expansion.scanned
    if not expansion.words:
        if expansion.complete:
            # No word of the index: the bare word is not one either (the expansion would have
            # found it), so searching it matches nothing, costs nothing, and keeps an AND an AND.
            return Clause(term, term.text), []
        return None
    kept = []
    for word, frequency in sorted(expansion.words, key=lambda item: (-item[1], item[0])):
        if len(kept) >= limits.max_expansions:
            break
        terms, postings = spend.price([word], [frequency], EXPANSION_FACTOR)
        if spend.affords(terms, postings):
            spend.take([word], terms, postings)
            kept.append(word)
    if not kept:
        return None
    what = "Type more letters" if term.kind == "prefix" else "Use a longer or an exact word"
    if not expansion.complete:
        notices.append(
            f"{shown}: this archive has more candidate words for it than one search may look through; "
            f"only {len(kept)} of the first {expansion.scanned:,} were searched. {what} to narrow it."
        )
    elif len(kept) < len(expansion.words):
        notices.append(
            f"{shown} stands for {len(expansion.words):,} words in this archive; only the {len(kept)} most "
            f"common were searched. {what} to narrow it."
        )
    text = kept[0] if len(kept) == 1 else "(" + " OR ".join(kept) + ")"
    return Clause(term, text), [Term(word, "word", negated=term.negated) for word in kept]


def _left_out_notice(left_out: list[Clause], total: int) -> str:
    named = ", ".join(f"“{c.text}”" for c in left_out[:NAMED_CLAUSES])
    more = f" and {len(left_out) - NAMED_CLAUSES} more" if len(left_out) > NAMED_CLAUSES else ""
    return (
        f"{len(left_out)} of {total} terms were left out ({named}{more}): searching them too would read "
        f"more of the index than one search may. Put the most telling words first, or use fewer."
    )

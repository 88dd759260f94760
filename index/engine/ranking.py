"""Relevance: Whoosh's BM25F score of every hit at once, with numpy.

Whoosh scores hit by hit through its matchers; the snapshot (snapshot.py) keeps
each term's postings and each field's lengths as arrays, so one query's scores
over all its hits are a few vector operations. The formula, its constants and
its statistics are Whoosh's, so relevance means what it means in Whoosh.
"""

import numpy as np
from whoosh import query as wq

# Whoosh's BM25F defaults.
BM25_B, BM25_K1 = 0.75, 1.2


def bm25_scores(snap, q, docs: np.ndarray) -> np.ndarray:
    """Return the score (float64) of each document of ``docs`` for the Whoosh query ``q``.

    Only the positive terms count (prefixes and fuzzy terms expanded), each times its
    boost; a field without lengths (not scorable) scores by posting weight, as in Whoosh.
    """
    scores = np.zeros(len(docs), dtype=np.float64)
    norms = {}
    for fieldname, btext, boost in positive_terms(q, snap.reader):
        ids, weights = snap.postings(fieldname, btext)
        if not len(ids):
            continue
        where = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
        tf = np.where(ids[where] == docs, weights[where], 0.0)
        if not snap.schema[fieldname].scorable:
            scores += tf * boost
            continue
        if fieldname not in norms:
            lengths = snap.lengths(fieldname)[docs]
            average = snap.reader.field_length(fieldname) / max(snap.reader.doc_count(), 1)
            norms[fieldname] = (1 - BM25_B) + BM25_B * lengths / (average or 1.0)
        idf = snap.searcher.idf(fieldname, btext)
        scores += boost * idf * (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norms[fieldname])
    return scores


def positive_terms(q, reader, boost: float = 1.0) -> list[tuple[str, bytes, float]]:
    """Return ``(field, term, boost)`` of the index terms that the non-negated parts of ``q``
    look for; a term's boost is the product of its own and its enclosing queries' (``word^5``)."""
    if isinstance(q, wq.Not):
        return []
    boost *= getattr(q, "boost", 1.0)
    if isinstance(q, wq.AndNot):
        return positive_terms(q.a, reader, boost)
    if q.is_leaf():
        terms = sorted(q.existing_terms(reader, phrases=True, expand=True))
        return [(fieldname, btext, boost) for fieldname, btext in terms]
    found = []
    for sub in q.children():
        found.extend(t for t in positive_terms(sub, reader, boost) if t not in found)
    return found

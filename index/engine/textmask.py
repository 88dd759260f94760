"""Hit sets of boolean text queries from postings arrays, not from Whoosh's matchers.

Whoosh finds the documents of ``a OR b OR c ...`` by walking a tree of union
matchers in Python, one call chain per posting: 55 of the 65 seconds of
``co* OR de* OR mi* OR se*`` at 20,000 articles. Here each term's postings are
read once as an array (``Snapshot.postings``, cached per generation) and the
operators are numpy operations over boolean masks. Leaves that are not single
terms (phrases) still go through the snapshot's own evaluation, one leaf at a
time. The search's deadline (index/budget.py) is checked before each term.
"""

import numpy as np
from whoosh import query as wq

from index import budget

_BOOLEAN = (wq.And, wq.Or, wq.Not, wq.AndNot)


def boolean_mask(snap, q) -> np.ndarray | None:
    """Return the boolean mask (deleted documents not yet removed) of ``q`` when it is a term
    or a boolean combination (And, Or, Not, AndNot), or ``None`` for any other query."""
    if isinstance(q, wq.Term) and type(q) is wq.Term and not snap.is_keyword(q.fieldname):
        return _term_mask(snap, q)
    if isinstance(q, _BOOLEAN) and not getattr(q, "minmatch", 0):
        return _combined(snap, q)
    return None


def _term_mask(snap, q) -> np.ndarray:
    budget.check()
    mask = np.zeros(snap.size, dtype=bool)
    if q.fieldname in snap.schema.names():
        ids, _ = snap.postings(q.fieldname, snap.schema[q.fieldname].to_bytes(q.text))
        mask[ids] = True
    return mask


def _leaf(snap, q) -> np.ndarray:
    """Return the mask of one operand: a plain term from its postings, anything else as the snapshot evaluates it."""
    found = boolean_mask(snap, q)
    return found if found is not None else snap.mask(q)


def _combined(snap, q) -> np.ndarray:
    if isinstance(q, wq.Not):
        return ~_leaf(snap, q.query)
    if isinstance(q, wq.AndNot):
        return _leaf(snap, q.a) & ~_leaf(snap, q.b)
    if isinstance(q, wq.And):
        mask = _leaf(snap, q.subqueries[0]).copy() if q.subqueries else np.zeros(snap.size, dtype=bool)
        for sub in q.subqueries[1:]:
            mask &= _leaf(snap, sub)
        return mask
    # Or: the postings of plain terms marked in one pass, other operands combined.
    mask = np.zeros(snap.size, dtype=bool)
    for sub in q.subqueries:
        mask |= _leaf(snap, sub)
    return mask

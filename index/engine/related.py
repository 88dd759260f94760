"""More like this: documents sharing the most distinctive words of one document's text.

Haystack's contract: the document itself is left out; ``models()`` (or, without
it, the registered models) and the query's filters narrow the candidates, so
related articles never mix in another indexed model (meetings); the window
``start_offset:end_offset`` is honoured.
"""

import numpy as np
from haystack.constants import ID
from haystack.utils import get_identifier
from whoosh import query as wq

from index.engine.results import StoredValues

# How many of the document's most distinctive words the related documents are looked up by.
KEY_TERMS = 12
MATCH_ALL = "*"


def more_like_this(
    backend,
    model_instance,
    additional_query_string=None,
    start_offset=0,
    end_offset=None,
    models=None,
    limit_to_registered_models=None,
    result_class=None,
) -> dict:
    """Return Haystack's ``{"results": [...], "hits": n}`` for the documents most like ``model_instance``."""
    snap = backend.snapshot()
    empty = {"results": [], "hits": 0}
    with snap.reading():
        searcher = snap.searcher
        docnum = searcher.document_number(**{ID: get_identifier(model_instance)})
        if docnum is None:
            return empty
        # The document field keeps no term vectors (nor, in Parley, its text): prepare it again.
        index = backend._unified_index().get_index(type(model_instance))
        text = index.full_prepare(model_instance)[backend.content_field_name]
        keywords = searcher.key_terms_from_text(backend.content_field_name, text, numterms=KEY_TERMS)
        if not keywords:
            return empty
        query = wq.Or([wq.Term(backend.content_field_name, word) for word, _ in keywords])
        narrow = [additional_query_string] if additional_query_string not in (None, "", MATCH_ALL) else []
        allowed = snap.live.copy()
        allowed[docnum] = False
        filter_query = backend._filter_query(narrow, models, limit_to_registered_models)
        if filter_query is not None:
            allowed &= snap.mask(filter_query)
        mask = snap.mask(query) & allowed
        hits = int(np.count_nonzero(mask))
        start = max(int(start_offset or 0), 0)
        window = snap.ranked_window(query, mask, start, end_offset) if hits else []
        values = StoredValues(backend)
        results = [backend.make_result(snap, d, score, result_class, values=values) for d, score in window]
    return {"results": results, "hits": hits}

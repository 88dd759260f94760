"""Spelling suggestions: each word the index does not know replaced by the nearest one it does.

Two inputs, as Haystack gives them:

* the words as typed (``spelling_query``, e.g. Parley's search box or Haystack's
  ``SearchForm``): corrected in place, case and query syntax kept ("Bagheri",
  not "bagheri"), so the page can offer the search again;
* otherwise the query Haystack built (``(Indexe)``, ``(name:(x) AND (delegatoin))``):
  the words it looks for in the document field, corrected, as the index knows them.

A suggestion is also made when nothing matched (exactly when one is needed);
``None`` means every word is known, or nothing is near.
"""

from django.utils.encoding import force_str
from whoosh import query as wq

RESERVED_WORDS = ("AND", "NOT", "OR", "TO")


def correct_typed(query_string: str, reader, fieldname: str, analyzer) -> str | None:
    """Return ``query_string`` with each unknown plain word corrected, or ``None`` when none is."""
    corrector = reader.corrector(fieldname)
    changed, words = False, []
    for word in force_str(query_string).split():
        tokens = [t.text for t in analyzer(word)]
        if word in RESERVED_WORDS or len(tokens) != 1 or not word.isalnum():
            # Operators, phrases, prefixes, fuzzy and excluded words stay as typed.
            words.append(word)
            continue
        suggestion = _nearest(tokens[0], reader, corrector, fieldname)
        if suggestion is None:
            words.append(word)
        else:
            changed = True
            words.append(suggestion.capitalize() if word[:1].isupper() else suggestion)
    return " ".join(words) if changed else None


def correct_built(parsed, reader, fieldname: str) -> str | None:
    """Return the document-field words of the Whoosh query ``parsed``, unknown ones corrected,
    or ``None`` when every one is known or none is near."""
    corrector = reader.corrector(fieldname)
    changed, words = False, []
    for text in _plain_words(parsed, fieldname):
        suggestion = _nearest(text, reader, corrector, fieldname)
        changed = changed or suggestion is not None
        words.append(suggestion or text)
    return " ".join(words) if changed else None


def _nearest(token: str, reader, corrector, fieldname: str) -> str | None:
    """Return the nearest indexed word to an unknown ``token`` (``None`` if it is known or none is near)."""
    if reader.doc_frequency(fieldname, token) > 0:
        return None
    suggestions = corrector.suggest(token, limit=1, maxdist=2)
    return suggestions[0] if suggestions else None


def _plain_words(q, fieldname: str) -> list[str]:
    """Return the texts of the plain terms of ``q`` in ``fieldname``, in query order, negations left out."""
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.AndNot):
        return _plain_words(q.a, fieldname)
    if type(q) is wq.Term:
        return [q.text] if q.fieldname == fieldname and isinstance(q.text, str) else []
    words = []
    for sub in q.children() if not q.is_leaf() else ():
        words.extend(w for w in _plain_words(sub, fieldname) if w not in words)
    return words

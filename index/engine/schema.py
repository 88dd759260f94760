"""The Whoosh field for each Haystack search field.

Haystack's stock mapping (haystack/backends/whoosh_backend.py) is followed where
it is right, and departs from it where it hurts Parley (see
../shared/notes/haystack-whoosh.md):

* Facet fields (``Facet*Field``) hold whole, unanalysed values: ``ID`` or
  ``KEYWORD``, not stemmed ``TEXT`` (facets per stemmed token).
* Text is folded (case, accents, alphabet: ``archive.text.fold``) and never
  stemmed, so names stay names; a ``StemmedTextField`` (index/fields.py) is the
  stemmed companion of the text, names left out (stemming.py). The document field drops stop words; other text
  fields keep them, since a value such as "The Who" or "A" must still match and
  count as a facet value.
* With ``PARLEY_PHRASE_PAIRS`` the document field has a companion of its word pairs (``text__pairs``,
  index/engine/phrases.py): a phrase is answered from a pair's postings instead of every position of
  its words; ``common`` indexes only the pairs with a common word (analysis.common_words).
* Nothing is made ``sortable`` that Parley does not sort by: a sortable text
  field makes Whoosh write a column copy of every document's text.

Everything else is Haystack's contract: ``stored``, ``indexed``, ``boost`` and a
per-field ``analyzer`` are honoured, integers and dates are numeric columns
(sortable, and ranges answered from them), floats are numeric fields, plain
multi-valued fields are comma-separated keywords, booleans are ``BOOLEAN``, and
``EdgeNgramField``/``NgramField`` are n-gram fields for autocomplete.
"""

from django.conf import settings
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError
from haystack.fields import FacetField
from whoosh.analysis import NgramFilter, NgramTokenizer, RegexTokenizer
from whoosh.fields import BOOLEAN, DATETIME, IDLIST, KEYWORD, NGRAM, NGRAMWORDS, NUMERIC, STORED, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID

from index.engine.analysis import FoldFilter, common_words, document_field, pair_field, parley_analyzer
from index.engine.phrases import pair_field_name
from index.engine.stemming import STEMMED

# Haystack's n-gram sizes (the stock backend's), so autocomplete matches what it matched there.
EDGE_NGRAM_SIZES = (2, 15)
NGRAM_SIZES = (3, 15)


def build_schema(fields) -> tuple[str, Schema]:
    """Return ``(content field name, Schema)`` for Haystack's ``{name: SearchField}``."""
    schema_fields = {
        ID: WHOOSH_ID(stored=True, unique=True),
        DJANGO_CT: WHOOSH_ID(stored=True),
        DJANGO_ID: WHOOSH_ID(stored=True),
    }
    content_field_name = ""
    for field in fields.values():
        name = field.index_fieldname
        if field.document:
            content_field_name = name
            schema_fields[name] = document_field(stored=field.stored, analyzer=field.analyzer, boost=field.boost)
            pairs = phrase_pairs_mode()
            if field.analyzer is None and pairs:
                # Its word pairs, so that a phrase is searched as pairs, not positions (phrases.py).
                schema_fields[pair_field_name(name)] = pair_field(common_words() if pairs == "common" else None)
        else:
            schema_fields[name] = whoosh_field(field)
    if not content_field_name:
        raise SearchBackendError("No document field: mark one field of the search index document=True.")
    return content_field_name, Schema(**schema_fields)


def phrase_pairs_mode() -> str:
    """Return which word pairs ``settings.PARLEY_PHRASE_PAIRS`` indexes: ``""`` (none), ``"all"`` or
    ``"common"`` (those with a common word); ``True`` is ``"all"`` (config/settings.py checks the variable)."""
    value = getattr(settings, "PARLEY_PHRASE_PAIRS", "")
    if value is True:
        return "all"
    return value if value in ("all", "common") else ""


def whoosh_field(field):
    """Return the Whoosh field type of one Haystack field (not the document field)."""
    boost = field.boost
    if isinstance(field, FacetField):
        if field.is_multivalued:
            # Whole keys (ISO codes, slugs) separated by commas; a key with a comma is refused when indexed.
            return KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)
        return WHOOSH_ID(stored=True) if field.indexed else STORED()
    if field.is_multivalued:
        if not field.indexed:
            return IDLIST(stored=True, field_boost=boost)
        return KEYWORD(stored=True, commas=True, scorable=True, field_boost=boost)
    kind = field.field_type
    if kind in ("date", "datetime"):
        return DATETIME(stored=field.stored, sortable=True)
    if kind == "integer":
        # 64 bits, not Whoosh's default 32: a BigIntegerField's values must index too.
        return NUMERIC(stored=field.stored, numtype=int, bits=64, sortable=True, field_boost=boost)
    if kind == "float":
        # Not sortable: Whoosh's float column cannot be written (its NaN default does not pack).
        return NUMERIC(stored=field.stored, numtype=float, field_boost=boost)
    if kind == "boolean":
        return BOOLEAN(stored=field.stored)
    if kind == "edge_ngram":
        return edge_ngram_field(field.stored, boost)
    if kind == "ngram":
        return ngram_field(field.stored, boost)
    if kind == "stemmed_text" and field.indexed:
        return STEMMED(stored=field.stored, field_boost=boost)
    if not field.indexed:
        return STORED()
    return TEXT(analyzer=field.analyzer or parley_analyzer(stop_words=False), stored=field.stored, field_boost=boost)


def edge_ngram_field(stored: bool, boost: float):
    """Return an n-gram field of word beginnings (autocomplete), folded like the rest of Parley's text."""
    minsize, maxsize = EDGE_NGRAM_SIZES
    field = NGRAMWORDS(minsize=minsize, maxsize=maxsize, at="start", stored=stored, field_boost=boost)
    field.analyzer = RegexTokenizer() | FoldFilter() | NgramFilter(minsize, maxsize, at="start")
    return field


def ngram_field(stored: bool, boost: float):
    """Return an n-gram field of the whole value (substring search), folded."""
    minsize, maxsize = NGRAM_SIZES
    field = NGRAM(minsize=minsize, maxsize=maxsize, stored=stored, field_boost=boost)
    field.analyzer = NgramTokenizer(minsize, maxsize) | FoldFilter()
    return field

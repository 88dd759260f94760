"""What Parley adds to Haystack's Elasticsearch backends, whichever client speaks to the engine.

* Index settings with Parley's analysis (cluster_analysis.py) beside Haystack's n-gram
  analyzers, and a mapping that gives each text field its analyzer: the document field
  folded and unstemmed, the stemmed companion Parley's own stemmed terms, other text folded
  with every word kept. Haystack maps every text field to the ``snowball`` analyzer (stemmed, no folding).
* Spelling suggestions rebuilt from the term suggester's per-word options
  (cluster_spelling.py): Haystack joins the analyzed words into a "suggestion" even when
  every word is known, dropping stop words and operators.
"""

import copy

from index.engine.cluster_analysis import (
    DOCUMENT,
    MIN_WORD_LENGTH,
    STEMMED,
    STOP_WORD_LIST,
    TERM_PATTERN,
    WORD_PATTERN,
    WORDS,
    analyzer_of,
    document_field,
    fold_mapping_lines,
    known_as_names,
    pre_analysed,
)
from index.engine.cluster_spelling import Correction, respelled
from index.engine.stemming import NAME_MARK

KINDS = ("name", "word")  # what names_among counts of each word

# Haystack's analyzer for text fields, replaced by Parley's.
HAYSTACK_TEXT_ANALYZER = "snowball"


def with_parley_analysis(haystack_settings: dict) -> dict:
    """Return Haystack's index creation body with Parley's analyzers added to its ``analysis``."""
    body = copy.deepcopy(haystack_settings)
    analysis = body["settings"].setdefault("analysis", {})
    analysis.setdefault("char_filter", {})["parley_fold"] = {"type": "mapping", "mappings": fold_mapping_lines()}
    analysis.setdefault("tokenizer", {}).update(
        {
            "parley_words": {"type": "pattern", "pattern": WORD_PATTERN, "group": 0},
            "parley_terms": {"type": "pattern", "pattern": TERM_PATTERN, "group": 0},
        }
    )
    analysis.setdefault("filter", {}).update(
        {
            "parley_stop": {"type": "stop", "stopwords": STOP_WORD_LIST},
            "parley_min_length": {"type": "length", "min": MIN_WORD_LENGTH},
        }
    )
    folded = ["lowercase", "asciifolding"]
    chains = {DOCUMENT: [*folded, "parley_stop", "parley_min_length"], WORDS: folded}
    analyzers = analysis.setdefault("analyzer", {})
    for name, filters in chains.items():
        analyzers[name] = {
            "type": "custom",
            "char_filter": ["parley_fold"],
            "tokenizer": "parley_words",
            "filter": filters,
        }
    # Parley's own stemmed terms, as the backend sends them (cluster_analysis.pre_analysed).
    analyzers[STEMMED] = {"type": "custom", "tokenizer": "parley_terms"}
    return body


class ParleyAnalysisMixin:
    """Parley's analyzers in the index settings and the text fields' mappings, and the stemmed field
    sent as Parley's own terms (before a Haystack ES backend)."""

    sends_stemmed_terms = True  # the query planner names stems in the stemmed field (query/planner.py)

    def _prepare_object(self, index, obj):
        return pre_analysed(super()._prepare_object(index, obj), index.fields)

    def names_among(self, words: list[str], stemmed_field: str) -> set[str]:
        """Return the ``words`` (folded) this archive knows mostly as names, counted in one request:
        a ``filters`` aggregation of each word's ``=word`` in the stemmed field and the word itself in
        the document field."""
        if not self.setup_complete:
            self.setup()
        filters = {}
        for number, word in enumerate(words):
            filters[f"name{number}"] = {"term": {stemmed_field: NAME_MARK + word}}
            filters[f"word{number}"] = {"term": {document_field(self): word}}
        body = {"query": {"match_all": {}}, "size": 0, "aggs": {"parley_names": {"filters": {"filters": filters}}}}
        buckets = self.conn.search(index=self.index_name, body=body)["aggregations"]["parley_names"]["buckets"]
        counts = {(kind, word): buckets[f"{kind}{n}"]["doc_count"] for n, word in enumerate(words) for kind in KINDS}
        return known_as_names(words, counts)

    def build_schema(self, fields):
        """Return Haystack's ``(content field, mapping)`` with each analyzed text field given Parley's analyzer."""
        content_field_name, mapping = super().build_schema(fields)
        for field in fields.values():
            field_mapping = mapping[field.index_fieldname]
            if field_mapping.get("analyzer") == HAYSTACK_TEXT_ANALYZER:
                field_mapping["analyzer"] = analyzer_of(field)
        return content_field_name, mapping


class ParleySpellingMixin:
    """The page's "Did you mean" from the term suggester (before a Haystack ES backend)."""

    def search(self, query_string, **kwargs):
        # The text the suggester is given, for _process_results to correct; a backend serves one
        # thread (Haystack's connections are per thread).
        self._spelling_text = kwargs.get("spelling_query") or query_string
        return super().search(query_string, **kwargs)

    def _process_results(self, raw_results, *args, **kwargs):
        results = super()._process_results(raw_results, *args, **kwargs)
        if self.include_spelling:
            entries = (raw_results.get("suggest") or {}).get("suggest") or []
            corrections = [
                Correction(entry["offset"], entry["offset"] + entry["length"], entry["options"][0]["text"])
                for entry in entries
                if entry.get("options")
            ]
            results["spelling_suggestion"] = respelled(getattr(self, "_spelling_text", ""), corrections)
        return results

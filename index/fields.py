"""Search fields of Parley's own, beside Haystack's."""

from haystack.fields import CharField


class StemmedTextField(CharField):
    """Text searched by its stems as well as exactly (index/engine/stemming.py): words, never names.

    Parley's Whoosh engine indexes it stemmed, names left out; the query planner adds
    a stemmed alternative for each word typed. Elasticsearch and Solr map it as
    Haystack maps any unknown text field (analysed by the engine's default analyzer).
    """

    field_type = "stemmed_text"

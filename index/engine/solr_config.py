"""Parley's Solr configset: the schema, solrconfig and word lists a Solr 9 core for Parley needs.

``manage.py build_solr_schema --configure-directory <core>/conf`` writes it (Parley's
command, index/management/commands/build_solr_schema.py, over Haystack's); the templates
are templates/search_configuration/. The analysis is cluster_analysis.py's chain in Solr's
terms (MappingCharFilterFactory, PatternTokenizerFactory, LowerCase, ASCIIFolding, Stop,
Length; the stemmed field split on spaces only), and the ``/select`` handler runs the spellcheck component over
the document field for "Did you mean".
"""

from index.engine import cluster_analysis

FOLD_FILE = "parley-fold.txt"
STOP_FILE = "parley-stopwords.txt"
# Haystack's build_solr_schema renders these; Parley's (templates/) come before Haystack's own.
SCHEMA_TEMPLATE = "search_configuration/schema.xml"
SOLRCONFIG_TEMPLATE = "search_configuration/solrconfig.xml"


def analysis_context() -> dict:
    """Return what the templates need beside Haystack's fields: the analysis chain's settings."""
    return {
        "word_pattern": cluster_analysis.WORD_PATTERN,
        "min_word_length": cluster_analysis.MIN_WORD_LENGTH,
        "term_pattern": cluster_analysis.TERM_PATTERN,
        "fold_file": FOLD_FILE,
        "stop_file": STOP_FILE,
        "document_type": cluster_analysis.DOCUMENT,
        "words_type": cluster_analysis.WORDS,
        "stemmed_type": cluster_analysis.STEMMED,
    }


def word_lists() -> dict[str, str]:
    """Return ``{file name: text}`` of the mapping and stop word files the schema names."""
    header = "# Written by manage.py build_solr_schema (index/engine/cluster_analysis.py); do not edit.\n"
    fold = "".join(f'"{source}" => "{target}"\n' for source, _, target in _rules())
    stop = "".join(f"{word}\n" for word in cluster_analysis.STOP_WORD_LIST)
    return {FOLD_FILE: header + fold, STOP_FILE: header + stop}


def _rules():
    return (line.partition(" => ") for line in cluster_analysis.fold_mapping_lines())


def template_context(backend) -> dict:
    """Return the templates' context: Haystack's (the fields as ``backend`` types them) and the analysis."""
    from haystack import connections, constants

    fields = connections[backend.connection_alias].get_unified_index().all_searchfields()
    content_field_name, schema_fields = backend.build_schema(fields)
    return {
        "content_field_name": content_field_name,
        "fields": schema_fields,
        "default_operator": constants.DEFAULT_OPERATOR,
        "ID": constants.ID,
        "DJANGO_CT": constants.DJANGO_CT,
        "DJANGO_ID": constants.DJANGO_ID,
        **analysis_context(),
    }


def configset(backend=None) -> dict[str, str]:
    """Return ``{file name: text}`` of the whole configset, for ``backend`` or Parley's Solr backend.

    Without a backend, one is made that is never connected (the schema depends on the
    search indexes only), so a configset can be written before any Solr is configured.
    """
    from django.template.loader import render_to_string

    from index.engine.solr import ParleySolrSearchBackend

    backend = backend or ParleySolrSearchBackend("default", URL="http://solr.invalid/solr/parley")
    context = template_context(backend)
    return {
        "schema.xml": render_to_string(SCHEMA_TEMPLATE, context),
        "solrconfig.xml": render_to_string(SOLRCONFIG_TEMPLATE, context),
        **word_lists(),
    }

"""Folded, unstemmed words and "Did you mean" on the cluster engines, as on Whoosh.

The analysis Parley ships (Elasticsearch index settings and mapping, Solr's configset) is applied by
the stand-ins of tests/cluster_engines.py only as far as those settings spell it out
(tests/cluster_analysis.py: anything else is refused), so these tests pass only on what Parley sends.
"""

from urllib.parse import unquote_plus

import pytest
from django.http import QueryDict
from haystack import connections

from index.build import searchable_records
from index.engine.analysis import ParleyAnalyzer, parley_analyzer
from index.engine.cluster_analysis import DOCUMENT, STEMMED, WORDS
from index.engine.elasticsearch7 import ParleyElasticsearch7SearchBackend
from index.engine.solr_config import configset
from index.queue import enqueue
from index.worker import IndexWorker
from query.search import run_search
from tests import cluster_analysis
from tests.factories import make_article

pytestmark = pytest.mark.django_db

SAMPLES = [
    "Həsənov and HƏSƏNOV met Hasanov",
    "İlham Əliyev, ILHAM aliyev",
    "Abbas Araghchi signed the agreements in Tbilisi",
    "Nguyễn Phú Trọng; Šukrija Ćosić; Łukasz Żółw; Øyvind Ærø; Straße",
    "Алиев Москва Ελλάδα Ереван",
    "O'Brien visited the U.S. on 12.05 with a delegation",
]


def shipped_analyzers() -> dict[str, dict]:
    """Return the stand-ins' reading of the analysis Parley ships, by analyzer name, for each engine."""
    analysis = ParleyElasticsearch7SearchBackend.DEFAULT_SETTINGS["settings"]["analysis"]
    _, solr_types = cluster_analysis.solr_field_analyzers(configset())
    return {
        "elasticsearch": {name: cluster_analysis.elasticsearch_analyzer(analysis, name) for name in (DOCUMENT, WORDS)},
        "solr": {name: solr_types[name] for name in (DOCUMENT, WORDS)},
    }


@pytest.mark.parametrize("engine", ["elasticsearch", "solr"])
@pytest.mark.parametrize("text", SAMPLES)
def test_the_shipped_analysis_gives_whooshs_terms(engine, text):
    analyzers = shipped_analyzers()[engine]
    assert analyzers[DOCUMENT].terms(text) == [token.text for token in ParleyAnalyzer()(text)]
    assert analyzers[WORDS].terms(text) == [token.text for token in parley_analyzer(stop_words=False)(text)]


def test_the_mapping_and_schema_type_text_fields_with_parleys_analyzers(settings, tmp_path):
    from config.search_url import haystack_connections

    config = haystack_connections("elasticsearch://search.internal:9/parley", tmp_path)
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = config
    connections.reload("default")
    try:
        fields = connections["default"].get_unified_index().all_searchfields()
        _, mapping = connections["default"].get_backend().build_schema(fields)
    finally:
        connections.reload("default")
    analyzers = {name: spec["analyzer"] for name, spec in mapping.items() if spec.get("type") == "text"}
    assert analyzers == {"text": DOCUMENT, "stemmed": STEMMED}
    solr_fields, _ = cluster_analysis.solr_field_analyzers(configset())
    assert {name for name, analyzer in solr_fields.items() if analyzer} == {"text", "stemmed"}
    schema = configset()["schema.xml"]
    assert '<field name="text" type="parley_text"' in schema and '<field name="stemmed" type="parley_stemmed"' in schema
    assert "text_en" not in schema


def index_everything():
    for kind, pk in searchable_records():
        enqueue([pk], kind=kind, with_meetings=False)
    IndexWorker().drain()


def titles(query: str) -> set[str]:
    return {hit.article.title for hit in run_search(QueryDict(query)).hits if hit.article}


@pytest.fixture
def names(seeds):
    return {
        "hasanov": make_article(title="Həsənov received the delegation", body="Zakir Həsənov spoke in Baku."),
        "abbas": make_article(title="Abbas Araghchi in Baku", body="Abbas Araghchi arrived on Monday."),
        "abba": make_article(title="A concert in Baku", body="The band played abba songs all night."),
        "ilham": make_article(title="İlham Əliyev in Tehran", body="İLHAM ƏLİYEV was received."),
    }


@pytest.mark.contract
def test_names_fold_across_case_and_alphabet_on_the_engine(cluster, names):
    index_everything()
    hasanov = names["hasanov"].title
    for query in ("q=hasanov", "q=Həsənov", "q=HƏSƏNOV", "q=Hasanov"):
        assert hasanov in titles(query), query
    for query in ("q=ilham+aliyev", "q=İlham+Əliyev", "q=ILHAM"):
        assert names["ilham"].title in titles(query), query


@pytest.mark.contract
def test_words_are_also_searched_by_their_stems_and_names_are_not(cluster, names):
    index_everything()
    received = {names["hasanov"].title, names["ilham"].title}
    assert titles("q=received") == received
    assert titles("q=receive") == received  # the stemmed field, as on Whoosh: "receive" finds "received"
    assert titles("q=receiving+Baku") == {names["hasanov"].title}
    # Abbas is known here as a name (=abbas in the stemmed field): searched exactly, it never meets "abba".
    assert titles("q=Abbas") == titles("q=abbas") == {names["abbas"].title}
    assert titles("q=abba") == {names["abba"].title}
    if cluster.stand_in:  # the stem named in the stemmed field; never for Abbas (or abbas), only for abba
        sent = " ".join(unquote_plus(f"{r.params} {r.body.decode()}") for r in cluster.engine.requests)
        assert "stemmed:receiv^0.5" in sent and sent.count("stemmed:abba^0.5") == 1


def test_the_stand_ins_refuse_haystacks_own_stemmed_analysis(settings, seeds):
    """Haystack's stock Elasticsearch 7 mapping (``snowball`` on every text field) is not modelled: the
    stand-in refuses it, so no test above could pass on analysis that Parley does not send."""
    from tests.cluster_engines import start_cluster

    stand_in = start_cluster("elasticsearch")
    url = stand_in.search_url.replace("elasticsearch://", "http://").rsplit("/", 1)[0] + "/"
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine",
            "URL": url,
            "INDEX_NAME": "parley",
            "SILENTLY_FAIL": False,
        }
    }
    connections.reload("default")
    try:
        with pytest.raises(Exception, match="not modelled: analyzer 'snowball'"):  # noqa: PT011 - the client's error
            connections["default"].get_backend().setup()
    finally:
        stand_in.stop()
        connections.reload("default")


@pytest.mark.contract
def test_did_you_mean_on_the_page(client, cluster, names):
    index_everything()
    assert run_search(QueryDict("q=Araghchi+Abbass")).suggestion == "Araghchi Abbas"
    assert run_search(QueryDict("q=Abbas+Araghchi")).suggestion is None  # every word known
    assert run_search(QueryDict("q=abbass")).suggestion == "abbas"  # the case as typed
    assert run_search(QueryDict("q=Həsənv")).suggestion == "Hasanov"  # folded as the index holds it
    html = client.get("/search/?q=Araghchi+NOT+Abbass").content.decode()
    assert 'Did you mean <a href="?q=Araghchi+NOT+Abbas">Araghchi NOT Abbas</a>?' in html

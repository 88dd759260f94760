"""Full builds on a cluster engine: into a new index, switched in at once, the old one dropped; and
``build_index --if-stale`` / ``--if-unusable`` deciding from what the engine reports, so that
``make run`` does not rebuild an index that can serve.

Against the stand-in Elasticsearch 7 (an alias over concrete indexes, ``_aliases``) and Solr 9
(cores, CoreAdmin ``SWAP``) of tests/cluster_engines.py and tests/cluster_indices.py.
"""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article
from index import cluster_build, kinds
from index.engine.rebuilds import BUILD_RECORD_ID
from index.worker import IndexWorker
from tests.test_cluster_engines import index_everything, search

pytestmark = pytest.mark.django_db


def build_index(*options) -> str:
    out = io.StringIO()
    call_command("build_index", *options, "--retries", "1", stdout=out)
    return out.getvalue()


def live_name(cluster) -> str:
    """The concrete index (Elasticsearch) or the index folder (Solr) that serves ``parley`` now."""
    if cluster.dialect == "elasticsearch":
        return cluster.engine.resolve("parley")
    return cluster.engine.instance_dirs["parley"].rsplit("/", 1)[-1]


def builds_started(cluster) -> int:
    """How many new indexes were created (Elasticsearch ``PUT /parley-…``, Solr CoreAdmin CREATE)."""
    if cluster.dialect == "elasticsearch":
        puts = [r.path for r in cluster.engine.requests if r.method == "PUT"]
        return len({path for path in puts if re.fullmatch(r"/parley-[\d-]+", path)})
    admin = cluster.engine.requests_to(r"/solr/admin/cores$")
    return len([r for r in admin if r.params.get("action") == ["CREATE"]])


def model_documents(cluster) -> dict:
    return {key: doc for key, doc in cluster.engine.documents.items() if key != BUILD_RECORD_ID}


@pytest.mark.contract
def test_builds_are_switched_in_and_make_run_asks_the_engine_before_building(cluster, seeds):
    """What ``make run`` does twice: build before serving only when no index can serve, then in the
    background only when stale; searches answer the same after a rebuild."""
    assert cluster_build.condition() == (False, True)  # a new index or core, never built
    assert "Indexed" in build_index("--if-unusable")
    IndexWorker().drain()  # the seeds' own queued changes, applied again: the queue is empty
    assert cluster_build.condition() == (True, False)
    assert "can serve." in build_index("--if-unusable") and "up to date" in build_index("--if-stale")
    found = sorted(hit.article.pk for hit in search("q=Hasanov").hits)
    assert found
    build_index()
    assert sorted(hit.article.pk for hit in search("q=Hasanov").hits) == found
    assert cluster_build.condition() == (True, False)


def test_a_build_fills_a_new_index_and_switches_to_it_at_once(cluster, seeds):
    index_everything()  # the worker alone: Elasticsearch's index "parley" is a concrete index
    first_name = live_name(cluster)
    output = build_index()
    assert "now live" in output
    name = live_name(cluster)
    assert name != first_name and re.fullmatch(r"parley-\d{8}-\d{6}-\d{6}", name)
    assert len(model_documents(cluster)) == cluster_build.searchable_count() > 2
    assert {hit.article.pk for hit in search("q=Hasanov").hits}
    if cluster.dialect == "elasticsearch":
        (switch,) = cluster.engine.requests_to(r"^/_aliases$")
        assert switch.json()["actions"] == [
            {"remove_index": {"index": "parley"}},
            {"add": {"index": name, "alias": "parley"}},
        ]  # one request: never a moment without an index called "parley"
        assert set(cluster.engine.stores) == {name}
    else:
        swaps = [r.params for r in cluster.engine.requests_to(r"/admin/cores$") if r.params["action"] == ["SWAP"]]
        assert swaps == [{"action": ["SWAP"], "core": ["parley"], "other": [name], "wt": ["json"]}]
        assert set(cluster.engine.stores) == {"parley"}  # the old index, swapped out, was unloaded
    # A second build replaces the first, which is dropped.
    build_index()
    assert live_name(cluster) not in (name, first_name)
    if cluster.dialect == "elasticsearch":
        assert set(cluster.engine.stores) == {live_name(cluster)}
        actions = cluster.engine.requests_to(r"^/_aliases$")[-1].json()["actions"]
        assert actions == [
            {"remove": {"index": name, "alias": "parley"}},
            {"add": {"index": live_name(cluster), "alias": "parley"}},
        ]
    assert len(model_documents(cluster)) == cluster_build.searchable_count()


def test_searches_are_answered_from_the_live_index_during_a_build(cluster, seeds, monkeypatch):
    index_everything()
    before = [hit.article.pk for hit in search("q=Hasanov").hits]
    seen = []
    real = cluster_build.write_everything

    def write_and_search(backend, using, batch_size):
        count = real(backend, using, batch_size)
        seen.append([hit.article.pk for hit in search("q=Hasanov").hits])  # built, not yet switched
        return count

    monkeypatch.setattr(cluster_build, "write_everything", write_and_search)
    build_index()
    assert before and seen == [before]


def test_changes_made_during_a_build_reach_the_new_index(cluster, seeds, monkeypatch):
    index_everything()
    article = Article.objects.published().first()
    real = cluster_build.write_everything

    def write_then_edit(backend, using, batch_size):
        count = real(backend, using, batch_size)
        article.title = "Edited while the index was being built"
        article.save()
        IndexWorker().drain()  # applied to the index that still serves, and kept for the replay
        return count

    monkeypatch.setattr(cluster_build, "write_everything", write_then_edit)
    build_index()
    IndexWorker().drain()  # the replay, on the new index
    text = cluster.engine.documents[kinds.identifier("article", article.pk)]["text"]
    assert text.startswith("Edited while the index was being built")


def test_a_failed_build_drops_its_index_and_the_live_one_keeps_serving(cluster, seeds):
    index_everything()
    build_index()
    name, documents = live_name(cluster), dict(model_documents(cluster))
    cluster.engine.bad_documents = {kinds.identifier("article", Article.objects.published().first().pk)}
    with pytest.raises(Exception):  # noqa: B017, PT011 - the client's own error for a refused document
        build_index()
    assert live_name(cluster) == name and model_documents(cluster) == documents
    if cluster.dialect == "elasticsearch":
        assert set(cluster.engine.stores) == {name}
    else:
        assert set(cluster.engine.stores) == {"parley"}


def test_if_unusable_and_if_stale_build_only_when_the_engine_says_so(cluster, seeds):
    # No index at all: it cannot serve; `make run` builds it once, before serving...
    assert "Indexed" in build_index("--if-unusable")
    assert builds_started(cluster) == 1
    IndexWorker().drain()  # the seeds' own queued changes, applied again: the queue is empty
    # ...and neither the next `make run`'s --if-unusable nor its background --if-stale builds again.
    assert "can serve." in build_index("--if-unusable")
    assert "up to date" in build_index("--if-stale")
    assert builds_started(cluster) == 1
    # A document lost behind Parley's back (nothing queued explains it): stale, but it can serve.
    identifier = next(iter(model_documents(cluster)))
    del cluster.engine.documents[identifier]
    assert "can serve (stale" in build_index("--if-unusable")
    assert "Indexed" in build_index("--if-stale")
    assert builds_started(cluster) == 2 and identifier in cluster.engine.documents
    # A change waiting in the queue explains a difference: not stale.
    article = Article.objects.published().first()
    article.status = Article.Status.WITHDRAWN
    article.save()
    assert "up to date" in build_index("--if-stale")


def test_an_index_built_in_place_or_with_other_fields_cannot_serve(cluster, seeds):
    index_everything()  # documents, but no record of a full build (Haystack's update_index, the worker)
    assert cluster_build.condition() == (False, True)
    build_index("--if-unusable")
    assert cluster_build.condition() == (True, False)
    # The fields Parley indexes changed since (another mapping, another schema): it must be rebuilt.
    if cluster.dialect == "elasticsearch":
        cluster.engine.mappings[live_name(cluster)]["_meta"]["parley_build"]["schema"] = "an older schema"
    else:
        record = cluster.engine.documents[BUILD_RECORD_ID]
        record["parley_build_s"] = record["parley_build_s"].replace('"schema": "', '"schema": "older')
    assert cluster_build.condition() == (False, True)
    assert "Indexed" in build_index("--if-unusable")


def test_an_engine_that_cannot_be_reached_is_a_clear_error(cluster, seeds):
    cluster.stop()
    for option in ("--if-unusable", "--if-stale"):
        with pytest.raises(CommandError, match="cannot be reached"):
            build_index(option)

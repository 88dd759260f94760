"""The index worker's merge policy (index/engine/merging.py) on real Whoosh indexes in temporary folders."""

import pytest
from haystack import connections
from whoosh import fields, index
from whoosh.query import Every

from archive.models import Article
from index.engine.merging import FROZEN_DOCS, TieredMerge, worker_merge

SCHEMA = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT)


def make_index(tmp_path, segments: int, docs: int):
    """An index of ``segments`` segments of ``docs`` documents each, as a build leaves it (no merge)."""
    ix = index.create_in(str(tmp_path), SCHEMA)
    for s in range(segments):
        writer = ix.writer()
        for d in range(docs):
            writer.add_document(id=f"build-{s}-{d}", text=f"convoy harbour {s} {d}")
        writer.commit(merge=False)
    return ix


def segment_ids(ix) -> set[str]:
    return {segment.segment_id() for segment in ix._segments()}


def commit_one(ix, name: str, **commit) -> None:
    writer = ix.writer()
    writer.update_document(id=name, text="summit delegation")
    writer.commit(**commit)


def live_ids(ix) -> set[str]:
    with ix.searcher() as searcher:
        return {hit["id"] for hit in searcher.search(Every(), limit=None)}


def test_whoosh_default_policy_rewrites_the_whole_index_once_segments_pile_up(tmp_path):
    """Why Parley has its own policy: whoosh-reloaded's MERGE_SMALL merges every segment, the
    build's included, in one commit once a few small ones have joined them."""
    ix = make_index(tmp_path, segments=14, docs=FROZEN_DOCS)
    build = segment_ids(ix)
    for n in range(6):
        commit_one(ix, f"import-{n}")
    assert not build & segment_ids(ix)  # every build segment was rewritten by some commit


def test_worker_commits_never_rewrite_the_segments_of_a_build(tmp_path):
    ix = make_index(tmp_path, segments=14, docs=FROZEN_DOCS)
    build = segment_ids(ix)
    for n in range(25):
        commit_one(ix, f"import-{n}", mergetype=worker_merge)
        assert build <= segment_ids(ix)
    # 25 one-document segments became two merged ones and a few new ones, not 25.
    assert len(segment_ids(ix)) <= 14 + 9 + 9
    assert len(live_ids(ix)) == 14 * FROZEN_DOCS + 25


def test_small_segments_merge_a_tier_at_a_time(tmp_path):
    ix = make_index(tmp_path, segments=0, docs=0)
    policy = TieredMerge(factor=3, frozen_docs=50)
    for n in range(30):
        commit_one(ix, f"import-{n}", mergetype=policy)
        sizes = sorted(segment.doc_count_all() for segment in ix._segments())
        # At most factor - 1 segments per tier, plus the one just written.
        tiers = [policy.tier(segment) for segment in ix._segments()]
        assert all(tiers.count(tier) <= 3 for tier in set(tiers)), sizes
    assert live_ids(ix) == {f"import-{n}" for n in range(30)}


def test_deletions_are_dropped_by_merges_and_empty_segments_disappear(tmp_path):
    ix = make_index(tmp_path, segments=0, docs=0)
    policy = TieredMerge(factor=3, frozen_docs=50)
    for n in range(2):
        commit_one(ix, f"gone-{n}", mergetype=policy)
    writer = ix.writer()
    writer.delete_by_term("id", "gone-0")
    writer.delete_by_term("id", "gone-1")
    writer.commit(mergetype=policy)
    assert list(ix._segments()) == []  # both segments emptied: dropped, nothing read
    for n in range(5):
        commit_one(ix, f"kept-{n}", mergetype=policy)
    commit_one(ix, "kept-0", mergetype=policy)  # a replacement deletes the older copy
    assert live_ids(ix) == {f"kept-{n}" for n in range(5)}
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 5


def test_a_merge_policy_needs_a_factor_and_a_ceiling():
    with pytest.raises(ValueError):
        TieredMerge(factor=1)
    with pytest.raises(ValueError):
        TieredMerge(frozen_docs=0)


def test_the_backend_commits_with_the_worker_policy(indexed_seeds, monkeypatch):
    """Parley's backend (what the index worker writes through) leaves large segments alone where
    Whoosh's default policy rewrites them in the next commit (a smaller ceiling keeps the test quick)."""
    monkeypatch.setattr(worker_merge, "frozen_docs", 50)
    backend = indexed_seeds
    for s in range(13):
        writer = backend.index.refresh().writer()
        for d in range(50):
            pk = 900000 + 100 * s + d
            writer.add_document(id=f"archive.article.{pk}", django_ct="archive.article", django_id=str(pk))
        writer.commit(merge=False)
    large = {s.segment_id() for s in backend.index.refresh()._segments() if s.doc_count_all() >= 50}
    assert len(large) == 13
    search_index = connections["default"].get_unified_index().get_index(Article)
    backend.update(search_index, [Article.objects.first()])
    assert large <= {s.segment_id() for s in backend.index.refresh()._segments()}

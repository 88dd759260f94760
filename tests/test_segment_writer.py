"""The build's segment writer writes what Whoosh's own writer writes, faster.

index/engine/segment_writer.py replaces the posting pool and the length
lookups of Whoosh's SegmentWriter; a real Whoosh index in a temporary folder is
written both ways from the same prepared articles and read back term by term.
The build's bounded segments (many per process) must answer searches exactly as
one big segment does.
"""

import pytest
from django.http import QueryDict
from haystack import connections
from whoosh.index import create_in
from whoosh.writing import SegmentWriter

from archive import synthetic
from archive.models import Article
from index import build as indexing
from index.build import build_whoosh_index, index_queryset
from index.engine.segment_writer import BulkSegmentWriter, TermPool
from meetings.models import Agreement, Meeting
from query.search import run_search

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def prepared(seeds, search_index):
    """The prepared Whoosh documents of 60 synthetic articles and the seeds."""
    synthetic.generate(60, seed=11)
    engine = search_index
    engine.setup()
    unified = connections["default"].get_unified_index().get_index(Article)
    return engine, [engine.prepare_document(unified, article) for article in index_queryset().order_by("pk")]


def write(tmp_path, name, engine, docs, writer_class):
    (tmp_path / name).mkdir()
    index = create_in(str(tmp_path / name), engine.schema)
    if writer_class is BulkSegmentWriter:
        writer = BulkSegmentWriter(index)
        for doc in docs:
            writer.add_document(**doc)
        segment = writer.finish()
    else:
        writer = SegmentWriter(index, _lk=False)
        for doc in docs:
            writer.add_document(**doc)
        segment = writer._finalize_segment()
    index.writer().commit(mergetype=lambda _writer, existing: existing + [segment])
    return index


def contents(index) -> dict:
    """Everything a search reads from the index: terms, postings, term statistics, lengths, stored fields."""
    with index.reader() as reader:
        terms = {}
        for fieldname, btext in reader.all_terms():
            matcher = reader.postings(fieldname, btext)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            info = reader.term_info(fieldname, btext)
            stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight())
            terms[(fieldname, btext)] = (postings, stats)
        docs = range(reader.doc_count_all())
        lengths = {f: [reader.doc_field_length(d, f) for d in docs] for f in reader.indexed_field_names()}
        stored = [reader.stored_fields(d) for d in docs]
        return {"terms": terms, "lengths": lengths, "stored": stored, "field_lengths": reader.field_length("text")}


def test_bulk_writer_writes_what_whoosh_writes(tmp_path, prepared):
    engine, docs = prepared
    stock = contents(write(tmp_path, "stock", engine, docs, SegmentWriter))
    bulk = contents(write(tmp_path, "bulk", engine, docs, BulkSegmentWriter))
    assert len(stock["terms"]) > 1000
    assert bulk["terms"].keys() == stock["terms"].keys()
    for key, value in stock["terms"].items():
        assert bulk["terms"][key] == value, key
    assert bulk["lengths"] == stock["lengths"]
    assert bulk["stored"] == stock["stored"]
    assert bulk["field_lengths"] == stock["field_lengths"]


def test_term_pool_sorts_postings_that_arrive_out_of_order():
    pool = TermPool()
    for item in [("text", b"b", 5, 1.0, b"x"), ("text", b"a", 7, 1.0, b"y"), ("text", b"b", 2, 2.0, b"z")]:
        pool.add(item)
    assert list(pool.iter_postings()) == [
        ("text", b"a", 7, 1.0, b"y"),
        ("text", b"b", 2, 2.0, b"z"),
        ("text", b"b", 5, 1.0, b"x"),
    ]


QUERIES = [
    "q=minister",
    "q=military+cooperation",
    "q=%22defense+minister%22",
    "q=delegation+OR+protocol&sort=newest",
    "sort=newest",
    "q=minister&sort=oldest&page=2",
]


def search_everything() -> dict:
    found = {}
    for params in QUERIES:
        page = run_search(QueryDict(params))
        found[params] = (
            page.count,
            [(hit.article.pk, round(hit.score, 6)) for hit in page.hits],
            [(f.name, [(v.value, v.count) for v in f.values]) for f in page.facets],
        )
    return found


def test_small_segments_answer_like_one_segment(seeds, search_index, monkeypatch):
    synthetic.generate(90, seed=5)
    build_whoosh_index(procs=1)
    one_segment = search_everything()
    assert one_segment["sort=newest"][0] == Article.objects.published().count()

    monkeypatch.setattr(indexing, "SEGMENT_DOCS", 17)
    report = build_whoosh_index(procs=2)
    with search_index.index.refresh().reader() as reader:
        assert len(reader.leaf_readers()) == 6  # two processes, 46 articles each in segments of 17
    records = Article.objects.published().count() + Meeting.objects.public().count()
    assert report.documents == records + Agreement.objects.public().count()
    assert search_everything() == one_segment

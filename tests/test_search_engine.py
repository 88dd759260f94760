"""The Whoosh backend's own semantics, checked against the database by brute force.

The backend answers from numpy arrays cached per index generation
(index/engine/snapshot.py); these tests pin what must not change: exact facet
counts, windows at any offset, sort orders, combined filters, and that a commit,
a deletion or a swap to a new index generation is seen by the next search.
"""

import collections
import datetime
import time

import pytest
from django.http import QueryDict
from haystack.inputs import Raw
from haystack.query import SearchQuerySet
from whoosh import query as wq

from archive import synthetic
from archive.models import Article
from index.build import build_whoosh_index
from meetings.models import Agreement, Meeting
from query.search import run_search

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def corpus(seeds, search_index):
    """80 synthetic articles plus the seeds, indexed by the parallel build (two processes)."""
    synthetic.generate(80, seed=7)
    report = build_whoosh_index(procs=2)
    searchable = [Article.objects.published(), Meeting.objects.public(), Agreement.objects.public()]
    assert report.documents == sum(records.count() for records in searchable)
    return search_index


def db_facets(pks) -> dict[str, collections.Counter]:
    """Facet counts over the articles ``pks``, counted from the database."""
    articles = Article.objects.filter(pk__in=pks).prefetch_related("countries", "participations__person")
    counts = {name: collections.Counter() for name in ("countries", "officials", "source", "year")}
    for article in articles:
        counts["countries"].update(c.code for c in article.countries.all())
        counts["officials"].update({p.person.slug for p in article.participations.all()})
        if article.source_id:
            counts["source"][article.source.slug] += 1
        counts["year"][f"{article.published_on:%Y}"] += 1
    return counts


def all_pks(sqs) -> list[int]:
    return [int(r.pk) for r in sqs]


def facet_dict(sqs) -> dict[str, dict]:
    return {name: dict(pairs) for name, pairs in sqs.facet_counts()["fields"].items()}


def faceted(sqs):
    for name in ("countries", "officials", "source", "year"):
        sqs = sqs.facet(name)
    return sqs


@pytest.mark.parametrize("text", [None, "delegation", "military cooperation", '"joint exercises"', "security -naval"])
def test_facet_counts_are_exact(corpus, text):
    sqs = faceted(SearchQuerySet().models(Article))
    if text:
        sqs = sqs.filter(content=Raw(text))
    pks = all_pks(sqs)
    assert len(pks) == sqs.count() == len(set(pks))
    if text is None:
        assert set(pks) == set(Article.objects.published().values_list("pk", flat=True))
    expected = db_facets(pks)
    assert facet_dict(sqs) == {name: dict(counter) for name, counter in expected.items()}


def test_hits_match_whoosh_own_matching(corpus):
    backend = corpus
    snap = backend.snapshot()
    for text in ("delegation", "military cooperation", '"joint exercises"', "secur*", "NOT delegation"):
        parsed = backend.parse(text)
        whoosh_docs = set(snap.searcher.docs_for_query(parsed))
        assert set(map(int, snap.mask(parsed).nonzero()[0])) == whoosh_docs, text


def test_filters_combine_like_the_database(corpus):
    article = Article.objects.published().filter(participations__isnull=False).first()
    country = article.countries.first()
    official = article.participations.first().person
    params = QueryDict(mutable=True)
    params.setlist("country", [country.code])
    params.setlist("official", [official.slug])
    params["date_from"], params["date_to"] = "2000-01-01", "2026-12-31"
    params["sort"] = "oldest"
    page = run_search(params)
    expected = (
        Article.objects.published()
        .filter(countries=country, participations__person=official)
        .filter(published_on__gte=datetime.date(2000, 1, 1), published_on__lte=datetime.date(2026, 12, 31))
        .distinct()
    )
    assert page.count == expected.count()
    assert [h.article.published_on for h in page.hits] == sorted(a.published_on for a in expected)[:20]


def test_date_range_bounds_are_inclusive(corpus):
    day = Article.objects.published().order_by("published_on")[10].published_on
    page = run_search(QueryDict(f"date_from={day}&date_to={day}"))
    assert page.count == Article.objects.published().filter(published_on=day).count() >= 1


@pytest.mark.parametrize("order", [[], ["-date"], ["date"]])
@pytest.mark.parametrize("window", [(0, 10), (5, 15), (3, 4), (17, 40), (79, 200)])
def test_windows_at_any_offset(corpus, order, window):
    sqs = SearchQuerySet().models(Article).filter(content=Raw("delegation OR cooperation OR security"))
    sqs = sqs.order_by(*order) if order else sqs
    everything = all_pks(sqs)
    start, end = window
    assert [int(r.pk) for r in sqs[start:end]] == everything[start:end]


def test_sort_orders_follow_the_dates(corpus):
    newest = all_pks(SearchQuerySet().models(Article).order_by("-date"))
    oldest = all_pks(SearchQuerySet().models(Article).order_by("date"))
    dates = dict(Article.objects.values_list("pk", "published_on"))
    assert [dates[pk] for pk in newest] == sorted(dates[pk] for pk in newest)[::-1]
    assert [dates[pk] for pk in oldest] == sorted(dates[pk] for pk in oldest)
    assert newest == oldest[::-1]  # ties broken the same way, reversed


def test_relevance_puts_the_densest_match_first(corpus):
    from tests.factories import make_article

    target = make_article(title="Zebrafish zebrafish", body="Zebrafish zebrafish zebrafish talks.")
    make_article(title="Other", body="A long text " + "word " * 200 + "zebrafish once.")
    corpus.update(
        corpus._unified_index().get_index(Article), Article.objects.filter(title__in=["Zebrafish zebrafish", "Other"])
    )
    results = list(SearchQuerySet().models(Article).filter(content=Raw("zebrafish")))
    assert [int(r.pk) for r in results][0] == target.pk
    assert results[0].score > results[1].score > 0


def test_count_only_queries_load_no_document(corpus, monkeypatch):
    sqs = faceted(SearchQuerySet().models(Article)).filter(content=Raw("delegation"))
    loaded = []
    original = corpus.make_result
    monkeypatch.setattr(corpus, "make_result", lambda *a, **k: loaded.append(a) or original(*a, **k))
    assert sqs.count() > 0
    assert sqs.facet_counts()["fields"]["year"]
    assert loaded == []


def test_a_commit_is_seen_by_the_next_search(corpus):
    from tests.factories import make_article

    before = faceted(SearchQuerySet().models(Article)).facet_counts()["fields"]["year"]
    article = make_article(title="Quokka summit", body="Quokka delegation.", published_on=datetime.date(1999, 5, 5))
    corpus.update(corpus._unified_index().get_index(Article), [article])
    sqs = faceted(SearchQuerySet().models(Article))
    assert dict(sqs.facet_counts()["fields"]["year"])["1999"] == 1
    assert len(sqs.facet_counts()["fields"]["year"]) == len(before) + 1
    assert [int(r.pk) for r in sqs.filter(content=Raw("quokka"))] == [article.pk]
    assert int(sqs.order_by("date")[0].pk) == article.pk

    corpus.remove(article)
    sqs = faceted(SearchQuerySet().models(Article))
    assert "1999" not in dict(sqs.facet_counts()["fields"]["year"])
    assert sqs.filter(content=Raw("quokka")).count() == 0
    assert article.pk not in all_pks(sqs.order_by("-date"))


def test_a_new_generation_is_seen_after_the_swap(corpus):
    first = corpus.snapshot()
    doomed = Article.objects.published().order_by("pk").first()
    doomed.status = Article.Status.WITHDRAWN
    doomed.save()
    build_whoosh_index(procs=1)
    assert corpus.snapshot() is not first
    sqs = SearchQuerySet().models(Article)
    assert doomed.pk not in all_pks(sqs)
    assert sqs.count() == Article.objects.published().count()


def test_parallel_and_single_builds_give_the_same_answers(corpus):
    sqs = faceted(SearchQuerySet().models(Article)).filter(content=Raw("cooperation")).order_by("-date")
    parallel = (all_pks(sqs), facet_dict(sqs))
    build_whoosh_index(procs=1)
    sqs = faceted(SearchQuerySet().models(Article)).filter(content=Raw("cooperation")).order_by("-date")
    assert (all_pks(sqs), facet_dict(sqs)) == parallel


def test_more_like_this_finds_related_articles(corpus):
    article = Article.objects.published().filter(slug__startswith="syn-").first()
    related = list(SearchQuerySet().more_like_this(article)[:5])
    assert related and article.pk not in [int(r.pk) for r in related]


def test_spelling_is_suggested_for_unknown_words_only(corpus):
    backend = corpus
    snap = backend.snapshot()
    assert backend.create_spelling_suggestion("delegation", snap.reader) is None
    assert backend.create_spelling_suggestion("delegatoin", snap.reader) == "delegation"
    assert run_search(QueryDict("q=delegatoin")).suggestion == "delegation"


def test_empty_and_nonsense_queries_answer(corpus):
    assert SearchQuerySet().models(Article).filter(content=Raw("zzzqqq")).count() == 0
    assert run_search(QueryDict("q=%22%22&page=999")).count >= 0
    snap = corpus.snapshot()
    assert not snap.mask(wq.NullQuery).any()


def test_snapshot_arrays_equal_whoosh_own_readers(corpus):
    """Lengths, dates and keyword postings are read in bulk (snapshot.py); they must be
    what Whoosh's per-document readers return, in every segment, also after a deletion."""
    import numpy as np

    from index.engine import columns

    article = Article.objects.published().order_by("pk").first()
    corpus.remove(article)  # a segment with a deletion
    snap = corpus.snapshot()
    lengths, dates = [], []
    for leaf, _offset in snap.leaves:
        count = leaf.doc_count_all()
        lengths.extend(leaf.doc_field_length(i, "text") or 0 for i in range(count))
        dates.extend(v if v is not None else 0 for v in leaf.column_reader("date", translate=False))
        for btext in leaf.lexicon("countries"):
            ids = list(leaf.postings("countries", btext).all_ids())
            assert columns.read_ids(leaf.postings("countries", btext)).tolist() == ids
    assert len(snap.leaves) >= 2
    assert snap.lengths("text").tolist() == lengths
    assert snap.values("date").tolist() == dates
    assert np.count_nonzero(snap.lengths("text")) == len(lengths)  # every article has text


def test_a_snapshot_waits_out_commits_that_keep_replacing_the_generation(corpus, monkeypatch):
    """Between reading the newest table of contents and opening its segments, a commit can delete them
    (FileNotFoundError): the open is tried again for OPEN_PATIENCE seconds, not five times (under load
    eight curators' commits outran five tries in 0.15 s, and a search answered 503)."""
    from index.engine import snapshot as snapshots

    real, raced = snapshots.Snapshot, []

    def commit_in_between(*args, **kwargs):
        if len(raced) < 8:  # eight commits in a row land while the generation is being opened
            raced.append(True)
            raise FileNotFoundError("_MAIN_1.toc")
        return real(*args, **kwargs)

    snapshots._snapshots.clear()
    monkeypatch.setattr(snapshots, "Snapshot", commit_in_between)
    snap = corpus.snapshot()
    assert len(raced) == 8 and snap.size > 0


def test_a_generation_that_never_opens_is_an_error_after_the_patience(corpus, monkeypatch):
    from index.engine import snapshot as snapshots

    def always_replaced(*args, **kwargs):
        raise FileNotFoundError("_MAIN_1.toc")

    snapshots._snapshots.clear()
    monkeypatch.setattr(snapshots, "Snapshot", always_replaced)
    monkeypatch.setattr(snapshots, "OPEN_PATIENCE", 0.3)
    started = time.monotonic()
    with pytest.raises(FileNotFoundError):
        corpus.snapshot()
    assert 0.3 <= time.monotonic() - started < 1.5
